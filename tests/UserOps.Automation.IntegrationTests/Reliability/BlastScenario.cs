using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UserOps.Automation.Core.Journeys;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.IntegrationTests.Reliability;

/// <summary>
/// A blast on a database of its own: contacts seeded with one SQL statement, a Schedule workflow published through the
/// API of a running host (so Quartz fires it), and the checks that count what the engine wrote.
/// </summary>
internal sealed class BlastScenario(DatabaseProvider provider, string connectionString) : IAsyncDisposable
{
    /// <summary>Every seeded contact has a phone and SMS consent, so this shipped rule's segment holds them all.</summary>
    public const string Segment = "reachable-sms";

    private readonly ServiceProvider _services = new ServiceCollection()
        .AddAutomationPersistence(new DatabaseOptions { Provider = provider, ConnectionString = connectionString })
        .BuildServiceProvider();

    public DatabaseProvider Provider => provider;

    public string ConnectionString => connectionString;

    /// <summary>The environment a host needs to run on this database.</summary>
    public Dictionary<string, string> HostSettings(string sweepCron = "0/1 * * * * ?") => new()
    {
        ["Database__Provider"] = provider.ToString(),
        ["Database__ConnectionString"] = connectionString,
        ["Quartz__SweepCron"] = sweepCron,
    };

    public AutomationDb CreateDb() => _services.GetRequiredService<IDbContextFactory<AutomationDb>>().CreateDbContext();

    /// <summary>Inserts <paramref name="count"/> reachable contacts in one statement (the host must have migrated the database).</summary>
    public async Task SeedContactsAsync(string prefix, int count, DateTime now)
    {
        await using var db = CreateDb();
        const string columns = "\"ExternalId\", \"Email\", \"Phone\", \"Locale\", \"TimeZone\", \"Attributes\", \"Tags\", \"CreatedAt\", \"UpdatedAt\", " +
            "\"LastActiveAt\", \"VisitCount\", \"PurchaseCount\", \"TotalSpendMinor\", \"VisitsInWindow\", \"PurchasesInWindow\", \"SpendInWindowMinor\", " +
            "\"RecencyScore\", \"FrequencyScore\", \"MonetaryScore\", \"Lifecycle\", \"Consent_Email\", \"Consent_Push\", \"Consent_Sms\"";
        // Tags: a text[] on PostgreSQL, JSON text on SQLite.
        const string values = "{0} || n, {0} || n || '@example.com', '+8613800000000', 'en', 'Etc/UTC', '{{}}', {3}, {1}, {1}, {1}, 1, 0, 0, 1, 0, 0, 0, 0, 0, 'Use'";
        var sql = provider == DatabaseProvider.Postgres
            ? $"INSERT INTO \"Contacts\" ({columns}) SELECT {values}, true, true, true FROM generate_series(1, {{2}}) AS n"
            : $"WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < {{2}}) INSERT INTO \"Contacts\" ({columns}) SELECT {values}, 1, 1, 1 FROM s";
        var tags = provider == DatabaseProvider.Postgres ? "'{{}}'::text[]" : "'[]'";
        sql = sql.Replace("{3}", tags, StringComparison.Ordinal);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
        await db.Database.ExecuteSqlRawAsync(sql, prefix, now, count);
    }

