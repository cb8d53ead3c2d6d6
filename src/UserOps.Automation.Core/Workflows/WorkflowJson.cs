using System.Text.Json;
using System.Text.Json.Serialization;

namespace UserOps.Automation.Core.Workflows;

/// <summary>The one JSON form of a workflow definition: files in <c>workflows/</c>, the database, import and export.</summary>
public static class WorkflowJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Reads a definition or throws <see cref="JsonException"/> saying where the text is wrong.</summary>
    public static WorkflowDefinition Parse(string json) =>
        JsonSerializer.Deserialize<WorkflowDefinition>(json, Options) ?? throw new JsonException("The file holds no workflow definition.");

    public static string Write(WorkflowDefinition definition) => JsonSerializer.Serialize(definition, Options);

    /// <summary>
    /// Where and why the text is not a definition, in people's numbers (line and position from 1), without the
    /// serializer's trailing "Path: … | LineNumber: …" dump: the API's problem detail and the file loader say it alike.
    /// </summary>
    public static string Describe(JsonException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var path = string.IsNullOrEmpty(error.Path) ? string.Empty : $", path {error.Path}";
        return $"{error.Message.Split(" Path:")[0].TrimEnd()} (line {(error.LineNumber ?? 0) + 1}, position {(error.BytePositionInLine ?? 0) + 1}{path})";
    }
}
