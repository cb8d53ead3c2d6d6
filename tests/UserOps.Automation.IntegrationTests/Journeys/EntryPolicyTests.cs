using Microsoft.Extensions.Time.Testing;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Journeys;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Infrastructure.Journeys;
using UserOps.Automation.Infrastructure.Workflows;
using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Journeys;

public sealed class SqliteEntryPolicyTests
{
    [Theory]
    [InlineData("EveryTime")]
    [InlineData("Once")]
    [InlineData("OncePerPeriod")]
    public Task EntryPolicy_KeepsTheSameContactsOut_OnEveryEnrolmentPath(string policy) =>
        TestDatabase.OnSqliteAsync(database => EntryPolicyCase.AssertAsync(database, Enum.Parse<EntryPolicy>(policy)));
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresEntryPolicyTests(PostgresServer server)
{
    [PostgresTheory]
    [InlineData("EveryTime")]
    [InlineData("Once")]
    [InlineData("OncePerPeriod")]
    public Task EntryPolicy_KeepsTheSameContactsOut_OnEveryEnrolmentPath(string policy) =>
        TestDatabase.OnPostgresAsync(server, database => EntryPolicyCase.AssertAsync(database, Enum.Parse<EntryPolicy>(policy)));
}

/// <summary>
/// Five contacts with different pasts in one workflow, enrolled by a blast's share (the sweep's check) and one by one (the
/// one-statement enrolment of events and API calls): both paths must let in exactly the contacts the policy allows.
/// </summary>
internal static class EntryPolicyCase
{
    private const string SourceKey = "blast:run-1";

    public static async Task AssertAsync(TestDatabase database, EntryPolicy policy)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var now = clock.GetUtcNow().UtcDateTime;
        var rules = RuleCatalog.Load(RepositoryRoot.Combine("rules"));
        await using var db = database.CreateDbContext();
        var workflow = await PublishAsync(database, db, rules, clock, policy);

        var names = new[] { "fresh", "active", "ended-3-days-ago", "ended-30-days-ago", "same-source" };
        var contacts = names.ToDictionary(name => name, name => new Contact(name, now));
        db.Contacts.AddRange(contacts.Values);
        await db.SaveChangesAsync();
        db.Journeys.AddRange(
            new Journey(workflow.VersionId, workflow.DefinitionId, contacts["active"].Id, "sms", now.AddDays(-1)),
            Ended(workflow, contacts["ended-3-days-ago"].Id, now.AddDays(-3), null),
            Ended(workflow, contacts["ended-30-days-ago"].Id, now.AddDays(-30), null),
            Ended(workflow, contacts["same-source"].Id, now.AddDays(-30), SourceKey),
            // Another workflow's journeys never keep a contact out.
            new Journey(workflow.VersionId, "another-workflow", contacts["fresh"].Id, "sms", now.AddDays(-1)));
        await db.SaveChangesAsync();

        var expected = policy switch
        {
            EntryPolicy.EveryTime => new[] { "fresh", "ended-3-days-ago", "ended-30-days-ago" },
            EntryPolicy.Once => ["fresh"],
            _ => ["fresh", "ended-30-days-ago"],
        };
        var ids = contacts.Values.Select(c => c.Id).Order().ToList();
        var periodStart = policy == EntryPolicy.OncePerPeriod ? now.AddDays(-7) : (DateTime?)null;
        var share = new PendingEnrolment(workflow.VersionId, workflow.DefinitionId, "sms", SourceKey, policy, periodStart, ids, now);
        var eligible = await EfJourneyEnroller.EligibleAsync(db, share, default);
        Assert.Equal(expected.Order(), eligible.Select(id => contacts.Single(c => c.Value.Id == id).Key).Order());

        var enroller = new EfJourneyEnroller(db, clock);
        var entered = new List<string>();
        foreach (var (name, contact) in contacts)
        {
            if (await enroller.EnrolContactAsync(workflow, contact.Id, SourceKey, null, default))
            {
                entered.Add(name);
            }
        }

        Assert.Equal(expected.Order(), entered.Order());
    }

    private static Journey Ended(ExecutableWorkflow workflow, long contactId, DateTime entered, string? sourceKey)
    {
        var journey = new Journey(workflow.VersionId, workflow.DefinitionId, contactId, "sms", entered, sourceKey);
        journey.Complete(entered.AddHours(1));
        return journey;
    }

    private static async Task<ExecutableWorkflow> PublishAsync(
        TestDatabase database, Infrastructure.Persistence.AutomationDb db, RuleCatalog rules, FakeTimeProvider clock, EntryPolicy policy)
    {
        var period = policy == EntryPolicy.OncePerPeriod ? ", \"periodDays\": 7" : string.Empty;
        var json = $$"""
            { "definitionId": "test-entry", "version": 1, "name": "Entry policy", "isPublished": true, "isLatest": true,
              "settings": { "entry": { "policy": "{{policy}}"{{period}} }, "timeZone": "UTC" },
              "root": { "type": "Flowchart",
                "activities": [
                  { "id": "start", "type": "ApiTrigger", "metadata": { "designer": { "position": { "x": 0, "y": 0 } } } },
                  { "id": "sms", "type": "SendSms", "template": "any-sms", "metadata": { "designer": { "position": { "x": 0, "y": 140 } } } } ],
                "connections": [ { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "sms", "port": "In" } } ] } }
            """;
        var service = new WorkflowService(db, rules, clock);
        await service.SaveDraftAsync(WorkflowJson.Parse(json), default);
        var (version, problems) = await service.PublishAsync("test-entry", default);
        Assert.Empty(problems);
        return (await new EfWorkflowVersions(database.Factory, rules, clock).GetAsync(version!.Id, default))!;
    }
}
