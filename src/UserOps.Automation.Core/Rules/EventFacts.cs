using System.Text.Json;
using System.Text.Json.Nodes;
using UserOps.Automation.Core.Events;

namespace UserOps.Automation.Core.Rules;

/// <summary>What a rule sees as <c>event</c>: the triggering event (event triggers and waits only).</summary>
public sealed record EventFacts
{
    public required string Name { get; init; }
    public string? Category { get; init; }
    public long? AmountMinor { get; init; }
    public string? Currency { get; init; }

    /// <summary>Properties as strings: <c>event.Properties["query"]</c>. Missing keys are absent, so guard with <c>ContainsKey</c>.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    public static EventFacts From(ContactEvent contactEvent)
    {
        ArgumentNullException.ThrowIfNull(contactEvent);
        return new EventFacts
        {
            Name = contactEvent.Name,
            Category = contactEvent.Category,
            AmountMinor = contactEvent.AmountMinor,
            Currency = contactEvent.Currency,
            Properties = contactEvent.Properties
                .Where(p => p.Value is not null)
                .ToDictionary(p => p.Key, p => p.Value!.GetValueKind() == JsonValueKind.String ? p.Value.GetValue<string>() : p.Value.ToJsonString()),
        };
    }

    /// <summary>The event as a journey keeps it (and as templates read it).</summary>
    public JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["category"] = Category,
        ["amountMinor"] = AmountMinor,
        ["currency"] = Currency,
        ["properties"] = new JsonObject(Properties.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))),
    };

    public static EventFacts? FromJson(JsonObject? json)
    {
        if (json is null || json["name"]?.GetValue<string>() is not { } name)
        {
            return null;
        }

        return new EventFacts
        {
            Name = name,
            Category = json["category"]?.GetValue<string>(),
            AmountMinor = json["amountMinor"]?.GetValue<long>(),
            Currency = json["currency"]?.GetValue<string>(),
            Properties = (json["properties"] as JsonObject)?.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? string.Empty) ?? [],
        };
    }
}
