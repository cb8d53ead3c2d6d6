using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Access;
using UserOps.Automation.Core.Audit;
using UserOps.Automation.Core.Journeys;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Core.Workflows.Activities;
using UserOps.Automation.Host.Access;
using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Infrastructure.Audit;
using UserOps.Automation.Infrastructure.Journeys;
using UserOps.Automation.Infrastructure.Persistence;
using UserOps.Automation.Infrastructure.Workflows;

namespace UserOps.Automation.Host.Workflows;

/// <summary>Workflows: drafts, publish and retire, import and export, validation, the palette, enrolment by API.</summary>
internal static class WorkflowEndpoints
{
    public static void MapWorkflowEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workflows").WithTags("Workflows").RequireAuthorization(AutomationHost.WritePolicy);
        group.MapGet("/", ListAsync);
        group.MapGet("/{definitionId}", VersionsAsync);
        group.MapGet("/{definitionId}/versions/{version:int}", ExportAsync);
        group.MapPost("/", SaveDraftAsync);
        group.MapPost("/validate", ValidateAsync).RequireRole(AccessRole.Viewer);
        group.MapPost("/{definitionId}/publish", PublishAsync).RequireRole(AccessRole.Publisher);
        group.MapPost("/{definitionId}/retire", RetireAsync).RequireRole(AccessRole.Publisher);
        group.MapPost("/{definitionId}/enrol", EnrolAsync).RequireRole(AccessRole.Publisher);
        group.MapGet("/{definitionId}/stats", WorkflowStats.GetAsync);
        group.MapWorkflowLaunchEndpoints();
        group.MapWorkflowDeleteEndpoints();
        app.MapGet("/api/activities", () => TypedResults.Ok(ActivityTypes.All.Values))
            .WithTags("Workflows").RequireAuthorization(AutomationHost.WritePolicy);
    }

    private static async Task<Ok<List<WorkflowSummary>>> ListAsync(AutomationDb db, CancellationToken cancellationToken)
    {
        var versions = await db.WorkflowVersions.AsNoTracking().OrderBy(v => v.DefinitionId).ThenBy(v => v.Version)
            .Select(v => new { v.DefinitionId, v.Version, v.Name, v.Status, v.UpdatedAt }).ToListAsync(cancellationToken);
        var active = await db.Journeys.Where(j => j.ActiveKey != null).GroupBy(j => j.DefinitionId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        return TypedResults.Ok(versions.GroupBy(v => v.DefinitionId).Select(g =>
        {
            var latest = g.Last();
            var published = g.LastOrDefault(v => v.Status == WorkflowVersionStatus.Published);
            return new WorkflowSummary(g.Key, latest.Name, latest.Version, published?.Version, latest.Status.ToString(), latest.UpdatedAt, active.GetValueOrDefault(g.Key));
        }).ToList());
    }

    private static async Task<Results<Ok<List<VersionInfo>>, NotFound>> VersionsAsync(string definitionId, AutomationDb db, CancellationToken cancellationToken)
    {
        var versions = await db.WorkflowVersions.AsNoTracking().Where(v => v.DefinitionId == definitionId).OrderBy(v => v.Version)
            .Select(v => new VersionInfo(v.Version, v.Name, v.Status.ToString(), v.CreatedAt, v.PublishedAt, v.RetiredAt)).ToListAsync(cancellationToken);
        return versions.Count == 0 ? TypedResults.NotFound() : TypedResults.Ok(versions);
    }

    /// <summary>The version as the same JSON as a file in <c>workflows/</c>.</summary>
    private static async Task<Results<ContentHttpResult, NotFound>> ExportAsync(string definitionId, int version, AutomationDb db, CancellationToken cancellationToken)
    {
        var row = await db.WorkflowVersions.AsNoTracking().SingleOrDefaultAsync(v => v.DefinitionId == definitionId && v.Version == version, cancellationToken);
        return row is null ? TypedResults.NotFound() : TypedResults.Text(WorkflowJson.Write(row.Definition), "application/json");
    }

    private static async Task<Results<Ok<DraftSaved>, ProblemHttpResult>> SaveDraftAsync(HttpRequest request, WorkflowService workflows, CancellationToken cancellationToken)
    {
        var (definition, error) = await ReadDefinitionAsync(request, cancellationToken);
        if (definition is null)
        {
            return error!;
        }

        var saved = await workflows.SaveDraftAsync(definition, cancellationToken);
        var problems = WorkflowValidator.Validate(definition, await workflows.ReferencesAsync(cancellationToken));
        return TypedResults.Ok(new DraftSaved(saved.DefinitionId, saved.Version, problems));
    }

    private static async Task<Results<Ok<IReadOnlyList<WorkflowProblem>>, ProblemHttpResult>> ValidateAsync(HttpRequest request, WorkflowService workflows, CancellationToken cancellationToken)
    {
        var (definition, error) = await ReadDefinitionAsync(request, cancellationToken);
        return definition is null ? error! : TypedResults.Ok(WorkflowValidator.Validate(definition, await workflows.ReferencesAsync(cancellationToken)));
    }

    private static async Task<Results<Ok<VersionInfo>, ProblemHttpResult>> PublishAsync(
        string definitionId, WorkflowService workflows, BlastSchedules blasts, EfWorkflowVersions versions, CancellationToken cancellationToken)
    {
        var (version, problems) = await workflows.PublishAsync(definitionId, cancellationToken);
        if (problems.Count > 0)
        {
            return TypedResults.Problem(
                title: "The workflow cannot be published",
                detail: string.Join("; ", problems.Select(p => p.ToString())),
                statusCode: version is null ? 404 : 400,
                extensions: new Dictionary<string, object?> { ["problems"] = problems });
        }

        versions.Invalidate();
        await blasts.SyncAsync(cancellationToken);
        return TypedResults.Ok(new VersionInfo(version!.Version, version.Name, version.Status.ToString(), version.CreatedAt, version.PublishedAt, version.RetiredAt));
    }

    private static async Task<Results<NoContent, NotFound>> RetireAsync(
        string definitionId, WorkflowService workflows, BlastSchedules blasts, EfWorkflowVersions versions, CancellationToken cancellationToken)
    {
        if (!await workflows.RetireAsync(definitionId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        versions.Invalidate();
        await blasts.SyncAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The API trigger: enrols the given contacts now (the entry policy still applies).</summary>
    private static async Task<Results<Ok<EnrolResult>, ProblemHttpResult>> EnrolAsync(
        string definitionId, EnrolRequest request, AutomationDb db, EfWorkflowVersions versions, TimeProvider time, AuditTrail audit, CancellationToken cancellationToken)
    {
        var versionId = await db.WorkflowVersions.Where(v => v.DefinitionId == definitionId && v.Status == WorkflowVersionStatus.Published)
            .Select(v => (long?)v.Id).SingleOrDefaultAsync(cancellationToken);
        if (versionId is null || await versions.GetAsync(versionId.Value, cancellationToken) is not { } workflow)
        {
            return TypedResults.Problem(detail: $"Workflow '{definitionId}' has no published version.", statusCode: 404);
        }

        if (workflow.Trigger.Type != ActivityTypes.ApiTrigger)
        {
            return TypedResults.Problem(detail: $"Workflow '{definitionId}' starts with a {workflow.Trigger.Type} trigger, not API.", statusCode: 400);
        }

        var ids = request.ExternalIds ?? [];
        var enroller = new EfJourneyEnroller(db, time);
        var requestKey = request.RequestId ?? Guid.NewGuid().ToString("N");
        var segmentEnrolled = 0;
        if (!string.IsNullOrEmpty(request.Segment))
        {
            // The segment's members as of its last refresh, in one statement; the request id names the enrolment, so a retry enrols nobody twice.
            var segmentId = await db.Segments.Where(s => s.Key == request.Segment).Select(s => (long?)s.Id).SingleOrDefaultAsync(cancellationToken);
            if (segmentId is null)
            {
                return TypedResults.Problem(
                    detail: $"There is no segment '{request.Segment}'.", statusCode: 400, extensions: new Dictionary<string, object?> { ["field"] = "segment" });
            }

            segmentEnrolled = await enroller.EnrolSegmentMembersAsync(workflow, segmentId.Value, $"api:{requestKey}", cancellationToken);
            audit.Record(AuditEntities.Workflow, definitionId, AuditActions.Enrol, null, new { segment = request.Segment, requestId = requestKey, enrolled = segmentEnrolled });
            await db.SaveChangesAsync(cancellationToken);
        }

        var contacts = await db.Contacts.Where(c => ids.Contains(c.ExternalId)).ToDictionaryAsync(c => c.ExternalId, c => c.Id, cancellationToken);
        var enrolled = new List<string>();
        foreach (var (externalId, contactId) in contacts)
        {
            if (await enroller.EnrolContactAsync(workflow, contactId, $"api:{requestKey}", null, cancellationToken))
            {
                enrolled.Add(externalId);
            }
        }

        return TypedResults.Ok(new EnrolResult(enrolled, ids.Except(contacts.Keys).ToList(), contacts.Keys.Except(enrolled).ToList(), segmentEnrolled));
    }

    private static async Task<(WorkflowDefinition? Definition, ProblemHttpResult? Error)> ReadDefinitionAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var definition = await JsonSerializer.DeserializeAsync<WorkflowDefinition>(request.Body, WorkflowJson.Options, cancellationToken);
            return definition is null ? (null, TypedResults.Problem(detail: "The body holds no workflow definition.", statusCode: 400)) : (definition, null);
        }
        catch (JsonException e)
        {
            return (null, TypedResults.Problem(
                title: "Invalid workflow JSON",
                detail: WorkflowJson.Describe(e),
                statusCode: 400));
        }
    }
}

public sealed record WorkflowSummary(string DefinitionId, string Name, int LatestVersion, int? PublishedVersion, string LatestStatus, DateTime UpdatedAt, int ActiveJourneys);

public sealed record VersionInfo(int Version, string Name, string Status, DateTime CreatedAt, DateTime? PublishedAt, DateTime? RetiredAt);

public sealed record DraftSaved(string DefinitionId, int Version, IReadOnlyList<WorkflowProblem> Problems);

/// <param name="Segment">A segment whose current members are enrolled too (the console's "enrol a segment").</param>
public sealed record EnrolRequest(IReadOnlyList<string>? ExternalIds, string? RequestId, string? Segment = null);

/// <param name="SegmentEnrolled">How many of the segment's members were enrolled (0 without a segment).</param>
public sealed record EnrolResult(IReadOnlyList<string> Enrolled, IReadOnlyList<string> UnknownContacts, IReadOnlyList<string> KeptOutByEntryPolicy, int SegmentEnrolled = 0);
