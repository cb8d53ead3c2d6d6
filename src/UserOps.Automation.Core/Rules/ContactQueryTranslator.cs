using System.Linq.Expressions;
using System.Reflection;
using UserOps.Automation.Core.Contacts;

namespace UserOps.Automation.Core.Rules;

/// <summary>
/// Rewrites a rule over <see cref="ContactFacts"/> into a predicate over the stored <see cref="Contact"/>,
/// so the database scans instead of the app. Facts map to columns by name; derived facts map to
/// expressions (<c>HasEmail</c> → <c>Email != null</c>); "days since" comparisons become comparisons of
/// the stored instant with a constant (<c>DaysSinceLastActive &gt;= 7</c> → <c>LastActiveAt &lt;= now - 7 days</c>),
/// which means the same as the in-memory floor of whole days and lets an index serve the query.
/// </summary>
internal sealed class ContactQueryTranslator : ExpressionVisitor
{
    private static readonly Dictionary<Type, Type> EntityOf = new()
    {
        [typeof(ContactFacts)] = typeof(Contact),
        [typeof(ConsentFacts)] = typeof(ChannelConsent),
        [typeof(InterestFacts)] = typeof(ContactInterest),
    };

    private readonly DateTime _now;
    private readonly Dictionary<ParameterExpression, ParameterExpression> _parameters = [];

    private ContactQueryTranslator(DateTime now) => _now = now;

    public static Expression<Func<Contact, bool>> Translate(Expression<Func<ContactFacts, EventFacts?, bool>> rule, DateTime now)
    {
        var contact = Expression.Parameter(typeof(Contact), "c");
        var translator = new ContactQueryTranslator(DateTime.SpecifyKind(now, DateTimeKind.Utc));
        translator._parameters[rule.Parameters[0]] = contact;
        var body = translator.Visit(rule.Body);
        return Expression.Lambda<Func<Contact, bool>>(body, contact);
    }

    protected override Expression VisitParameter(ParameterExpression node)
    {
        if (_parameters.TryGetValue(node, out var mapped))
        {
            return mapped;
        }

        throw new RuleValidationException($"'{node.Name}' cannot be evaluated over stored contacts");
    }

    protected override Expression VisitLambda<T>(Expression<T> node)
    {
        foreach (var parameter in node.Parameters)
        {
            if (EntityOf.TryGetValue(parameter.Type, out var entity))
            {
                _parameters[parameter] = Expression.Parameter(entity, parameter.Name);
            }
            else
            {
                _parameters[parameter] = parameter;
            }
        }

        var body = Visit(node.Body);
        return Expression.Lambda(body, node.Parameters.Select(p => _parameters[p]));
    }

    protected override Expression VisitBinary(BinaryExpression node)
    {
        if (TryDaysSinceComparison(node, out var rewritten))
        {
            return rewritten;
        }

        var left = Visit(node.Left);
        var right = Visit(node.Right);
        if (left.Type != node.Left.Type || right.Type != node.Right.Type)
        {
            return Expression.MakeBinary(node.NodeType, left, right, node.IsLiftedToNull, method: null);
        }

        return node.Update(left, node.Conversion, right);
    }

    protected override Expression VisitMember(MemberExpression node)
    {
        if (node.Member.DeclaringType is not { } declaring || !EntityOf.ContainsKey(declaring))
        {
            return base.VisitMember(node);
        }

        if (node.Member.GetCustomAttribute<DaysSinceAttribute>() is not null)
        {
            throw new RuleValidationException(
                $"'{node.Member.Name}' can only be compared with a whole number (e.g. {node.Member.Name} >= 7) when the rule runs in the database");
        }

        var target = Visit(node.Expression!);
        switch (node.Member.Name)
        {
            case nameof(ContactFacts.HasEmail):
                return Expression.NotEqual(Expression.Property(target, nameof(Contact.Email)), Expression.Constant(null, typeof(string)));
            case nameof(ContactFacts.HasPhone):
                return Expression.NotEqual(Expression.Property(target, nameof(Contact.Phone)), Expression.Constant(null, typeof(string)));
            case nameof(ContactFacts.HasPushToken):
                return Expression.Call(
                    typeof(Enumerable), nameof(Enumerable.Any), [typeof(PushToken)], Expression.Property(target, nameof(Contact.PushTokens)));
        }

        var property = target.Type.GetProperty(node.Member.Name)
            ?? throw new RuleValidationException($"'{node.Member.Name}' cannot be evaluated over stored contacts");
        return Expression.Property(target, property);
    }

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        var instance = node.Object is null ? null : Visit(node.Object);
        var arguments = node.Arguments.Select(Visit).ToArray();
        var method = node.Method;
        if (method.IsGenericMethod)
        {
            var typeArguments = method.GetGenericArguments().Select(t => EntityOf.GetValueOrDefault(t, t)).ToArray();
            method = method.GetGenericMethodDefinition().MakeGenericMethod(typeArguments);
        }

