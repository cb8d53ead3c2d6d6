using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Journeys;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Journeys;

/// <summary>
/// Ids for journeys run before they are inserted (a blast's enrolment, ADR 0010), taken from what numbers the table's own
/// inserts, so they never meet an id given or to be given by an ordinary insert.
/// </summary>
internal static class JourneyIds
{
    public static async Task<List<long>> NextAsync(AutomationDb db, int count, CancellationToken cancellationToken)
    {
        var j = new SqlNames<Journey>(db);
        var id = j[nameof(Journey.Id)];
        if (db.Provider == DatabaseProvider.Postgres)
        {
            // The identity column's sequence: concurrent hosts draw disjoint numbers, as their inserts would.
            var table = j.Table.Replace("'", "''", StringComparison.Ordinal);
            var sequence = $"pg_get_serial_sequence('{table}', '{id.Trim('"')}')";
            var draw = $"SELECT nextval({sequence}) AS \"Value\" FROM generate_series(1, {{0}})";
            return await db.Database.SqlQueryRaw<long>(draw, count).ToListAsync(cancellationToken);
        }

        // SQLite: the batch holds the one write lock, so nobody else numbers a journey meanwhile. AUTOINCREMENT never reuses
        // an id (sqlite_sequence remembers the highest ever given, even of deleted rows); inserting these advances it.
        var highest = $"SELECT MAX(v) AS \"Value\" FROM (SELECT COALESCE(MAX({id}), 0) AS v FROM {j.Table} " +
                      $"UNION ALL SELECT seq AS v FROM sqlite_sequence WHERE name = '{j.Table.Trim('"')}')";
        var last = await db.Database.SqlQueryRaw<long>(highest).SingleAsync(cancellationToken);
        return Enumerable.Range(1, count).Select(i => last + i).ToList();
    }
}
