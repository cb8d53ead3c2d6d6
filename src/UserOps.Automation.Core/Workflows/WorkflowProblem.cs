namespace UserOps.Automation.Core.Workflows;

/// <summary>One thing wrong with a workflow, tied to the activity it is about (null for the workflow as a whole).</summary>
public sealed record WorkflowProblem(string? ActivityId, string Message)
{
    public override string ToString() => ActivityId is null ? Message : $"{ActivityId}: {Message}";
}
