using UserOps.Automation.Core.Rules;
using UserOps.Automation.Core.Workflows.Activities;

namespace UserOps.Automation.Core.Workflows;

/// <summary>A validated, published version made ready to run: activities by id, where each port leads, rules resolved.</summary>
public sealed class ExecutableWorkflow
{
    private readonly Dictionary<string, ActivityNode> _activities;
    private readonly Dictionary<(string Activity, string Port), string> _next;

    public ExecutableWorkflow(long versionId, WorkflowDefinition definition, RuleCatalog rules)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(rules);
        VersionId = versionId;
        Definition = definition;
        Rules = rules;
        _activities = definition.Root.Activities.ToDictionary(a => a.Id, StringComparer.Ordinal);
        _next = definition.Root.Connections.ToDictionary(c => (c.Source.Activity, c.Source.Port), c => c.Target.Activity);
        Trigger = definition.Root.Activities.Single(a => ActivityTypes.All[a.Type].Kind == ActivityKind.Trigger);
        ExitRule = definition.Settings.ExitRule is { } exit ? rules.Get(exit) : null;
        DefaultZone = TimeZones.Find(definition.Settings.TimeZone) ?? TimeZoneInfo.Utc;
        ReadsContacts = ExitRule is not null || definition.Root.Activities.Any(a => a.Type is ActivityTypes.If or ActivityTypes.Switch
            or ActivityTypes.WaitUntil or ActivityTypes.WaitForEvent or ActivityTypes.UpdateContact or ActivityTypes.Webhook);
    }

    public long VersionId { get; }
    public WorkflowDefinition Definition { get; }
    public string DefinitionId => Definition.DefinitionId;
    public RuleCatalog Rules { get; }
    public ActivityNode Trigger { get; }
    public CompiledRule? ExitRule { get; }
    public TimeZoneInfo DefaultZone { get; }

    /// <summary>
    /// Whether running its journeys needs their contacts (rules, local times, contact updates, webhook payloads). A blast of
    /// coupons and sends needs only the contact's id, which the journey holds: the sweep then loads no contact at all.
    /// </summary>
    public bool ReadsContacts { get; }

    public ActivityNode Activity(string id) =>
        _activities.TryGetValue(id, out var node) ? node : throw new KeyNotFoundException($"Workflow '{DefinitionId}' v{Definition.Version} has no activity '{id}'.");

    /// <summary>Where <paramref name="port"/> of <paramref name="activityId"/> leads; null when it is not connected (the journey ends).</summary>
    public string? Next(string activityId, string port) => _next.GetValueOrDefault((activityId, port));

    /// <summary>The activity a newly enrolled journey starts at: the one after the trigger.</summary>
    public string? FirstActivity => Next(Trigger.Id, "Done");
}
