using System.Text.Json.Nodes;
using UserOps.Automation.Core.Contacts;

namespace UserOps.Automation.Infrastructure.Ingestion;

/// <summary>Copies a validated <see cref="ContactInput"/> onto a contact: given fields win, absent fields stay.</summary>
internal static class ContactUpsert
{
    public static void Apply(Contact contact, ContactInput input, DateTime now)
    {
        contact.Email = input.Email ?? contact.Email;
        contact.Phone = input.Phone ?? contact.Phone;
        contact.FirstName = input.FirstName ?? contact.FirstName;
        contact.LastName = input.LastName ?? contact.LastName;
        contact.Locale = input.Locale ?? contact.Locale;
        contact.TimeZone = input.TimeZone ?? contact.TimeZone;
        contact.Country = input.Country ?? contact.Country;
        contact.City = input.City ?? contact.City;
        if (input.Attributes is { Count: > 0 } attributes)
        {
            // A new object rather than an in-place edit, so the change is seen even by a snapshot-less comparer.
            var merged = (JsonObject)contact.Attributes.DeepClone();
            foreach (var (key, value) in attributes)
            {
                merged[key] = value?.DeepClone();
            }

            contact.Attributes = merged;
        }

        if (input.Tags is { } tags)
        {
            contact.Tags = [.. tags];
        }

        if (input.Consent is { } consent)
        {
            contact.Consent.Email = consent.Email ?? contact.Consent.Email;
            contact.Consent.Sms = consent.Sms ?? contact.Consent.Sms;
            contact.Consent.Push = consent.Push ?? contact.Consent.Push;
        }

        foreach (var token in input.PushTokens ?? [])
        {
            var keys = token.Keys?.ToJsonString();
            var existing = contact.PushTokens.FirstOrDefault(t => t.Token == token.Token);
            if (existing is null)
            {
                contact.AddPushToken(token.Token!, token.Platform!, keys, now);
            }
            else if (keys is not null)
            {
                existing.Keys = keys;
            }
        }

        contact.Touch(now);
    }
}
