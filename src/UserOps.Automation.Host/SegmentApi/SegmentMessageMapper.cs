using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using UserOps.Automation.Infrastructure.Ingestion;

namespace UserOps.Automation.Host.SegmentApi;

/// <summary>
/// Maps Segment messages to contacts and events. Known traits become contact fields, the rest attributes;
/// <c>revenue</c>, <c>total</c> or <c>price</c> with <c>currency</c> become the amount; properties are kept as sent.
/// </summary>
internal static class SegmentMessageMapper
{
    public const string PageViewed = "page_viewed";
    public const string ScreenViewed = "screen_viewed";

    private static readonly HashSet<string> KnownTraits = new(StringComparer.Ordinal)
    {
        "email", "phone", "firstName", "first_name", "lastName", "last_name", "name", "timezone", "locale", "address",
    };

    public static ContactInput ToContact(SegmentMessage message)
    {
        var traits = message.Traits ?? [];
        var (first, last) = (Text(traits, "firstName") ?? Text(traits, "first_name"), Text(traits, "lastName") ?? Text(traits, "last_name"));
        if (first is null && last is null && Text(traits, "name") is { } name)
        {
            var space = name.Trim().IndexOf(' ', StringComparison.Ordinal);
            (first, last) = space > 0 ? (name[..space].Trim(), name[(space + 1)..].Trim()) : (name.Trim(), null);
        }

        var attributes = new JsonObject();
        foreach (var (key, value) in traits)
        {
            if (!KnownTraits.Contains(key))
            {
                attributes[key] = value?.DeepClone();
            }
        }

        // Segment's address.country is free text ("China", "USA"); only an ISO code becomes the country field.
        var address = traits["address"] as JsonObject;
        var country = address is null ? null : Text(address, "country");
        if (country is not null && country.Length != 2)
        {
            attributes["country"] = country;
            country = null;
        }

        return new ContactInput
        {
            ExternalId = ExternalId(message),
            Email = Text(traits, "email"),
            Phone = Text(traits, "phone"),
            FirstName = first,
            LastName = last,
            TimeZone = Text(traits, "timezone") ?? ValidOrNull(Text(message.Context, "timezone"), IngestionValidator.TimeZone),
            Locale = Text(traits, "locale") ?? ValidOrNull(Text(message.Context, "locale"), IngestionValidator.Locale),
            Country = country,
            City = address is null ? null : Text(address, "city"),
            Attributes = attributes.Count > 0 ? attributes : null,
        };
    }

    public static EventInput ToEvent(SegmentMessage message)
    {
        // The message was bound for this call alone: its properties become the event's as they are, not a copy.
        var properties = message.Properties ?? [];
        var name = message.Type?.ToLowerInvariant() switch
        {
            "page" => PageViewed,
            "screen" => ScreenViewed,
            _ => message.Event,
        };
        if (message.Type is "page" or "screen" && message.Name is { } pageName && !properties.ContainsKey("name"))
        {
            properties["name"] = pageName;
        }

        return new EventInput
        {
            ExternalId = ExternalId(message),
            Name = name,
            Timestamp = message.Timestamp,
            Properties = properties,
            Amount = Number(properties, "revenue") ?? Number(properties, "total") ?? Number(properties, "price"),
            Currency = Text(properties, "currency"),
            MessageId = message.MessageId,
        };
    }

    /// <summary>The Segment field a validation error is about, so a client sees the name it sent.</summary>
    public static string FieldOf(string field, bool isEvent) => (field, isEvent) switch
    {
        ("externalId", _) => "userId",
        ("name", true) => "event",
        ("amount", true) => "properties.revenue",
        ("currency", true) => "properties.currency",
        (_, true) => field,
        ("timeZone", false) => "traits.timezone",
        ("country" or "city", false) => "traits.address." + field,
        _ => "traits." + field,
    };

    /// <summary>Segment identifies a user by <c>userId</c>, or by <c>anonymousId</c> before sign-in.</summary>
    private static string? ExternalId(SegmentMessage message) =>
        !string.IsNullOrWhiteSpace(message.UserId) ? message.UserId : message.AnonymousId;

    private static string? Text(JsonObject? json, string key) =>
        json?[key] is JsonValue value && value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number
            ? (value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString())
            : null;

    private static decimal? Number(JsonObject json, string key) => json[key] is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.Number => value.GetValue<decimal>(),
            JsonValueKind.String when decimal.TryParse(value.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        }
        : null;

    private static string? ValidOrNull(string? value, Func<string?, string, Dictionary<string, string[]>, string?> validate) =>
        value is null ? null : validate(value, "context", []) is { } valid && valid.Length > 0 ? valid : null;
}
