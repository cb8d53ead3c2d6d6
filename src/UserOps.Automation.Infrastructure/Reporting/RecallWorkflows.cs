using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Core.Workflows.Activities;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Reporting;

/// <summary>
/// Which workflows recall the inactive: those whose trigger reads a rule of the <c>inactivity</c> rule set (directly, or
/// through the segment it enters), or whose id says <c>recall</c>. Read from each workflow's latest version.
/// </summary>
public sealed class RecallWorkflows(RuleCatalog rules)
{
    public const string RuleSetName = "inactivity";

    /// <returns>Definition id → name.</returns>
    public async Task<IReadOnlyDictionary<string, string>> FindAsync(AutomationDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var inactivity = rules.RuleSets.Where(s => s.WorkflowName == RuleSetName).SelectMany(s => s.Rules).Select(r => r.RuleName).ToHashSet(StringComparer.Ordinal);
        var segmentRules = await db.Segments.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Rule, cancellationToken);
        var latest = await db.WorkflowVersions.AsNoTracking()
            .Where(v => v.Version == db.WorkflowVersions.Where(w => w.DefinitionId == v.DefinitionId).Max(w => w.Version))
            .ToListAsync(cancellationToken);

        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var version in latest)
        {
            if (version.DefinitionId.Contains("recall", StringComparison.OrdinalIgnoreCase) || ReadsInactivity(version.Definition, inactivity, segmentRules))
            {
                found[version.DefinitionId] = version.Name;
            }
        }

        return found;
    }

    private static bool ReadsInactivity(WorkflowDefinition definition, HashSet<string> inactivity, Dictionary<string, string> segmentRules)
    {
        foreach (var trigger in definition.Root.Activities.Where(a => ActivityTypes.All.TryGetValue(a.Type, out var d) && d.Kind == ActivityKind.Trigger))
        {
            if (ActivityInputs.Text(trigger, "rule") is { } rule && inactivity.Contains(rule))
            {
                return true;
            }

            if (ActivityInputs.Text(trigger, "segment") is { } segment && segmentRules.TryGetValue(segment, out var segmentRule) && inactivity.Contains(segmentRule))
            {
                return true;
            }
        }

        return false;
    }
}
