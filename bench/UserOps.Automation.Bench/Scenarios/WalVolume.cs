using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Bench.Scenarios;

/// <summary>
/// The write-ahead log PostgreSQL wrote during a measured operation, and the size of the journey tables and their indexes
/// after it: bytes per journey do not depend on the machine's load as seconds do, so an A/B of the database's work reads here.
/// The log position is the whole server's (the warm-up database's writes happen before the first reading).
/// </summary>
internal static class WalVolume
{
    private static readonly string[] Tables = ["Journeys", "JourneySteps", "Coupons", "OutboxMessages"];

    /// <summary>The server's current log position in bytes, or null when the database is not PostgreSQL.</summary>
    public static async Task<long?> PositionAsync(IDbContextFactory<AutomationDb> dbFactory)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        if (db.Provider != DatabaseProvider.Postgres)
        {
            return null;
        }

        return await db.Database.SqlQueryRaw<long>("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint AS \"Value\"").SingleAsync();
    }

    /// <summary>"WAL … B per journey; Journeys heap … B + indexes …" — per journey, from the position before and the tables now.</summary>
    public static async Task<string?> DescribeAsync(IDbContextFactory<AutomationDb> dbFactory, long? before, int journeys)
    {
        if (before is not { } start || journeys == 0 || await PositionAsync(dbFactory) is not { } end)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"WAL {(end - start) / (double)journeys:N0} B per journey ({(end - start) / 1048576.0:N0} MB)");
        foreach (var table in Tables)
        {
            var sql = $"SELECT c.relname AS \"Name\", pg_relation_size(c.oid) AS \"Bytes\" FROM pg_class c WHERE c.oid = '\"{table}\"'::regclass "
                + $"UNION ALL SELECT i.relname, pg_relation_size(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = '\"{table}\"'::regclass";
            var sizes = await db.Database.SqlQueryRaw<RelationSize>(sql).ToListAsync();
            text.Append(CultureInfo.InvariantCulture, $"; {string.Join(", ", sizes.Select(s => $"{s.Name} {s.Bytes / (double)journeys:N0}"))}");
        }

        return text.Append(" (B per journey, relation sizes)").ToString();
    }

    internal sealed record RelationSize(string Name, long Bytes);
}
