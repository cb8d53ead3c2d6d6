using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace UserOps.Automation.Infrastructure.Persistence;

/// <summary>Free-form attributes and properties are stored as JSON text, compared by their text.</summary>
internal static class JsonObjectConversion
{
    public static ValueConverter<JsonObject, string> Converter { get; } = new(
        v => v.ToJsonString((System.Text.Json.JsonSerializerOptions?)null),
        s => Parse(s));

    public static ValueComparer<JsonObject> Comparer { get; } = new(
        (a, b) => (a == null ? null : a.ToJsonString((System.Text.Json.JsonSerializerOptions?)null)) == (b == null ? null : b.ToJsonString((System.Text.Json.JsonSerializerOptions?)null)),
        v => v.ToJsonString((System.Text.Json.JsonSerializerOptions?)null).GetHashCode(StringComparison.Ordinal),
        v => Parse(v.ToJsonString((System.Text.Json.JsonSerializerOptions?)null)));

    public static ValueConverter<JsonObject?, string?> NullableConverter { get; } = new(
        v => v == null ? null : v.ToJsonString((System.Text.Json.JsonSerializerOptions?)null),
        s => s == null ? null : Parse(s));

    public static ValueComparer<JsonObject?> NullableComparer { get; } = new(
        (a, b) => (a == null ? null : a.ToJsonString((System.Text.Json.JsonSerializerOptions?)null)) == (b == null ? null : b.ToJsonString((System.Text.Json.JsonSerializerOptions?)null)),
        v => v == null ? 0 : v.ToJsonString((System.Text.Json.JsonSerializerOptions?)null).GetHashCode(StringComparison.Ordinal),
        v => v == null ? null : Parse(v.ToJsonString((System.Text.Json.JsonSerializerOptions?)null)));

    private static JsonObject Parse(string text) =>
        string.IsNullOrEmpty(text) ? [] : JsonNode.Parse(text) as JsonObject ?? [];
}
