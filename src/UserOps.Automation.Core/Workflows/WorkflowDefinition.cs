using System.Text.Json;
using System.Text.Json.Serialization;

namespace UserOps.Automation.Core.Workflows;

/// <summary>
/// An operator's workflow, shaped like an Elsa 3 workflow definition: a stable <see cref="DefinitionId"/>,
/// a <see cref="Version"/>, publication flags, and a flowchart <see cref="Root"/> of activities joined by
/// connections between named ports. Inputs are plain JSON values on the activity (Elsa wraps them in
/// expression objects; here every input is a literal the designer edits).
/// </summary>
public sealed record WorkflowDefinition
{
    public required string DefinitionId { get; init; }
    public int Version { get; init; } = 1;
    public required string Name { get; init; }
    public string? Description { get; init; }
    public bool IsPublished { get; init; }
    public bool IsLatest { get; init; } = true;
    public WorkflowSettings Settings { get; init; } = new();
    public required Flowchart Root { get; init; }

    public ActivityNode? FindActivity(string id) => Root.Activities.FirstOrDefault(a => a.Id == id);
}

/// <summary>The flowchart: activities and the connections between their ports.</summary>
public sealed record Flowchart
{
    public string Type { get; init; } = "Flowchart";
    public IReadOnlyList<ActivityNode> Activities { get; init; } = [];
    public IReadOnlyList<Connection> Connections { get; init; } = [];
}

/// <summary>
/// One activity on the canvas. Its inputs are the JSON properties other than <c>id</c>, <c>type</c> and
/// <c>metadata</c>, kept as they were written so import and export are lossless.
/// </summary>
public sealed record ActivityNode
{
    public required string Id { get; init; }
    public required string Type { get; init; }

    /// <summary>Optional display name on the canvas.</summary>
    public string? Name { get; init; }

    public ActivityMetadata? Metadata { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement> Inputs { get; init; } = [];

    public JsonElement? Input(string name) => Inputs.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}

public sealed record ActivityMetadata
{
    public DesignerMetadata? Designer { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

public sealed record DesignerMetadata
{
    public Position? Position { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

public sealed record Position(double X, double Y);

/// <summary>A connection from a named output port of one activity to the input of another.</summary>
public sealed record Connection(Endpoint Source, Endpoint Target);

/// <summary>An activity id and a port name (<c>Done</c>, <c>True</c>, <c>False</c>, …; targets use <c>In</c>).</summary>
public sealed record Endpoint(string Activity, string Port = "In");
