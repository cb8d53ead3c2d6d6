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

    /// <summary>Contacts beyond the measured population that only the warm-up's events name.</summary>
    private const int WarmContacts = 10_000;

    private const int WarmEvents = 15_000;

    /// <summary>A warm-up pass that compiles fewer methods than this ends the warm-up (the JIT has settled).</summary>
    private const int WarmSettledMethods = 200;

    private const int WarmMaxPasses = 8;

    public static async Task RunAsync(BenchEnvironment environment, BenchOptions options, Report report)
    {
        var events = Math.Clamp(options.Contacts / 5, 2 * BatchSize, 200_000) / BatchSize * BatchSize;
        foreach (var provider in options.Providers)
        {
            await using var database = await environment.CreateDatabaseAsync(provider);
            var name = BenchEnvironment.Name(database.Provider);
            Console.WriteLine($"ingest on {name}: {options.Contacts:N0} known contacts, {events:N0} track events in batches of {BatchSize} from {Senders} senders");
            await Population.LoadAsync(database, options.Contacts + WarmContacts, history: false);
            var at = SyntheticContact.Start.AddHours(1);
            var bodies = Bodies(events, options.Contacts, at);

            await using var host = new BenchHost(database, at);
            using (var warm = host.CreateSenderClient())
            {
                // The first call builds the host (migrations check, seeders, rule cache): not ingestion.
                await SendAsync(warm, Body([Track(0, 1, at.AddMinutes(-1), EventNames.Visit, "warm-")]));
            }

            // A running host has refreshed its segments (every 15 minutes): start from that state.
            await host.Services.GetRequiredService<Infrastructure.Segments.SegmentRefresher>().RefreshAllAsync(CancellationToken.None);
            await host.Services.GetRequiredService<Infrastructure.Ingestion.EventApplier>().DrainAsync(CancellationToken.None);

            // A host that has run for a while has its ingestion path compiled to tier 1; a fresh one compiles (and, with
            // dynamic PGO, instruments and compiles again) during its first tens of thousands of events: in a profile, the
            // tiered JIT was more than half of the bench process's CPU in a measured run. Warm up on contacts of their own,
            // so the measured contacts' facts and stays are as loaded, until a pass compiles few methods.
            for (var pass = 1; ; pass++)
            {
                var before = RuntimeWork.Now();
                var warmUp = await MeasureAsync(host, database, WarmBodies(options.Contacts, at, pass), $"w{pass}-", WarmEvents, WarmEvents / 5 * 4);
                var work = RuntimeWork.Now().Minus(before);
                Console.WriteLine($"    warm-up {pass}: {WarmEvents:N0} events on {WarmContacts:N0} other contacts applied in {warmUp.AppliedSeconds:0.00} s, " +
                    $"{work.JittedMethods:N0} methods compiled in {work.Jit.TotalMilliseconds:N0} ms (not a figure)");
                if (work.JittedMethods < WarmSettledMethods || pass == WarmMaxPasses)
                {
                    break;
                }
            }

            await HoldAsync(database, "before");
            var worst = await MeasureAsync(host, database, bodies, "m-", events, events);
            await HoldAsync(database, "after-worst");
            var mixed = await MeasureAsync(host, database, MixedBodies(events, options.Contacts, at), "r-", events, events / 5 * 4);
            await HoldAsync(database, "after-mix");
            var floor = await BulkLoader.LoadAsync(database.Provider, database.ConnectionString, "Events", ContactColumns.Events, FloorRows(events, options.Contacts, at));
            var floorRate = events / floor.TotalSeconds;
            var isPostgres = database.Provider == DatabaseProvider.Postgres;
            foreach (var (label, run) in new[] { ("worst case: reactivations", worst), ("mix: sessions of active users", mixed) })
            {
                var rate = events / run.AppliedSeconds;
                report.Add(new Figure($"ingest {label}: POST /v1/batch until facts and stays applied ({events:N0} events, {events / BatchSize} batches, {Senders} senders)", name, rate, "events/s",
                    isPostgres ? "≥ 20,000/s" : null, isPostgres ? rate >= 20_000 : null));
                report.Add($"ingest {label}: accepted (answered, durable; not yet applied)", name, events / run.AcceptedSeconds, "events/s");
                report.Add($"ingest {label}: from the last answer until the last event applied", name, (run.AppliedSeconds - run.AcceptedSeconds) * 1000, "ms");
                report.Add($"ingest {label}: product (applied) / floor", name, rate / floorRate, "×");
                if (run.ServerCpuSeconds is { } serverCpu)
                {
                    report.Add($"ingest {label}: CPU of PostgreSQL until applied", name, serverCpu, "s");
                }

                report.Add($"ingest {label}: CPU of the bench process (host and senders) until applied", name, run.ProcessCpuSeconds, "s");
            }

            report.Add($"ingest floor: raw {(isPostgres ? "binary COPY" : "prepared multi-row INSERT")} of the same number of event rows", name, floorRate, "events/s");
        }

        report.Note("The host runs in process (WebApplicationFactory's in-memory server: no sockets), with Quartz on and the demo seed off; senders share the 2 cores with it.");
        report.Note($"Before the measurements the host is warmed up in passes of {WarmEvents:N0} events (sessions as in the mix) about {WarmContacts:N0} contacts loaded beside the measured ones, each applied and drained, until a pass compiles fewer than {WarmSettledMethods} methods (at most {WarmMaxPasses} passes): a running host has its ingestion path JIT-compiled to tier 1 (since session 6; earlier figures include the tiered JIT of a fresh host).");
        report.Note("Worst case: every event is a `track` of `visit` for a contact drawn uniformly from all (`userId` c1…cN), most of them inactive for days, so nearly every event reactivates its contact: one contact row and 4–6 stays (leaves inactive-7d/15d/30d, enters active-again, lifecycle) change per event.");
        report.Note("Mix: sessions of 5 events (visit, page_viewed, search with a category, page_viewed, page_viewed) of one contact within a minute; 90 % of sessions from the ~5 % of contacts active in the last 3 days, 10 % from any contact.");
        report.Note("The clock runs from the first request until the event applier's queue is empty (every event's facts, stays and journey reactions committed); the bench then checks that the contacts' visit counts rose by exactly the number of events sent.");
    }

    /// <summary>
    /// With <c>USEROPS_BENCH_HOLD</c> set to a file path, writes the database's connection string there and waits until
    /// the file is deleted: a developer can look at the bench's database (plans, statistics) at this point of the run.
    /// </summary>
    private static async Task HoldAsync(TestDatabase database, string point)
    {
        if (Environment.GetEnvironmentVariable("USEROPS_BENCH_HOLD") is not { Length: > 0 } path)
        {
            return;
        }

        await File.WriteAllTextAsync(path, $"{point}\n{database.ConnectionString}\n");
        Console.WriteLine($"    holding at {point}: delete {path} to go on");
        while (File.Exists(path))
        {
            await Task.Delay(200);
        }
    }

    private readonly record struct Run(double AcceptedSeconds, double AppliedSeconds, double? ServerCpuSeconds, double ProcessCpuSeconds);

    /// <summary>
    /// Sends <paramref name="bodies"/> from the senders and times until the answers (accepted) and until the event applier's
    /// queue is empty (applied); then checks every event is stored once and the contacts' visit counts rose by exactly the
    /// visits sent.
    /// </summary>
    private static async Task<Run> MeasureAsync(BenchHost host, TestDatabase database, List<byte[]> bodies, string prefix, int events, int visits)
    {
        long visitsBefore;
        double? serverCpuBefore;
        await using (var db = database.CreateDbContext())
        {
            visitsBefore = await db.Contacts.SumAsync(c => (long)c.VisitCount);
            serverCpuBefore = await ServerCpu.SecondsAsync(db);
        }

        var processCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(async sender =>
        {
            using var client = host.CreateSenderClient();
            for (var i = sender; i < bodies.Count; i += Senders)
            {
                await SendAsync(client, bodies[i]);
            }
        }));
        var acceptedSeconds = clock.Elapsed.TotalSeconds;

        // /v1/batch answers once the events are durable; the figure that counts runs until the applier has folded the
        // last of them into facts, stays and journeys (its queue is empty).
        // An existence probe: the backlog's count (and its oldest row) cost the database more than the probe, every 20 ms.
        await using (var db = database.CreateDbContext())
        {
            while (await db.Set<Infrastructure.Ingestion.PendingEvent>().AnyAsync())
            {
                await Task.Delay(20);
            }
        }

        var appliedSeconds = clock.Elapsed.TotalSeconds;
        var processCpu = (Process.GetCurrentProcess().TotalProcessorTime - processCpuBefore).TotalSeconds;
        double? serverCpu;
        await using (var db = database.CreateDbContext())
        {
            serverCpu = await ServerCpu.SecondsAsync(db) - serverCpuBefore;
            var stored = await db.Events.CountAsync(e => e.MessageId != null && e.MessageId.StartsWith(prefix));
            if (stored != events)
            {
                throw new InvalidOperationException($"{prefix}: {stored} of {events} events stored");
            }

            var counted = await db.Contacts.SumAsync(c => (long)c.VisitCount) - visitsBefore;
            if (counted != visits)
            {
                throw new InvalidOperationException($"{prefix}: facts count {counted} visits of {visits} sent");
            }
        }

        return new Run(acceptedSeconds, appliedSeconds, serverCpu, processCpu);
    }

    /// <summary>Sessions of 5 events of one contact, 90 % from contacts active in the last 3 days (the population's own facts).</summary>
    private static List<byte[]> MixedBodies(int events, int contacts, DateTime at)
    {
        var random = new Random(11);
        var active = Enumerable.Range(1, contacts).Where(id => SyntheticContact.Create(id).LastActiveAt > SyntheticContact.Start.AddDays(-3)).ToArray();
        string[] session = [EventNames.Visit, "page_viewed", EventNames.Search, "page_viewed", "page_viewed"];
        var messages = new List<Dictionary<string, object?>>(events);
        for (var i = 0; messages.Count < events; i++)
        {
            var contact = random.Next(10) == 0 || active.Length == 0 ? random.Next(1, contacts + 1) : active[random.Next(active.Length)];
            var start = at.AddSeconds(-random.Next(3600));
            for (var e = 0; e < session.Length; e++)
            {
                var message = Track(messages.Count, contact, start.AddSeconds(e * 10), session[e], "r-");
                if (session[e] == EventNames.Search)
                {
                    message["properties"] = new Dictionary<string, object> { ["query"] = "phone", ["category"] = "phones" };
                }

                messages.Add(message);
            }
        }

        return messages.Chunk(BatchSize).Select(b => Body([.. b])).ToList();
    }

    /// <summary>Sessions like the mix's (a visit, page views, a search with a category) of contacts after the measured ones, mostly inactive: every path of a round runs.</summary>
    private static List<byte[]> WarmBodies(int contacts, DateTime at, int pass)
    {
        var random = new Random(3 + pass);
        string[] session = [EventNames.Visit, "page_viewed", EventNames.Search, "page_viewed", "page_viewed"];
        var messages = new List<Dictionary<string, object?>>(WarmEvents);
        while (messages.Count < WarmEvents)
        {
            var contact = contacts + random.Next(1, WarmContacts + 1);
            var start = at.AddSeconds(-random.Next(3600));
            for (var e = 0; e < session.Length; e++)
            {
                var message = Track(messages.Count, contact, start.AddSeconds(e * 10), session[e], $"w{pass}-");
                if (session[e] == EventNames.Search)
                {
                    message["properties"] = new Dictionary<string, object> { ["query"] = "lipstick", ["category"] = "beauty" };
                }

                messages.Add(message);
            }
        }

        return messages.Chunk(BatchSize).Select(b => Body([.. b])).ToList();
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

    private static Dictionary<string, object?> Track(int i, int contact, DateTime timestamp, string name = EventNames.Visit, string prefix = "m-") => new()
    {
        ["type"] = "track",
        ["userId"] = $"c{contact}",
        ["event"] = name,
        ["messageId"] = $"{prefix}{i}",
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
            // Nor the hourly facts refresh, which refreshes every segment after it and holds the applier meanwhile: it
            // ran at the host's start in this session's runs (beside the refresh above) and fires at every full hour, inside a run or not.
            builder.UseSetting("Facts:RefreshCron", "0 0 3 1 1 ? 2099");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Logging:LogLevel:UserOps.Automation.Infrastructure.Ingestion.EventApplier", Environment.GetEnvironmentVariable("USEROPS_BENCH_APPLIER_LOG") ?? "Warning");
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(_at, TimeSpan.Zero))));
        }
    }
}
