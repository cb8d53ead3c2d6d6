using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Journeys;
using UserOps.Automation.Core.Workflows;

namespace UserOps.Automation.Core.Simulation;

/// <summary>
/// The journey store of a simulation: one journey and its contact in memory. What the runner commits is handed to the
/// simulator instead of a database, so the production <see cref="JourneyRunner"/> runs unchanged and writes nothing.
/// </summary>
internal sealed class SimulatedJourneyStore(Journey journey, Contact contact) : IJourneyStore
{
    public Contact Contact { get; } = contact;

    /// <summary>Effects committed since the simulator last took them, in commit order.</summary>
    public List<JourneyEffects> Committed { get; } = [];

    public Task<IJourneyBatch> ClaimDueAsync(DateTime now, int size, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        IReadOnlyList<Journey> due = journey.IsActive && journey.DueAt <= now && size > 0 ? [journey] : [];
        return Task.FromResult<IJourneyBatch>(new Batch(this, due));
    }

    /// <summary>A simulation enrols its one contact itself; there is never a queued blast share to claim.</summary>
    public Task<IJourneyBatch> ClaimEnrolmentAsync(DateTime now, string owner, TimeSpan lease, CancellationToken cancellationToken) =>
        Task.FromResult<IJourneyBatch>(new Batch(this, []));

    private sealed class Batch(SimulatedJourneyStore store, IReadOnlyList<Journey> journeys) : IJourneyBatch
    {
        public IReadOnlyList<Journey> Journeys => journeys;

        public Task LoadContactsAsync(IReadOnlyCollection<long> contactIds, CancellationToken cancellationToken) => Task.CompletedTask;

        public Contact? ContactOf(Journey journey) => store.Contact;

        public Task CommitAsync(JourneyEffects effects, CancellationToken cancellationToken)
        {
            store.Committed.Add(effects);
            return Task.CompletedTask;
        }

        public Task ReleaseAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>The one workflow of a simulation, as the runner asks for versions.</summary>
internal sealed class SimulatedWorkflowVersions(ExecutableWorkflow workflow) : IWorkflowVersions
{
    public Task<ExecutableWorkflow?> GetAsync(long versionId, CancellationToken cancellationToken) =>
        Task.FromResult<ExecutableWorkflow?>(versionId == workflow.VersionId ? workflow : null);
}
