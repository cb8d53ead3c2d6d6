using System.Diagnostics;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Journeys;

namespace UserOps.Automation.Bench.Scenarios;

/// <summary>Times the store's parts of a sweep (claim + load, commit, release), so a slow sweep says where its time goes.</summary>
internal sealed class TimedJourneyStore(IJourneyStore inner) : IJourneyStore
{
    public Stopwatch Claim { get; } = new();
    public Stopwatch Commit { get; } = new();
    public Stopwatch Release { get; } = new();

    public async Task<IJourneyBatch> ClaimDueAsync(DateTime now, int size, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        Claim.Start();
        try
        {
            return new Batch(await inner.ClaimDueAsync(now, size, owner, lease, cancellationToken), this);
        }
        finally
        {
            Claim.Stop();
        }
    }

    public string Breakdown(double total) =>
        $"claim+load {Claim.Elapsed.TotalSeconds:N1} s, commit {Commit.Elapsed.TotalSeconds:N1} s, release {Release.Elapsed.TotalSeconds:N1} s, " +
        $"the rest (executing activities) {total - (Claim.Elapsed + Commit.Elapsed + Release.Elapsed).TotalSeconds:N1} s";

    private sealed class Batch(IJourneyBatch inner, TimedJourneyStore owner) : IJourneyBatch
    {
        public IReadOnlyList<Journey> Journeys => inner.Journeys;

        public Contact ContactOf(Journey journey) => inner.ContactOf(journey);

        public async Task CommitAsync(JourneyEffects effects, CancellationToken cancellationToken)
        {
            owner.Commit.Start();
            try
            {
                await inner.CommitAsync(effects, cancellationToken);
            }
            finally
            {
                owner.Commit.Stop();
            }
        }

        public async Task ReleaseAsync(CancellationToken cancellationToken)
        {
            owner.Release.Start();
            try
            {
                await inner.ReleaseAsync(cancellationToken);
            }
            finally
            {
                owner.Release.Stop();
            }
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
