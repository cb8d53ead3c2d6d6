using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Infrastructure.Audit;
using UserOps.Automation.Infrastructure.Persistence;
using UserOps.Automation.Infrastructure.Workflows;

namespace UserOps.Automation.Host.Workflows;

/// <summary>
/// Imports the workflows of <c>workflows/</c> the database does not know yet and publishes those marked published, once
/// per version of the file (ADR 0016): each import is recorded in <see cref="ShippedWorkflowFile"/>, so a shipped
/// workflow an operator deleted is not imported again until its file changes.
/// </summary>
internal sealed class ShippedWorkflowSeeder(
    AutomationDb db, WorkflowService workflows, ShippedWorkflows shipped, BlastSchedules blasts, TimeProvider time, ILogger<ShippedWorkflowSeeder> logger) : IStartupSeeder
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var known = (await db.WorkflowVersions.Select(v => v.DefinitionId).Distinct().ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var seen = await db.Set<ShippedWorkflowFile>().ToDictionaryAsync(f => f.DefinitionId, StringComparer.Ordinal, cancellationToken);
        foreach (var definition in shipped.Definitions)
        {
            var hash = Hash(definition);
            seen.TryGetValue(definition.DefinitionId, out var file);
            if (file?.ContentHash == hash)
            {
                continue; // this version of the file was seen: the operator's edits, or deletion, stand
            }

            if (!known.Contains(definition.DefinitionId))
            {
                await ImportAsync(definition, cancellationToken);
            }
            else if (file is not null)
            {
                // A changed file never replaces versions an operator has (as before); it is imported again only once deleted.
                logger.LogInformation("Workflow {Workflow} changed in workflows/ but exists in the database: kept as it is", definition.DefinitionId);
            }

            if (file is null)
            {
                db.Add(new ShippedWorkflowFile { DefinitionId = definition.DefinitionId, ContentHash = hash, SeenAt = time.GetUtcNow().UtcDateTime });
            }
            else
            {
                file.ContentHash = hash;
                file.SeenAt = time.GetUtcNow().UtcDateTime;
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        await blasts.SyncAsync(cancellationToken);
    }

    private async Task ImportAsync(WorkflowDefinition definition, CancellationToken cancellationToken)
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

    /// <summary>The hash of the definition as parsed, so re-indenting or commenting a file is not a new version.</summary>
    internal static string Hash(WorkflowDefinition definition) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(WorkflowJson.Write(definition))));
}

/// <summary>The definitions read (and validated) from <c>workflows/</c> when the host was built.</summary>
internal sealed record ShippedWorkflows(IReadOnlyList<WorkflowDefinition> Definitions);
