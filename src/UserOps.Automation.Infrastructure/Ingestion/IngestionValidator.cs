using System.Globalization;
using System.Net.Mail;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace UserOps.Automation.Infrastructure.Ingestion;

/// <summary>
/// Checks and normalises contacts and events. Every problem is reported against the API's field name
/// (<c>email</c>, <c>pushTokens[1].platform</c>), lengths follow the EF model.
/// </summary>
public sealed class IngestionValidator(IOptions<IngestionOptions> options)
{
    private const int MaxJsonChars = 32 * 1024;
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <summary>Validates <paramref name="input"/>; returns the normalised contact or the errors.</summary>
    public (ContactInput? Contact, Dictionary<string, string[]> Errors) Validate(ContactInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var externalId = ExternalId(input.ExternalId, "externalId", errors);
        var email = Email(input.Email, errors);
        var phone = Phone(input.Phone, errors);
        var locale = Locale(input.Locale, "locale", errors);
        var timeZone = TimeZone(input.TimeZone, "timeZone", errors);
        var country = Country(input.Country, errors);
        var firstName = Text(input.FirstName, "firstName", 100, errors);
        var lastName = Text(input.LastName, "lastName", 100, errors);
        var city = Text(input.City, "city", 100, errors);
        Json(input.Attributes, "attributes", errors);
        var tags = input.Tags?.Select(t => t?.Trim() ?? string.Empty).ToList();
        for (var i = 0; tags is not null && i < tags.Count; i++)
        {
            if (tags[i].Length is 0 or > 100)
            {
                errors[$"tags[{i}]"] = ["A tag must have 1 to 100 characters."];
            }
        }

        if (tags is { Count: > 100 })
        {
            errors["tags"] = ["At most 100 tags."];
        }

        for (var i = 0; input.PushTokens is not null && i < input.PushTokens.Count; i++)
        {
            var token = input.PushTokens[i];
            if (string.IsNullOrWhiteSpace(token?.Token) || token.Token.Length > 1000)
            {
                errors[$"pushTokens[{i}].token"] = ["A push token is required and has at most 1000 characters."];
            }

            if (token?.Platform is not ("fcm" or "webpush"))
            {
                errors[$"pushTokens[{i}].platform"] = ["The platform must be 'fcm' or 'webpush'."];
            }

            if (token?.Keys is { } keys && keys.ToJsonString().Length > 1000)
            {
                errors[$"pushTokens[{i}].keys"] = ["The subscription keys have at most 1000 characters of JSON."];
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (input with
        {
            ExternalId = externalId,
            Email = email,
            Phone = phone,
            Locale = locale,
            TimeZone = timeZone,
            Country = country,
            FirstName = firstName,
            LastName = lastName,
            City = city,
            Tags = tags?.Distinct(StringComparer.Ordinal).ToList(),
        }, errors);
    }

    /// <summary>Validates <paramref name="input"/> as of <paramref name="now"/> (UTC).</summary>
    internal (ValidEvent? Event, Dictionary<string, string[]> Errors) Validate(EventInput input, int index, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var externalId = ExternalId(input.ExternalId, "externalId", errors);
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            errors["name"] = ["An event name is required and has at most 200 characters."];
        }

        var timestamp = input.Timestamp?.UtcDateTime ?? now;
        if (timestamp > now + options.Value.MaxFutureSkew)
        {
            errors["timestamp"] = [$"The timestamp {input.Timestamp:O} is in the future (now is {now:O})."];
        }

        var currency = input.Currency?.Trim().ToUpperInvariant();
        if (currency is not null && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)))
        {
            errors["currency"] = ["The currency must be an ISO 4217 code such as CNY, USD or JPY."];
        }

        long? amountMinor = null;
        if (input.Amount is { } amount)
        {
            currency ??= options.Value.DefaultCurrency;
            amountMinor = Math.Abs(amount) <= 1_000_000_000_000m ? Currencies.ToMinor(amount, currency) : null;
            if (amountMinor is null)
            {
                errors["amount"] = ["The amount is out of range."];
            }
        }

        var messageId = input.MessageId?.Trim();
        if (messageId is { Length: 0 or > 200 })
        {
            errors["messageId"] = ["A messageId has 1 to 200 characters."];
        }

