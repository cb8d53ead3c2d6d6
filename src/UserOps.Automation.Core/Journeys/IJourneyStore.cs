using UserOps.Automation.Core.Contacts;

namespace UserOps.Automation.Core.Journeys;

/// <summary>Where journeys wait. Claims are leased, so several hosts share the work and a dead host's claims lapse.</summary>
public interface IJourneyStore
{
    /// <summary>Claims up to <paramref name="size"/> journeys due at <paramref name="now"/> whose lease is free.</summary>
    Task<IJourneyBatch> ClaimDueAsync(DateTime now, int size, string owner, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>
    /// Claims a share of a blast's audience not yet enrolled, as new journeys at the workflow's first activity (not yet
    /// stored; committing the batch inserts them in the state they reached); an empty batch when no blast is pending.
    /// </summary>
    Task<IJourneyBatch> ClaimEnrolmentAsync(DateTime now, string owner, TimeSpan lease, CancellationToken cancellationToken);
}

/// <summary>A claimed batch: a unit of work that writes the journeys' moves and effects in one transaction.</summary>
public interface IJourneyBatch : IAsyncDisposable
{
    IReadOnlyList<Journey> Journeys { get; }

    /// <summary>Loads these contacts (only what the activities read, never tracked for writing).</summary>
    Task LoadContactsAsync(IReadOnlyCollection<long> contactIds, CancellationToken cancellationToken);

    /// <summary>The journey's contact if <see cref="LoadContactsAsync"/> loaded it, else null.</summary>
    Contact? ContactOf(Journey journey);

    /// <summary>
    /// Writes every journey's new state, gives its lease back, and writes the effects, atomically; throws
    /// <see cref="JourneyConflictException"/> (and writes nothing) when another host moved any of them first.
    /// </summary>
    Task CommitAsync(JourneyEffects effects, CancellationToken cancellationToken);

    /// <summary>Gives back the leases of journeys not committed, so they can be claimed again at their due time.</summary>
    Task ReleaseAsync(CancellationToken cancellationToken);
}

/// <summary>Published workflow versions, ready to run, by version id.</summary>
public interface IWorkflowVersions
{
    Task<Workflows.ExecutableWorkflow?> GetAsync(long versionId, CancellationToken cancellationToken);
}
