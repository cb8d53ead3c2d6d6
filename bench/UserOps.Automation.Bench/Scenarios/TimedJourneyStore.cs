using System.Diagnostics;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Journeys;

namespace UserOps.Automation.Bench.Scenarios;

/// <summary>
/// Times the store's parts of a sweep (claim + load, commit, release), so a slow sweep says where its time goes. Several
/// workers may sweep at once: each part is the sum over them (worker-seconds), which can exceed the wall time.
/// </summary>
internal sealed class TimedJourneyStore(IJourneyStore inner) : IJourneyStore
{
    private long _claim;
    private long _commit;
    private long _release;
    private long _batches;

    public async Task<IJourneyBatch> ClaimDueAsync(DateTime now, int size, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var batch = await inner.ClaimDueAsync(now, size, owner, lease, cancellationToken);
            if (batch.Journeys.Count > 0)
            {
                Interlocked.Increment(ref _batches);
            }

            return new Batch(batch, this);
        }
        finally
        {
            Add(ref _claim, started);
        }
    }

    public async Task<IJourneyBatch> ClaimEnrolmentAsync(DateTime now, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var batch = await inner.ClaimEnrolmentAsync(now, owner, lease, cancellationToken);
            if (batch.Journeys.Count > 0)
            {
                Interlocked.Increment(ref _batches);
            }

            return new Batch(batch, this);
        }
        finally
        {
            Add(ref _claim, started);
        }
    }

    public string Breakdown(double total) =>
        $"{Interlocked.Read(ref _batches):N0} batches; worker-seconds: claim+load {Seconds(_claim):N1} s, commit {Seconds(_commit):N1} s, " +
        $"release {Seconds(_release):N1} s (wall time of the sweep {total:N1} s; the rest of a worker's time is running activities in memory)";

    private static double Seconds(long ticks) => TimeSpan.FromTicks(Interlocked.Read(ref ticks)).TotalSeconds;

    private static void Add(ref long counter, long started) => Interlocked.Add(ref counter, Stopwatch.GetElapsedTime(started).Ticks);

    private sealed class Batch(IJourneyBatch inner, TimedJourneyStore owner) : IJourneyBatch
    {
        public IReadOnlyList<Journey> Journeys => inner.Journeys;

        public async Task LoadContactsAsync(IReadOnlyCollection<long> contactIds, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await inner.LoadContactsAsync(contactIds, cancellationToken);
            }
            finally
            {
                Add(ref owner._claim, started);
            }
        }

        public Contact? ContactOf(Journey journey) => inner.ContactOf(journey);

        public async Task CommitAsync(JourneyEffects effects, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await inner.CommitAsync(effects, cancellationToken);
            }
            finally
            {
                Add(ref owner._commit, started);
            }
        }

        public async Task ReleaseAsync(CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await inner.ReleaseAsync(cancellationToken);
            }
            finally
            {
                Add(ref owner._release, started);
            }
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
