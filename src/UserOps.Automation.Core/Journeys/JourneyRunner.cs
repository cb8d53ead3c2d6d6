using Microsoft.Extensions.Logging;

namespace UserOps.Automation.Core.Journeys;

/// <summary>
/// The sweep: claims due journeys in a batch and runs them round by round — in each round every journey
/// runs its current activity, and the round's moves and effects are written in one transaction — until
/// every journey of the batch waits or has ended.
/// </summary>
public sealed class JourneyRunner(IJourneyStore store, IWorkflowVersions versions, TimeProvider time, ILogger<JourneyRunner> logger)
{
    /// <summary>Flowcharts cannot loop without a wait (validation), so this only guards against a bug.</summary>
    private const int MaxRounds = 100;

    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Expiry of a send step's message when the step names none (<see cref="ActivityExecutor.DefaultMessageExpiry"/>).</summary>
    public TimeSpan MessageExpiry { get; init; } = ActivityExecutor.DefaultMessageExpiry;

    /// <summary>Runs one batch; returns the number of journeys claimed (0 when nothing is due).</summary>
    public async Task<int> RunDueAsync(string owner, int batchSize, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var batch = await store.ClaimDueAsync(now, batchSize, owner, Lease, cancellationToken);
        if (batch.Journeys.Count == 0)
        {
            return 0;
        }

        var active = batch.Journeys.ToList();
        try
        {
            for (var round = 0; round < MaxRounds && active.Count > 0; round++)
            {
                var effects = new JourneyEffects();
                foreach (var group in active.GroupBy(j => j.WorkflowVersionId))
                {
                    var workflow = await versions.GetAsync(group.Key, cancellationToken);
                    foreach (var journey in group)
                    {
                        if (workflow is null)
                        {
                            journey.Fail($"workflow version {group.Key} is gone", now);
                            continue;
                        }

                        ActivityExecutor.Execute(workflow, journey, batch.ContactOf(journey), now, effects, MessageExpiry);
                    }
                }

                foreach (var step in effects.Steps)
                {
                    step.TakenBy(owner);
                }

                await batch.CommitAsync(effects, cancellationToken);
                active = active.Where(j => j.Status == JourneyStatus.Running && j.DueAt <= now).ToList();
            }

            await batch.ReleaseAsync(cancellationToken);
        }
        catch (JourneyConflictException e)
        {
            // Another host advanced these journeys after our lease lapsed; what it wrote stands.
            logger.LogWarning(e, "Dropped a batch of {Count} journeys moved by another host", batch.Journeys.Count);
        }

        return batch.Journeys.Count;
    }

    /// <summary>Runs batches until nothing is due or <paramref name="budget"/> is spent.</summary>
    public async Task<int> RunUntilIdleAsync(string owner, int batchSize, TimeSpan budget, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var total = 0;
        int claimed;
        do
        {
            claimed = await RunDueAsync(owner, batchSize, cancellationToken);
            total += claimed;
        }
        while (claimed > 0 && time.GetElapsedTime(started) < budget);

        return total;
    }
}
