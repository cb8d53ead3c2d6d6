using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Rules;

/// <summary>
/// Every shipped contact rule means the same in memory (compiled delegate over <see cref="ContactFacts"/>)
/// and in the database (translated predicate over <see cref="Contact"/>), on each provider.
/// </summary>
public sealed class SqliteRuleTranslationTests
{
    [Fact]
    public async Task EveryShippedRule_MatchesTheSameContacts_InMemoryAndInSqlite()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        await RuleEquivalence.AssertSameMatchesAsync(database);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresRuleTranslationTests(PostgresServer server)
{
    [PostgresFact]
    public async Task EveryShippedRule_MatchesTheSameContacts_InMemoryAndInPostgres()
    {
        await using var database = await TestDatabase.CreatePostgresAsync(server);
        await RuleEquivalence.AssertSameMatchesAsync(database);
    }
}

internal static class RuleEquivalence
{
    // Not midnight, so day boundaries fall inside days, not on them.
    private static readonly DateTime Now = new(2025, 3, 14, 15, 9, 26, 535, DateTimeKind.Utc);

    public static async Task AssertSameMatchesAsync(TestDatabase database)
    {
        var catalog = RuleCatalog.Load(RepositoryRoot.Combine("rules"));
        var rules = catalog.Rules.Where(r => !r.UsesEvent).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(rules);

        var contacts = VariedContacts.Generate("eq", Now);
        await using (var db = database.CreateDbContext())
        {
            db.Contacts.AddRange(contacts);
            await db.SaveChangesAsync();
        }

        var facts = contacts.ToDictionary(c => c.ExternalId, c => ContactFacts.From(c, Now));
        var report = new List<string>();
        await using var query = database.CreateDbContext();
        foreach (var rule in rules)
        {
            var inMemory = facts.Where(f => rule.Evaluate(f.Value)).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
            var inDatabase = (await query.Contacts.Where(rule.ToQuery(Now)).Select(c => c.ExternalId).ToListAsync()).ToHashSet(StringComparer.Ordinal);

            if (!inMemory.SetEquals(inDatabase))
            {
                report.Add($"{rule.Name} ({rule.Source.Expression}) on {database.Provider}:");
                foreach (var id in inMemory.Except(inDatabase).Take(5))
                {
                    report.Add($"  only in memory: {facts[id]}");
                }

                foreach (var id in inDatabase.Except(inMemory).Take(5))
                {
                    report.Add($"  only in the database: {facts[id]}");
                }
            }

            // Data that every rule accepts or rejects wholesale would prove nothing.
            if (inMemory.Count == 0 || inMemory.Count == contacts.Count)
            {
                report.Add($"{rule.Name}: matched {inMemory.Count} of {contacts.Count} contacts; the generated data does not exercise it");
            }
        }

        Assert.True(report.Count == 0, string.Join(Environment.NewLine, report));
    }
}
