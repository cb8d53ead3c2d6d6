namespace UserOps.Automation.Infrastructure.Workflows;

/// <summary>
/// A workflow of <c>workflows/</c> as the startup import last saw it (ADR 0016): its id and the hash of its definition.
/// The row outlives the workflow, so a shipped workflow an operator deleted stays deleted until its file changes.
/// </summary>
public sealed class ShippedWorkflowFile
{
    public required string DefinitionId { get; init; }

    /// <summary>SHA-256 (hex) of the definition as <see cref="Core.Workflows.WorkflowJson.Write"/> writes it: layout and comments in the file do not count.</summary>
    public required string ContentHash { get; set; }

    public DateTime SeenAt { get; set; }
}
