using System.Globalization;
using System.Text.Json;

namespace UserOps.Automation.Core.Workflows.Activities;

/// <summary>
/// Reads typed inputs off an activity node. Each reader throws <see cref="FormatException"/> with a message
/// an operator understands; the validator collects those messages, the runtime reads inputs only after validation.
/// </summary>
public static class ActivityInputs
{
    public static string? Text(ActivityNode node, string name)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Input(name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.String } value => value.GetString(),
            _ => throw new FormatException($"'{name}' must be a string"),
        };
    }

    public static string RequiredText(ActivityNode node, string name) =>
        Text(node, name) is { Length: > 0 } text ? text : throw new FormatException($"'{name}' is required");

    /// <summary><c>{ "amount": 7, "unit": "days" }</c>; units minutes, hours, days, weeks.</summary>
    public static TimeSpan? Duration(ActivityNode node, string name)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Input(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object
            || !value.TryGetProperty("amount", out var amountElement) || !amountElement.TryGetDouble(out var amount)
            || !value.TryGetProperty("unit", out var unitElement) || unitElement.ValueKind != JsonValueKind.String)
        {
            throw new FormatException($"'{name}' must be {{ \"amount\": number, \"unit\": \"minutes|hours|days|weeks\" }}");
        }

        if (amount <= 0 || amount > 3650 * 24 * 60)
        {
            throw new FormatException($"'{name}' amount must be positive");
        }

        return unitElement.GetString()?.ToLowerInvariant() switch
        {
            "minutes" or "minute" => TimeSpan.FromMinutes(amount),
            "hours" or "hour" => TimeSpan.FromHours(amount),
            "days" or "day" => TimeSpan.FromDays(amount),
            "weeks" or "week" => TimeSpan.FromDays(7 * amount),
            var unit => throw new FormatException($"'{name}' unit '{unit}' is not one of minutes, hours, days, weeks"),
        };
    }

    /// <summary><c>"10:00"</c>, a local time of day.</summary>
    public static TimeOnly? TimeOfDay(ActivityNode node, string name) =>
        Text(node, name) is not { } text ? null
        : TimeOnly.TryParseExact(text, ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time
        : throw new FormatException($"'{name}' must be a time of day like 10:00, not '{text}'");

    /// <summary><c>"2027-05-01T09:00"</c>, a wall-clock date and time in some zone.</summary>
    public static DateTime? LocalDateTime(ActivityNode node, string name) =>
        Text(node, name) is not { } text ? null
        : DateTime.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? DateTime.SpecifyKind(at, DateTimeKind.Unspecified)
            : throw new FormatException($"'{name}' must be a local date and time like 2027-05-01T09:00, not '{text}'");

    /// <summary>An IANA zone id, resolved.</summary>
    public static TimeZoneInfo? Zone(ActivityNode node, string name) =>
        Text(node, name) is not { } text ? null
        : TimeZones.Find(text) ?? throw new FormatException($"'{name}' '{text}' is not an IANA time zone (e.g. Asia/Shanghai)");

    public static double? Percent(ActivityNode node, string name)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Input(name) is not { } value)
        {
            return null;
        }

        return value.TryGetDouble(out var percent) && percent is >= 0 and <= 100
            ? percent
            : throw new FormatException($"'{name}' must be a number from 0 to 100");
    }

    /// <summary>A whole number of days from 0 to 366.</summary>
    public static int? Days(ActivityNode node, string name)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Input(name) is not { } value)
        {
            return null;
        }

        return value.TryGetInt32(out var days) && days is >= 0 and <= 366
            ? days
            : throw new FormatException($"'{name}' must be a whole number of days from 0 to 366");
    }

    public static IReadOnlyList<SwitchCase> Cases(ActivityNode node) =>
        List(node, "cases", e => new SwitchCase(Member(e, "port", "cases"), Member(e, "rule", "cases")));

    public static IReadOnlyList<SplitBranch> Branches(ActivityNode node) =>
        List(node, "branches", e => new SplitBranch(
            Member(e, "port", "branches"),
            e.TryGetProperty("weight", out var w) && w.TryGetDouble(out var weight) && weight >= 0 ? weight
                : throw new FormatException("each of 'branches' needs a non-negative 'weight'")));

    public static IReadOnlyList<string> Tags(ActivityNode node, string name) =>
        List(node, name, e => e.ValueKind == JsonValueKind.String && e.GetString() is { Length: > 0 } tag ? tag : throw new FormatException($"'{name}' must be a list of tags"));

    public static IReadOnlyDictionary<string, JsonElement> Attributes(ActivityNode node, string name)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Input(name) is not { } value)
        {
            return new Dictionary<string, JsonElement>();
        }

        return value.ValueKind == JsonValueKind.Object
            ? value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone())
            : throw new FormatException($"'{name}' must be an object of attribute names and values");
    }

    private static List<T> List<T>(ActivityNode node, string name, Func<JsonElement, T> read)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Input(name) is not { } value)
        {
            return [];
        }

        return value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(read).ToList()
            : throw new FormatException($"'{name}' must be a list");
    }

    private static string Member(JsonElement element, string member, string list) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String
        && value.GetString() is { Length: > 0 } text
            ? text
            : throw new FormatException($"each of '{list}' needs a '{member}'");
}

public sealed record SwitchCase(string Port, string Rule);

public sealed record SplitBranch(string Port, double Weight);
