using System.Text.RegularExpressions;
using UserOps.Automation.Core.Workflows.Activities;

namespace UserOps.Automation.Core.Workflows;

/// <summary>
/// Checks a workflow at load and at publish and reports every problem at once, each with its activity id:
/// unknown types, missing or malformed inputs, unknown rules / segments / templates, bad cron or time
/// zones, dangling or duplicate connections, unreachable activities and cycles that never wait.
/// </summary>
public static partial class WorkflowValidator
{
    public static IReadOnlyList<WorkflowProblem> Validate(WorkflowDefinition definition, WorkflowReferences references)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(references);
        var problems = new List<WorkflowProblem>();
        ValidateHeader(definition, references, problems);

        var activities = definition.Root.Activities;
        var byId = new Dictionary<string, ActivityNode>(StringComparer.Ordinal);
        foreach (var node in activities)
        {
            if (string.IsNullOrWhiteSpace(node.Id))
            {
                problems.Add(new(null, $"an activity of type '{node.Type}' has no id"));
            }
            else if (!byId.TryAdd(node.Id, node))
            {
                problems.Add(new(node.Id, "the id is used by more than one activity"));
            }
        }

        var triggers = activities.Where(a => ActivityTypes.All.TryGetValue(a.Type, out var d) && d.Kind == ActivityKind.Trigger).ToList();
        if (triggers.Count != 1)
        {
            problems.Add(new(null, triggers.Count == 0
                ? "the workflow has no trigger: add Segment entered, Event, Schedule or API"
                : $"the workflow has {triggers.Count} triggers ({string.Join(", ", triggers.Select(t => t.Id))}); it must have exactly one"));
        }

        var eventAvailable = triggers.Any(t => t.Type == ActivityTypes.EventReceived) || activities.Any(a => a.Type == ActivityTypes.WaitForEvent);
        foreach (var node in activities)
        {
            ActivityValidator.Validate(node, references, eventAvailable, problems);
        }

        var edges = ValidateConnections(definition, byId, problems);
        if (triggers.Count == 1)
        {
            ValidateReachability(triggers[0], byId, edges, problems);
        }

