namespace UserOps.Automation.Core.Segments;

/// <summary>
/// A past stay of a contact in a segment, appended when it left (ADR 0015): the open stay is deleted and this row
/// written, so closing never rewrites a row in the open stays' indexes.
/// </summary>
public sealed class ClosedSegmentStay
{
    private ClosedSegmentStay()
    {
    }

    public ClosedSegmentStay(long segmentId, long contactId, DateTime enteredAt, DateTime leftAt)
    {
        SegmentId = segmentId;
        ContactId = contactId;
        EnteredAt = enteredAt;
        LeftAt = leftAt;
    }

    public long Id { get; private set; }
    public long SegmentId { get; private set; }
    public long ContactId { get; private set; }
    public DateTime EnteredAt { get; private set; }
    public DateTime LeftAt { get; private set; }
}
