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
            // The sequence is looked up once, not per id: pg_get_serial_sequence is a catalog lookup (the name parsed, pg_depend
            // searched) that in the select list ran for every id drawn, ~7 % of the server's CPU in a blast (ADR 0024).
            // OFFSET 0 keeps the planner from pulling the lookup back into the select list.
            var draw = $"SELECT nextval(s.seq) AS \"Value\" FROM (SELECT {sequence}::regclass AS seq OFFSET 0) s CROSS JOIN generate_series(1, {{0}})";
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