    /// <summary>A blast: Schedule (one-off at <paramref name="at"/>, UTC) → the given activities in a line.</summary>
    public static JsonObject Workflow(string definitionId, DateTime at, params JsonObject[] activities)
    {
        var nodes = new JsonArray
        {
            new JsonObject
            {
                ["id"] = "start", ["type"] = "Schedule", ["segment"] = Segment,
                ["at"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture), ["timeZone"] = "Etc/UTC",
            },
        };
        var connections = new JsonArray();
        var previous = "start";
        foreach (var activity in activities)
        {
            nodes.Add(activity);
            var id = (string)activity["id"]!;
            connections.Add(new JsonObject
            {
                ["source"] = new JsonObject { ["activity"] = previous, ["port"] = "Done" },
                ["target"] = new JsonObject { ["activity"] = id, ["port"] = "In" },
            });
            previous = id;
        }

        var y = 0;
        foreach (var node in nodes)
        {
            node!["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = 0, ["y"] = y += 140 } } };
        }

        return new JsonObject
        {
            ["definitionId"] = definitionId,
            ["version"] = 1,
            ["name"] = definitionId,
            ["settings"] = new JsonObject { ["entry"] = new JsonObject { ["policy"] = "EveryTime" }, ["timeZone"] = "Etc/UTC" },
            ["root"] = new JsonObject { ["type"] = "Flowchart", ["activities"] = nodes, ["connections"] = connections },
        };
    }

    public static JsonObject Coupon(string id, string campaign) => new()
    {
        ["id"] = id, ["type"] = "IssueCoupon", ["campaign"] = campaign, ["value"] = "10%",
        ["validFor"] = new JsonObject { ["amount"] = 7, ["unit"] = "days" },
    };

    public static JsonObject Sms(string id) => new() { ["id"] = id, ["type"] = "SendSms", ["template"] = "mayday-coupon-sms" };

    public static JsonObject Push(string id) => new() { ["id"] = id, ["type"] = "SendPush", ["template"] = "onboarding-nudge-push" };

    public static JsonObject Delay(string id, int minutes) => new()
    {
        ["id"] = id, ["type"] = "Delay", ["duration"] = new JsonObject { ["amount"] = minutes, ["unit"] = "minutes" },
    };

    /// <summary>Saves the draft and publishes it: the host registers the blast's Quartz trigger.</summary>
    public static async Task PublishAsync(HttpClient client, JsonObject workflow)
    {
        using var draft = await client.PostAsJsonAsync(new Uri("/api/workflows", UriKind.Relative), workflow);
        Assert.True(draft.IsSuccessStatusCode, $"draft: {(int)draft.StatusCode} {await draft.Content.ReadAsStringAsync()}");
        using var publish = await client.PostAsync(new Uri($"/api/workflows/{workflow["definitionId"]}/publish", UriKind.Relative), null);
        Assert.True(publish.IsSuccessStatusCode, $"publish: {(int)publish.StatusCode} {await publish.Content.ReadAsStringAsync()}");
    }

    public async Task<(int Total, int Active)> ProgressAsync(string definitionId)
    {
        await using var db = CreateDb();
        var total = await db.Journeys.CountAsync(j => j.DefinitionId == definitionId);
        var active = await db.Journeys.CountAsync(j => j.DefinitionId == definitionId && j.ActiveKey != null);
        return (total, active);
    }

    /// <summary>Polls the database until at least <paramref name="count"/> journeys of the workflow exist.</summary>
    public async Task WaitEnrolledAsync(string definitionId, int count, TimeSpan timeout, Func<string> diagnostics)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var (total, active) = await ProgressAsync(definitionId);
            if (total >= count)
            {
                return;
            }

            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"After {timeout}: {total} journeys enrolled ({active} active), waiting for {count}.{Environment.NewLine}{diagnostics()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Polls the database until <paramref name="expected"/> journeys of the workflow exist and none is active.</summary>
    public async Task WaitAllEndedAsync(string definitionId, int expected, TimeSpan timeout, Func<string> diagnostics)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var (total, active) = await ProgressAsync(definitionId);
            if (total >= expected && active == 0)
            {
                return;
            }

            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"After {timeout}: {total} of {expected} journeys enrolled, {active} still active.{Environment.NewLine}{diagnostics()}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>
    /// The exactly-once checks: one journey per contact and all completed; for each send step exactly one outbox row per
    /// contact (no duplicate, none missing); exactly one coupon per contact.
    /// </summary>
    public async Task AssertExactlyOnceAsync(string definitionId, string contactPrefix, int contacts, string campaign, params string[] sendSteps)
    {
        await using var db = CreateDb();
        var ours = db.Contacts.Where(c => c.ExternalId.StartsWith(contactPrefix));
        Assert.Equal(contacts, await ours.CountAsync());

        var journeys = db.Journeys.Where(j => j.DefinitionId == definitionId);
        var perContact = await journeys.GroupBy(j => j.ContactId).Where(g => g.Count() > 1).CountAsync();
        Assert.Equal(0, perContact);
        Assert.Equal(contacts, await journeys.CountAsync(j => ours.Any(c => c.Id == j.ContactId)));
        var statuses = await journeys.GroupBy(j => j.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        Assert.Equal([(JourneyStatus.Completed, contacts)], statuses.Select(s => (s.Key, s.Count)));

        foreach (var step in sendSteps)
        {
            var rows = db.OutboxMessages.Where(m => m.DefinitionId == definitionId && m.ActivityId == step);
            var duplicates = await rows.GroupBy(m => m.ContactId).Where(g => g.Count() > 1).CountAsync();
            var reached = await rows.Select(m => m.ContactId).Distinct().CountAsync();
            Assert.True(duplicates == 0 && reached == contacts, $"step {step}: {duplicates} contacts with duplicates, {contacts - reached} missing");
        }

        var coupons = db.Coupons.Where(c => c.Campaign == campaign);
        var couponDuplicates = await coupons.GroupBy(c => c.ContactId).Where(g => g.Count() > 1).CountAsync();
        var couponHolders = await coupons.Select(c => c.ContactId).Distinct().CountAsync();
        Assert.True(couponDuplicates == 0 && couponHolders == contacts, $"coupons: {couponDuplicates} contacts with duplicates, {contacts - couponHolders} missing");
    }

    /// <summary>
    /// The blast fired once: one <c>BlastRun</c> that enrolled every contact, and no trigger left in Quartz that could
    /// fire it again (hosts started after the firing must not have registered the past one-off anew).
    /// </summary>
    public async Task AssertFiredOnceAsync(string definitionId, int contacts)
    {
        await using var db = CreateDb();
        var runs = await db.BlastRuns.Where(r => r.DefinitionId == definitionId).Select(r => r.Enrolled).ToListAsync();
        Assert.Equal([contacts], runs);
        var triggers = await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM qrtz_triggers WHERE trigger_name = {0}", "blast:" + definitionId).SingleAsync();
        Assert.Equal(0, triggers);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
    }
}
