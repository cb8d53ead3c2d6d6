using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Dispatch;

/// <summary>
/// Claims due rows with a lease in one statement, like the journey store: <c>FOR UPDATE SKIP LOCKED</c> on
/// PostgreSQL, <c>READPAST</c> on SQL Server, SQLite's single writer elsewhere. Hosts never wait on each other.
/// </summary>
internal static class OutboxClaims
{
    /// <summary>
    /// The claimed rows themselves, untracked and as the claim left them (the same statement returns every column):
    /// no second query to load them by id. In no particular order.
    /// </summary>
    public static Task<List<OutboxMessage>> ClaimMessagesAsync(AutomationDb db, Channel channel, DateTime now, int size, string owner, DateTime leaseUntil, CancellationToken cancellationToken)
    {
        var m = new SqlNames<OutboxMessage>(db);
        var free = $"{m[nameof(OutboxMessage.Status)]} IN ('{OutboxStatus.Queued}', '{OutboxStatus.Deferred}') AND {m[nameof(OutboxMessage.Channel)]} = {{4}} " +
                   $"AND {m[nameof(OutboxMessage.NotBefore)]} <= {{2}} AND ({m[nameof(OutboxMessage.LeaseUntil)]} IS NULL OR {m[nameof(OutboxMessage.LeaseUntil)]} < {{2}})";
        var sql = Claim(db.Provider, m.Table, m[nameof(OutboxMessage.Id)], m[nameof(OutboxMessage.LeaseOwner)], m[nameof(OutboxMessage.LeaseUntil)], free, m[nameof(OutboxMessage.NotBefore)], value: null);

        // Not composed: EF runs the UPDATE … RETURNING as written and materialises the returned rows.
        return db.OutboxMessages.FromSqlRaw(sql, owner, leaseUntil, now, size, channel.ToString()).AsNoTracking().ToListAsync(cancellationToken);
    }

    public static Task<List<long>> ClaimWebhooksAsync(AutomationDb db, DateTime now, int size, string owner, DateTime leaseUntil, CancellationToken cancellationToken)
    {
        var w = new SqlNames<WebhookDelivery>(db);
        var free = $"{w[nameof(WebhookDelivery.Status)]} = '{OutboxStatus.Queued}' AND {w[nameof(WebhookDelivery.NextAttemptAt)]} <= {{2}} " +
                   $"AND ({w[nameof(WebhookDelivery.LeaseUntil)]} IS NULL OR {w[nameof(WebhookDelivery.LeaseUntil)]} < {{2}})";
        var sql = Claim(db.Provider, w.Table, w[nameof(WebhookDelivery.Id)], w[nameof(WebhookDelivery.LeaseOwner)], w[nameof(WebhookDelivery.LeaseUntil)], free, w[nameof(WebhookDelivery.NextAttemptAt)],
            value: w[nameof(WebhookDelivery.Id)]);
        return db.Database.SqlQueryRaw<long>(sql, owner, leaseUntil, now, size).ToListAsync(cancellationToken);
    }

    /// <param name="value">The one column to return (as <c>Value</c>), or null for every column of the claimed rows.</param>
    private static string Claim(DatabaseProvider provider, string table, string id, string leaseOwner, string leaseEnd, string free, string order, string? value) => provider switch
    {
        DatabaseProvider.Postgres =>
            $"UPDATE {table} SET {leaseOwner} = {{0}}, {leaseEnd} = {{1}} WHERE {id} IN " +
            $"(SELECT {id} FROM {table} WHERE {free} ORDER BY {order} LIMIT {{3}} FOR UPDATE SKIP LOCKED) RETURNING {(value is null ? "*" : $"{value} AS \"Value\"")}",
        DatabaseProvider.SqlServer =>
            $"WITH due AS (SELECT TOP ({{3}}) * FROM {table} WITH (ROWLOCK, READPAST, UPDLOCK) WHERE {free} ORDER BY {order}) " +
            $"UPDATE due SET {leaseOwner} = {{0}}, {leaseEnd} = {{1}} OUTPUT {(value is null ? "inserted.*" : $"inserted.{value} AS [Value]")};",
        _ =>
            $"UPDATE {table} SET {leaseOwner} = {{0}}, {leaseEnd} = {{1}} WHERE {id} IN " +
            $"(SELECT {id} FROM {table} WHERE {free} ORDER BY {order} LIMIT {{3}}) RETURNING {(value is null ? "*" : $"{value} AS \"Value\"")}",
    };
}
