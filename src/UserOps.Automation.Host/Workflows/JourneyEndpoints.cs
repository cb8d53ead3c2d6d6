using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Host.Workflows;

/// <summary>A contact's journeys with every step each took: where it is, how it got there, and when.</summary>
internal static class JourneyEndpoints
{
    public static void MapJourneyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/contacts/{externalId}/journeys", HistoryAsync).WithTags("Workflows").RequireAuthorization(AutomationHost.WritePolicy);
    }

    private static async Task<Results<Ok<List<JourneyHistory>>, NotFound>> HistoryAsync(string externalId, AutomationDb db, CancellationToken cancellationToken)
    {
        var contactId = await db.Contacts.Where(c => c.ExternalId == externalId).Select(c => (long?)c.Id).SingleOrDefaultAsync(cancellationToken);
        if (contactId is null)
        {
            return TypedResults.NotFound();
        }

        var journeys = await (from j in db.Journeys.AsNoTracking()
                              join v in db.WorkflowVersions.AsNoTracking() on j.WorkflowVersionId equals v.Id
                              where j.ContactId == contactId
                              orderby j.EnteredAt descending
                              select new { j, v.Version }).Take(100).ToListAsync(cancellationToken);
        var ids = journeys.Select(x => x.j.Id).ToList();
        var steps = await db.JourneySteps.AsNoTracking().Where(s => ids.Contains(s.JourneyId)).OrderBy(s => s.Id)
            .Select(s => new { s.JourneyId, Step = new JourneyStepInfo(s.ActivityId, s.Outcome, s.At, s.Detail) }).ToListAsync(cancellationToken);
        return TypedResults.Ok(journeys.Select(x => new JourneyHistory(
            x.j.Id, x.j.DefinitionId, x.Version, x.j.Status.ToString(), x.j.ActivityId, x.j.DueAt, x.j.Variant, x.j.EnteredAt, x.j.EndedAt,
            x.j.EndReason, x.j.GoalReachedAt, steps.Where(s => s.JourneyId == x.j.Id).Select(s => s.Step).ToList())).ToList());
    }
}

public sealed record JourneyHistory(
    long Id, string Workflow, int Version, string Status, string Activity, DateTime? DueAt, string? Variant,
    DateTime EnteredAt, DateTime? EndedAt, string? EndReason, DateTime? GoalReachedAt, IReadOnlyList<JourneyStepInfo> Steps);

public sealed record JourneyStepInfo(string Activity, string Outcome, DateTime At, string? Detail);
