using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Segments;

/// <summary>
/// The contacts a segment's rule matches at an instant, read straight from the rule as one set query: what a blast
/// takes as its audience when it fires (ADR 0014), and what a refresh compares the stays with.
/// </summary>
internal static class SegmentAudience
{
    /// <summary>The matching contacts' ids, untracked and unordered (SQL Server takes no ORDER BY in a subquery).</summary>
    public static IQueryable<long> Ids(AutomationDb db, CompiledRule rule, DateTime at) =>
        db.Contacts.AsNoTracking().Where(rule.ToQuery(at)).Select(c => c.Id);

    /// <summary>
    /// The rule's SELECT of matching contacts' ids as SQL, for INSERT … SELECT. EF Core has no LINQ form of that, so it is
    /// taken from <c>ToQueryString</c>; the translator emits only constants, so that SQL has no parameters. Braces are
    /// doubled so that string literals in it are not taken for placeholders of a raw SQL call.
    /// </summary>
    public static string SelectSql(AutomationDb db, IQueryable<long> ids)
    {
        var select = ids.ToQueryString();
        if (HasParameters(db.Provider, select))
        {
            throw new InvalidOperationException("The segment rule translated into SQL with parameters; it cannot be used in INSERT … SELECT: " + select);
        }

        return select.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
    }

    private static bool HasParameters(DatabaseProvider provider, string sql) => provider switch
    {
        DatabaseProvider.Sqlite => sql.Contains(".param set", StringComparison.Ordinal),
        DatabaseProvider.Postgres => sql.StartsWith("-- @", StringComparison.Ordinal),
        _ => sql.Contains("DECLARE @", StringComparison.Ordinal),
    };
}
