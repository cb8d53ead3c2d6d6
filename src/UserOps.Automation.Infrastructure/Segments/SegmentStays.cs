using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using UserOps.Automation.Core.Segments;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Segments;

/// <summary>One contact in one segment.</summary>
internal readonly record struct SegmentStay(long SegmentId, long ContactId);

/// <summary>
/// Opens and closes stays for many contacts at once, tolerant of a concurrent writer: events move single contacts while
/// a refresh moves everyone, and both may open the same stay. The refresh is authoritative, so an insert that meets
/// an open stay (the open stays' key) does nothing instead of failing the batch. Closing moves the open stay into the
/// append-only <see cref="ClosedSegmentStay"/> history (ADR 0015): a delete and one small insert, not a new version of
/// the row in every index of the open stays.
/// </summary>
internal static class SegmentStays
{
    public static async Task<int> OpenAsync(AutomationDb db, IReadOnlyList<SegmentStay> stays, DateTime at, CancellationToken cancellationToken)
    {
        if (stays.Count == 0)
        {
            return 0;
        }

        var n = new SqlNames<SegmentMembership>(db);
        var (segment, contact, entered) = (n[nameof(SegmentMembership.SegmentId)], n[nameof(SegmentMembership.ContactId)], n[nameof(SegmentMembership.EnteredAt)]);
        var enteredAt = RawCommand.Property<SegmentMembership>(db, nameof(SegmentMembership.EnteredAt));
        switch (db.Provider)
        {
            case DatabaseProvider.Postgres:
            {
                await using var command = RawCommand.Create(db,
                    $"INSERT INTO {n.Table} ({segment}, {contact}, {entered}) SELECT v.s, v.c, @at FROM unnest(@segments, @contacts) AS v(s, c) " +
                    "ORDER BY v.s, v.c ON CONFLICT DO NOTHING");
                AddArrays(command, stays);
                RawCommand.Bind(command, enteredAt, "at", at);
                return await command.ExecuteNonQueryAsync(cancellationToken);
            }

            case DatabaseProvider.Sqlite:
                return await RawCommand.ForEachRowAsync(db, $"INSERT OR IGNORE INTO {n.Table} ({segment}, {contact}, {entered}) VALUES (@s, @c, @at)",
                    stays, (command, stay) => Bind(command, stay, enteredAt, at), cancellationToken);

            default:
                // SQL Server has no ON CONFLICT: the range lock of UPDLOCK + HOLDLOCK keeps a concurrent insert of the same stay out
                // between the check and the insert.
                return await RawCommand.ForEachRowAsync(db,
                    $"INSERT INTO {n.Table} ({segment}, {contact}, {entered}) SELECT @s, @c, @at WHERE NOT EXISTS " +
                    $"(SELECT 1 FROM {n.Table} WITH (UPDLOCK, HOLDLOCK) WHERE {segment} = @s AND {contact} = @c)",
                    stays, (command, stay) => Bind(command, stay, enteredAt, at), cancellationToken);
        }
    }

    /// <summary>
    /// The open stays of <paramref name="contactIds"/>. PostgreSQL: one index probe per contact, whatever the statistics say
    /// (<c>OFFSET 0</c> keeps the planner from flattening the lateral subquery into a join): with the open stays' table not
    /// analyzed yet, <c>= ANY(@ids)</c> was planned as a scan of every stay, and a join on <c>unnest</c> as a walk of the
    /// whole contact index.
    /// </summary>
    public static async Task<HashSet<SegmentStay>> OpenOfAsync(AutomationDb db, IReadOnlyList<long> contactIds, CancellationToken cancellationToken)
    {
        if (db.Provider != DatabaseProvider.Postgres)
        {
            return (await db.SegmentMemberships.AsNoTracking()
                    .Where(m => EF.Parameter(contactIds).Contains(m.ContactId))
                    .Select(m => new { m.SegmentId, m.ContactId })
                    .ToListAsync(cancellationToken))
                .Select(m => new SegmentStay(m.SegmentId, m.ContactId))
                .ToHashSet();
        }

        var n = new SqlNames<SegmentMembership>(db);
        var (segment, contact) = (n[nameof(SegmentMembership.SegmentId)], n[nameof(SegmentMembership.ContactId)]);
        await using var command = RawCommand.Create(db,
            $"SELECT m.s, u.id FROM unnest(@ids) AS u(id) CROSS JOIN LATERAL (SELECT {segment} AS s FROM {n.Table} WHERE {contact} = u.id OFFSET 0) AS m");
        RawCommand.Add(command, "ids", contactIds.ToArray());
        var open = new HashSet<SegmentStay>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            open.Add(new SegmentStay(reader.GetInt64(0), reader.GetInt64(1)));
        }

