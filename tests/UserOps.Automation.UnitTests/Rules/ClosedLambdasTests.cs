using System.Linq.Expressions;
using UserOps.Automation.Core.Rules;

namespace UserOps.Automation.UnitTests.Rules;

public sealed class ClosedLambdasTests
{
    private static ContactFacts Facts(int visits, params (string Category, int Count, int Days)[] interests) => new()
    {
        ExternalId = "c1",
        VisitCount = visits,
        Interests = [.. interests.Select(i => new InterestFacts { Category = i.Category, Count = i.Count, DaysSinceLastSeen = i.Days })],
    };

    private static bool HasLambda(Expression expression) => new LambdaFinder().Any(expression);

    [Fact]
    public void InnerLambdaReadingOnlyItsOwnParameter_BecomesOneCompiledDelegate()
    {
        Expression<Func<ContactFacts, EventFacts?, bool>> rule = (c, e) => c.Interests.Any(i => i.Category == "phones" && i.DaysSinceLastSeen <= 30);

        var hoisted = ClosedLambdas.Hoist(rule);

        Assert.False(HasLambda(hoisted.Body));
        var evaluate = hoisted.Compile();
        Assert.True(evaluate(Facts(0, ("phones", 1, 3)), null));
        Assert.False(evaluate(Facts(0, ("phones", 1, 31)), null));
        Assert.False(evaluate(Facts(0, ("beauty", 1, 3)), null));
    }

    [Fact]
    public void InnerLambdaReadingTheContact_IsKept_AndStillSeesEachContact()
    {
        Expression<Func<ContactFacts, EventFacts?, bool>> rule = (c, e) => c.Interests.Any(i => i.Count > c.VisitCount);

        var hoisted = ClosedLambdas.Hoist(rule);

        Assert.True(HasLambda(hoisted.Body));
        var evaluate = hoisted.Compile();
        Assert.True(evaluate(Facts(2, ("phones", 3, 0)), null));
        Assert.False(evaluate(Facts(5, ("phones", 3, 0)), null));
    }

    [Fact]
    public void ShippedInterestRule_EvaluatesTheSameAsBefore()
    {
        var rule = RuleCompiler.Compile(
            new RuleSource("rules/test.json", "test", "phones", "contact.Interests.Any(Category == \"phones\" AND DaysSinceLastSeen <= days)", null),
            [KeyValuePair.Create("days", "30")]);

        Assert.False(HasLambda(ClosedLambdas.Hoist(rule.Lambda).Body));
        Assert.True(rule.Evaluate(Facts(0, ("beauty", 1, 1), ("phones", 2, 30))));
        Assert.False(rule.Evaluate(Facts(0, ("beauty", 1, 1), ("phones", 2, 31))));
        Assert.False(rule.Evaluate(Facts(0)));
    }

    private sealed class LambdaFinder : ExpressionVisitor
    {
        private bool _found;

        public bool Any(Expression expression)
        {
            Visit(expression);
            return _found;
        }

        protected override Expression VisitLambda<T>(Expression<T> node)
        {
            _found = true;
            return node;
        }
    }
}
