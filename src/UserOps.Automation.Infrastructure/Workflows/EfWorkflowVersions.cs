using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Journeys;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Workflows;

/// <summary>Published versions never change, so each is parsed and prepared once per host and kept.</summary>
public sealed class EfWorkflowVersions(IDbContextFactory<AutomationDb> dbFactory, RuleCatalog rules, TimeProvider time) : IWorkflowVersions
{
    /// <summary>How long the list of published versions is reused: event ingestion asks for it on every batch.</summary>
    private static readonly TimeSpan PublishedFor = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<long, ExecutableWorkflow> _cache = new();
    private (IReadOnlyList<ExecutableWorkflow> Workflows, long At)? _published;

    /// <summary>Forgets the published list, after a publish or retire on this host.</summary>
    public void Invalidate() => _published = null;

    public async Task<ExecutableWorkflow?> GetAsync(long versionId, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(versionId, out var cached))
        {
            return cached;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var version = await db.WorkflowVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == versionId, cancellationToken);
        if (version is null || version.Status == WorkflowVersionStatus.Draft)
        {
            return null;
        }

        return _cache.GetOrAdd(versionId, new ExecutableWorkflow(versionId, version.Definition, rules));
    }

    /// <summary>The published versions, ready to run (triggers look here).</summary>
    public async Task<IReadOnlyList<ExecutableWorkflow>> PublishedAsync(CancellationToken cancellationToken)
    {
        if (_published is { } cached && time.GetElapsedTime(cached.At) < PublishedFor)
        {
            return cached.Workflows;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = await db.WorkflowVersions.Where(v => v.Status == WorkflowVersionStatus.Published).Select(v => v.Id).ToListAsync(cancellationToken);
        var result = new List<ExecutableWorkflow>();
        foreach (var id in ids)
        {
            if (await GetAsync(id, cancellationToken) is { } workflow)
            {
                result.Add(workflow);
            }
        }

        _published = (result, time.GetTimestamp());
        return result;
    }
}