        return open;
    }

    /// <summary>Closes the open stays among <paramref name="stays"/>; returns how many were open.</summary>
    public static async Task<int> CloseAsync(AutomationDb db, IReadOnlyList<SegmentStay> stays, DateTime at, CancellationToken cancellationToken)
    {
        if (stays.Count == 0)
        {
            return 0;
        }

        var n = new SqlNames<SegmentMembership>(db);
        var (segment, contact) = (n[nameof(SegmentMembership.SegmentId)], n[nameof(SegmentMembership.ContactId)]);
        var leftAt = RawCommand.Property<ClosedSegmentStay>(db, nameof(ClosedSegmentStay.LeftAt));
        if (db.Provider == DatabaseProvider.Postgres)
        {
            await using var command = RawCommand.Create(db,
                MoveSql(db, $"m.{segment} = v.s AND m.{contact} = v.c", "@at", $" USING unnest(@segments, @contacts) AS v(s, c)"));
            AddArrays(command, stays);
            RawCommand.Bind(command, leftAt, "at", at);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }

        // SQLite: the round holds the write lock, so the copy and the delete see the same row. SQL Server: one statement.
        var statements = MoveStatements(db, $"m.{segment} = @s AND m.{contact} = @c", "@at");
        var moved = 0;
        for (var i = 0; i < statements.Count; i++)
        {
            var affected = await RawCommand.ForEachRowAsync(db, statements[i], stays, (command, stay) => Bind(command, stay, leftAt, at), cancellationToken);
            moved = i == 0 ? affected : moved;
        }

        return moved;
    }

    /// <summary>
    /// The statements that move the open stays matching <paramref name="where"/> (over alias <c>m</c> of the open stays)
    /// into the history with <paramref name="leftAt"/> (a parameter or placeholder): one statement on PostgreSQL and SQL
    /// Server; on SQLite a copy then a delete, which the caller runs under the write lock. The first statement's count is
    /// the number of stays closed.
    /// </summary>
    public static IReadOnlyList<string> MoveStatements(AutomationDb db, string where, string leftAt) =>
        db.Provider == DatabaseProvider.Sqlite
            ? [CopySql(db, where, leftAt), $"DELETE FROM {new SqlNames<SegmentMembership>(db).Table} AS m WHERE {where}"]
            : [MoveSql(db, where, leftAt, string.Empty)];

    private static string MoveSql(AutomationDb db, string where, string leftAt, string from)
    {
        var n = new SqlNames<SegmentMembership>(db);
        var (segment, contact, entered) = (n[nameof(SegmentMembership.SegmentId)], n[nameof(SegmentMembership.ContactId)], n[nameof(SegmentMembership.EnteredAt)]);
        var into = HistoryColumns(db);
        return db.Provider == DatabaseProvider.Postgres
            ? $"WITH gone AS (DELETE FROM {n.Table} AS m{from} WHERE {where} RETURNING m.{segment}, m.{contact}, m.{entered}) " +
              $"INSERT INTO {into} SELECT {segment}, {contact}, {entered}, {leftAt} FROM gone"
            : $"DELETE m OUTPUT DELETED.{segment}, DELETED.{contact}, DELETED.{entered}, {leftAt} INTO {into} FROM {n.Table} AS m WHERE {where}";
    }

    /// <summary>The closed stays' table with the columns a move writes, in the order the open stay's columns are read.</summary>
    private static string HistoryColumns(AutomationDb db)
    {
        var h = new SqlNames<ClosedSegmentStay>(db);
        return $"{h.Table} ({h[nameof(ClosedSegmentStay.SegmentId)]}, {h[nameof(ClosedSegmentStay.ContactId)]}, " +
               $"{h[nameof(ClosedSegmentStay.EnteredAt)]}, {h[nameof(ClosedSegmentStay.LeftAt)]})";
    }

    private static string CopySql(AutomationDb db, string where, string leftAt)
    {
        var n = new SqlNames<SegmentMembership>(db);
        return $"INSERT INTO {HistoryColumns(db)} " +
               $"SELECT m.{n[nameof(SegmentMembership.SegmentId)]}, m.{n[nameof(SegmentMembership.ContactId)]}, m.{n[nameof(SegmentMembership.EnteredAt)]}, {leftAt} " +
               $"FROM {n.Table} AS m WHERE {where}";
    }

    /// <summary>What the refresh's INSERT … SELECT adds so that a stay opened meanwhile by ingestion is skipped, not a failure.</summary>
    public static (string Verb, string Hint, string Tail) ConflictTolerance(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Postgres => ("INSERT", string.Empty, " ON CONFLICT DO NOTHING"),
        DatabaseProvider.Sqlite => ("INSERT OR IGNORE", string.Empty, string.Empty),
        _ => ("INSERT", " WITH (UPDLOCK, HOLDLOCK)", string.Empty),
    };

    private static void AddArrays(DbCommand command, IReadOnlyList<SegmentStay> stays)
    {
        RawCommand.Add(command, "segments", stays.Select(s => s.SegmentId).ToArray());
        RawCommand.Add(command, "contacts", stays.Select(s => s.ContactId).ToArray());
    }

    private static void Bind(DbCommand command, SegmentStay stay, IProperty instant, DateTime at)
    {
        RawCommand.Add(command, "s", stay.SegmentId);
        RawCommand.Add(command, "c", stay.ContactId);
        RawCommand.Bind(command, instant, "at", at);
    }
}
