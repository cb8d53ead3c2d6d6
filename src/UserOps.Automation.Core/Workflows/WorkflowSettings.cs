namespace UserOps.Automation.Core.Workflows;

/// <summary>Workflow-wide behaviour: who may enter and how often, when a journey stops early, what counts as conversion.</summary>
public sealed record WorkflowSettings
{
    public EntrySettings Entry { get; init; } = new();

    /// <summary>A contact rule checked whenever the contact's facts change; true ends the journey wherever it waits.</summary>
    public string? ExitRule { get; init; }

    public GoalSettings? Goal { get; init; }

    /// <summary>The zone used for contacts without one, and for schedule inputs that name none.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>Whether this workflow's messages count toward the per-contact frequency cap (transactional ones may be exempt).</summary>
    public bool FrequencyCapped { get; init; } = true;
}

public enum EntryPolicy
{
    /// <summary>A contact enters this workflow at most once, ever.</summary>
    Once,

    /// <summary>A contact may enter again once <see cref="EntrySettings.PeriodDays"/> have passed since it last entered.</summary>
    OncePerPeriod,

    /// <summary>Every trigger enters the contact, as long as it is not in a journey of this workflow already.</summary>
    EveryTime,
}

public sealed record EntrySettings
{
    public EntryPolicy Policy { get; init; } = EntryPolicy.EveryTime;
    public int? PeriodDays { get; init; }
}

/// <summary>Conversion: the goal event (optionally with a rule over contact and event) within a number of days of entering.</summary>
public sealed record GoalSettings
{
    public required string Event { get; init; }
    public string? Rule { get; init; }
    public int WithinDays { get; init; } = 7;
}