        return Expression.Call(instance, method, arguments!);
    }

    protected override Expression VisitUnary(UnaryExpression node)
    {
        var operand = Visit(node.Operand);
        return node.NodeType is ExpressionType.Convert or ExpressionType.ConvertChecked
            ? Expression.Convert(operand, node.Type)
            : Expression.MakeUnary(node.NodeType, operand, node.Type);
    }

    /// <summary>
    /// <c>days(x) op k</c> with <c>days(x) = floor((now - x) / 1 day)</c>:
    /// <c>days &gt;= k ⇔ x &lt;= now - k</c> and <c>days &lt; k ⇔ x &gt; now - k</c>; the rest follow.
    /// </summary>
    private bool TryDaysSinceComparison(BinaryExpression node, out Expression rewritten)
    {
        rewritten = node;
        var op = node.NodeType;
        if (op is not (ExpressionType.GreaterThanOrEqual or ExpressionType.GreaterThan or ExpressionType.LessThan
            or ExpressionType.LessThanOrEqual or ExpressionType.Equal or ExpressionType.NotEqual))
        {
            return false;
        }

        MemberExpression? member;
        Expression other;
        if ((member = DaysSinceMember(node.Left)) is not null)
        {
            other = node.Right;
        }
        else if ((member = DaysSinceMember(node.Right)) is not null)
        {
            other = node.Left;
            op = Mirror(op);
        }
        else
        {
            return false;
        }

        var name = member.Member.Name;
        var value = ConstantValue(other, name);
        if (value is null)
        {
            // "days since X == null" asks whether X is missing; as in C#, an ordered comparison with null is never true.
            var nullInstant = Instant(member);
            var canBeNull = !nullInstant.Type.IsValueType || Nullable.GetUnderlyingType(nullInstant.Type) is not null;
            rewritten = (op, canBeNull) switch
            {
                (ExpressionType.Equal, true) => Expression.Equal(nullInstant, Expression.Constant(null, nullInstant.Type)),
                (ExpressionType.NotEqual, true) => Expression.NotEqual(nullInstant, Expression.Constant(null, nullInstant.Type)),
                (ExpressionType.NotEqual, false) => Expression.Constant(true),
                _ => Expression.Constant(false),
            };
            return true;
        }

        var k = value.Value;
        var instant = Instant(member);
        Expression Cut(long days) => Expression.Constant(_now.AddDays(-days), instant.Type);
        Expression AtLeast(long days) => Expression.LessThanOrEqual(instant, Cut(days));
        Expression Below(long days) => Expression.GreaterThan(instant, Cut(days));

        rewritten = op switch
        {
            ExpressionType.GreaterThanOrEqual => AtLeast(k),
            ExpressionType.GreaterThan => AtLeast(k + 1),
            ExpressionType.LessThan => Below(k),
            ExpressionType.LessThanOrEqual => Below(k + 1),
            ExpressionType.Equal => Expression.AndAlso(AtLeast(k), Below(k + 1)),
            _ => Expression.OrElse(Below(k), AtLeast(k + 1)),
        };

        // In memory a missing instant is a null day count, and null != k is true.
        if (op == ExpressionType.NotEqual && Nullable.GetUnderlyingType(instant.Type) is not null)
        {
            rewritten = Expression.OrElse(Expression.Equal(instant, Expression.Constant(null, instant.Type)), rewritten);
        }

        return true;
    }

    private MemberExpression Instant(MemberExpression member)
    {
        var attribute = member.Member.GetCustomAttribute<DaysSinceAttribute>()!;
        var target = Visit(member.Expression!);
        return Expression.Property(target, attribute.Instant);
    }

    private static MemberExpression? DaysSinceMember(Expression expression)
    {
        while (expression is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert)
        {
            expression = convert.Operand;
        }

        return expression is MemberExpression member && member.Member.GetCustomAttribute<DaysSinceAttribute>() is not null ? member : null;
    }

    private static long? ConstantValue(Expression expression, string fact)
    {
        if (new ParameterFinder().Finds(expression))
        {
            throw new RuleValidationException($"'{fact}' can only be compared with a number, not with another fact, when the rule runs in the database");
        }

        var value = Expression.Lambda(Expression.Convert(expression, typeof(object))).Compile().DynamicInvoke();
        return value switch
        {
            null => null,
            int i => i,
            long l => l,
            short s => s,
            double d when d == Math.Floor(d) => (long)d,
            decimal m when m == decimal.Floor(m) => (long)m,
            _ => throw new RuleValidationException($"'{fact}' counts whole days: compare it with a whole number, not {value}"),
        };
    }

    private static ExpressionType Mirror(ExpressionType op) => op switch
    {
        ExpressionType.GreaterThanOrEqual => ExpressionType.LessThanOrEqual,
        ExpressionType.GreaterThan => ExpressionType.LessThan,
        ExpressionType.LessThan => ExpressionType.GreaterThan,
        ExpressionType.LessThanOrEqual => ExpressionType.GreaterThanOrEqual,
        _ => op,
    };

    private sealed class ParameterFinder : ExpressionVisitor
    {
        private bool _found;

        public bool Finds(Expression expression)
        {
            Visit(expression);
            return _found;
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            _found = true;
            return node;
        }
    }
}
