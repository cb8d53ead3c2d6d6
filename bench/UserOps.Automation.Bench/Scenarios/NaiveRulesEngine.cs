using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using RulesEngine.Models;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Bench.Scenarios;

/// <summary>
/// The naive path: read every contact into the host and let Microsoft RulesEngine run the shipped
/// <c>inactivity</c> rule set (<c>ExecuteAllRulesAsync</c>, input <c>contact</c> of type <see cref="ContactFacts"/>)
/// over each one. Read in chunks so memory stays flat, which is kinder to it than loading all at once.
/// </summary>
internal static class NaiveRulesEngine
{
    private const int Chunk = 50_000;

    public static async Task<(int Matches, TimeSpan Load, TimeSpan Evaluate)> CountAsync(IDbContextFactory<AutomationDb> dbFactory, RuleCatalog rules, DateTime now)
    {
        var ruleSet = rules.RuleSets.Single(r => r.WorkflowName == "inactivity");
        var engine = new RulesEngine.RulesEngine([ruleSet], new ReSettings());
        var load = TimeSpan.Zero;
        var evaluate = TimeSpan.Zero;
        var matches = 0;
        long after = 0;
        while (true)
        {
            var clock = Stopwatch.StartNew();
            await using var db = await dbFactory.CreateDbContextAsync();
            var from = after;
            var chunk = await db.Contacts.AsNoTracking().Where(c => c.Id > from).OrderBy(c => c.Id).Take(Chunk).ToListAsync();
            var facts = chunk.Select(c => ContactFacts.From(c, now)).ToList();
            load += clock.Elapsed;
            if (chunk.Count == 0)
            {
                break;
            }

            after = chunk[^1].Id;
            clock.Restart();
            foreach (var contact in facts)
            {
                var results = await engine.ExecuteAllRulesAsync(ruleSet.WorkflowName, new RuleParameter("contact", contact));
                if (results.Exists(r => r.Rule.RuleName == "inactive-7d" && r.IsSuccess))
                {
                    matches++;
                }
            }

            evaluate += clock.Elapsed;
        }

        return (matches, load, evaluate);
    }
}
