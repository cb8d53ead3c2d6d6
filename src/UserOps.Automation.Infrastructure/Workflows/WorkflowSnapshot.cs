using System.Text.Json;
using UserOps.Automation.Core.Workflows;

namespace UserOps.Automation.Infrastructure.Workflows;

/// <summary>A workflow version as the audit log shows it: its state and, unless left out, its definition.</summary>
public sealed record WorkflowSnapshot(int Version, string Name, string Status, DateTime UpdatedAt, JsonElement? Definition)
{
    public static WorkflowSnapshot Of(WorkflowVersion version, bool withDefinition = true)
    {
        ArgumentNullException.ThrowIfNull(version);
        JsonElement? definition = null;
        if (withDefinition)
        {
            using var document = JsonDocument.Parse(version.Json);
            definition = document.RootElement.Clone();
        }

        return new WorkflowSnapshot(version.Version, version.Name, version.Status.ToString(), version.UpdatedAt, definition);
    }
}
