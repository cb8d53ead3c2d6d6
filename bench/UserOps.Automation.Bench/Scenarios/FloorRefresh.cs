using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Infrastructure.Persistence;
using UserOps.Automation.Testing;

namespace UserOps.Automation.Bench.Scenarios;

/// <summary>
/// The floor of a refresh of <c>inactive-7d</c>: the two statements a DBA would write by hand for the same end state
/// (close the stays of contacts that no longer match, open stays for new matches, count), with the rule inlined. It runs
/// on a twin copy of the product's database, so each writes into the same state.
/// </summary>
internal static class FloorRefresh
{
    public static async Task<int> RefreshAsync(AutomationDb db, long segmentId, DateTime now, int days)
    {
        var cut = now.AddDays(-days);
        await using var transaction = await db.Database.BeginTransactionAsync();
        // Leavers' open stays move into the closed history (ADR 0015): one statement on PostgreSQL, copy then delete on
        // SQLite (under its write lock, taken by the copy).
        const string Leavers = "\"SegmentId\" = {1} AND \"ContactId\" IN (SELECT \"Id\" FROM \"Contacts\" WHERE \"LastActiveAt\" > {2})";
        if (db.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync(
                "WITH gone AS (DELETE FROM \"SegmentMemberships\" WHERE " + Leavers + " RETURNING \"SegmentId\", \"ContactId\", \"EnteredAt\") " +
                "INSERT INTO \"ClosedSegmentStays\" (\"SegmentId\", \"ContactId\", \"EnteredAt\", \"LeftAt\") SELECT \"SegmentId\", \"ContactId\", \"EnteredAt\", {0} FROM gone",
                now, segmentId, cut);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"ClosedSegmentStays\" (\"SegmentId\", \"ContactId\", \"EnteredAt\", \"LeftAt\") " +
                "SELECT \"SegmentId\", \"ContactId\", \"EnteredAt\", {0} FROM \"SegmentMemberships\" WHERE " + Leavers,
                now, segmentId, cut);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"SegmentMemberships\" WHERE " + Leavers, now, segmentId, cut);
        }

        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO \"SegmentMemberships\" (\"SegmentId\", \"ContactId\", \"EnteredAt\") SELECT {1}, c.\"Id\", {0} FROM \"Contacts\" c " +
            "WHERE c.\"LastActiveAt\" <= {2} AND NOT EXISTS (SELECT 1 FROM \"SegmentMemberships\" m WHERE m.\"SegmentId\" = {1} AND m.\"ContactId\" = c.\"Id\")",
            now, segmentId, cut);
        var members = await db.SegmentMemberships.CountAsync(m => m.SegmentId == segmentId);
        await transaction.CommitAsync();
        return members;
    }

    /// <summary>Reads what the rule reads (the contacts' last-active index), so the refresh that follows does not pay a cold cache alone.</summary>
    public static async Task WarmAsync(TestDatabase database, DateTime now, int days)
    {
        await using var db = database.CreateDbContext();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var cut = now.AddDays(-days);
        await db.Contacts.CountAsync(c => c.LastActiveAt <= cut);
    }

    /// <summary>Rows (contact, entered, left) of one segment that the other (in the twin database) lacks, both ways; 0 means the same end state.</summary>
    public static async Task<long> DifferenceAsync(TestDatabase a, string segmentA, TestDatabase b, string segmentB)
    {
        var rowsA = await RowsAsync(a, segmentA);
        var rowsB = await RowsAsync(b, segmentB);
        return rowsA.Except(rowsB).LongCount() + rowsB.Except(rowsA).LongCount();
    }

    private static async Task<HashSet<(long, DateTime, DateTime?)>> RowsAsync(TestDatabase database, string segment)
    {
        await using var db = database.CreateDbContext();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var id = await db.Segments.Where(s => s.Key == segment).Select(s => s.Id).SingleAsync();
        var rows = await db.SegmentMemberships.AsNoTracking().Where(m => m.SegmentId == id)
            .Select(m => new { m.ContactId, m.EnteredAt, LeftAt = (DateTime?)null }).ToListAsync();
        rows.AddRange(await db.ClosedSegmentStays.AsNoTracking().Where(m => m.SegmentId == id)
            .Select(m => new { m.ContactId, m.EnteredAt, LeftAt = (DateTime?)m.LeftAt }).ToListAsync());
        return rows.Select(r => (r.ContactId, r.EnteredAt, r.LeftAt)).ToHashSet();
    }
}
