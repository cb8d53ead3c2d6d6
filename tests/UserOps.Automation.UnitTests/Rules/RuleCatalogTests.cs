using UserOps.Automation.Core.Rules;
using UserOps.Automation.Testing;

namespace UserOps.Automation.UnitTests.Rules;

public sealed class RuleCatalogTests
{
    private const string Inactive = """
        { "WorkflowName": "a", "Rules": [ { "RuleName": "inactive-7d", "Expression": "contact.DaysSinceLastActive >= 7" } ] }
        """;

    [Fact]
    public void ShippedRulesFolder_LoadsAsTheHostLoadsIt()
    {
        var catalog = RuleCatalog.Load(RepositoryRoot.Combine("rules"));

        Assert.Contains(catalog.Rules, r => r.Name == "inactive-7d" && !r.UsesEvent);
        Assert.Contains(catalog.Rules, r => r.Name == "purchase-any" && r.UsesEvent);
        Assert.Equal(Directory.GetFiles(RepositoryRoot.Combine("rules"), "*.json").Length, catalog.RuleSets.Count);
    }

    [Fact]
    public void DuplicateRuleNames_AcrossFiles_AreReported_WithBothFiles()
    {
        using var folder = new RuleFolder(("a.json", Inactive), ("b.json", Inactive.Replace("\"a\"", "\"b\"", StringComparison.Ordinal)));

        var error = Assert.Throws<RuleValidationException>(() => RuleCatalog.Load(folder.Path));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(("rules/b.json", "inactive-7d"), (problem.File, problem.Rule));
        Assert.Contains("rules/a.json", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NestedRules_AreRejected()
    {
        using var folder = new RuleFolder(("n.json", """
            { "WorkflowName": "n", "Rules": [ { "RuleName": "outer", "Operator": "And",
              "Rules": [ { "RuleName": "inner", "Expression": "contact.HasEmail" } ] } ] }
            """));

        var error = Assert.Throws<RuleValidationException>(() => RuleCatalog.Load(folder.Path));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("outer", problem.Rule);
        Assert.Contains("nested rules are not supported", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonLambdaExpressionType_IsRejected()
    {
        using var folder = new RuleFolder(("x.json", """
            { "WorkflowName": "x", "Rules": [ { "RuleName": "odd", "RuleExpressionType": 1, "Expression": "contact.HasEmail" } ] }
            """));

        var (_, problems) = RuleCatalog.TryLoad(folder.Path);

        var problem = Assert.Single(problems);
        Assert.Equal("odd", problem.Rule);
        Assert.Contains("use LambdaExpression", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OneBadFile_FailsTheWholeLoad_ListingEveryProblem()
    {
        using var folder = new RuleFolder(
            ("good.json", Inactive),
            ("bad.json", """
                { "WorkflowName": "bad", "Rules": [
                  { "RuleName": "typo", "Expression": "contact.DaysSinceLastActiv >= 7" },
                  { "RuleName": "escape", "Expression": "contact.Email.Replace(\"a\", \"b\") == \"x\"" } ] }
                """),
            ("broken.json", "{ \"WorkflowName\": "));

        var error = Assert.Throws<RuleValidationException>(() => RuleCatalog.Load(folder.Path));

        Assert.Equal(
            [("rules/bad.json", "typo"), ("rules/bad.json", "escape"), ("rules/broken.json", null)],
            error.Problems.Select(p => (p.File, p.Rule)));
        Assert.Contains("invalid JSON at line", error.Problems[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GlobalAndLocalParams_AreInlined_FromTheFile()
    {
        using var folder = new RuleFolder(("p.json", """
            { "WorkflowName": "p", "GlobalParams": [ { "Name": "days", "Expression": "15" } ],
              "Rules": [ { "RuleName": "away", "Expression": "contact.DaysSinceLastActive >= longer",
                           "LocalParams": [ { "Name": "longer", "Expression": "days + 15" } ] } ] }
            """));

        var rule = RuleCatalog.Load(folder.Path).Get("away");

        Assert.True(rule.Evaluate(new ContactFacts { ExternalId = "x", DaysSinceLastActive = 30 }));
        Assert.False(rule.Evaluate(new ContactFacts { ExternalId = "x", DaysSinceLastActive = 29 }));
    }
}
