using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Fluid;
using Fluid.Values;
using Microsoft.Extensions.FileProviders;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Events;
using UserOps.Automation.Core.Messaging;

namespace UserOps.Automation.Infrastructure.Messaging.Templates;

/// <summary>
/// The one <see cref="TemplateOptions"/> templates run with. Only the members registered here by name are
/// reachable; every other .NET member renders as nothing, no file can be included and loops are bounded.
/// Names are snake_case, as Liquid users expect (<c>contact.first_name</c>, <c>coupon.expires_at</c>).
/// </summary>
internal sealed class TemplateSandbox
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Zones = new(StringComparer.OrdinalIgnoreCase);

    // CultureInfo.GetCultureInfo takes a lock on every call: measured at ~40 % of a render, and worse with renders on several threads.
    private static readonly ConcurrentDictionary<string, CultureInfo> Cultures = new(StringComparer.OrdinalIgnoreCase);

    public TemplateSandbox()
    {
        var options = new TemplateOptions
        {
            MaxSteps = 10_000,
            MaxRecursion = 10,
            CultureInfo = CultureInfo.InvariantCulture,
            TimeZone = TimeZoneInfo.Utc,
            FileProvider = new NullFileProvider(),
        };

        var members = options.MemberAccessStrategy;
        members.Register<Contact, string?>("first_name", c => c.FirstName);
        members.Register<Contact, string?>("last_name", c => c.LastName);
        members.Register<Contact, string?>("email", c => c.Email);
        members.Register<Contact, string?>("phone", c => c.Phone);
        members.Register<Contact, string?>("locale", c => c.Locale);
        members.Register<Contact, string?>("time_zone", c => c.TimeZone);
        members.Register<Contact, string?>("country", c => c.Country);
        members.Register<Contact, string?>("city", c => c.City);
        members.Register<Contact, JsonObject>("attributes", c => c.Attributes);
        members.Register<Contact, List<string>>("tags", c => c.Tags);

        members.Register<ContactEvent, string>("name", e => e.Name);
        members.Register<ContactEvent, JsonObject>("properties", e => e.Properties);
        members.Register<ContactEvent, decimal?>("amount", e => e.AmountMinor / 100m);

        members.Register<JourneyScope, JsonObject>("variables", j => j.Variables);

        members.Register<CouponDetails, string>("code", c => c.Code);
        members.Register<CouponDetails, string?>("value", c => c.Value);
        members.Register<CouponDetails, DateTimeOffset>("expires_at", c => new DateTimeOffset(DateTime.SpecifyKind(c.ExpiresAt, DateTimeKind.Utc)));

        // Free-form JSON is data, not code: any key can be read, nothing else.
        members.Register<JsonObject, JsonNode?>((json, name) => json[name]);
        options.ValueConverters.Add(JsonValues.Convert);

        options.Filters.AddFilter("local_date", LocalDateFilter.Apply);
        Options = options;
    }

    public TemplateOptions Options { get; }

    public FluidParser Parser { get; } = new();

    /// <summary>
    /// A fresh context for one render: the contact's culture and time zone, and the five roots as one model object
    /// (<see cref="MessageRoots"/>), which resolves only those names: the model's own .NET members stay unreachable.
    /// </summary>
    public TemplateContext CreateContext(MessageContext message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var contact = message.Contact;
        return new TemplateContext(new MessageRoots(message), Options, allowModelMembers: false)
        {
            CultureInfo = CultureOf(contact.Locale),
            TimeZone = ZoneOf(contact.TimeZone),
        };
    }

    internal static CultureInfo CultureOf(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return CultureInfo.InvariantCulture;
        }

        // Bounded: locales come from contact data, and a flood of made-up ones must not grow the cache for ever.
        return Cultures.TryGetValue(locale, out var known) ? known
            : Cultures.Count < 1000 ? Cultures.GetOrAdd(locale, FindCulture)
            : FindCulture(locale);
    }

    private static CultureInfo FindCulture(string locale)
    {
        try
        {
            return CultureInfo.GetCultureInfo(locale);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }

    internal static TimeZoneInfo ZoneOf(string? zone) =>
        string.IsNullOrWhiteSpace(zone)
            ? TimeZoneInfo.Utc
            : Zones.GetOrAdd(zone, z => TimeZoneInfo.TryFindSystemTimeZoneById(z, out var found) ? found : TimeZoneInfo.Utc);

    /// <summary>What <c>journey</c> is in a template: only its variables.</summary>
    internal sealed record JourneyScope(JsonObject Variables);
}
