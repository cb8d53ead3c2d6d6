using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Core.Audit;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Infrastructure.Audit;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Workflows;

/// <summary>
/// Drafts, publishes and retires workflow versions. Publishing validates against what exists now. Every change is
/// written to the audit log in the same save (the actor is the system when no <see cref="AuditTrail"/> is given).
/// </summary>
public sealed class WorkflowService(
    AutomationDb db, RuleCatalog rules, TimeProvider time, IWorkflowReferenceSource? referenceSource = null, AuditTrail? audit = null)
{
    private readonly AuditTrail _audit = audit ?? new AuditTrail(db, time);

    public async Task<WorkflowReferences> ReferencesAsync(CancellationToken cancellationToken)
    {
        var segments = (await db.Segments.Select(s => s.Key).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var templates = referenceSource is null ? null : await referenceSource.TemplateKeysAsync(cancellationToken);
        return new WorkflowReferences(rules, segments, templates, referenceSource is null ? null : referenceSource.CronError);
    }

    /// <summary>Saves <paramref name="definition"/> as a new draft version (one more than the latest).</summary>
    /// <param name="auditAction">How the audit log names it: a save from the designer, or an import of a file.</param>
    public async Task<WorkflowVersion> SaveDraftAsync(WorkflowDefinition definition, CancellationToken cancellationToken, string auditAction = AuditActions.SaveDraft)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var now = time.GetUtcNow().UtcDateTime;
        var latest = await db.WorkflowVersions.Where(v => v.DefinitionId == definition.DefinitionId)
            .OrderByDescending(v => v.Version).FirstOrDefaultAsync(cancellationToken);
        if (latest is { Status: WorkflowVersionStatus.Draft })
        {
            var before = WorkflowSnapshot.Of(latest);
            latest.UpdateDraft(definition, now);
            _audit.Record(AuditEntities.Workflow, latest.DefinitionId, auditAction, before, WorkflowSnapshot.Of(latest));
            await db.SaveChangesAsync(cancellationToken);
            return latest;
        }

        var version = new WorkflowVersion(definition with { Version = (latest?.Version ?? 0) + 1 }, now);
        db.WorkflowVersions.Add(version);
        _audit.Record(AuditEntities.Workflow, version.DefinitionId, auditAction, latest is null ? null : WorkflowSnapshot.Of(latest), WorkflowSnapshot.Of(version));
        await db.SaveChangesAsync(cancellationToken);
        return version;
    }

    /// <summary>Publishes the latest draft: every problem is returned at once and nothing changes while any remains.</summary>
    public async Task<(WorkflowVersion? Version, IReadOnlyList<WorkflowProblem> Problems)> PublishAsync(string definitionId, CancellationToken cancellationToken)
    {
        var draft = await db.WorkflowVersions.Where(v => v.DefinitionId == definitionId && v.Status == WorkflowVersionStatus.Draft)
            .OrderByDescending(v => v.Version).FirstOrDefaultAsync(cancellationToken);
        if (draft is null)
        {
            return (null, [new WorkflowProblem(null, $"workflow '{definitionId}' has no draft to publish")]);
        }

        var problems = WorkflowValidator.Validate(draft.Definition, await ReferencesAsync(cancellationToken));
        if (problems.Count > 0)
        {
            return (draft, problems);
        }

        var now = time.GetUtcNow().UtcDateTime;
        foreach (var published in await db.WorkflowVersions.Where(v => v.DefinitionId == definitionId && v.Status == WorkflowVersionStatus.Published).ToListAsync(cancellationToken))
        {
            // Running journeys keep their version; only new entries go to the new one.
            var was = WorkflowSnapshot.Of(published, withDefinition: false);
            published.Retire(now);
            _audit.Record(AuditEntities.Workflow, definitionId, AuditActions.Retire, was, WorkflowSnapshot.Of(published, withDefinition: false));
        }

        var before = WorkflowSnapshot.Of(draft);
        draft.Publish(now);
        _audit.Record(AuditEntities.Workflow, definitionId, AuditActions.Publish, before, WorkflowSnapshot.Of(draft));
        await db.SaveChangesAsync(cancellationToken);
        return (draft, []);
    }

    public async Task<bool> RetireAsync(string definitionId, CancellationToken cancellationToken)
    {
        var published = await db.WorkflowVersions.Where(v => v.DefinitionId == definitionId && v.Status == WorkflowVersionStatus.Published).ToListAsync(cancellationToken);
        foreach (var version in published)
        {
            var before = WorkflowSnapshot.Of(version, withDefinition: false);
            version.Retire(time.GetUtcNow().UtcDateTime);
            _audit.Record(AuditEntities.Workflow, definitionId, AuditActions.Retire, before, WorkflowSnapshot.Of(version, withDefinition: false));
        }

        await db.SaveChangesAsync(cancellationToken);
        return published.Count > 0;
    }
}

/// <summary>What the workflow validator needs from other features: template keys (messaging) and cron syntax (scheduling).</summary>
public interface IWorkflowReferenceSource
{
    Task<IReadOnlySet<string>?> TemplateKeysAsync(CancellationToken cancellationToken);

    string? CronError(string cron);
}
