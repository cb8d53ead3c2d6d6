using System.Text.Json.Nodes;

namespace UserOps.Automation.Core.Journeys;

/// <summary>
/// One contact's run through one workflow version: a row, never a thread or a timer. The runtime claims
/// due journeys in batches, runs one activity for all of them, and moves each on by these methods.
/// <see cref="Step"/> counts the activities run; it is the concurrency token and, with the journey and
/// activity, the idempotency key of anything the step sends.
/// </summary>
public sealed class Journey
{
    private Journey()
    {
        DefinitionId = string.Empty;
        ActivityId = string.Empty;
    }

    public Journey(long workflowVersionId, string definitionId, long contactId, string firstActivityId, DateTime now, string? sourceKey = null)
    {
        WorkflowVersionId = workflowVersionId;
        DefinitionId = definitionId;
        ContactId = contactId;
        ActivityId = firstActivityId;
        Status = JourneyStatus.Running;
        DueAt = now;
        EnteredAt = now;
        UpdatedAt = now;
        ActiveKey = definitionId;
        SourceKey = sourceKey;
    }

    public long Id { get; private set; }
    public long WorkflowVersionId { get; private set; }
    public string DefinitionId { get; private set; }
    public long ContactId { get; private set; }
    public JourneyStatus Status { get; private set; }

    /// <summary>The activity the journey is at (about to run, or waiting in).</summary>
    public string ActivityId { get; private set; }

    /// <summary>When the sweep should pick the journey up next; null once it has ended.</summary>
    public DateTime? DueAt { get; private set; }

    /// <summary>The event name a Wait for event is waiting for.</summary>
    public string? WaitingEvent { get; private set; }

    /// <summary>The port a wait leaves by when it wakes early (an awaited event arrived: <c>Received</c>).</summary>
    public string? ResumePort { get; private set; }

    public int Step { get; private set; }

    /// <summary>The branch a random split put the contact in (or <c>holdout</c>).</summary>
    public string? Variant { get; private set; }

    public JsonObject Variables { get; private set; } = [];

    /// <summary>The triggering event (as rules and templates see it), for event-triggered workflows.</summary>
    public JsonObject? TriggerEvent { get; set; }

    public DateTime EnteredAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public DateTime? EndedAt { get; private set; }
    public string? EndReason { get; private set; }
    public DateTime? GoalReachedAt { get; private set; }

    /// <summary>The definition id while the journey is active, null after: a unique index keeps a contact in one active journey per workflow.</summary>
    public string? ActiveKey { get; private set; }

    /// <summary>What enrolled the journey (a segment stay, a blast run, an event, an API call); unique per workflow so a repeat enrols nobody twice.</summary>
    public string? SourceKey { get; private set; }

    public bool IsActive => Status is JourneyStatus.Running or JourneyStatus.Waiting;

    /// <summary>
    /// Numbers a journey that is run before it is first written (a blast's enrolment runs its journeys to their first wait
    /// or end and inserts them as they then are, ADR 0010): its steps and idempotency keys need the id it will be stored under.
    /// </summary>
    public void AssignId(long id)
    {
        if (Id != 0)
        {
            throw new InvalidOperationException($"Journey {Id} already has an id.");
        }

        Id = id;
    }

    /// <summary>Took a port out of the current activity and arrived at <paramref name="next"/>, due at once.</summary>
    public void MoveTo(string next, DateTime now)
    {
        Step++;
        ActivityId = next;
        Status = JourneyStatus.Running;
        DueAt = now;
        WaitingEvent = null;
        ResumePort = null;
        UpdatedAt = now;
    }

    /// <summary>Parks at the current (wait) activity until <paramref name="until"/>, or until <paramref name="awaitedEvent"/> arrives.</summary>
    public void Park(DateTime until, string? awaitedEvent, DateTime now)
    {
        Step++;
        Status = JourneyStatus.Waiting;
        DueAt = until;
        WaitingEvent = awaitedEvent;
        ResumePort = null;
        UpdatedAt = now;
    }

    /// <summary>An awaited event arrived: wake now and leave the wait by <paramref name="port"/>.</summary>
    public void Resume(string port, DateTime now)
    {
        ResumePort = port;
        DueAt = now;
        WaitingEvent = null;
        UpdatedAt = now;
    }

    public void Complete(DateTime now, string reason = "completed") => Finish(JourneyStatus.Completed, reason, now);

    public void Exit(string reason, DateTime now) => Finish(JourneyStatus.Exited, reason, now);

    public void Fail(string reason, DateTime now) => Finish(JourneyStatus.Failed, reason, now);

    public void AssignVariant(string variant) => Variant ??= variant;

    public void SetVariable(string name, JsonNode? value) => Variables[name] = value;

    public void ReachGoal(DateTime at) => GoalReachedAt ??= at;

    private void Finish(JourneyStatus status, string reason, DateTime now)
    {
        Step++;
        Status = status;
        DueAt = null;
        WaitingEvent = null;
        ResumePort = null;
        ActiveKey = null;
        EndedAt = now;
        EndReason = reason;
        UpdatedAt = now;
    }
}
