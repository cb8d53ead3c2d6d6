using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using UserOps.Automation.Core.Journeys;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Infrastructure.Journeys;
using UserOps.Automation.Infrastructure.Persistence;
using UserOps.Automation.Infrastructure.Segments;
using UserOps.Automation.Infrastructure.Workflows;

namespace UserOps.Automation.Bench.Scenarios;

/// <summary>
/// The product side of a scenario in a fresh process, wired as the host wires it: its VmHWM (peak resident set)
/// is then the product's own, not the generator's or the naive path's. Prints one <c>RESULT {json}</c> line.
/// </summary>
internal static class ChildProcess
{
    private const string Marker = "RESULT ";

    /// <summary>
    /// Runs <c>child op --provider P --connection C --at T [--version V] [--warm-up C2 V2]</c> in a new process and returns its
    /// result. <paramref name="warmUp"/>: a database of its own and the version to blast there before the clock starts.
    /// </summary>
    public static async Task<ChildResult> StartAsync(string operation, DatabaseProvider provider, string connection, DateTime at, long version = 0, (string Connection, long Version)? warmUp = null)
    {
        var self = Environment.ProcessPath!;
        var info = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        }

        foreach (var argument in new[] { "child", operation, "--provider", provider.ToString(), "--connection", connection, "--at", at.ToString("O", CultureInfo.InvariantCulture), "--version", version.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }

        if (warmUp is { } warm)
        {
            info.ArgumentList.Add("--warm-up");
            info.ArgumentList.Add(warm.Connection);
            info.ArgumentList.Add(warm.Version.ToString(CultureInfo.InvariantCulture));
        }

        // Diagnostics: BENCH_CHILD_JIT_LOG=file lists every method the child's JIT compiles (numbered, with its tier).
        if (Environment.GetEnvironmentVariable("BENCH_CHILD_JIT_LOG") is { Length: > 0 } jitLog)
        {
            info.Environment["DOTNET_JitStdOutFile"] = jitLog;
            info.Environment["DOTNET_JitDisasmSummary"] = "1";
        }

        using var process = Process.Start(info)!;
        ChildResult? result = null;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(Marker, StringComparison.Ordinal))
            {
                result = JsonSerializer.Deserialize<ChildResult>(line[Marker.Length..]);
            }
            else
            {
                Console.WriteLine("    | " + line);
            }
        }

        await process.WaitForExitAsync();
        return process.ExitCode == 0 && result is not null
            ? result
            : throw new InvalidOperationException($"child '{operation}' failed with exit code {process.ExitCode}");
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var operation = args[0];
        string Arg(string name) => args[Array.IndexOf(args, name) + 1];
        var provider = Enum.Parse<DatabaseProvider>(Arg("--provider"));
        var at = DateTime.Parse(Arg("--at"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        var rules = RuleCatalog.Load(Path.Combine(BenchEnvironment.RepositoryRoot, "rules"));
        await using var product = Product.Create(provider, Arg("--connection"), at, rules);
        await WarmUpAsync(product.DbFactory, product.Refresher);
        if (Array.IndexOf(args, "--warm-up") is var w and >= 0)
        {
            // Same code path on a database of its own (its journeys, coupons and messages are not counted), as a host that has
            // run blasts before: EF Core's queries compiled and the sweep's methods jitted to their final tier.
            await using var warm = Product.Create(provider, args[w + 1], at, rules);
            var version = long.Parse(args[w + 2], CultureInfo.InvariantCulture);

            // Three firings (the workflow enrols every time): tiered compilation counts calls only once no new method has been
            // jitted for a while, so a method reaches its final tier over the next firings, not during the first one.
            for (var round = 1; round <= WarmUpRounds; round++)
            {
                var warmClock = Stopwatch.StartNew();
                var warmRuntime = RuntimeWork.Now();
                var warmResult = await BlastAsync(warm.Engine, version, $"warm-up-{round}");
                Console.WriteLine($"warm-up blast {round}: {warmResult.Advanced:N0} journeys in {warmClock.Elapsed.TotalSeconds:N1} s; {RuntimeWork.Now().Since(warmRuntime, warmResult.Advanced)}");

                // Let the background compilations queued by this round finish before the next round (and the clock).
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }

        var (engine, store, refresher) = (product.Engine, product.Store, product.Refresher);
        var before = PeakMemory.HighWaterMarkBytes();

        var walBefore = await WalVolume.PositionAsync(product.DbFactory);
        Console.WriteLine($"clock starts after {JitInfo.GetCompiledMethodCount():N0} methods compiled");
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var runtimeBefore = RuntimeWork.Now();
        var clockTotal = Stopwatch.StartNew();
        var result = operation switch
        {
            "refresh" => await RefreshAsync(refresher),
            "blast" => await BlastAsync(engine, long.Parse(Arg("--version"), CultureInfo.InvariantCulture)),
            "sweep" => await SweepAsync(engine),
            _ => throw new ArgumentException($"unknown child operation '{operation}'"),
        };
        if (result.SweepSeconds > 0)
        {
            result = result with { Breakdown = store.Breakdown(result.SweepSeconds) + "; " + RuntimeWork.Now().Since(runtimeBefore, result.Advanced) };
        }

        result = result with { ProcessCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds };
        result = result with { Seconds = clockTotal.Elapsed.TotalSeconds, PeakBytes = PeakMemory.HighWaterMarkBytes(), StartPeakBytes = before };
        if (await WalVolume.DescribeAsync(product.DbFactory, walBefore, result.Advanced) is { } wal)
        {
            result = result with { Breakdown = result.Breakdown + "; " + wal };
        }

        Console.WriteLine(Marker + JsonSerializer.Serialize(result));
        return 0;
    }

    /// <summary>The product wired as the host wires it, on one database.</summary>
    private sealed class Product(ServiceProvider services, IDbContextFactory<AutomationDb> dbFactory, SegmentRefresher refresher, TimedJourneyStore store, JourneyEngine engine) : IAsyncDisposable
    {
        public IDbContextFactory<AutomationDb> DbFactory => dbFactory;
        public SegmentRefresher Refresher => refresher;
        public TimedJourneyStore Store => store;
        public JourneyEngine Engine => engine;

        public static Product Create(DatabaseProvider provider, string connection, DateTime at, RuleCatalog rules)
        {
            var clock = new FakeTimeProvider(new DateTimeOffset(at, TimeSpan.Zero));
            var services = new ServiceCollection()
                .AddAutomationPersistence(new DatabaseOptions { Provider = provider, ConnectionString = connection })
                .BuildServiceProvider();
            var dbFactory = services.GetRequiredService<IDbContextFactory<AutomationDb>>();
            var refresher = new SegmentRefresher(dbFactory, rules, clock, NullLogger<SegmentRefresher>.Instance);
            var versions = new EfWorkflowVersions(dbFactory, rules, clock);
            var store = new TimedJourneyStore(new EfJourneyStore(dbFactory));
            var runner = new JourneyRunner(store, versions, clock, NullLogger<JourneyRunner>.Instance);
            var engine = new JourneyEngine(dbFactory, versions, runner, rules, clock, NullLogger<JourneyEngine>.Instance)
            {
                // The host's defaults (JourneysOptions), as a host with no Journeys settings runs.
                BatchSize = JourneysOptions.DefaultBatchSize,
                Workers = JourneysOptions.DefaultWorkers,
            };
            return new Product(services, dbFactory, refresher, store, engine);
        }

        public ValueTask DisposeAsync() => services.DisposeAsync();
    }

    /// <summary>
    /// A running host has built its EF Core model and jitted its code long before a refresh or a sweep: do that here,
    /// outside the measurement. The warm-up segment's rule (over the empty interests table) matches nobody.
    /// </summary>
    private static async Task WarmUpAsync(IDbContextFactory<AutomationDb> dbFactory, SegmentRefresher refresher)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Journeys.Where(j => j.Id < 0).ToListAsync();
        if (await db.Segments.AnyAsync(s => s.Key == WarmUpSegment))
        {
            await refresher.RefreshAsync(WarmUpSegment, CancellationToken.None);
        }
    }

    public const string WarmUpSegment = "bench-warm-up";

    private static async Task<ChildResult> RefreshAsync(SegmentRefresher refresher)
    {
        var refreshed = await refresher.RefreshAsync("inactive-7d", CancellationToken.None);
        return new ChildResult { Entered = refreshed.Entered, Left = refreshed.Left, Members = refreshed.Members, RefresherSeconds = refreshed.Elapsed.TotalSeconds };
    }

    private const int WarmUpRounds = 3;

    private static async Task<ChildResult> BlastAsync(JourneyEngine engine, long versionId, string runKey = "bench")
    {
        var clock = Stopwatch.StartNew();
        var refreshSeconds = 0.0;
        var enrolled = await engine.FireBlastAsync(versionId, runKey, (stage, _, _) =>
        {
            // Stage 1 (enrolling) starts when the audience has been read from the segment's rule (ADR 0014).
            if (stage == 1)
            {
                refreshSeconds = clock.Elapsed.TotalSeconds;
            }

            return ValueTask.CompletedTask;
        }, CancellationToken.None);
        var enrolSeconds = clock.Elapsed.TotalSeconds;
        var advanced = await engine.SweepAsync("bench", TimeSpan.FromHours(2), CancellationToken.None);
        return new ChildResult
        {
            Enrolled = enrolled, Advanced = advanced, EnrolSeconds = enrolSeconds, RefresherSeconds = refreshSeconds, SweepSeconds = clock.Elapsed.TotalSeconds - enrolSeconds,
        };
    }

    private static async Task<ChildResult> SweepAsync(JourneyEngine engine)
    {
        var clock = Stopwatch.StartNew();
        var advanced = await engine.SweepAsync("bench", TimeSpan.FromHours(2), CancellationToken.None);
        return new ChildResult { Advanced = advanced, SweepSeconds = clock.Elapsed.TotalSeconds };
    }
}

/// <summary>What a child process measured.</summary>
internal sealed record ChildResult
{
    public double Seconds { get; init; }
    public long PeakBytes { get; init; }
    public long StartPeakBytes { get; init; }
    public int Entered { get; init; }
    public int Left { get; init; }
    public int Members { get; init; }
    public int Enrolled { get; init; }
    public int Advanced { get; init; }
    public double EnrolSeconds { get; init; }
    public double SweepSeconds { get; init; }
    public double RefresherSeconds { get; init; }

    /// <summary>CPU seconds the product's process spent on the operation (all its threads).</summary>
    public double ProcessCpuSeconds { get; init; }
    public string? Breakdown { get; init; }
}
