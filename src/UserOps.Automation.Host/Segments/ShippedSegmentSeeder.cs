using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Core.Segments;
using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Host.Segments;

/// <summary>Every contact rule in <c>rules/</c> is offered as a segment of the same name, unless it says <c>"segment": false</c>.</summary>
internal sealed class ShippedSegmentSeeder(AutomationDb db, RuleCatalog rules, TimeProvider time) : IStartupSeeder
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var existing = await db.Segments.Select(s => s.Key).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var rule in rules.Rules.Where(r => !r.UsesEvent && r.Source.OffersSegment && !existing.Contains(r.Name)))
        {
            db.Segments.Add(new Segment(rule.Name, rule.Source.Title ?? rule.Name, rule.Name, now) { Description = rule.Source.Description });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
