using System.Linq.Dynamic.Core;
using System.Linq.Dynamic.Core.Exceptions;
using System.Linq.Expressions;

namespace UserOps.Automation.Core.Rules;

/// <summary>
/// Parses a RulesEngine expression the way RulesEngine does (System.Linq.Dynamic.Core, inputs named
/// <c>contact</c> and <c>event</c>, rule-set parameters by name), inlines the parameters, checks it
/// stays inside the contact model, and proves it can run in the database.
/// </summary>
public static class RuleCompiler
{
    public const string ContactInput = "contact";
    public const string EventInput = "event";

    private static readonly ParsingConfig Config = new()
    {
        AllowNewToEvaluateAnyType = false,
        ResolveTypesBySimpleName = false,
    };

    /// <summary>Compiles one rule, or throws <see cref="RuleValidationException"/> naming the file, the rule and the fault.</summary>
    /// <param name="parameters">Rule-set (global) then rule (local) parameters, in order; each may use the ones before it.</param>
    public static CompiledRule Compile(RuleSource source, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(parameters);
        var contact = Expression.Parameter(typeof(ContactFacts), ContactInput);
        var contactEvent = Expression.Parameter(typeof(EventFacts), EventInput);
        var inlined = new Dictionary<ParameterExpression, Expression>();
        var scope = new List<ParameterExpression> { contact, contactEvent };

        foreach (var (name, text) in parameters)
        {
            var value = Parse(source, scope, resultType: null, text, $"parameter '{name}'");
            var body = new ParameterInliner(inlined).Visit(value.Body);
            var parameter = Expression.Parameter(body.Type, name);
            inlined[parameter] = body;
            scope.Add(parameter);
        }

        var lambda = Parse(source, scope, typeof(bool), source.Expression, "expression");
        var ruleBody = new ParameterInliner(inlined).Visit(lambda.Body);

        var problems = RuleSafetyCheck.Check(ruleBody);
        if (problems.Count > 0)
        {
            throw Invalid(source, string.Join("; ", problems));
        }

        var usesEvent = new UsageFinder(contactEvent).Finds(ruleBody);
        var rule = new CompiledRule(
            source,
            Expression.Lambda<Func<ContactFacts, EventFacts?, bool>>(ruleBody, contact, contactEvent),
            usesEvent);

        if (!usesEvent)
        {
            try
            {
                _ = rule.ToQuery(new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            }
            catch (RuleValidationException e)
            {
                throw Invalid(source, e.Problems[0].Message);
            }
        }

        return rule;
    }

    private static LambdaExpression Parse(RuleSource source, List<ParameterExpression> scope, Type? resultType, string text, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Invalid(source, $"the {what} is empty");
        }

        try
        {
            return DynamicExpressionParser.ParseLambda(Config, [.. scope], resultType, text);
        }
        catch (ParseException e)
        {
            throw Invalid(source, $"{what}: {e.Message} (at character {e.Position + 1} of \"{text}\")");
        }
        catch (InvalidOperationException e)
        {
            throw Invalid(source, $"{what}: {e.Message}");
        }
        catch (ArgumentException e)
        {
            throw Invalid(source, $"{what}: {e.Message}");
        }
    }

    private static RuleValidationException Invalid(RuleSource source, string message) =>
        new([new RuleProblem(source.File, source.Name, message)]);

    private sealed class ParameterInliner(Dictionary<ParameterExpression, Expression> values) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            values.TryGetValue(node, out var value) ? value : node;
    }

    private sealed class UsageFinder(ParameterExpression parameter) : ExpressionVisitor
    {
        private bool _found;

        public bool Finds(Expression expression)
        {
            Visit(expression);
            return _found;
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            _found |= node == parameter;
            return node;
        }
    }
}
