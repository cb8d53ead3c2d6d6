using System.Linq.Expressions;
using System.Reflection;

namespace UserOps.Automation.Core.Rules;

/// <summary>
/// Walks a parsed rule and refuses anything outside the contact model: members of other types,
/// method calls that are not on the short allow-list, object creation, invocation. This, not the
/// parser's defaults, is what keeps an operator's expression from reaching into the host (CVE-2023-32571).
/// </summary>
internal sealed class RuleSafetyCheck : ExpressionVisitor
{
    private static readonly HashSet<Type> ModelTypes = [typeof(ContactFacts), typeof(ConsentFacts), typeof(InterestFacts), typeof(EventFacts)];

    private static readonly HashSet<string> StringMethods =
    [
        nameof(string.Contains), nameof(string.StartsWith), nameof(string.EndsWith), nameof(string.ToLower),
        nameof(string.ToUpper), nameof(string.ToLowerInvariant), nameof(string.ToUpperInvariant), nameof(string.Trim),
        nameof(string.Equals), nameof(string.IsNullOrEmpty), nameof(string.IsNullOrWhiteSpace), nameof(string.Concat),
        nameof(string.CompareTo), nameof(string.Compare),
    ];

    private static readonly HashSet<string> EnumerableMethods =
    [
        nameof(Enumerable.Any), nameof(Enumerable.All), nameof(Enumerable.Count), nameof(Enumerable.Contains),
        nameof(Enumerable.Sum), nameof(Enumerable.Max), nameof(Enumerable.Min), nameof(Enumerable.Where),
    ];

    private readonly List<string> _problems = [];

    public static IReadOnlyList<string> Check(Expression expression)
    {
        var check = new RuleSafetyCheck();
        check.Visit(expression);
        return check._problems;
    }

    protected override Expression VisitMember(MemberExpression node)
    {
        var type = node.Member.DeclaringType;
        var allowed = type is not null && (ModelTypes.Contains(type)
            || type == typeof(string)
            || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Nullable<>))
            || (type.IsGenericType && node.Member.Name == "Count"));
        if (!allowed)
        {
            _problems.Add($"'{type?.Name}.{node.Member.Name}' is outside the contact model; rules may use only contact (and event) facts");
        }

        return base.VisitMember(node);
    }

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        if (!IsAllowed(node.Method))
        {
            _problems.Add($"calls '{node.Method.DeclaringType?.Name}.{node.Method.Name}', which rules may not use");
        }

        return base.VisitMethodCall(node);
    }

    protected override Expression VisitNew(NewExpression node)
    {
        _problems.Add($"creates a '{node.Type.Name}', which rules may not do");
        return node;
    }

    protected override Expression VisitInvocation(InvocationExpression node)
    {
        _problems.Add("invokes a delegate, which rules may not do");
        return node;
    }

    protected override Expression VisitMemberInit(MemberInitExpression node)
    {
        _problems.Add($"creates a '{node.Type.Name}', which rules may not do");
        return node;
    }

    protected override Expression VisitListInit(ListInitExpression node)
    {
        _problems.Add($"creates a '{node.Type.Name}', which rules may not do");
        return node;
    }

    private static bool IsAllowed(MethodInfo method)
    {
        var type = method.DeclaringType;
        if (type == typeof(string))
        {
            return StringMethods.Contains(method.Name);
        }

        if (type == typeof(Enumerable))
        {
            return EnumerableMethods.Contains(method.Name);
        }

        if (type == typeof(Math))
        {
            return method.Name is nameof(Math.Abs) or nameof(Math.Min) or nameof(Math.Max);
        }

        // Dictionary lookups on event properties.
        if (type is { IsGenericType: true } && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(Dictionary<,>)))
        {
            return method.Name is "get_Item" or "ContainsKey";
        }

        // Collection Contains (Tags.Contains("vip")) binds to the instance method on some collections.
        if (type is { IsGenericType: true } && method.Name == "Contains"
            && (type.GetGenericTypeDefinition() == typeof(List<>) || type.GetGenericTypeDefinition() == typeof(ICollection<>)))
        {
            return true;
        }

        return false;
    }
}
