using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using UserOps.Automation.Bench.Data;
using UserOps.Automation.Bench.Reporting;
using UserOps.Automation.Core.Events;
using UserOps.Automation.Infrastructure.Persistence;
using UserOps.Automation.Testing;

namespace UserOps.Automation.Bench.Scenarios;

/// <summary>
/// Event ingestion through the real host's <c>POST /v1/batch</c> (in process, WebApplicationFactory's in-memory
/// server), batches of 500 track events from several concurrent senders with HTTP Basic write-key auth, against
/// contacts already known. Floor: raw binary COPY of the same event rows into the same table, in the same run.
/// </summary>
internal static class IngestScenario
{
    private const int BatchSize = 500;
    private const int Senders = 4;
    private const string Key = "bench-write-key-0123456789abcdef";

    public static async Task RunAsync(BenchEnvironment environment, BenchOptions options, Report report)
    {
        var events = Math.Clamp(options.Contacts / 5, 2 * BatchSize, 200_000) / BatchSize * BatchSize;
        foreach (var provider in options.Providers)
        {
            await using var database = await environment.CreateDatabaseAsync(provider);
            var name = BenchEnvironment.Name(database.Provider);
            Console.WriteLine($"ingest on {name}: {options.Contacts:N0} known contacts, {events:N0} track events in batches of {BatchSize} from {Senders} senders");
            await Population.LoadAsync(database, options.Contacts, history: false);
            var at = SyntheticContact.Start.AddHours(1);
            var bodies = Bodies(events, options.Contacts, at);

            await using var host = new BenchHost(database, at);
            using (var warm = host.CreateSenderClient())
            {
                // The first call builds the host (migrations check, seeders, rule cache): not ingestion.
                await SendAsync(warm, Body([Track(-1, 1, at.AddMinutes(-1))]));
            }

            // A running host has refreshed its segments (every 15 minutes): start from that state.
            await host.Services.GetRequiredService<Infrastructure.Segments.SegmentRefresher>().RefreshAllAsync(CancellationToken.None);

            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, Senders).Select(async sender =>
            {
                using var client = host.CreateSenderClient();
                for (var i = sender; i < bodies.Count; i += Senders)
                {
                    await SendAsync(client, bodies[i]);
                }
            }));
            var productSeconds = clock.Elapsed.TotalSeconds;

            await using (var db = database.CreateDbContext())
            {
                var stored = await db.Events.CountAsync(e => e.MessageId != null && e.MessageId.StartsWith("m-") && e.MessageId != "m--1");
                if (stored != events)
                {
                    throw new InvalidOperationException($"{name}: {stored} of {events} events stored");
                }
            }

            var floor = await BulkLoader.LoadAsync(database.Provider, database.ConnectionString, "Events", ContactColumns.Events, FloorRows(events, options.Contacts, at));
            var rate = events / productSeconds;
            var floorRate = events / floor.TotalSeconds;
            var isPostgres = database.Provider == DatabaseProvider.Postgres;
            report.Add(new Figure($"ingest: POST /v1/batch ({events:N0} events, {events / BatchSize} batches, {Senders} senders)", name, rate, "events/s",
                isPostgres ? "≥ 20,000/s" : null, isPostgres ? rate >= 20_000 : null));
            report.Add($"ingest floor: raw {(isPostgres ? "binary COPY" : "prepared multi-row INSERT")} of the same event rows", name, floorRate, "events/s");
            report.Add("ingest: product / floor", name, rate / floorRate, "×");
        }

        report.Note("The host runs in process (WebApplicationFactory's in-memory server: no sockets), with Quartz on and the demo seed off; senders share the 2 cores with it.");
        report.Note("Every event is a `track` of `visit` for a known contact (`userId` c1…cN), so ingestion folds it into the contact's facts and moves it across segments, as in production.");
    }

    /// <summary>
    /// Batch b goes to sender b % Senders and names contacts of that sender's own quarter of the population: each sender
    /// stands for an app server with its own users. Batches about the same contacts at once are correct (relative fact
    /// updates, conflict-tolerant stays; see the ingestion tests) but wait for each other's row locks until commit.
    /// </summary>
    private static List<byte[]> Bodies(int events, int contacts, DateTime at)
    {
        var random = new Random(7);
        var share = contacts / Senders;
        var bodies = new List<byte[]>();
        for (var first = 0; first < events; first += BatchSize)
        {
            var sender = first / BatchSize % Senders;
            bodies.Add(Body(Enumerable.Range(first, BatchSize).Select(i => Track(i, ContactOf(random, sender, share), at.AddSeconds(-i % 3600))).ToList()));
        }

        return bodies;
    }

    private static int ContactOf(Random random, int sender, int share) => sender * share + random.Next(1, share + 1);

    private static Dictionary<string, object?> Track(int i, int contact, DateTime timestamp) => new()
    {
        ["type"] = "track",
        ["userId"] = $"c{contact}",
        ["event"] = EventNames.Visit,
        ["messageId"] = $"m-{i}",
        ["timestamp"] = timestamp.ToString("O", CultureInfo.InvariantCulture),
        ["properties"] = new Dictionary<string, object> { ["screen"] = "home" },
    };

    private static byte[] Body(List<Dictionary<string, object?>> messages) => JsonSerializer.SerializeToUtf8Bytes(new { batch = messages });

    private static IEnumerable<SyntheticEvent> FloorRows(int events, int contacts, DateTime at)
    {
        var random = new Random(7);
        var share = contacts / Senders;
        for (var i = 0; i < events; i++)
        {
            yield return new SyntheticEvent(ContactOf(random, i / BatchSize % Senders, share), EventNames.Visit, at.AddSeconds(-i % 3600), $"floor-{i}", "{\"screen\":\"home\"}", null);
        }
    }

    private static async Task SendAsync(HttpClient client, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync("/v1/batch", content);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"/v1/batch answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>The real host over the scenario's database, with a provisioned write key and a clock fixed at the scenario's hour.</summary>
    private sealed class BenchHost : WebApplicationFactory<Program>
    {
        private readonly TestDatabase _database;
        private readonly DateTime _at;

        public BenchHost(TestDatabase database, DateTime at)
        {
            _database = database;
            _at = at;

            // The bench is not in the host's folder tree as the test projects are: name the host's content root.
            Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_USEROPS_AUTOMATION_HOST",
                Path.Combine(BenchEnvironment.RepositoryRoot, "src", "UserOps.Automation.Host"));
        }

        public HttpClient CreateSenderClient()
        {
            var client = CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Key + ":")));
            return client;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Database:Provider", _database.Provider.ToString());
            builder.UseSetting("Database:ConnectionString", _database.ConnectionString);
            builder.UseSetting("Access:CreateFirstKey", "false");
            builder.UseSetting("Access:WriteKeys:0:Name", "bench");
            builder.UseSetting("Access:WriteKeys:0:Key", Key);
            builder.UseSetting("Demo:Seed", "false");
            builder.UseSetting("Rules:Folder", Path.Combine(BenchEnvironment.RepositoryRoot, "rules"));
            builder.UseSetting("Workflows:Folder", Path.Combine(BenchEnvironment.RepositoryRoot, "workflows"));
            // The periodic refresh of every segment must not land inside the measurement.
            builder.UseSetting("Segments:RefreshCron", "0 0 3 1 1 ? 2099");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(_at, TimeSpan.Zero))));
        }
    }
}
