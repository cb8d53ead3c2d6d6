using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Operations;
using UserOps.Automation.Infrastructure.Journeys;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Operations;

/// <summary>A blast firing recorded as an operation: refreshing the audience, enrolling, and how many were enrolled.</summary>
public sealed class TrackedBlast(JourneyEngine engine, OperationTracker tracker, IDbContextFactory<AutomationDb> dbFactory)
{
    private const int Steps = 2;

    public async Task<int> FireAsync(long versionId, string runKey, string? startedBy, CancellationToken cancellationToken)
    {
        string? definitionId;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            definitionId = await db.WorkflowVersions.Where(v => v.Id == versionId).Select(v => v.DefinitionId).SingleOrDefaultAsync(cancellationToken);
        }

        await using var operation = await tracker.StartAsync(
            OperationKinds.Blast, $"{definitionId ?? $"version {versionId}"} @ {runKey}", "steps", startedBy, Steps, "Starting the blast", cancellationToken);
        try
        {
            var enrolled = await engine.FireBlastAsync(
                versionId, runKey, (step, message, ct) => operation.ReportAsync(step, Steps, message, stage: true, cancellationToken: ct), cancellationToken);
            await operation.CompleteAsync(
                string.Create(CultureInfo.InvariantCulture, $"{enrolled:N0} contacts enrolled"),
                new JsonObject { ["enrolled"] = enrolled }, processed: Steps, cancellationToken: cancellationToken);
            return enrolled;
        }
        catch (Exception e)
        {
            await operation.FailAsync(e);
            throw;
        }
    }
}
