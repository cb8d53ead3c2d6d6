using UserOps.Automation.Core.Rules;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Testing;

namespace UserOps.Automation.UnitTests.Workflows;

/// <summary>Every kind of problem is reported at once, each with the activity it is about.</summary>
public sealed class WorkflowValidatorTests
{
    private static readonly RuleCatalog Rules = RuleCatalog.Load(RepositoryRoot.Combine("rules"));

    private static readonly WorkflowReferences References = new(
        Rules,
        Segments: new HashSet<string> { "inactive-7d" },
        Templates: new HashSet<string> { "recall-push-7d" },
        CronError: cron => cron.Split(' ').Length is 6 or 7 ? null : "needs 6 or 7 fields");

    private static IReadOnlyList<WorkflowProblem> Validate(string activities, string connections, string settings = "{}") =>
        WorkflowValidator.Validate(
            WorkflowJson.Parse($$"""{ "definitionId": "t", "name": "t", "settings": {{settings}}, "root": { "activities": [{{activities}}], "connections": [{{connections}}] } }"""),
            References);

    private static string C(string from, string port, string to) =>
        $$"""{ "source": { "activity": "{{from}}", "port": "{{port}}" }, "target": { "activity": "{{to}}", "port": "In" } }""";

    [Fact]
    public void ValidFlowchart_HasNoProblems()
    {
        var problems = Validate(
            """{ "id": "t", "type": "SegmentEntered", "segment": "inactive-7d" }, { "id": "p", "type": "SendPush", "template": "recall-push-7d" }""",
            C("t", "Done", "p"));
        Assert.Empty(problems);
    }

    [Fact]
    public void EveryProblem_IsReportedAtOnce_WithItsActivity()
    {
        var problems = Validate(
            """
            { "id": "t", "type": "SegmentEntered", "segment": "no-such-segment" },
            { "id": "x", "type": "Teleport" },
            { "id": "d", "type": "Delay" },
            { "id": "i", "type": "If", "rule": "no-such-rule" },
            { "id": "e", "type": "SendEmail", "template": "no-such-template" },
            { "id": "s", "type": "RandomSplit", "branches": [ { "port": "A", "weight": 50 } ], "holdout": 10 },
            { "id": "lonely", "type": "End" },
            { "id": "w", "type": "WaitUntil", "timeOfDay": "25:99" }
            """,
            string.Join(",", C("t", "Done", "i"), C("i", "True", "e"), C("i", "True", "d"), C("i", "Maybe", "s"), C("e", "Done", "ghost"), C("s", "A", "w")),
            """{ "timeZone": "Mars/Olympus", "exitRule": "purchase-any" }""");

        string[] expected =
        [
            "t: 'segment': there is no segment 'no-such-segment'",
            "x: unknown activity type 'Teleport'",
            "d: 'duration' is required",
            "i: rule: there is no rule named 'no-such-rule'",
            "e: 'template': there is no template 'no-such-template'",
            "s: branch weights plus holdout add up to 60, not 100",
            "lonely: is not reachable from the trigger",
            "w: 'timeOfDay' must be a time of day like 10:00",
            "i: port 'True' is connected more than once",
            "i: has no port 'Maybe'",
            "e: port 'Done' connects to 'ghost'",
            "settings.timeZone 'Mars/Olympus' is not an IANA time zone",
            "settings.exitRule: rule 'purchase-any' reads the event",
        ];
        var text = problems.Select(p => p.ToString()).ToList();
        foreach (var fragment in expected)
        {
            Assert.True(text.Any(t => t.StartsWith(fragment, StringComparison.Ordinal) || t.Contains(fragment, StringComparison.Ordinal)), $"missing '{fragment}' in:\n{string.Join("\n", text)}");
        }
    }

    [Fact]
    public void LoopWithoutWait_IsRejected_LoopWithDelay_IsNot()
    {
        var activities = """
            { "id": "t", "type": "ApiTrigger" },
            { "id": "a", "type": "UpdateContact", "addTags": ["x"] },
            { "id": "b", "type": "If", "rule": "inactive-7d" },
            { "id": "d", "type": "Delay", "duration": { "amount": 1, "unit": "days" } }
            """;
        var tight = Validate(activities, string.Join(",", C("t", "Done", "a"), C("a", "Done", "b"), C("b", "True", "a"), C("b", "False", "d")));
        Assert.Contains(tight, p => p.Message.Contains("has no Delay", StringComparison.Ordinal));

        var waiting = Validate(activities, string.Join(",", C("t", "Done", "a"), C("a", "Done", "b"), C("b", "True", "d"), C("d", "Done", "a")));
        Assert.DoesNotContain(waiting, p => p.Message.Contains("has no Delay", StringComparison.Ordinal));
    }

    [Fact]
    public void Schedule_NeedsExactlyOneOfCronOrAt_AndAValidCron()
    {
        var both = Validate("""{ "id": "t", "type": "Schedule", "segment": "inactive-7d", "timeZone": "Asia/Shanghai", "cron": "0 0 9 * * ?", "at": "2027-05-01T09:00" }""", "");
        Assert.Contains(both, p => p.ActivityId == "t" && p.Message.Contains("exactly one of 'cron'", StringComparison.Ordinal));

        var badCron = Validate("""{ "id": "t", "type": "Schedule", "segment": "inactive-7d", "timeZone": "Asia/Shanghai", "cron": "every day" }""", "");
        Assert.Contains(badCron, p => p.ActivityId == "t" && p.Message.Contains("not a valid cron", StringComparison.Ordinal));
    }

    [Fact]
    public void EventRule_OutsideAnEventWorkflow_IsRejected()
    {
        var problems = Validate(
            """{ "id": "t", "type": "SegmentEntered", "segment": "inactive-7d" }, { "id": "i", "type": "If", "rule": "purchase-any" }""",
            C("t", "Done", "i"));
        Assert.Contains(problems, p => p.ActivityId == "i" && p.Message.Contains("reads the event", StringComparison.Ordinal));
    }
}
