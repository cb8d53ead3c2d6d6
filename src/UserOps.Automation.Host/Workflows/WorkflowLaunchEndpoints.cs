using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Access;
using UserOps.Automation.Core.Audit;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Core.Workflows.Activities;
using UserOps.Automation.Host.Access;
using UserOps.Automation.Host.Operations;
using UserOps.Automation.Host.Segments;
using UserOps.Automation.Infrastructure.Audit;
using UserOps.Automation.Infrastructure.Operations;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Host.Workflows;

/// <summary>
/// "Launch now": fires a published Schedule workflow's blast once, now, through the path its Quartz trigger takes
/// (<see cref="TrackedBlast"/> → the engine's <c>BlastRuns</c> row), recorded as an operation the console follows.
/// The request's <c>Idempotency-Key</c> names the run, so the same launch asked twice (a double click, a retry,
/// two hosts) starts one operation and enrols once.
/// </summary>
internal static partial class WorkflowLaunchEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static void MapWorkflowLaunchEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/{definitionId}/launch", PreviewAsync);
        group.MapPost("/{definitionId}/launch", LaunchAsync).RequireRole(AccessRole.Publisher);
    }

    /// <summary>What a launch would do: the published version, its trigger, the audience and its size now (for the confirmation).</summary>
    private static async Task<Results<Ok<LaunchPreview>, NotFound<ProblemDetailsBody>>> PreviewAsync(
        string definitionId, AutomationDb db, CancellationToken cancellationToken)
    {
        var version = await PublishedAsync(db, definitionId, cancellationToken);
        if (version is null)
        {
            return TypedResults.NotFound(new ProblemDetailsBody("No published version", $"Workflow '{definitionId}' has no published version to launch.", 404));
        }

        var trigger = version.Definition.Root.Activities.FirstOrDefault(a => ActivityTypes.All.TryGetValue(a.Type, out var d) && d.Kind == ActivityKind.Trigger);
        var segmentKey = trigger is null ? null : ActivityInputs.Text(trigger, "segment");
        var segment = segmentKey is null ? null : await db.Segments.AsNoTracking().Where(s => s.Key == segmentKey)
            .Select(s => new { s.Key, s.Name, s.MemberCount, s.LastRefreshedAt }).SingleOrDefaultAsync(cancellationToken);
        return TypedResults.Ok(new LaunchPreview(
            definitionId, version.Version, version.Name, trigger?.Type, segment?.Key ?? segmentKey, segment?.Name, segment?.MemberCount, segment?.LastRefreshedAt,
            trigger?.Type == ActivityTypes.Schedule && segment is not null));
    }

    private static async Task<Results<Accepted<OperationView>, ProblemHttpResult>> LaunchAsync(
        string definitionId, HttpRequest request, AutomationDb db, TrackedBlast blasts, BackgroundOperations background, AuditTrail audit,
        CancellationToken cancellationToken)
    {
        var key = request.Headers[IdempotencyKeyHeader].ToString();
        if (key.Length == 0)
        {
            // Without a key every request is a launch of its own; the console always sends one.
            key = Guid.NewGuid().ToString("N");
        }
        else if (!KeyPattern().IsMatch(key))
        {
            return TypedResults.Problem(
                title: "Invalid idempotency key",
                detail: $"The {IdempotencyKeyHeader} header must be 1 to 100 letters, digits, '-', '_', '.' or ':'.",
                statusCode: 400,
                extensions: new Dictionary<string, object?> { ["field"] = IdempotencyKeyHeader });
        }

        var version = await PublishedAsync(db, definitionId, cancellationToken);
        if (version is null)
        {
            return TypedResults.Problem(title: "No published version", detail: $"Workflow '{definitionId}' has no published version to launch.", statusCode: 404);
        }

        var trigger = version.Definition.Root.Activities.FirstOrDefault(a => a.Type == ActivityTypes.Schedule);
        if (trigger is null)
        {
            return TypedResults.Problem(
                title: "Not a blast",
                detail: $"Workflow '{definitionId}' has no Schedule trigger; only a blast can be launched. Enrol contacts or a segment into an API-triggered workflow instead.",
                statusCode: 409);
        }

        var runKey = $"launch:{key}";
        var (started, existing) = await blasts.StartAsync(version.Id, runKey, request.HttpContext.User.Identity?.Name, $"blast:{definitionId}:{runKey}", cancellationToken);
        if (existing is not null)
        {
            // The same launch again: the operation it started, whatever its state now.
            return OperationEndpoints.Accepted(existing);
        }

        var operation = started!;
        var segmentKey = ActivityInputs.Text(trigger, "segment");
        var members = await db.Segments.Where(s => s.Key == segmentKey).Select(s => (int?)s.MemberCount).SingleOrDefaultAsync(cancellationToken);
        audit.Record(AuditEntities.Workflow, definitionId, AuditActions.Launch, null,
            new LaunchRecord(version.Version, runKey, operation.Id, segmentKey, members));
        await db.SaveChangesAsync(cancellationToken);

        var accepted = OperationEndpoints.Accepted(operation.Operation);
        var versionId = version.Id;
        background.Run(operation.Id, async stopping =>
        {
            await using (operation)
            {
                await blasts.RunAsync(operation, versionId, runKey, stopping);
            }
        });
        return accepted;
    }

    private static Task<WorkflowVersion?> PublishedAsync(AutomationDb db, string definitionId, CancellationToken cancellationToken) =>
        db.WorkflowVersions.AsNoTracking().SingleOrDefaultAsync(v => v.DefinitionId == definitionId && v.Status == WorkflowVersionStatus.Published, cancellationToken);

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,100}$")]
    private static partial Regex KeyPattern();
}

/// <param name="Trigger">The trigger's activity type: only <c>Schedule</c> can be launched; <c>ApiTrigger</c> workflows take enrolments.</param>
/// <param name="Members">The audience's size at its last refresh (the launch refreshes it first).</param>
public sealed record LaunchPreview(
    string DefinitionId, int Version, string Name, string? Trigger, string? Segment, string? SegmentName, int? Members, DateTime? LastRefreshedAt, bool CanLaunch);

/// <summary>A launch as the audit log keeps it.</summary>
public sealed record LaunchRecord(int Version, string RunKey, long Operation, string? Segment, int? Members);
