using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UserOps.Automation.Core.Facts;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Facts;

/// <summary>
/// Re-derives the facts that change with time alone, for every contact, set-based and in keyed chunks of
/// <see cref="FactsOptions.RefreshChunkSize"/> contacts (ADR 0027): each chunk's window counters are recounted from the
/// events in one aggregate pass and its contacts re-scored and re-staged, in a short transaction of its own under the
/// applier's lock, so event ingestion waits at most one chunk, never the whole refresh. Then the RFM breakpoints are
/// re-cut from all buyers' fresh counters, and, if they moved, a second chunked pass re-scores with them. Only rows
/// whose facts changed are written. No contact row travels to the host.
/// </summary>
public sealed class FactsRefresher(IDbContextFactory<AutomationDb> dbFactory, IOptions<FactsOptions> options, TimeProvider time, ILogger<FactsRefresher> logger) : IDisposable
{
    private static readonly double[] Quintiles = [0.2, 0.4, 0.6, 0.8];

    /// <summary>One refresh at a time in this process (on SQLite the only guard; elsewhere before the database's lock).</summary>
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Runs after each chunk's commit: tests interleave applier rounds there and check the chunks' bounds.</summary>
    internal Func<FactsChunk, CancellationToken, Task>? AfterChunk { get; set; }

    public async Task<FactsRefreshResult> RefreshAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var guard = await dbFactory.CreateDbContextAsync(cancellationToken);
            await FactsRefreshLock.AcquireAsync(guard, cancellationToken);
            try
            {
                return await RunAsync(cancellationToken);
            }
            finally
            {
                await FactsRefreshLock.ReleaseAsync(guard);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<FactsRefreshResult> RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var now = time.GetUtcNow().UtcDateTime;
        var policy = options.Value.ToPolicy(RfmThresholds.Unscored);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (db.Provider == DatabaseProvider.Postgres)
        {
            // Fresh statistics for the RFM cut's sorts and the segment refresh that follows; the chunks' own plans do not
            // depend on them (ADR 0027). Outside any transaction and lock: a sample, not a scan.
            await db.Database.ExecuteSqlRawAsync("ANALYZE \"Events\", \"Contacts\"", cancellationToken);
        }

        // Pass 1 recounts and scores with the breakpoints in force (those the applier scores with meanwhile).
        var previous = await RfmThresholdsSetting.LoadAsync(db, cancellationToken);
        var passes = new ChunkPasses(db, options.Value.RefreshChunkSize, AfterChunk);
        await passes.RunAsync(policy with { Rfm = previous }, now, recount: true, cancellationToken);

        var (rfm, buyers) = await CutRfmAsync(db, now, cancellationToken);
        await RfmThresholdsSetting.StageAsync(db, rfm, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var rescored = !SameCuts(rfm, previous);
        if (rescored)
        {
            // Pass 2: the new breakpoints; only contacts whose score they move are written.
            await passes.RunAsync(policy with { Rfm = rfm }, now, recount: false, cancellationToken);
        }

        var contacts = await db.Contacts.CountAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        logger.LogInformation(
            "Facts refreshed for {Contacts} contacts ({Buyers} buyers) in {Elapsed} ms: {Chunks} chunks, {Rewritten} rows rewritten, longest applier pause {Longest} ms{Rescored}; RFM breakpoints {Rfm}",
            contacts, buyers, (long)elapsed.TotalMilliseconds, passes.Chunks, passes.Rewritten, (long)passes.Longest.TotalMilliseconds,
            rescored ? " (re-scored with new breakpoints)" : string.Empty, RfmThresholdsSetting.Serialize(rfm));
        return new FactsRefreshResult(now, contacts, buyers, rfm, elapsed) { Chunks = passes.Chunks, Rewritten = passes.Rewritten, LongestPause = passes.Longest };
    }

    public void Dispose() => _gate.Dispose();

    private static bool SameCuts(RfmThresholds a, RfmThresholds b) =>
        a.RecencyDays.SequenceEqual(b.RecencyDays) && a.Frequency.SequenceEqual(b.Frequency) && a.Monetary.SequenceEqual(b.Monetary);

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
}

/// <summary>What one facts refresh did.</summary>
public sealed record FactsRefreshResult(DateTime At, int Contacts, int Buyers, RfmThresholds Rfm, TimeSpan Elapsed)
{
    /// <summary>Chunk transactions committed (both passes).</summary>
    public int Chunks { get; init; }

    /// <summary>Contact rows written (a row written by both passes counts twice); unchanged rows are not.</summary>
    public int Rewritten { get; init; }

    /// <summary>The longest a chunk held the applier's lock: the longest ingestion paused for this refresh.</summary>
    public TimeSpan LongestPause { get; init; }
}
