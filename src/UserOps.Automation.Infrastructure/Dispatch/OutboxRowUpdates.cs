using System.Text;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Dispatch;

/// <summary>
/// The two writes every sent message needs (marked sending before it leaves, marked sent after), set-based: a few
/// statements per round instead of one tracked UPDATE per row, whose change tracking (the JSON data column is
/// snapshotted and compared per row) cost more than the send itself. Rows with any other outcome are rare and
/// go through change tracking as before.
/// </summary>
internal static class OutboxRowUpdates
{
    // SQL Server allows 2,100 parameters per statement; the provider-id statement takes three per row.
    private const int Chunk = 500;

    /// <summary>What <see cref="OutboxMessage.StartSending"/> did to the rows in memory, written in one statement per template version.</summary>
    public static async Task MarkSendingAsync(AutomationDb db, IEnumerable<OutboxMessage> rows, DateTime leaseUntil, CancellationToken cancellationToken)
    {
        foreach (var version in rows.GroupBy(r => r.TemplateVersionId))
        {
            foreach (var chunk in version.Select(r => r.Id).Chunk(Chunk))
            {
                var ids = chunk.ToList();
                var versionId = version.Key;
                await db.OutboxMessages
                    .Where(m => ids.Contains(m.Id))
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.Status, OutboxStatus.Sending)
                        .SetProperty(m => m.TemplateVersionId, versionId)
                        .SetProperty(m => m.LeaseUntil, leaseUntil)
                        .SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
            }
        }
    }

    /// <summary>
    /// What <see cref="OutboxMessage.Sent"/> did to the rows in memory: the shared columns and each row's provider id in
    /// one new row version per message. PostgreSQL: one statement for the round, the ids and provider ids as two arrays
    /// (<c>UPDATE … FROM unnest</c>). SQLite: one prepared single-row statement run per row, its fastest path (it binds
    /// parameters by name with a linear search, so the many-parameter CASE statement cost n² per chunk). SQL Server:
    /// a CASE per chunk of rows.
    /// </summary>
    public static async Task MarkSentAsync(AutomationDb db, IReadOnlyList<OutboxMessage> rows, DateTime at, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var m = new SqlNames<OutboxMessage>(db);
        var (id, provider) = (m[nameof(OutboxMessage.Id)], m[nameof(OutboxMessage.ProviderMessageId)]);
        var shared = $"{m[nameof(OutboxMessage.Status)]} = '{OutboxStatus.Sent}', {m[nameof(OutboxMessage.SentAt)]} = @at, " +
                     $"{m[nameof(OutboxMessage.Reason)]} = NULL, {m[nameof(OutboxMessage.LeaseOwner)]} = NULL, {m[nameof(OutboxMessage.LeaseUntil)]} = NULL";
        var sentAt = RawCommand.Property<OutboxMessage>(db, nameof(OutboxMessage.SentAt));
        switch (db.Provider)
        {
            case DatabaseProvider.Postgres:
            {
                // "= ANY(@id)" gives the planner an index condition on the key, as in ContactFactsWriter.
                await using var command = RawCommand.Create(db,
                    $"UPDATE {m.Table} AS o SET {shared}, {provider} = v.provider FROM unnest(@id, @provider) AS v(id, provider) " +
                    $"WHERE o.{id} = v.id AND o.{id} = ANY(@id)");
                RawCommand.Bind(command, sentAt, "at", at);
                RawCommand.Add(command, "id", rows.Select(r => r.Id).ToArray());
                RawCommand.Add(command, "provider", rows.Select(r => r.ProviderMessageId!).ToArray());
                await command.ExecuteNonQueryAsync(cancellationToken);
                return;
            }

            case DatabaseProvider.Sqlite:
                await RawCommand.ForEachRowAsync(db, $"UPDATE {m.Table} SET {shared}, {provider} = @provider WHERE {id} = @id", rows, (command, row) =>
                {
                    RawCommand.Bind(command, sentAt, "at", at);
                    RawCommand.Add(command, "provider", row.ProviderMessageId!);
                    RawCommand.Add(command, "id", row.Id);
                }, cancellationToken);
                return;

            default:
                await MarkSentByCaseAsync(db, m, rows, at, cancellationToken);
                return;
        }
    }

    private static async Task MarkSentByCaseAsync(AutomationDb db, SqlNames<OutboxMessage> m, IReadOnlyList<OutboxMessage> rows, DateTime at, CancellationToken cancellationToken)
    {
        foreach (var chunk in rows.Chunk(Chunk))
        {
            var sql = new StringBuilder(
                $"UPDATE {m.Table} SET {m[nameof(OutboxMessage.Status)]} = '{OutboxStatus.Sent}', {m[nameof(OutboxMessage.SentAt)]} = {{0}}, " +
                $"{m[nameof(OutboxMessage.Reason)]} = NULL, {m[nameof(OutboxMessage.LeaseOwner)]} = NULL, {m[nameof(OutboxMessage.LeaseUntil)]} = NULL, " +
                $"{m[nameof(OutboxMessage.ProviderMessageId)]} = CASE {m[nameof(OutboxMessage.Id)]}");
            var parameters = new List<object>(chunk.Length * 3 + 1) { at };
            foreach (var row in chunk)
            {
                sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" WHEN {{{parameters.Count}}} THEN {{{parameters.Count + 1}}}");
                parameters.Add(row.Id);
                parameters.Add(row.ProviderMessageId!);
            }

            sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" END WHERE {m[nameof(OutboxMessage.Id)]} IN (");
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(System.Globalization.CultureInfo.InvariantCulture, $"{(i == 0 ? string.Empty : ", ")}{{{parameters.Count}}}");
                parameters.Add(chunk[i].Id);
            }

            await db.Database.ExecuteSqlRawAsync(sql.Append(')').ToString(), parameters, cancellationToken);
        }
    }
}
