using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Audit;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Infrastructure.Audit;
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
        // Steps go with their journeys (cascade). A journey enrolled since the count above is still running: the
        // versions' foreign key then refuses the delete, and the whole transaction is rolled back.
        var journeys = await db.Journeys.Where(j => j.DefinitionId == definitionId && j.ActiveKey == null).ExecuteDeleteAsync(cancellationToken);
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

        await transaction.CommitAsync(cancellationToken);
        return new WorkflowDeletion(WorkflowDeletionOutcome.Deleted, 0, versions.Count, journeys, everPublished);
    }

    private Task<int> RunningAsync(string definitionId, CancellationToken cancellationToken) =>
        db.Journeys.CountAsync(j => j.DefinitionId == definitionId && j.ActiveKey != null, cancellationToken);
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
