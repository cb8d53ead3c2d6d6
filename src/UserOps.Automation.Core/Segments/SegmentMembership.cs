namespace UserOps.Automation.Core.Segments;

/// <summary>
/// One stay of a contact in a segment: when it entered and, once it has, when it left. A contact that
/// comes back gets a new row, so the history of entries and exits is kept.
/// </summary>
public sealed class SegmentMembership
{
    private SegmentMembership()
    {
    }

    public SegmentMembership(long segmentId, long contactId, DateTime enteredAt)
    {
        SegmentId = segmentId;
        ContactId = contactId;
        EnteredAt = enteredAt;
    }

    public long Id { get; private set; }
    public long SegmentId { get; private set; }
    public long ContactId { get; private set; }
    public DateTime EnteredAt { get; private set; }
    public DateTime? LeftAt { get; private set; }

    public void Leave(DateTime at) => LeftAt = at;
}
