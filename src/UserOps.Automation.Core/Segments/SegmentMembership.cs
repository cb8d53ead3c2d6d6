namespace UserOps.Automation.Core.Segments;

/// <summary>
/// A contact's open stay in a segment: since when it is a member. At most one per contact and segment (the key).
/// When the contact leaves, the stay moves to <see cref="ClosedSegmentStay"/> with the instant it left; a contact
/// that comes back opens a new stay, so the history of entries and exits is kept (ADR 0015).
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

    public long SegmentId { get; private set; }
    public long ContactId { get; private set; }
    public DateTime EnteredAt { get; private set; }
}
