namespace UserOps.Automation.Core.Journeys;

/// <summary>One step a journey took: which activity, how it came out (a port, a wait, an end), when.</summary>
public sealed class JourneyStep
{
    private JourneyStep()
    {
        ActivityId = string.Empty;
        Outcome = string.Empty;
        DefinitionId = string.Empty;
    }

    public JourneyStep(Journey journey, string activityId, string outcome, DateTime at, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(journey);
        JourneyId = journey.Id;
        WorkflowVersionId = journey.WorkflowVersionId;
        DefinitionId = journey.DefinitionId;
        ContactId = journey.ContactId;
        ActivityId = activityId;
        Outcome = outcome;
        At = at;
        Detail = detail;
    }

    public long Id { get; private set; }
    public long JourneyId { get; private set; }
    public long WorkflowVersionId { get; private set; }
    public string DefinitionId { get; private set; }
    public long ContactId { get; private set; }
    public string ActivityId { get; private set; }

    /// <summary>The port taken (<c>Done</c>, <c>True</c>, <c>B</c>…), or <c>waiting</c>, <c>exited</c>, <c>completed</c>, <c>failed</c>.</summary>
    public string Outcome { get; private set; }

    public DateTime At { get; private set; }
    public string? Detail { get; private set; }

    /// <summary>Who advanced the journey: the lease owner of the sweep that wrote the step (host, process, firing).</summary>
    public string? Worker { get; private set; }

    internal void TakenBy(string worker) => Worker = worker;
}
