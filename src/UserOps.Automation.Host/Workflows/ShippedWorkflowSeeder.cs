using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Infrastructure.Audit;
using UserOps.Automation.Infrastructure.Persistence;
using UserOps.Automation.Infrastructure.Workflows;

namespace UserOps.Automation.Host.Workflows;

/// <summary>Imports the workflows of <c>workflows/</c> whose id the database does not know yet; publishes those marked published.</summary>
internal sealed class ShippedWorkflowSeeder(
    AutomationDb db, WorkflowService workflows, ShippedWorkflows shipped, BlastSchedules blasts, ILogger<ShippedWorkflowSeeder> logger) : IStartupSeeder
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var known = (await db.WorkflowVersions.Select(v => v.DefinitionId).Distinct().ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        foreach (var definition in shipped.Definitions.Where(d => !known.Contains(d.DefinitionId)))
        {
            await workflows.SaveDraftAsync(definition with { Version = 0 }, cancellationToken, AuditActions.Import);
            if (definition.IsPublished)
            {
                var (_, problems) = await workflows.PublishAsync(definition.DefinitionId, cancellationToken);
                foreach (var problem in problems)
                {
                    logger.LogWarning("Workflow {Workflow} not published: {Problem}", definition.DefinitionId, problem);
                }
            }
        }

        await blasts.SyncAsync(cancellationToken);
    }
}

/// <summary>The definitions read (and validated) from <c>workflows/</c> when the host was built.</summary>
internal sealed record ShippedWorkflows(IReadOnlyList<WorkflowDefinition> Definitions);
