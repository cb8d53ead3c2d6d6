using UserOps.Automation.Core.Contacts;

namespace UserOps.Automation.Core.Journeys;

/// <summary>Where journeys wait. Claims are leased, so several hosts share the work and a dead host's claims lapse.</summary>
public interface IJourneyStore
{
    /// <summary>Claims up to <paramref name="size"/> journeys due at <paramref name="now"/> whose lease is free, with their contacts.</summary>
    Task<IJourneyBatch> ClaimDueAsync(DateTime now, int size, string owner, TimeSpan lease, CancellationToken cancellationToken);
}

/// <summary>A claimed batch: a unit of work that writes each round of moves and effects in one transaction.</summary>
public interface IJourneyBatch : IAsyncDisposable
{
    IReadOnlyList<Journey> Journeys { get; }

    Contact ContactOf(Journey journey);

    /// <summary>Writes the journeys' new state and the effects atomically; throws <see cref="JourneyConflictException"/> when another host moved them first.</summary>
    Task CommitAsync(JourneyEffects effects, CancellationToken cancellationToken);

    /// <summary>Gives the leases back so the remaining journeys can be claimed at their due time.</summary>
    Task ReleaseAsync(CancellationToken cancellationToken);
}

/// <summary>Published workflow versions, ready to run, by version id.</summary>
public interface IWorkflowVersions
{
    Task<Workflows.ExecutableWorkflow?> GetAsync(long versionId, CancellationToken cancellationToken);
}
