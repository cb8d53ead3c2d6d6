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
}
