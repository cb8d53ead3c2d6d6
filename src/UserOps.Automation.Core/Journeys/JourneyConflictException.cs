namespace UserOps.Automation.Core.Journeys;

/// <summary>Another host moved (some of) the batch's journeys first; this host's round was rolled back and must be dropped.</summary>
public sealed class JourneyConflictException : Exception
{
    public JourneyConflictException()
    {
    }

    public JourneyConflictException(string message)
        : base(message)
    {
    }

    public JourneyConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
