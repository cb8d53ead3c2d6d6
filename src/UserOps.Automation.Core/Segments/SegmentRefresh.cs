namespace UserOps.Automation.Core.Segments;

/// <summary>The record of one whole-segment refresh: how many entered, how many left, how many remain.</summary>
public sealed class SegmentRefresh
{
    private SegmentRefresh()
    {
    }

    public SegmentRefresh(long segmentId, DateTime at, int entered, int left, int members, TimeSpan duration)
    {
        SegmentId = segmentId;
        At = at;
        Entered = entered;
        Left = left;
        Members = members;
        DurationMs = (long)duration.TotalMilliseconds;
    }

    public long Id { get; private set; }
    public long SegmentId { get; private set; }
    public DateTime At { get; private set; }
    public int Entered { get; private set; }
    public int Left { get; private set; }
    public int Members { get; private set; }
    public long DurationMs { get; private set; }
}
