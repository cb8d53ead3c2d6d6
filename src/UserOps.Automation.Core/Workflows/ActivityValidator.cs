using UserOps.Automation.Core.Workflows.Activities;

namespace UserOps.Automation.Core.Workflows;

/// <summary>Checks one activity's inputs against its type: required ones present, each well-formed, references known.</summary>
internal static class ActivityValidator
{
    public static void Validate(ActivityNode node, WorkflowReferences references, bool eventAvailable, List<WorkflowProblem> problems)
    {
        if (!ActivityTypes.All.TryGetValue(node.Type ?? string.Empty, out var descriptor))
        {
            problems.Add(new(node.Id, $"unknown activity type '{node.Type}'"));
            return;
        }

        void Problem(string message) => problems.Add(new(node.Id, message));

        foreach (var input in descriptor.Inputs)
        {
            if (input.Required && node.Input(input.Name) is null)
            {
                Problem($"'{input.Name}' is required ({input.Description})");
                continue;
            }

            try
            {
                CheckInput(node, input, references, eventAvailable || node.Type == ActivityTypes.WaitForEvent, Problem);
            }
            catch (FormatException e)
            {
                Problem(e.Message);
            }
        }

        try
        {
            CheckCombination(node, Problem);
        }
        catch (FormatException e)
        {
            Problem(e.Message);
        }
    }

    private static void CheckInput(ActivityNode node, InputDescriptor input, WorkflowReferences references, bool eventAvailable, Action<string> problem)
    {
        var name = input.Name;
        switch (input.Kind)
        {
            case InputKind.Text:
            case InputKind.Url:
                var text = ActivityInputs.Text(node, name);
                if (input.Kind == InputKind.Url && text is not null
                    && !(Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
                {
                    problem($"'{name}' must be an absolute http(s) URL");
                }

                break;
            case InputKind.Rule:
                CheckRule(ActivityInputs.Text(node, name), name, references, eventAvailable, problem);
                break;
            case InputKind.Segment:
                var segment = ActivityInputs.Text(node, name);
                if (segment is not null && references.Segments is { } segments && !segments.Contains(segment))
                {
                    problem($"'{name}': there is no segment '{segment}'");
                }

                break;
            case InputKind.Template:
                var template = ActivityInputs.Text(node, name);
                if (template is not null && references.Templates is { } templates && !templates.Contains(template))
                {
                    problem($"'{name}': there is no template '{template}'");
                }

                break;
            case InputKind.Duration:
                ActivityInputs.Duration(node, name);
                break;
            case InputKind.TimeOfDay:
                ActivityInputs.TimeOfDay(node, name);
                break;
            case InputKind.LocalDateTime:
                ActivityInputs.LocalDateTime(node, name);
                break;
            case InputKind.TimeZone:
                ActivityInputs.Zone(node, name);
                break;
            case InputKind.Cron:
                if (ActivityInputs.Text(node, name) is { } cron && references.CronError?.Invoke(cron) is { } cronError)
                {
                    problem($"'{name}' '{cron}' is not a valid cron expression: {cronError}");
                }

                break;
            case InputKind.Percent:
                ActivityInputs.Percent(node, name);
                break;
            case InputKind.Days:
                ActivityInputs.Days(node, name);
                break;
            case InputKind.Cases:
                foreach (var c in ActivityInputs.Cases(node))
                {
                    CheckRule(c.Rule, $"case '{c.Port}'", references, eventAvailable, problem);
                }

                break;
            case InputKind.Branches:
                ActivityInputs.Branches(node);
                break;
            case InputKind.Tags:
                ActivityInputs.Tags(node, name);
                break;
            case InputKind.Attributes:
                ActivityInputs.Attributes(node, name);
                break;
            case InputKind.Json:
                break;
            default:
                throw new InvalidOperationException($"Input kind {input.Kind} has no check.");
        }
    }

    private static void CheckRule(string? ruleName, string what, WorkflowReferences references, bool eventAvailable, Action<string> problem)
    {
        if (ruleName is null)
        {
            return;
        }

        var rule = references.Rules.Find(ruleName);
        if (rule is null)
        {
            problem($"{what}: there is no rule named '{ruleName}'");
        }
        else if (rule.UsesEvent && !eventAvailable)
        {
            problem($"{what}: rule '{ruleName}' reads the event, but this workflow has no event to give it (use an Event trigger or Wait for event)");
        }
    }

    private static void CheckCombination(ActivityNode node, Action<string> problem)
    {
        switch (node.Type)
        {
            case ActivityTypes.Schedule:
                var hasCron = node.Input("cron") is not null;
                var hasAt = node.Input("at") is not null;
                if (hasCron == hasAt)
                {
                    problem("give exactly one of 'cron' (recurring) or 'at' (once)");
                }

                break;
            case ActivityTypes.WaitUntil:
                if ((node.Input("timeOfDay") is null) == (node.Input("at") is null))
                {
                    problem("give exactly one of 'timeOfDay' (next local time) or 'at' (a date)");
                }

                break;
            case ActivityTypes.WaitForEvent:
                if ((node.Input("timeout") is null) == (node.Input("untilTimeOfDay") is null))
                {
                    problem("give exactly one of 'timeout' (a duration) or 'untilTimeOfDay' (next local time)");
                }

                break;
            case ActivityTypes.Switch:
                var cases = ActivityInputs.Cases(node);
                if (cases.Count == 0)
                {
                    problem("'cases' needs at least one case");
                }

                foreach (var port in cases.GroupBy(c => c.Port).Where(g => g.Count() > 1 || g.Key == "Default").Select(g => g.Key))
                {
                    problem($"case port '{port}' is used twice or is the reserved 'Default'");
                }

                break;
            case ActivityTypes.RandomSplit:
                var branches = ActivityInputs.Branches(node);
                var holdout = ActivityInputs.Percent(node, "holdout") ?? 0;
                if (branches.Count == 0)
                {
                    problem("'branches' needs at least one branch");
                }

                if (branches.Select(b => b.Port).Distinct().Count() != branches.Count)
                {
                    problem("branch ports must be different");
                }

                var total = branches.Sum(b => b.Weight) + holdout;
                if (Math.Abs(total - 100) > 0.001)
                {
                    problem($"branch weights plus holdout add up to {total}, not 100");
                }

                break;
        }
    }
}
