using Microsoft.Extensions.Logging;
using UserOps.Automation.Core.Workflows;

namespace UserOps.Automation.Core.Journeys;

/// <summary>
/// The sweep: claims due journeys in a batch and runs them round by round — in each round every journey runs its
/// current activity — until every journey of the batch waits or has ended; then the batch's moves and effects are
/// written in one transaction. A blast's coupon → send → end is thus one write per batch, not one per activity, and
/// a crash before the commit leaves nothing half-done: the journeys are claimed again when the lease lapses.
/// </summary>
public sealed class JourneyRunner(IJourneyStore store, IWorkflowVersions versions, TimeProvider time, ILogger<JourneyRunner> logger)
{
    /// <summary>Flowcharts cannot loop without a wait (validation), so this only guards against a bug.</summary>
    private const int MaxRounds = 100;

    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Expiry of a send step's message when the step names none (<see cref="ActivityExecutor.DefaultMessageExpiry"/>).</summary>
    public TimeSpan MessageExpiry { get; init; } = ActivityExecutor.DefaultMessageExpiry;

    /// <summary>
    /// Runs one batch — a pending blast enrolment first, else due journeys; returns the number of journeys claimed (0 when
    /// nothing is due).
    /// </summary>
    public async Task<int> RunDueAsync(string owner, int batchSize, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using (var enrolment = await store.ClaimEnrolmentAsync(now, owner, Lease, cancellationToken))
        {
            if (enrolment.Journeys.Count > 0)
            {
                return await RunAsync(enrolment, owner, now, cancellationToken);
            }
        }

        await using var batch = await store.ClaimDueAsync(now, batchSize, owner, Lease, cancellationToken);
        return batch.Journeys.Count == 0 ? 0 : await RunAsync(batch, owner, now, cancellationToken);
    }

    private async Task<int> RunAsync(IJourneyBatch batch, string owner, DateTime now, CancellationToken cancellationToken)
    {
        var workflows = new Dictionary<long, ExecutableWorkflow?>();
        foreach (var versionId in batch.Journeys.Select(j => j.WorkflowVersionId).Distinct())
        {
            workflows[versionId] = await versions.GetAsync(versionId, cancellationToken);
        }

        var readers = batch.Journeys.Where(j => workflows[j.WorkflowVersionId] is { ReadsContacts: true }).Select(j => j.ContactId).Distinct().ToList();
        if (readers.Count > 0)
        {
            await batch.LoadContactsAsync(readers, cancellationToken);
        }

        var effects = new JourneyEffects();
        IReadOnlyList<Journey> active = batch.Journeys;
        for (var round = 0; round < MaxRounds && active.Count > 0; round++)
        {
            foreach (var journey in active)
            {
                if (workflows[journey.WorkflowVersionId] is not { } workflow)
                {
                    journey.Fail($"workflow version {journey.WorkflowVersionId} is gone", now);
                    continue;
                }

                ActivityExecutor.Execute(workflow, journey, batch.ContactOf(journey), now, effects, MessageExpiry);
            }

            active = active.Where(j => j.Status == JourneyStatus.Running && j.DueAt <= now).ToList();
        }

        foreach (var step in effects.Steps)
        {
            step.TakenBy(owner);
        }

        try
        {
            await batch.CommitAsync(effects, cancellationToken);
        }
        catch (JourneyConflictException e)
        {
            // Another host advanced some of these journeys after our lease lapsed, or an event ended one: what it wrote
            // stands and nothing of ours was written. The others are released to be claimed (and run) again.
            logger.LogWarning(e, "Dropped a batch of {Count} journeys: some were moved meanwhile", batch.Journeys.Count);
            await batch.ReleaseAsync(cancellationToken);
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
