using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Events;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Ingestion;

/// <summary>
/// Writes accepted events with their queue rows for the <see cref="EventApplier"/> (ADR 0009). PostgreSQL: one
/// statement — the events from arrays (<c>unnest</c>) with <c>ON CONFLICT ("MessageId") DO NOTHING</c>, their queue rows
/// from its <c>RETURNING</c> — atomic without a transaction of its own, and a repeated messageId is skipped even when two
/// requests carry it at once. SQLite and SQL Server: the events' bulk insert (<see cref="EventRows"/>), then the queue
/// rows, in the caller's transaction, messageIds checked before by the caller.
/// </summary>
internal static class EventQueue
{
    /// <summary>Inserts <paramref name="events"/>; returns the messageIds actually inserted (others were repeats) and the last queue id.</summary>
    public static async Task<(HashSet<string> Inserted, long LastQueueId)> InsertAsync(
        AutomationDb db, IReadOnlyList<ContactEvent> events, DateTime now, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return ([], 0);
        }

        if (db.Provider != DatabaseProvider.Postgres)
        {
            await EventRows.InsertAsync(db, events, cancellationToken);
            var rows = events.Select(e => new PendingEvent(e.ContactId, e.Id, now)).ToList();
            var last = await EnqueueAsync(db, rows, cancellationToken);
            return (events.Where(e => e.MessageId is not null).Select(e => e.MessageId!).ToHashSet(StringComparer.Ordinal), last);
        }

        var columns = db.Model.FindEntityType(typeof(ContactEvent))!.GetProperties()
            .Where(p => p.Name != nameof(ContactEvent.Id))
            .Select(p => MappedColumn.Of<ContactEvent>(db, p.Name))
            .ToList();
        var e = new SqlNames<ContactEvent>(db);
        var q = new SqlNames<PendingEvent>(db);
        var sql =
            $"WITH ins AS (INSERT INTO {e.Table} ({string.Join(", ", columns.Select(c => c.Name))}) " +
            $"SELECT * FROM unnest({string.Join(", ", columns.Select((_, i) => $"@c{i}"))}) " +
            $"ON CONFLICT ({e[nameof(ContactEvent.MessageId)]}) DO NOTHING " +
            $"RETURNING {e[nameof(ContactEvent.Id)]} AS id, {e[nameof(ContactEvent.ContactId)]} AS contact, {e[nameof(ContactEvent.MessageId)]} AS message), " +
            $"queued AS (INSERT INTO {q.Table} ({q[nameof(PendingEvent.ContactId)]}, {q[nameof(PendingEvent.EventId)]}, {q[nameof(PendingEvent.QueuedAt)]}) " +
            $"SELECT contact, id, @now FROM ins ORDER BY id RETURNING {q[nameof(PendingEvent.Id)]} AS id) " +
            "SELECT (SELECT max(id) FROM queued), (SELECT array_agg(message) FROM ins WHERE message IS NOT NULL)";
        await using var command = RawCommand.Create(db, sql);
        for (var i = 0; i < columns.Count; i++)
        {
            command.Parameters.Add(columns[i].ArrayParameter($"c{i}", events));
        }

        RawCommand.Bind(command, RawCommand.Property<PendingEvent>(db, nameof(PendingEvent.QueuedAt)), "now", now);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var lastQueueId = reader.IsDBNull(0) ? 0 : reader.GetInt64(0);
        var inserted = reader.IsDBNull(1) ? [] : reader.GetFieldValue<string[]>(1).ToHashSet(StringComparer.Ordinal);
        return (inserted, lastQueueId);
    }

    /// <summary>Queue rows for contacts whose segments must be evaluated again (upserts), or events already inserted.</summary>
    public static async Task<long> EnqueueAsync(AutomationDb db, IReadOnlyList<PendingEvent> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        var set = db.Set<PendingEvent>();
        set.AddRange(rows);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return rows.Max(r => r.Id);
    }
}
