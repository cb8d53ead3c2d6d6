using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Ingestion;

/// <summary>
/// Applies accepted events (ADR 0009): folds them into facts, stays and journeys in rounds of up to
/// <see cref="IngestionOptions.ApplyBatchSize"/> queue rows, across every request that accepted them. Rounds of this
/// host run one at a time (and one at a time across hosts, <see cref="ApplierLock"/>). A writer that needs its events
/// applied before it answers (the own API: read-your-writes) waits with <see cref="WaitAppliedAsync"/>, which joins the
/// next round or runs one itself: group commit, so a burst of such writers shares rounds instead of queueing for one each.
/// </summary>
public sealed class EventApplier(
    IDbContextFactory<AutomationDb> dbFactory,
    FactsPolicyProvider policies,
    SegmentRuleCache segments,
    TimeProvider time,
    IOptions<IngestionOptions> options,
    IEnumerable<IAppliedEventsObserver> observers,
    ILogger<EventApplier> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _work = new(0, 1);
    private long _roundsStarted;
    private (long Number, AppliedRound Round) _last;

    /// <summary>Tells the background loop there is work (events were accepted on this host).</summary>
    public void Pulse()
    {
        lock (_work)
        {
            if (_work.CurrentCount == 0)
            {
                _work.Release();
            }
        }
    }

    /// <summary>Waits for <see cref="Pulse"/> or <paramref name="timeout"/> (events accepted by another host are found by polling).</summary>
    public Task<bool> WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken) => _work.WaitAsync(timeout, cancellationToken);

    /// <summary>One round: applies the oldest pending rows, up to the cap.</summary>
    public async Task<AppliedRound> ApplyRoundAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await RunAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Rounds until nothing is pending (tests, and a host that wants the backlog gone).</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        while ((await ApplyRoundAsync(cancellationToken)).Taken > 0)
        {
        }
    }

    /// <summary>
    /// Returns once every queue row up to <paramref name="lastQueueId"/> (written and committed by the caller) is applied,
    /// by this host's rounds or another's. A round that starts after the caller's commit takes its rows in id order, so
    /// once such a round was not full or took past <paramref name="lastQueueId"/>, the caller's rows are applied.
    /// </summary>
    public async Task WaitAppliedAsync(long lastQueueId, CancellationToken cancellationToken)
    {
        var ticket = Interlocked.Read(ref _roundsStarted);
        for (var failures = 0; ; )
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                if (_last.Number > ticket && (!_last.Round.Full || _last.Round.LastId >= lastQueueId))
                {
                    return;
                }

                var round = await RunAsync(cancellationToken);
                if (!round.Full || round.LastId >= lastQueueId)
                {
                    return;
                }
            }
            catch (Exception e) when (++failures < 3 && e is DbUpdateException or DbException)
            {
                // Two rounds never run at once, but the journeys' or a refresh's writes may deadlock with one: the round
                // rolled back whole, its rows are still pending; try again.
                logger.LogInformation(e, "Applier round failed; retrying");
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>How many queue rows wait and since when (exposed on /health and /api/ingestion/backlog).</summary>
    public async Task<IngestionBacklog> BacklogAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pending = db.Set<PendingEvent>().AsNoTracking();
        var count = await pending.CountAsync(cancellationToken);
        var oldest = count == 0 ? (DateTime?)null : await pending.OrderBy(p => p.Id).Select(p => (DateTime?)p.QueuedAt).FirstOrDefaultAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        return new IngestionBacklog(count, oldest, oldest is { } at && at < now ? now - at : TimeSpan.Zero);
    }

    public void Dispose()
    {
        _gate.Dispose();
        _work.Dispose();
    }

    private async Task<AppliedRound> RunAsync(CancellationToken cancellationToken)
    {
        var number = Interlocked.Increment(ref _roundsStarted);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var cap = options.Value.ApplyBatchSize;

        // An idle host polls: look without the lock (and without SQLite's write lock) before taking it.
        if (!await db.Set<PendingEvent>().AnyAsync(cancellationToken))
        {
            _last = (number, AppliedRound.Empty);
            return AppliedRound.Empty;
        }

        var policy = await policies.GetAsync(db, cancellationToken);
        var segmentRules = await segments.GetAsync(db, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;

        // One round per contact partition, side by side, each in its own transaction (ADR 0026): a round alternates between
        // this process and the database, so one round at a time keeps about one core busy.
        var partitions = ApplierLock.ApplyPartitions(db.Provider, options.Value.ApplyPartitions);
        var rounds = new Task<AppliedRound>[partitions];
        rounds[0] = RunPartitionAsync(db, 0);
        for (var p = 1; p < partitions; p++)
        {
            rounds[p] = RunPartitionAsync(null, p);
        }

        var result = Combine(await Task.WhenAll(rounds));

        async Task<AppliedRound> RunPartitionAsync(AutomationDb? own, int partition)
        {
            await using var other = own is null ? await dbFactory.CreateDbContextAsync(cancellationToken) : null;
            var context = own ?? other!;
            context.ChangeTracker.AutoDetectChangesEnabled = false;
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            var round = new ApplyRound(context, policy, segmentRules, now, partition, partitions);
            var applied = await round.RunAsync(cap, observers, cancellationToken);
            var committing = Stopwatch.GetTimestamp();
            await transaction.CommitAsync(cancellationToken);
            if (logger.IsEnabled(LogLevel.Debug))
            {
                logger.LogDebug("Applied {Taken} queue rows of partition {Partition} ({Events} events, {Contacts} contacts): {Phases}, commit {Commit:0} ms", applied.Taken,
                    partition, round.Events.Count, round.Contacts.Count, string.Join(", ", round.Phases.Select(p => $"{p.Phase} {p.Ms:0} ms")),
                    Stopwatch.GetElapsedTime(committing).TotalMilliseconds);
            }

            return applied;
        }

        _last = (number, result);
        return result;
    }

    /// <summary>
    /// The partitions' rounds as one: full if any was full, and then its last id is the lowest last id of the full ones.
    /// A waiter's rows up to some id are applied when the round was not full or took past that id — here: when every full
    /// partition took past it (the others took all they saw).
    /// </summary>
    internal static AppliedRound Combine(IReadOnlyList<AppliedRound> rounds)
    {
        var taken = rounds.Sum(r => r.Taken);
        if (taken == 0)
        {
            return AppliedRound.Empty;
        }

        var full = rounds.Where(r => r.Full).ToList();
        return full.Count > 0 ? new AppliedRound(taken, full.Min(r => r.LastId), true) : new AppliedRound(taken, rounds.Max(r => r.LastId), false);
    }
}

/// <summary>Queue rows not applied yet, the instant the oldest was accepted, and how long ago that is.</summary>
public sealed record IngestionBacklog(int Pending, DateTime? OldestQueuedAt, TimeSpan Lag);
