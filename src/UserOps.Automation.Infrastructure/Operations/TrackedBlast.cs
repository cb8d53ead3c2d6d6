using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Operations;
using UserOps.Automation.Infrastructure.Journeys;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Operations;

/// <summary>
/// A blast firing recorded as an operation: refreshing the audience, enrolling, and how many were enrolled. The
/// Quartz trigger fires through <see cref="FireAsync"/>; a launch from the console starts the operation first
/// (<see cref="StartAsync"/>, once per launch key) and runs it after answering (<see cref="RunAsync"/>).
/// </summary>
public sealed class TrackedBlast(JourneyEngine engine, OperationTracker tracker, IDbContextFactory<AutomationDb> dbFactory)
{
    private const int Steps = 2;

    public async Task<int> FireAsync(long versionId, string runKey, string? startedBy, CancellationToken cancellationToken)
    {
        var (operation, _) = await StartAsync(versionId, runKey, startedBy, key: null, cancellationToken);
        await using (operation)
        {
            return await RunAsync(operation!, versionId, runKey, cancellationToken);
        }
    }

    /// <summary>
    /// Starts the firing's operation, unless <paramref name="key"/> names one that exists already (the same launch asked
    /// twice, or on two hosts): then nothing starts and that operation is returned.
    /// </summary>
    public async Task<(TrackedOperation? Started, Operation? Existing)> StartAsync(
        long versionId, string runKey, string? startedBy, string? key, CancellationToken cancellationToken)
    {
        string? definitionId;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            definitionId = await db.WorkflowVersions.Where(v => v.Id == versionId).Select(v => v.DefinitionId).SingleOrDefaultAsync(cancellationToken);
        }

        return await tracker.StartOnceAsync(
            OperationKinds.Blast, $"{definitionId ?? $"version {versionId}"} @ {runKey}", "steps", startedBy, Steps, "Starting the blast", key, cancellationToken);
    }

    /// <summary>Fires the run through the engine (its <c>BlastRuns</c> row makes it enrol once) and records the outcome.</summary>
    public async Task<int> RunAsync(TrackedOperation operation, long versionId, string runKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
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
