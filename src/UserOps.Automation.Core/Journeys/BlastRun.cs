namespace UserOps.Automation.Core.Journeys;

/// <summary>
/// One firing of a blast, named by its scheduled instant (<see cref="RunKey"/>): written in the enrolment's
/// transaction, so a firing enrols once however often Quartz or a restart repeats it.
/// </summary>
public sealed class BlastRun
{
    private BlastRun()
    {
        DefinitionId = string.Empty;
        RunKey = string.Empty;
    }

    public BlastRun(string definitionId, long workflowVersionId, string runKey, DateTime firedAt)
    {
        DefinitionId = definitionId;
        WorkflowVersionId = workflowVersionId;
        RunKey = runKey;
        FiredAt = firedAt;
    }

    public long Id { get; private set; }
    public string DefinitionId { get; private set; }
    public long WorkflowVersionId { get; private set; }
    public string RunKey { get; private set; }
    public DateTime FiredAt { get; private set; }

    /// <summary>How many contacts the firing enrolled.</summary>
    public int Enrolled { get; private set; }

    public void Record(int enrolled) => Enrolled = enrolled;
}
