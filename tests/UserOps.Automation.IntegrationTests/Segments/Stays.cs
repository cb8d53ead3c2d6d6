using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.IntegrationTests.Segments;

/// <summary>A stay as the tests look at it: open (<see cref="LeftAt"/> null) or closed, whichever table holds it.</summary>
internal sealed record Stay(long SegmentId, long ContactId, DateTime EnteredAt, DateTime? LeftAt);

internal static class Stays
{
    /// <summary>Every stay of a contact in a segment, oldest first: the closed history, then the open stay if any.</summary>
    public static async Task<List<Stay>> OfAsync(AutomationDb db, long segmentId, long contactId)
    {
        var closed = await db.ClosedSegmentStays.AsNoTracking().Where(m => m.SegmentId == segmentId && m.ContactId == contactId).OrderBy(m => m.Id)
            .Select(m => new Stay(m.SegmentId, m.ContactId, m.EnteredAt, m.LeftAt)).ToListAsync();
        var open = await db.SegmentMemberships.AsNoTracking().Where(m => m.SegmentId == segmentId && m.ContactId == contactId)
            .Select(m => new Stay(m.SegmentId, m.ContactId, m.EnteredAt, null)).ToListAsync();
        return [.. closed, .. open];
    }
}
