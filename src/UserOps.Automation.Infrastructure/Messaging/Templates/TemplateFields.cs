namespace UserOps.Automation.Infrastructure.Messaging.Templates;

/// <summary>
/// The fields a template may reference, mirroring what <see cref="TemplateSandbox"/> registers. Used at save
/// time, because Liquid renders an unknown field as an empty string without complaint.
/// </summary>
internal sealed class TemplateFields
{
    private enum Kind
    {
        Object,
        Value,
        List,
        AnyJson,
    }

    private readonly Kind _kind;
    private readonly Dictionary<string, TemplateFields> _children;

    private TemplateFields(Kind kind, params (string Name, TemplateFields Field)[] children)
    {
        _kind = kind;
        _children = children.ToDictionary(c => c.Name, c => c.Field, StringComparer.Ordinal);
    }

    public static TemplateFields Root { get; } = Obj(
        ("contact", Obj(
            ("first_name", Value()), ("last_name", Value()), ("email", Value()), ("phone", Value()), ("locale", Value()),
            ("time_zone", Value()), ("country", Value()), ("city", Value()), ("attributes", Json()), ("tags", List()))),
        ("event", Obj(("name", Value()), ("properties", Json()), ("amount", Value()))),
        ("journey", Obj(("variables", Json()))),
        ("coupon", Obj(("code", Value()), ("value", Value()), ("expires_at", Value()))),
        ("unsubscribe_url", Value()));

    /// <summary>Liquid's own members on strings and arrays.</summary>
    private static readonly HashSet<string> Builtins = new(StringComparer.Ordinal) { "size", "first", "last" };

    /// <summary>Null when the path is readable; else the part of the path that is not.</summary>
    public string? Unknown(IReadOnlyList<string?> path)
    {
        var node = this;
        for (var i = 0; i < path.Count; i++)
        {
            var segment = path[i];
            switch (node._kind)
            {
                case Kind.AnyJson:
                    return null;
                case Kind.Object when segment is not null && node._children.TryGetValue(segment, out var child):
                    node = child;
                    continue;
                case Kind.List when segment is null || Builtins.Contains(segment):
                case Kind.Value when segment is not null && Builtins.Contains(segment):
                    return null;
                default:
                    return string.Join('.', path.Take(i + 1).Select(s => s ?? "[…]"));
            }
        }

        return null;
    }

    public IEnumerable<string> Names(string prefix = "")
    {
        foreach (var (name, child) in _children)
        {
            var full = prefix + name;
            yield return child._kind == Kind.AnyJson ? full + ".*" : full;
            foreach (var nested in child.Names(full + "."))
            {
                yield return nested;
            }
        }
    }

    private static TemplateFields Obj(params (string, TemplateFields)[] children) => new(Kind.Object, children);

    private static TemplateFields Value() => new(Kind.Value);

    private static TemplateFields List() => new(Kind.List);

    private static TemplateFields Json() => new(Kind.AnyJson);
}
