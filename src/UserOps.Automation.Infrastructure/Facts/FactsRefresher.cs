using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Facts;
using UserOps.Automation.Infrastructure.Ingestion;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Facts;

/// <summary>
/// Re-derives the facts that change with time alone, for every contact, set-based: the window counters
/// are recounted from the events table, the RFM breakpoints are re-cut from the buyers' distribution,
/// and every contact is re-scored and re-staged by CASE expressions. No contact row travels to the host.
/// </summary>
/// <remarks>
/// Event names are compared lower-cased on both sides because <see cref="FactsPolicy"/> matches them
/// ignoring case, while SQLite's and PostgreSQL's <c>IN</c> do not.
/// </remarks>
public sealed class FactsRefresher(IDbContextFactory<AutomationDb> dbFactory, IOptions<FactsOptions> options, TimeProvider time, ILogger<FactsRefresher> logger)
{
    private static readonly double[] Quintiles = [0.2, 0.4, 0.6, 0.8];

    public async Task<FactsRefreshResult> RefreshAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var now = time.GetUtcNow().UtcDateTime;
        var policy = options.Value.ToPolicy(RfmThresholds.Unscored);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (db.Provider == DatabaseProvider.Postgres)
        {
            // The recount is three correlated subqueries per contact over Events. Planned on statistics taken while
            // Events was nearly empty (a new install, a table a backfill just filled), each becomes a scan of every event
            // per contact: quadratic, while the applier waits for this job's lock (docs/performance.md, session 6).
            // Fresh statistics first, outside the transaction and before the lock: a sample, not a scan.
            await db.Database.ExecuteSqlRawAsync("ANALYZE \"Events\", \"Contacts\"", cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Events accepted but not yet applied are left out of the recount, and no applier round runs meanwhile: the
        // round adds its events to the counters relative to what this refresh wrote (ADR 0009).
        await ApplierLock.AcquireAsync(db, cancellationToken);
        var contacts = await RecountWindowAsync(db, policy, now, cancellationToken);
        var (rfm, buyers) = await CutRfmAsync(db, now, cancellationToken);
        await RfmThresholdsSetting.StageAsync(db, rfm, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await RescoreAsync(db, policy with { Rfm = rfm }, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var elapsed = Stopwatch.GetElapsedTime(started);
        logger.LogInformation("Facts refreshed for {Contacts} contacts ({Buyers} buyers) in {Elapsed} ms; RFM breakpoints {Rfm}",
            contacts, buyers, (long)elapsed.TotalMilliseconds, RfmThresholdsSetting.Serialize(rfm));
        return new FactsRefreshResult(now, contacts, buyers, rfm, elapsed);
    }

    // ToLower here is SQL lower(), never run in .NET: culture does not apply (CA1304/CA1311).
#pragma warning disable CA1304, CA1311
    private static async Task<int> RecountWindowAsync(AutomationDb db, FactsPolicy policy, DateTime now, CancellationToken cancellationToken)
    {
        var since = now - policy.Window;
        var visits = Lowered(policy.VisitEvents);
        var purchases = Lowered(policy.PurchaseEvents);
        var pending = db.Set<PendingEvent>();
        var events = await pending.AnyAsync(cancellationToken) ? db.Events.Where(e => !pending.Any(p => p.EventId == e.Id)) : db.Events;
        return await db.Contacts.ExecuteUpdateAsync(
            s => s
                .SetProperty(c => c.VisitsInWindow, c => events.Count(e => e.ContactId == c.Id && e.Timestamp > since && visits.Contains(e.Name.ToLower())))
                .SetProperty(c => c.PurchasesInWindow, c => events.Count(e => e.ContactId == c.Id && e.Timestamp > since && purchases.Contains(e.Name.ToLower())))
                .SetProperty(c => c.SpendInWindowMinor, c => events
                    .Where(e => e.ContactId == c.Id && e.Timestamp > since && purchases.Contains(e.Name.ToLower()))
                    .Sum(e => e.AmountMinor ?? 0)),
            cancellationToken);
    }
#pragma warning restore CA1304, CA1311

    /// <summary>
    /// Quintile cut points over the contacts who have bought, by nearest rank: the p-th cut is the value
    /// at 0-based position ⌈p·n⌉ − 1 of the sorted values. Recency is sorted most recent first, so its
    /// cut points (in whole days) ascend like the others.
    /// </summary>
    private static async Task<(RfmThresholds Rfm, int Buyers)> CutRfmAsync(AutomationDb db, DateTime now, CancellationToken cancellationToken)
    {
        var buyers = db.Contacts.AsNoTracking().Where(c => c.PurchaseCount > 0);
        var n = await buyers.CountAsync(cancellationToken);
        if (n == 0)
        {
            return (RfmThresholds.Unscored, 0);
        }

        var recency = new List<int>(4);
        var frequency = new List<int>(4);
        var monetary = new List<long>(4);
        foreach (var p in Quintiles)
        {
            var rank = RankOf(p, n);
            var lastPurchase = await buyers.OrderByDescending(c => c.LastPurchaseAt).Skip(rank).Select(c => c.LastPurchaseAt).FirstAsync(cancellationToken);
            recency.Add(lastPurchase is { } at ? FactsPolicy.DaysBetween(at, now) : 0);
            frequency.Add(await buyers.OrderBy(c => c.PurchasesInWindow).Skip(rank).Select(c => c.PurchasesInWindow).FirstAsync(cancellationToken));
            monetary.Add(await buyers.OrderBy(c => c.SpendInWindowMinor).Skip(rank).Select(c => c.SpendInWindowMinor).FirstAsync(cancellationToken));
        }

        return (new RfmThresholds(recency, frequency, monetary), n);
    }

    /// <summary>0-based nearest-rank position of quantile <paramref name="p"/> among <paramref name="n"/> sorted values.</summary>
    internal static int RankOf(double p, int n) => Math.Max(0, (int)Math.Ceiling(p * n) - 1);

    /// <summary>
    /// The SQL twin of <see cref="RfmThresholds"/> and <see cref="LifecyclePolicy.StageOf"/>. "Whole days since
    /// <c>at</c> ≤ d" is "<c>at</c> &gt; now − (d + 1) days" and "whole days since <c>at</c> ≥ d" is
    /// "<c>at</c> ≤ now − d days", so the database compares stored instants with constants, as the rules do.
    /// </summary>
    private static Task<int> RescoreAsync(AutomationDb db, FactsPolicy policy, DateTime now, CancellationToken cancellationToken)
    {
        var rfm = policy.Rfm;
        var r5 = now - TimeSpan.FromDays(rfm.RecencyDays[0] + 1);
        var r4 = now - TimeSpan.FromDays(rfm.RecencyDays[1] + 1);
        var r3 = now - TimeSpan.FromDays(rfm.RecencyDays[2] + 1);
        var r2 = now - TimeSpan.FromDays(rfm.RecencyDays[3] + 1);
        var (f1, f2, f3, f4) = (rfm.Frequency[0], rfm.Frequency[1], rfm.Frequency[2], rfm.Frequency[3]);
        var (m1, m2, m3, m4) = (rfm.Monetary[0], rfm.Monetary[1], rfm.Monetary[2], rfm.Monetary[3]);
        var lifecycle = policy.Lifecycle;
        var churnedBefore = now - TimeSpan.FromDays(lifecycle.ChurnAfterDays);
        var (loyal, habit) = (lifecycle.LoyalPurchases, lifecycle.HabitVisits);

        return db.Contacts.ExecuteUpdateAsync(
            s => s
                .SetProperty(c => c.RecencyScore, c =>
                    c.LastPurchaseAt == null ? 0
                    : c.LastPurchaseAt > r5 ? 5
                    : c.LastPurchaseAt > r4 ? 4
                    : c.LastPurchaseAt > r3 ? 3
                    : c.LastPurchaseAt > r2 ? 2
                    : 1)
                .SetProperty(c => c.FrequencyScore, c =>
                    c.PurchaseCount <= 0 ? 0
                    : c.PurchasesInWindow <= f1 ? 1
                    : c.PurchasesInWindow <= f2 ? 2
                    : c.PurchasesInWindow <= f3 ? 3
                    : c.PurchasesInWindow <= f4 ? 4
                    : 5)
                .SetProperty(c => c.MonetaryScore, c =>
                    c.PurchaseCount <= 0 ? 0
                    : c.SpendInWindowMinor <= m1 ? 1
                    : c.SpendInWindowMinor <= m2 ? 2
                    : c.SpendInWindowMinor <= m3 ? 3
                    : c.SpendInWindowMinor <= m4 ? 4
                    : 5)
                .SetProperty(c => c.Lifecycle, c =>
                    c.LastActiveAt <= churnedBefore ? LifecycleStage.Churned
                    : c.PurchasesInWindow >= loyal ? LifecycleStage.Loyal
                    : c.PurchaseCount > 0 ? LifecycleStage.Paying
                    : c.VisitsInWindow >= habit ? LifecycleStage.Habit
                    : c.VisitCount > 0 ? LifecycleStage.Use
                    : LifecycleStage.Contact),
            cancellationToken);
    }

    private static List<string> Lowered(IEnumerable<string> names) =>
        names.Select(n => n.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
}

/// <summary>What one facts refresh did.</summary>
public sealed record FactsRefreshResult(DateTime At, int Contacts, int Buyers, RfmThresholds Rfm, TimeSpan Elapsed);
