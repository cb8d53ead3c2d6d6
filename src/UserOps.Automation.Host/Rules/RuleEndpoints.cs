using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Access;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Host.Access;
using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Host.Rules;

/// <summary>The loaded rules, and the size estimate of a rule before it is saved.</summary>
internal static class RuleEndpoints
{
    public static void MapRuleEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/rules").WithTags("Rules").RequireAuthorization(AutomationHost.WritePolicy);
        group.MapGet("/", (RuleCatalog rules) => TypedResults.Ok(rules.Rules.OrderBy(r => r.Source.File).ThenBy(r => r.Name).Select(RuleInfo.From).ToList()));
        group.MapPost("/estimate", EstimateAsync).RequireRole(AccessRole.Viewer);
    }

    /// <summary>Counts the contacts an expression (or a named rule) matches right now, and shows a few of them.</summary>
    private static async Task<Results<Ok<RuleEstimate>, ValidationProblem>> EstimateAsync(
        EstimateRequest request, RuleCatalog rules, AutomationDb db, TimeProvider time, CancellationToken cancellationToken)
    {
        CompiledRule rule;
        if (!string.IsNullOrWhiteSpace(request.Rule))
        {
            if (rules.Find(request.Rule) is not { } named)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["rule"] = [$"There is no rule named '{request.Rule}'."] });
            }

            rule = named;
        }
        else
        {
            try
            {
                rule = RuleCatalog.CompileDraft(request.Expression ?? string.Empty);
            }
            catch (RuleValidationException e)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["expression"] = e.Problems.Select(p => p.Message).ToArray() });
            }
        }

        if (rule.UsesEvent)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["expression"] = ["The rule reads the triggering event; only contact rules can be counted."] });
        }

        var (count, sample) = await RuleAudience.MatchAsync(db.Contacts.AsNoTracking(), rule, time.GetUtcNow().UtcDateTime, 10, cancellationToken);
        var total = await db.Contacts.CountAsync(cancellationToken);
        return TypedResults.Ok(new RuleEstimate(count, total, sample));
    }
}

public sealed record EstimateRequest(string? Rule, string? Expression);

public sealed record RuleEstimate(int Matches, int Contacts, IReadOnlyList<string> Sample);

public sealed record RuleInfo(string Name, string RuleSet, string File, string Expression, string? Title, string? Description, bool UsesEvent)
{
    internal static RuleInfo From(CompiledRule rule) =>
        new(rule.Name, rule.Source.RuleSet, rule.Source.File, rule.Source.Expression, rule.Source.Title, rule.Source.Description, rule.UsesEvent);
}