        var properties = input.Properties ?? [];
        Json(properties, "properties", errors);
        var category = properties["category"] is JsonValue v && v.TryGetValue<string>(out var c) ? c.Trim() : null;
        if (category is { Length: > 100 })
        {
            errors["properties.category"] = ["A category has at most 100 characters."];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new ValidEvent(index, externalId!, name!, timestamp, properties, amountMinor, currency, category is { Length: > 0 } ? category : null, messageId), errors);
    }

    private static string? ExternalId(string? value, string field, Dictionary<string, string[]> errors)
    {
        var id = value?.Trim();
        if (string.IsNullOrEmpty(id) || id.Length > 200)
        {
            errors[field] = ["An externalId is required and has at most 200 characters."];
        }

        return id;
    }

    private static string? Email(string? value, Dictionary<string, string[]> errors)
    {
        var email = value?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            return null;
        }

        // MailAddress accepts display names and odd forms; require that it read back the bare address, with a dotted domain.
        var at = email.LastIndexOf('@');
        if (email.Length > 320
            || !MailAddress.TryCreate(email, out var parsed)
            || !string.Equals(parsed.Address, email, StringComparison.Ordinal)
            || at < 1
            || email.Any(char.IsWhiteSpace)
            || !email[(at + 1)..].Contains('.', StringComparison.Ordinal)
            || email.EndsWith('.'))
        {
            errors["email"] = [$"'{Shorten(email)}' is not a valid email address."];
            return null;
        }

        return email[..at] + "@" + email[(at + 1)..].ToLowerInvariant();
    }

    private string? Phone(string? value, Dictionary<string, string[]> errors)
    {
        var phone = value?.Trim();
        if (string.IsNullOrEmpty(phone))
        {
            return null;
        }

        try
        {
            var number = Phones.Parse(phone, options.Value.DefaultRegion);
            if (Phones.IsValidNumber(number))
            {
                return Phones.Format(number, PhoneNumberFormat.E164);
            }
        }
        catch (NumberParseException)
        {
            // Reported below with the same message as an unassigned number.
        }

        errors["phone"] = [$"'{Shorten(phone)}' is not a valid phone number (numbers without '+' are read as {options.Value.DefaultRegion})."];
        return null;
    }

    public static string? Locale(string? value, string field, Dictionary<string, string[]> errors)
    {
        var locale = value?.Trim().Replace('_', '-');
        if (string.IsNullOrEmpty(locale))
        {
            return null;
        }

        try
        {
            var culture = CultureInfo.GetCultureInfo(locale, predefinedOnly: true);
            if (culture.Name.Length is > 0 and <= 35)
            {
                return culture.Name;
            }
        }
        catch (CultureNotFoundException)
        {
            // Reported below.
        }

        errors[field] = [$"'{Shorten(locale)}' is not a known locale (use a BCP 47 tag such as zh-CN)."];
        return null;
    }

    public static string? TimeZone(string? value, string field, Dictionary<string, string[]> errors)
    {
        var id = value?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        if (id.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId)
        {
            return zone.Id;
        }

        errors[field] = [$"'{Shorten(id)}' is not an IANA time zone (e.g. Asia/Shanghai)."];
        return null;
    }

    private static string? Country(string? value, Dictionary<string, string[]> errors)
    {
        var country = value?.Trim();
        if (string.IsNullOrEmpty(country))
        {
            return null;
        }

        if (country.Length == 2 && country.All(char.IsAsciiLetter))
        {
            return country.ToUpperInvariant();
        }

        errors["country"] = [$"'{Shorten(country)}' is not an ISO 3166 two-letter country code (e.g. CN)."];
        return null;
    }

    private static string? Text(string? value, string field, int max, Dictionary<string, string[]> errors)
    {
        var text = value?.Trim();
        if (text is { Length: > 0 } && text.Length > max)
        {
            errors[field] = [$"At most {max} characters."];
        }

        return string.IsNullOrEmpty(text) ? null : text;
    }

    private static void Json(JsonObject? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is not null && value.ToJsonString().Length > MaxJsonChars)
        {
            errors[field] = [$"At most {MaxJsonChars} characters of JSON."];
        }
    }

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..60] + "…";
}
