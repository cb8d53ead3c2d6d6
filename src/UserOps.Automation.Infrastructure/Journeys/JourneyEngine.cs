using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using UserOps.Automation.Core.Journeys;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Core.Workflows.Activities;
using UserOps.Automation.Infrastructure.Persistence;
using UserOps.Automation.Infrastructure.Segments;
using UserOps.Automation.Infrastructure.Workflows;

namespace UserOps.Automation.Infrastructure.Journeys;

/// <summary>
/// What the scheduler calls: enrol new segment entrants, fire blasts, and sweep due journeys. Each call is
/// safe to repeat and safe to run on several hosts at once.
/// </summary>
public sealed class JourneyEngine(
    IDbContextFactory<AutomationDb> dbFactory,
    EfWorkflowVersions versions,
    JourneyRunner runner,
    RuleCatalog rules,
    TimeProvider time,
    ILogger<JourneyEngine> logger)
{
    /// <summary>
    /// One sweep per host at a time: a sweep runs until nothing is due, so a firing that finds one running has nothing
    /// to add. Overlapping sweeps of one host only fight for the database (SQLite has one writer) and claim batches
    /// they then wait to write.
    /// </summary>
    private int _sweeping;

    private DatabaseProvider? _provider;

    public int BatchSize { get; init; } = JourneysOptions.DefaultBatchSize;

    /// <summary>Batches one sweep runs side by side on PostgreSQL and SQL Server; SQLite has one writer, so one there.</summary>
    public int Workers { get; init; } = JourneysOptions.DefaultWorkers;

    /// <summary>Enrols, into every published workflow with a segment-entered trigger, the stays begun since it last looked.</summary>
    public async Task<int> EnrolSegmentEntrantsAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        foreach (var workflow in await versions.PublishedAsync(cancellationToken))
        {
            if (workflow.Trigger.Type != ActivityTypes.SegmentEntered)
            {
                continue;
            }

            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var segmentKey = ActivityInputs.RequiredText(workflow.Trigger, "segment");
            var segmentId = await db.Segments.Where(s => s.Key == segmentKey).Select(s => (long?)s.Id).SingleOrDefaultAsync(cancellationToken);
            var version = await db.WorkflowVersions.SingleAsync(v => v.Id == workflow.VersionId, cancellationToken);
            if (segmentId is null || version.Status != WorkflowVersionStatus.Published)
            {
                continue;
            }

            var through = time.GetUtcNow().UtcDateTime;
            var since = version.EnrolledThrough ?? version.PublishedAt ?? through;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var enrolled = await new EfJourneyEnroller(db, time).EnrolSegmentEntrantsAsync(workflow, segmentId.Value, since, through, cancellationToken);
            version.Enrolled(through);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (enrolled > 0)
            {
                logger.LogInformation("Enrolled {Count} segment entrants of {Segment} into {Workflow}", enrolled, segmentKey, workflow.DefinitionId);
            }

            total += enrolled;
        }

        return total;
    }

    /// <summary>
    /// Fires a blast: reads the audience from its segment's rule as of now (ADR 0014; the segment's stays are left to the
    /// refresh cadence), then enrols every member — queued as shares the sweeps run and insert as journeys (ADR 0010), in
    /// one statement on SQL Server; returns the members enrolled. <paramref name="runKey"/> names the scheduled firing
    /// (its scheduled instant): the firing's <see cref="BlastRun"/> is written with the enrolment, so a repeated firing
    /// (a one-off re-registered on restart, a recovered job, another host) enrols nobody and returns 0.
    /// </summary>
    public Task<int> FireBlastAsync(long versionId, string runKey, CancellationToken cancellationToken) =>
        FireBlastAsync(versionId, runKey, null, cancellationToken);

    /// <param name="stage">Told each stage as it starts (0: reading the audience, 1: enrolling), outside any transaction.</param>
    public async Task<int> FireBlastAsync(long versionId, string runKey, Func<int, string, CancellationToken, ValueTask>? stage, CancellationToken cancellationToken)
    {
        var workflow = await versions.GetAsync(versionId, cancellationToken);
        if (workflow is null || workflow.Trigger.Type != ActivityTypes.Schedule)
        {
            return 0;
        }

        if (await HasRunAsync(workflow.DefinitionId, runKey, cancellationToken))
        {
            logger.LogInformation("Blast {Workflow} run {Run} already fired; nobody enrolled again", workflow.DefinitionId, runKey);
            return 0;
        }

        var segmentKey = ActivityInputs.RequiredText(workflow.Trigger, "segment");
        if (stage is not null)
        {
            await stage(0, $"Reading the audience ({segmentKey})", cancellationToken);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var segmentRule = await db.Segments.Where(s => s.Key == segmentKey).Select(s => s.Rule).SingleOrDefaultAsync(cancellationToken)
            ?? throw new KeyNotFoundException($"There is no segment '{segmentKey}'.");
        var now = time.GetUtcNow().UtcDateTime;
        var audience = SegmentAudience.Ids(db, rules.Get(segmentRule), now);

        // The members as of the firing, read before the transaction (a set query on the rule, like a refresh's, without
        // writing a stay): the transaction below then only writes the run and the shares. SQL Server enrols in one
        // statement from the same query instead.
        var members = db.Provider == DatabaseProvider.SqlServer ? null : await audience.OrderBy(id => id).ToListAsync(cancellationToken);
        if (stage is not null)
        {
            await stage(1, members is null ? $"Enrolling the audience of {segmentKey}" : string.Create(CultureInfo.InvariantCulture, $"Enrolling {members.Count:N0} members of {segmentKey}"), cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var run = new BlastRun(workflow.DefinitionId, workflow.VersionId, runKey, now);
        db.BlastRuns.Add(run);
        try
        {
            // First, so a concurrent firing of the same run waits on this row (PostgreSQL, SQL Server) and then fails.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            logger.LogInformation("Blast {Workflow} run {Run} fired by another host meanwhile; nobody enrolled again", workflow.DefinitionId, runKey);
            return 0;
        }

        // Queued as shares the sweeps run and insert in the state they reach (ADR 0010); SQL Server enrols in one statement.
        var enroller = new EfJourneyEnroller(db, time);
        var enrolled = members is null
            ? await enroller.EnrolAudienceAsync(workflow, SegmentAudience.SelectSql(db, audience), runKey, cancellationToken)
            : await enroller.QueueMembersAsync(workflow, members, runKey, BatchSize, cancellationToken);
        run.Record(enrolled);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Blast {Workflow} run {Run} enrolled {Count} contacts", workflow.DefinitionId, runKey, enrolled);
        return enrolled;
    }

    /// <summary>Whether the blast's firing <paramref name="runKey"/> has enrolled already.</summary>
    public async Task<bool> HasRunAsync(string definitionId, string runKey, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.BlastRuns.AnyAsync(r => r.DefinitionId == definitionId && r.RunKey == runKey, cancellationToken);
    }

    /// <summary>Advances every due journey, batch after batch, for at most <paramref name="budget"/>.</summary>
    public async Task<int> SweepAsync(string owner, TimeSpan budget, CancellationToken cancellationToken)
    {
        if (_provider is null)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            _provider = db.Provider;
        }

        // Several workers keep the database busy while another batch is being run in memory; SKIP LOCKED / READPAST keep
        // them apart. SQLite would only make them queue for its one write lock.
        var workers = _provider == DatabaseProvider.Sqlite ? 1 : Math.Max(1, Workers);
        var sweeps = Enumerable.Range(0, workers).Select(_ => runner.RunUntilIdleAsync(owner, BatchSize, budget, cancellationToken));
        return (await Task.WhenAll(sweeps)).Sum();
    }

    /// <summary>What the sweep job does: enrols entrants and sweeps, unless this host is sweeping already (then false).</summary>
    public async Task<bool> EnrolAndSweepUnlessSweepingAsync(string owner, TimeSpan budget, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return false;
        }

        try
        {
            await EnrolSegmentEntrantsAsync(cancellationToken);
            await SweepAsync(owner, budget, cancellationToken);
            return true;
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    /// <summary>Enrols entrants and sweeps until idle (tests and the sweep job).</summary>
    public async Task PumpAsync(string owner, CancellationToken cancellationToken)
    {
        await EnrolSegmentEntrantsAsync(cancellationToken);
        await SweepAsync(owner, TimeSpan.FromMinutes(5), cancellationToken);
    }
}
