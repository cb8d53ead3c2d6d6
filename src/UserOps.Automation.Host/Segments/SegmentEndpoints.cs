using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Audit;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Core.Segments;
using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Host.Operations;
using UserOps.Automation.Infrastructure.Operations;
using UserOps.Automation.Infrastructure.Audit;
using UserOps.Automation.Infrastructure.Persistence;
using UserOps.Automation.Infrastructure.Segments;

namespace UserOps.Automation.Host.Segments;

/// <summary>Segments: list with sizes and trend, members, refresh, and create/edit/delete.</summary>
internal static class SegmentEndpoints
{
    public static void MapSegmentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/segments").WithTags("Segments").RequireAuthorization(AutomationHost.WritePolicy);
        group.MapGet("/", ListAsync);
        group.MapGet("/{key}", GetAsync);
        group.MapGet("/{key}/members", MembersAsync);
        group.MapPost("/", CreateAsync);
        group.MapPut("/{key}", UpdateAsync);
        group.MapDelete("/{key}", DeleteAsync);
        group.MapPost("/{key}/refresh", RefreshAsync);
    }

    private static async Task<Ok<List<SegmentSummary>>> ListAsync(AutomationDb db, CancellationToken cancellationToken)
    {
        var segments = await db.Segments.AsNoTracking().OrderBy(s => s.Key).ToListAsync(cancellationToken);
        var since = segments.Select(s => s.Id).ToList();
        var refreshes = await db.SegmentRefreshes.AsNoTracking().Where(r => since.Contains(r.SegmentId))
            .OrderByDescending(r => r.At).Take(20 * Math.Max(1, segments.Count)).ToListAsync(cancellationToken);
        return TypedResults.Ok(segments.Select(s => SegmentSummary.From(s, refreshes.Where(r => r.SegmentId == s.Id).Take(20))).ToList());
    }

    private static async Task<Results<Ok<SegmentDetail>, NotFound<ProblemDetailsBody>>> GetAsync(string key, AutomationDb db, CancellationToken cancellationToken)
    {
        var segment = await db.Segments.AsNoTracking().SingleOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (segment is null)
        {
            return NotFound(key);
        }

        var refreshes = await db.SegmentRefreshes.AsNoTracking().Where(r => r.SegmentId == segment.Id)
            .OrderByDescending(r => r.At).Take(20).ToListAsync(cancellationToken);
        var sample = await MemberPage(db, segment.Id, 0, 20).ToListAsync(cancellationToken);
        return TypedResults.Ok(new SegmentDetail(SegmentSummary.From(segment, refreshes), sample));
    }

    private static async Task<Results<Ok<List<SegmentMember>>, NotFound<ProblemDetailsBody>>> MembersAsync(
        string key, AutomationDb db, CancellationToken cancellationToken, int skip = 0, int take = 50)
    {
        var segment = await db.Segments.AsNoTracking().SingleOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (segment is null)
        {
            return NotFound(key);
        }

        return TypedResults.Ok(await MemberPage(db, segment.Id, Math.Max(0, skip), Math.Clamp(take, 1, 500)).ToListAsync(cancellationToken));
    }

    private static async Task<Results<Created<SegmentSummary>, ValidationProblem, Conflict<ProblemDetailsBody>>> CreateAsync(
        SegmentRequest request, AutomationDb db, RuleCatalog rules, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = request.Validate(rules, requireKey: true);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await db.Segments.AnyAsync(s => s.Key == request.Key, cancellationToken))
        {
            return TypedResults.Conflict(new ProblemDetailsBody("Segment exists", $"A segment with key '{request.Key}' already exists.", 409));
        }

        var segment = new Segment(request.Key!, request.Name!, request.Rule!, time.GetUtcNow().UtcDateTime) { Description = request.Description };
        db.Segments.Add(segment);
        audit.Record(AuditEntities.Segment, segment.Key, AuditActions.Create, null, Snapshot(segment));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/segments/{segment.Key}", SegmentSummary.From(segment, []));
    }

    private static async Task<Results<Ok<SegmentSummary>, ValidationProblem, NotFound<ProblemDetailsBody>>> UpdateAsync(
        string key, SegmentRequest request, AutomationDb db, RuleCatalog rules, AuditTrail audit, CancellationToken cancellationToken)
    {
        var errors = request.Validate(rules, requireKey: false);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var segment = await db.Segments.SingleOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (segment is null)
        {
            return NotFound(key);
        }

        var before = Snapshot(segment);
        segment.Name = request.Name!;
        segment.Description = request.Description;
        segment.Rule = request.Rule!;
        audit.Record(AuditEntities.Segment, segment.Key, AuditActions.Update, before, Snapshot(segment));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(SegmentSummary.From(segment, []));
    }

    private static async Task<Results<NoContent, NotFound<ProblemDetailsBody>>> DeleteAsync(string key, AutomationDb db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var segment = await db.Segments.AsNoTracking().SingleOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (segment is null)
        {
            return NotFound(key);
        }

        // The set-based delete and the audit entry commit together.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SegmentMemberships.Where(m => m.SegmentId == segment.Id).ExecuteDeleteAsync(cancellationToken);
        await db.ClosedSegmentStays.Where(m => m.SegmentId == segment.Id).ExecuteDeleteAsync(cancellationToken);
        var deleted = await db.Segments.Where(s => s.Key == key).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            return NotFound(key);
        }

        audit.Record(AuditEntities.Segment, key, AuditActions.Delete, Snapshot(segment), null);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>What an operator edits of a segment (not its counts, which refreshes change).</summary>
    private static object Snapshot(Segment segment) => new { segment.Key, segment.Name, segment.Description, segment.Rule };

    /// <summary>Refreshes now, recorded as an operation; with <c>Prefer: respond-async</c>, answers 202 and refreshes after the request.</summary>
    private static async Task<Results<Ok<SegmentRefreshResult>, Accepted<OperationView>, NotFound<ProblemDetailsBody>>> RefreshAsync(
        string key, HttpRequest request, AutomationDb db, TrackedSegmentRefresh refresher, BackgroundOperations background, CancellationToken cancellationToken)
    {
        if (!await db.Segments.AnyAsync(s => s.Key == key, cancellationToken))
        {
            return NotFound(key);
        }

        var operation = await refresher.StartAsync(key, request.HttpContext.User.Identity?.Name, cancellationToken);
        if (OperationEndpoints.PrefersAsync(request))
        {
            var accepted = OperationEndpoints.Accepted(operation.Operation);
            background.Run(operation.Id, async stopping =>
            {
                await using (operation)
                {
                    await refresher.RunAsync(operation, key, stopping);
                }
            });
            return accepted;
        }

        await using (operation)
        {
            return TypedResults.Ok(await refresher.RunAsync(operation, key, cancellationToken));
        }
    }

    private static IQueryable<SegmentMember> MemberPage(AutomationDb db, long segmentId, int skip, int take) =>
        from m in db.SegmentMemberships.AsNoTracking()
        join c in db.Contacts.AsNoTracking() on m.ContactId equals c.Id
        where m.SegmentId == segmentId
        orderby m.EnteredAt descending, m.ContactId
        select new SegmentMember(c.ExternalId, c.Email, c.Phone, c.Lifecycle.ToString(), m.EnteredAt);

    private static NotFound<ProblemDetailsBody> NotFound(string key) =>
        TypedResults.NotFound(new ProblemDetailsBody("Segment not found", $"There is no segment '{key}'.", 404));
}
