using UserOps.Automation.Core.Rules;

namespace UserOps.Automation.UnitTests.Rules;

public sealed class RuleCompilerTests
{
    private static RuleProblem ProblemOf(string expression, params (string Name, string Expression)[] parameters)
    {
        var error = Assert.Throws<RuleValidationException>(() => Compile(expression, parameters));
        var problem = Assert.Single(error.Problems);
        Assert.Equal("rules/test.json", problem.File);
        Assert.Equal("the-rule", problem.Rule);
        return problem;
    }

    private static CompiledRule Compile(string expression, params (string Name, string Expression)[] parameters) =>
        RuleCompiler.Compile(
            new RuleSource("rules/test.json", "test", "the-rule", expression, null),
            [.. parameters.Select(p => KeyValuePair.Create(p.Name, p.Expression))]);

    [Fact]
    public void SyntaxError_IsReportedWithFileRuleAndPosition()
    {
        var problem = ProblemOf("contact.DaysSinceLastActive >= ");

        Assert.Contains("at character", problem.Message, StringComparison.Ordinal);
        Assert.StartsWith("rules/test.json: the-rule: ", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownMember_IsNamed()
    {
        var problem = ProblemOf("contact.DaysSinceLastLogin >= 7");

        Assert.Contains("DaysSinceLastLogin", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("contact.GetType().Name == \"ContactFacts\"")]
    [InlineData("contact.Email.GetType().Assembly.FullName != null")]
    public void ReflectionThroughGetType_IsRejected(string expression)
    {
        var problem = ProblemOf(expression);

        Assert.Contains("GetType", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("System.IO.File.Exists(\"/etc/passwd\")")]
    [InlineData("File.Exists(\"/etc/passwd\")")]
    [InlineData("System.Environment.Exit(1) == null")]
    public void TypesOutsideTheModel_AreRejected(string expression)
    {
        var problem = ProblemOf(expression);

        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
    }

    [Theory]
    [InlineData("new(contact.Email as Email).Email != null")]
    [InlineData("new System.Text.StringBuilder() != null")]
    public void ObjectCreation_IsRejected(string expression)
    {
        var problem = ProblemOf(expression);

        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
    }

    [Theory]
    [InlineData("contact.Email.Replace(\"a\", \"b\") == \"x\"", "Replace")]
    [InlineData("contact.Tags.First() == \"vip\"", "First")]
    [InlineData("contact.Email.Split(\"@\").Length == 2", "Split")]
    public void MethodsOutsideTheAllowList_AreRejectedByName(string expression, string method)
    {
        var problem = ProblemOf(expression);

        Assert.Contains(method, problem.Message, StringComparison.Ordinal);
        Assert.Contains("may not use", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("contact.Tags.Contains(\"vip\")")]
    [InlineData("contact.Email.EndsWith(\"@example.test\")")]
    [InlineData("contact.Interests.Any(Category == \"beauty\" AND DaysSinceLastSeen <= 30)")]
    [InlineData("contact.HasEmail AND contact.Consent.Email")]
    public void AllowedExpressions_Compile(string expression)
    {
        var rule = Compile(expression);

        Assert.False(rule.UsesEvent);
    }

    [Fact]
    public void GlobalAndLocalParameters_AreInlined_InOrder()
    {
        var rule = Compile("contact.DaysSinceLastActive >= away AND contact.DaysSinceLastActive < tooLong",
            ("away", "7"), ("tooLong", "away * 2"));

        // Only contact and event remain: the parameters became part of the expression.
        Assert.Equal(["contact", "event"], rule.Lambda.Parameters.Select(p => p.Name));
        Assert.True(rule.Evaluate(Facts(daysSinceLastActive: 7)));
        Assert.True(rule.Evaluate(Facts(daysSinceLastActive: 13)));
        Assert.False(rule.Evaluate(Facts(daysSinceLastActive: 14)));
        Assert.False(rule.Evaluate(Facts(daysSinceLastActive: 6)));
    }

    [Fact]
    public void EventRule_IsMarked_AndCannotBecomeAQuery()
    {
        var rule = Compile("event.Name == \"purchase\" AND contact.PurchaseCount > 1");

        Assert.True(rule.UsesEvent);
        Assert.True(rule.Evaluate(Facts(), new EventFacts { Name = "purchase" }) is false);
        Assert.Throws<InvalidOperationException>(() => rule.ToQuery(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
    }

    private static ContactFacts Facts(int daysSinceLastActive = 0) =>
        new() { ExternalId = "x", DaysSinceLastActive = daysSinceLastActive };
}