        ValidateCycles(byId, edges, problems);
        return problems;
    }

    private static void ValidateHeader(WorkflowDefinition definition, WorkflowReferences references, List<WorkflowProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(definition.DefinitionId) || !Slug().IsMatch(definition.DefinitionId))
        {
            problems.Add(new(null, $"definitionId '{definition.DefinitionId}' must be lower-case letters, digits and '-'"));
        }

        if (string.IsNullOrWhiteSpace(definition.Name))
        {
            problems.Add(new(null, "the workflow has no name"));
        }

        if (definition.Version < 1)
        {
            problems.Add(new(null, "version must be 1 or more"));
        }

        if (definition.Root.Type != "Flowchart")
        {
            problems.Add(new(null, $"root type '{definition.Root.Type}' is not supported; use Flowchart"));
        }

        var settings = definition.Settings;
        if (TimeZones.Find(settings.TimeZone) is null)
        {
            problems.Add(new(null, $"settings.timeZone '{settings.TimeZone}' is not an IANA time zone"));
        }

        if (settings.Entry.Policy == EntryPolicy.OncePerPeriod && settings.Entry.PeriodDays is not > 0)
        {
            problems.Add(new(null, "settings.entry.periodDays must be a positive number of days for OncePerPeriod"));
        }

        if (settings.ExitRule is { } exit)
        {
            var rule = references.Rules.Find(exit);
            if (rule is null)
            {
                problems.Add(new(null, $"settings.exitRule: there is no rule named '{exit}'"));
            }
            else if (rule.UsesEvent)
            {
                problems.Add(new(null, $"settings.exitRule: rule '{exit}' reads the event; an exit rule is over the contact only"));
            }
        }

        if (settings.Goal is { } goal)
        {
            if (string.IsNullOrWhiteSpace(goal.Event))
            {
                problems.Add(new(null, "settings.goal.event is required"));
            }

            if (goal.Rule is { } goalRule && references.Rules.Find(goalRule) is null)
            {
                problems.Add(new(null, $"settings.goal.rule: there is no rule named '{goalRule}'"));
            }

            if (goal.WithinDays <= 0)
            {
                problems.Add(new(null, "settings.goal.withinDays must be positive"));
            }
        }
    }

    private static Dictionary<string, List<string>> ValidateConnections(WorkflowDefinition definition, Dictionary<string, ActivityNode> byId, List<WorkflowProblem> problems)
    {
        var edges = byId.Keys.ToDictionary(k => k, _ => new List<string>(), StringComparer.Ordinal);
        var usedPorts = new HashSet<(string, string)>();
        foreach (var connection in definition.Root.Connections)
        {
            var (source, target) = (connection.Source, connection.Target);
            if (!byId.TryGetValue(source.Activity ?? string.Empty, out var sourceNode))
            {
                problems.Add(new(source.Activity, $"a connection starts at '{source.Activity}', which is not an activity of this workflow"));
                continue;
            }

            if (!byId.TryGetValue(target.Activity ?? string.Empty, out var targetNode))
            {
                problems.Add(new(source.Activity, $"port '{source.Port}' connects to '{target.Activity}', which is not an activity of this workflow"));
                continue;
            }

            if (ActivityTypes.All.TryGetValue(sourceNode.Type, out var descriptor))
            {
                IReadOnlyList<string> ports;
                try
                {
                    ports = descriptor.PortsOf(sourceNode);
                }
                catch (FormatException)
                {
                    ports = [];
                }

                if (!ports.Contains(source.Port))
                {
                    problems.Add(new(sourceNode.Id, $"has no port '{source.Port}' (its ports: {(ports.Count == 0 ? "none" : string.Join(", ", ports))})"));
                }
            }

            if (!usedPorts.Add((sourceNode.Id, source.Port)))
            {
                problems.Add(new(sourceNode.Id, $"port '{source.Port}' is connected more than once; a port leads to one activity"));
            }

            if (ActivityTypes.All.TryGetValue(targetNode.Type, out var targetDescriptor) && targetDescriptor.Kind == ActivityKind.Trigger)
            {
                problems.Add(new(targetNode.Id, "a trigger cannot be the target of a connection"));
            }

            if (target.Port != "In")
            {
                problems.Add(new(targetNode.Id, $"connections enter activities on port 'In', not '{target.Port}'"));
            }

            edges[sourceNode.Id].Add(targetNode.Id);
        }

        return edges;
    }

    private static void ValidateReachability(ActivityNode trigger, Dictionary<string, ActivityNode> byId, Dictionary<string, List<string>> edges, List<WorkflowProblem> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { trigger.Id };
        var queue = new Queue<string>([trigger.Id]);
        while (queue.TryDequeue(out var id))
        {
            foreach (var next in edges.GetValueOrDefault(id) ?? [])
            {
                if (seen.Add(next))
                {
                    queue.Enqueue(next);
                }
            }
        }

        foreach (var id in byId.Keys.Where(id => !seen.Contains(id)))
        {
            problems.Add(new(id, "is not reachable from the trigger"));
        }
    }

    /// <summary>Every cycle must pass through a wait, or a journey would spin without end in one sweep.</summary>
    private static void ValidateCycles(Dictionary<string, ActivityNode> byId, Dictionary<string, List<string>> edges, List<WorkflowProblem> problems)
    {
        foreach (var component in StronglyConnected(byId.Keys, edges))
        {
            var isCycle = component.Count > 1 || edges[component[0]].Contains(component[0]);
            if (isCycle && !component.Any(id => ActivityTypes.IsWait(byId[id].Type)))
            {
                problems.Add(new(component[0], $"the loop {string.Join(" → ", component)} has no Delay, Wait until or Wait for event in it"));
            }
        }
    }

    private static List<List<string>> StronglyConnected(IEnumerable<string> nodes, Dictionary<string, List<string>> edges)
    {
        // Tarjan's algorithm; flowcharts are small, so recursion depth is not a concern.
        var index = 0;
        var indices = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<List<string>>();

        void Visit(string v)
        {
            indices[v] = low[v] = index++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in edges[v])
            {
                if (!indices.TryGetValue(w, out var wIndex))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], wIndex);
                }
            }

            if (low[v] == indices[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (w != v);
                component.Reverse();
                result.Add(component);
            }
        }

        foreach (var node in nodes.Where(n => !indices.ContainsKey(n)))
        {
            Visit(node);
        }

        return result;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,99}$")]
    private static partial Regex Slug();
}
