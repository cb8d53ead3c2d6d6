using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Bench.Scenarios;

/// <summary>
/// The floor of a refresh of <c>inactive-7d</c>: the two statements a DBA would write by hand for the same end state
/// (close the stays of contacts that no longer match, open stays for new matches, count), with the rule inlined.
/// </summary>
internal static class FloorRefresh
{
    public static async Task<int> RefreshAsync(AutomationDb db, long segmentId, DateTime now, int days)
    {
        var cut = now.AddDays(-days);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlRawAsync(
            "UPDATE \"SegmentMemberships\" SET \"LeftAt\" = {0} WHERE \"SegmentId\" = {1} AND \"LeftAt\" IS NULL " +
            "AND \"ContactId\" IN (SELECT \"Id\" FROM \"Contacts\" WHERE \"LastActiveAt\" > {2})",
            now, segmentId, cut);
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO \"SegmentMemberships\" (\"SegmentId\", \"ContactId\", \"EnteredAt\") SELECT {1}, c.\"Id\", {0} FROM \"Contacts\" c " +
            "WHERE c.\"LastActiveAt\" <= {2} AND NOT EXISTS (SELECT 1 FROM \"SegmentMemberships\" m WHERE m.\"SegmentId\" = {1} AND m.\"ContactId\" = c.\"Id\" AND m.\"LeftAt\" IS NULL)",
            now, segmentId, cut);
        var members = await db.SegmentMemberships.CountAsync(m => m.SegmentId == segmentId && m.LeftAt == null);
        await transaction.CommitAsync();
        return members;
    }

    /// <summary>Rows (contact, entered, left) of one segment that the other lacks, both ways; 0 means the same end state.</summary>
    public static async Task<long> DifferenceAsync(AutomationDb db, long a, long b)
    {
        const string rows = "SELECT \"ContactId\", \"EnteredAt\", \"LeftAt\" FROM \"SegmentMemberships\" WHERE \"SegmentId\" = ";
        var sql = $"SELECT (SELECT COUNT(*) FROM ({rows}{a} EXCEPT {rows}{b}) x) + (SELECT COUNT(*) FROM ({rows}{b} EXCEPT {rows}{a}) y) AS \"Value\"";
        return await db.Database.SqlQueryRaw<long>(sql).SingleAsync();
    }
}
