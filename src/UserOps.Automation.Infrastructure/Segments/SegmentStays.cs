using UserOps.Automation.Core.Segments;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Segments;

/// <summary>One contact in one segment.</summary>
internal readonly record struct SegmentStay(long SegmentId, long ContactId);

/// <summary>
/// Opens and closes stays for many contacts at once, tolerant of a concurrent writer: events move single contacts while
/// a refresh moves everyone, and both may open the same stay. The refresh is authoritative, so an insert that meets
/// an open stay (the one-open-stay index <c>IX_SegmentMemberships_Open</c>) does nothing instead of failing the batch.
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
        var (segment, contact, entered, left) = (n[nameof(SegmentMembership.SegmentId)], n[nameof(SegmentMembership.ContactId)],
            n[nameof(SegmentMembership.EnteredAt)], n[nameof(SegmentMembership.LeftAt)]);
        var enteredAt = RawCommand.Property<SegmentMembership>(db, nameof(SegmentMembership.EnteredAt));
        switch (db.Provider)
        {
            case DatabaseProvider.Postgres:
            {
                await using var command = RawCommand.Create(db,
                    $"INSERT INTO {n.Table} ({segment}, {contact}, {entered}) SELECT v.s, v.c, @at FROM unnest(@segments, @contacts) AS v(s, c) " +
                    "ORDER BY v.c, v.s ON CONFLICT DO NOTHING");
                RawCommand.Add(command, "segments", stays.Select(s => s.SegmentId).ToArray());
                RawCommand.Add(command, "contacts", stays.Select(s => s.ContactId).ToArray());
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
                    $"(SELECT 1 FROM {n.Table} WITH (UPDLOCK, HOLDLOCK) WHERE {segment} = @s AND {contact} = @c AND {left} IS NULL)",
                    stays, (command, stay) => Bind(command, stay, enteredAt, at), cancellationToken);
        }
    }

    public static async Task<int> CloseAsync(AutomationDb db, IReadOnlyList<SegmentStay> stays, DateTime at, CancellationToken cancellationToken)
    {
        if (stays.Count == 0)
        {
            return 0;
        }

        var n = new SqlNames<SegmentMembership>(db);
        var (segment, contact, left) = (n[nameof(SegmentMembership.SegmentId)], n[nameof(SegmentMembership.ContactId)], n[nameof(SegmentMembership.LeftAt)]);
        var leftAt = RawCommand.Property<SegmentMembership>(db, nameof(SegmentMembership.LeftAt));
        if (db.Provider == DatabaseProvider.Postgres)
        {
            await using var command = RawCommand.Create(db,
                $"UPDATE {n.Table} AS m SET {left} = @at FROM unnest(@segments, @contacts) AS v(s, c) WHERE m.{segment} = v.s AND m.{contact} = v.c AND m.{left} IS NULL");
            RawCommand.Add(command, "segments", stays.Select(s => s.SegmentId).ToArray());
            RawCommand.Add(command, "contacts", stays.Select(s => s.ContactId).ToArray());
            RawCommand.Bind(command, leftAt, "at", at);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return await RawCommand.ForEachRowAsync(db, $"UPDATE {n.Table} SET {left} = @at WHERE {segment} = @s AND {contact} = @c AND {left} IS NULL",
            stays, (command, stay) => Bind(command, stay, leftAt, at), cancellationToken);
    }

    /// <summary>What the refresh's INSERT … SELECT adds so that a stay opened meanwhile by ingestion is skipped, not a failure.</summary>
    public static (string Verb, string Hint, string Tail) ConflictTolerance(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Postgres => ("INSERT", string.Empty, " ON CONFLICT DO NOTHING"),
        DatabaseProvider.Sqlite => ("INSERT OR IGNORE", string.Empty, string.Empty),
        _ => ("INSERT", " WITH (UPDLOCK, HOLDLOCK)", string.Empty),
    };

    private static void Bind(System.Data.Common.DbCommand command, SegmentStay stay, Microsoft.EntityFrameworkCore.Metadata.IProperty instant, DateTime at)
    {
        RawCommand.Add(command, "s", stay.SegmentId);
        RawCommand.Add(command, "c", stay.ContactId);
        RawCommand.Bind(command, instant, "at", at);
    }
}
