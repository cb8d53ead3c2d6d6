namespace UserOps.Automation.Core.Journeys;

public enum JourneyStatus
{
    /// <summary>Due to run its current activity as soon as a sweep claims it.</summary>
    Running,

    /// <summary>Parked at a wait until <see cref="Journey.DueAt"/> or an awaited event.</summary>
    Waiting,

    /// <summary>Reached the end of the flowchart.</summary>
    Completed,

    /// <summary>Stopped early: the workflow's exit rule held, or the contact was held out.</summary>
    Exited,

    /// <summary>Stopped by an error that retrying cannot fix (e.g. its workflow version is gone).</summary>
    Failed,
}
