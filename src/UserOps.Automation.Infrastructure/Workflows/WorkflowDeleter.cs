using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Audit;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Infrastructure.Audit;
using UserOps.Automation.Infrastructure.Journeys;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Workflows;

/// <summary>
/// Deletes a workflow: every version, its finished journeys (with their steps) and its blast runs, in one
/// transaction with an audit entry holding each version as it was (ADR 0013). Sent messages and issued coupons
/// stay: they record what contacts received. A workflow with running journeys is never deleted; retire it and
/// delete it once they have ended. The API, the console and the command line all delete through here.
/// </summary>
public sealed class WorkflowDeleter(AutomationDb db, AuditTrail audit)
{
    /// <param name="mayDeletePublished">
    /// Whether the caller may delete a workflow that was ever published (publisher role); drafts that never went
    /// out are anyone's who may edit.
    /// </param>
    public async Task<WorkflowDeletion> DeleteAsync(string definitionId, bool mayDeletePublished, CancellationToken cancellationToken)
    {
        var versions = await db.WorkflowVersions.Where(v => v.DefinitionId == definitionId).OrderBy(v => v.Version).ToListAsync(cancellationToken);
        if (versions.Count == 0)
        {
            return new WorkflowDeletion(WorkflowDeletionOutcome.NotFound);
        }

        var everPublished = versions.Any(v => v.Status != WorkflowVersionStatus.Draft);
        if (everPublished && !mayDeletePublished)
        {
            return new WorkflowDeletion(WorkflowDeletionOutcome.NeedsPublisher);
        }

        var running = await RunningAsync(definitionId, cancellationToken);
        if (running > 0)
        {
            return new WorkflowDeletion(WorkflowDeletionOutcome.HasRunningJourneys, running);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Journeys carry no foreign keys (ADR 0010), so a journey started or a blast queued since the count above is
        // caught by counting again inside this transaction, after the deletes: then the whole delete is rolled back.
        var finished = db.Journeys.Where(j => j.DefinitionId == definitionId && j.ActiveKey == null);
        await db.JourneySteps.Where(s => finished.Any(j => j.Id == s.JourneyId)).ExecuteDeleteAsync(cancellationToken);
        var journeys = await finished.ExecuteDeleteAsync(cancellationToken);
        await db.BlastRuns.Where(r => r.DefinitionId == definitionId).ExecuteDeleteAsync(cancellationToken);
        db.WorkflowVersions.RemoveRange(versions);
        audit.Record(AuditEntities.Workflow, definitionId, AuditActions.Delete, versions.Select(v => WorkflowSnapshot.Of(v)).ToList(), null);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return new WorkflowDeletion(WorkflowDeletionOutcome.HasRunningJourneys, Math.Max(1, await RunningAsync(definitionId, cancellationToken)));
        }

        if (await RunningAsync(definitionId, cancellationToken) is > 0 and var startedSince)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return new WorkflowDeletion(WorkflowDeletionOutcome.HasRunningJourneys, startedSince);
        }

        await transaction.CommitAsync(cancellationToken);
        return new WorkflowDeletion(WorkflowDeletionOutcome.Deleted, 0, versions.Count, journeys, everPublished);
    }

    /// <summary>Active journeys plus the contacts of a fired blast whose journeys are queued and not yet run (ADR 0010).</summary>
    private async Task<int> RunningAsync(string definitionId, CancellationToken cancellationToken)
    {
        var active = await db.Journeys.CountAsync(j => j.DefinitionId == definitionId && j.ActiveKey != null, cancellationToken);
        var queued = await db.Set<PendingEnrolment>().Where(p => p.DefinitionId == definitionId).SumAsync(p => p.Count, cancellationToken);
        return active + queued;
    }
}

public enum WorkflowDeletionOutcome
{
    Deleted,
    NotFound,

    /// <summary>The workflow was published once: deleting it needs the publisher role.</summary>
    NeedsPublisher,

    /// <summary>Journeys are still running in it (<see cref="WorkflowDeletion.RunningJourneys"/>): retire it first.</summary>
    HasRunningJourneys,
}

/// <summary>What a delete did, or why it did nothing.</summary>
public sealed record WorkflowDeletion(
    WorkflowDeletionOutcome Outcome, int RunningJourneys = 0, int Versions = 0, int FinishedJourneys = 0, bool WasPublished = false);
