using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Rules;

namespace UserOps.Automation.Host.Rules;

/// <summary>
/// The one way the console counts an audience now: the database scans (a contact rule as SQL through
/// <see cref="CompiledRule.ToQuery"/>), and a few members in id order are shown as a sample. The rule editor's estimate
/// and the designer's audience estimate both use it, so they agree.
/// </summary>
internal static class RuleAudience
{
    /// <summary>The contacts of <paramref name="contacts"/> that contact rule <paramref name="rule"/> matches at <paramref name="now"/>.</summary>
    public static Task<(int Count, List<string> Sample)> MatchAsync(
        IQueryable<Contact> contacts, CompiledRule rule, DateTime now, int sampleSize, CancellationToken cancellationToken) =>
        CountAsync(contacts.Where(rule.ToQuery(now)), sampleSize, cancellationToken);

    public static async Task<(int Count, List<string> Sample)> CountAsync(IQueryable<Contact> contacts, int sampleSize, CancellationToken cancellationToken)
    {
        var count = await contacts.CountAsync(cancellationToken);
        var sample = await contacts.OrderBy(c => c.Id).Take(sampleSize).Select(c => c.ExternalId).ToListAsync(cancellationToken);
        return (count, sample);
    }
}
