using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Journeys;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Host.Workflows;

/// <summary>Per-activity counts of a workflow (entered, waiting, per port, messages) and conversion against the holdout.</summary>
internal static class WorkflowStats
{
    public static async Task<Ok<WorkflowStatsResponse>> GetAsync(string definitionId, AutomationDb db, CancellationToken cancellationToken)
    {
        var ports = await db.JourneySteps.AsNoTracking().Where(s => s.DefinitionId == definitionId)
            .GroupBy(s => new { s.ActivityId, s.Outcome }).Select(g => new { g.Key.ActivityId, g.Key.Outcome, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var waiting = await db.Journeys.AsNoTracking().Where(j => j.DefinitionId == definitionId && j.ActiveKey != null)
            .GroupBy(j => j.ActivityId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var messages = await db.OutboxMessages.AsNoTracking().Where(m => m.DefinitionId == definitionId)
            .GroupBy(m => new { m.ActivityId, m.Status }).Select(g => new { g.Key.ActivityId, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var groups = await db.Journeys.AsNoTracking().Where(j => j.DefinitionId == definitionId)
            .GroupBy(j => j.Variant == "holdout")
            .Select(g => new { Holdout = g.Key, Entered = g.Count(), Converted = g.Count(j => j.GoalReachedAt != null) })
            .ToListAsync(cancellationToken);

        var activities = ports.Select(p => p.ActivityId).Concat(waiting.Select(w => w.Key)).Concat(messages.Select(m => m.ActivityId!)).Distinct()
            .Select(id => new ActivityStats(
                id,
                ports.Where(p => p.ActivityId == id).ToDictionary(p => p.Outcome, p => p.Count),
                waiting.Where(w => w.Key == id).Sum(w => w.Count),
                messages.Where(m => m.ActivityId == id).ToDictionary(m => m.Status.ToString(), m => m.Count)))
            .ToList();

        var treated = groups.FirstOrDefault(g => !g.Holdout);
        var holdout = groups.FirstOrDefault(g => g.Holdout);
        var conversion = new Conversion(
            treated?.Entered ?? 0, treated?.Converted ?? 0, holdout?.Entered ?? 0, holdout?.Converted ?? 0);
        return TypedResults.Ok(new WorkflowStatsResponse(definitionId, activities, conversion));
    }
}

public sealed record WorkflowStatsResponse(string DefinitionId, IReadOnlyList<ActivityStats> Activities, Conversion Conversion);

public sealed record ActivityStats(string ActivityId, IReadOnlyDictionary<string, int> Outcomes, int Waiting, IReadOnlyDictionary<string, int> Messages);

/// <summary>Goal conversion of treated contacts against the holdout; lift is the relative difference of the rates.</summary>
public sealed record Conversion(int Treated, int TreatedConverted, int Holdout, int HoldoutConverted)
{
    public double TreatedRate => Treated == 0 ? 0 : (double)TreatedConverted / Treated;
    public double HoldoutRate => Holdout == 0 ? 0 : (double)HoldoutConverted / Holdout;
    public double? Lift => Holdout == 0 || HoldoutRate == 0 ? null : (TreatedRate - HoldoutRate) / HoldoutRate;
}
