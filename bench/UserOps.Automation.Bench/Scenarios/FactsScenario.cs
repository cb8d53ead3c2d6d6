using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using UserOps.Automation.Bench.Data;
using UserOps.Automation.Bench.Reporting;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Core.Segments;
using UserOps.Automation.Infrastructure.Facts;
using UserOps.Automation.Infrastructure.Segments;

namespace UserOps.Automation.Bench.Scenarios;

/// <summary>
/// Issue "Foundation", the hourly facts refresh: how long it takes over N contacts, and the longest time an applier
/// round would have waited for its lock meanwhile (a probe takes the applier's lock every 10 ms, as a round does). Two
/// refreshes: the first after loading (every contact's window counters and scores written), the second an hour later
/// (what the hourly job does: little changed).
/// </summary>
internal static class FactsScenario
{
    public static async Task RunAsync(BenchEnvironment environment, BenchOptions options, Report report)
    {
        foreach (var provider in options.Providers)
        {
            await using var database = await environment.CreateDatabaseAsync(provider);
            var name = BenchEnvironment.Name(database.Provider);
            Console.WriteLine($"facts on {name}: loading {options.Contacts:N0} contacts with histories");
            await Population.LoadAsync(database, options.Contacts);

            var time = new FakeTimeProvider(SyntheticContact.Start);
            using var refresher = new FactsRefresher(database.Factory, Options.Create(new FactsOptions()), time, NullLogger<FactsRefresher>.Instance);
            var rules = RuleCatalog.Load(Path.Combine(BenchEnvironment.RepositoryRoot, "rules"));
            var segments = new SegmentRefresher(database.Factory, rules, time, NullLogger<SegmentRefresher>.Instance);
            await using (var db = database.CreateDbContext())
            {
                // Every shipped segment rule, as a host with the shipped rules has; filled once before the clock.
                foreach (var rule in rules.Rules.Where(r => !r.UsesEvent && r.Source.OffersSegment))
                {
                    db.Segments.Add(new Segment(rule.Name, rule.Name, rule.Name, SyntheticContact.Start));
                }

                await db.SaveChangesAsync();
            }

            if (options.Segments)
            {
                var filled = await segments.RefreshAllAsync(CancellationToken.None);
                Console.WriteLine($"    {filled.Count} segments filled: {filled.Sum(r => r.Members):N0} stays");
            }
            foreach (var (label, at) in new[] { ("first refresh (after loading)", SyntheticContact.Start), ("hourly refresh (+1 h)", SyntheticContact.Start.AddHours(1)) })
            {
                time.SetUtcNow(at);
                using var stop = new CancellationTokenSource();
                var probe = ApplierLockProbe.RunAsync(database, stop.Token);
                var result = await refresher.RefreshAsync(CancellationToken.None);
                await stop.CancelAsync();
                var waits = await probe;
                report.Add($"{label}: refresh total ({result.Contacts:N0} contacts, {result.Buyers:N0} buyers)", name, result.Elapsed.TotalSeconds, "s");
                report.Add($"{label}: longest applier lock wait ({waits.Count:N0} probes)", name, waits.Max().TotalMilliseconds, "ms");
                var mean = waits.Average(w => w.TotalMilliseconds);
                report.Add($"{label}: mean applier lock wait", name, mean, "ms");
                if (result.Chunks > 0)
                {
                    report.Add($"{label}: {result.Chunks} chunk transactions, {result.Rewritten:N0} contact rows written; longest chunk under the lock", name, result.LongestPause.TotalMilliseconds, "ms");
                }

                if (!options.Segments)
                {
                    continue;
                }

                // The segment refresh that follows in the job: it takes no applier lock; a round can only wait on the row
                // locks of stays a segment's transaction is changing, so its longest transaction bounds that wait.
                using var stopSegments = new CancellationTokenSource();
                var segmentProbe = ApplierLockProbe.RunAsync(database, stopSegments.Token);
                var refreshed = await segments.RefreshAllAsync(CancellationToken.None);
                await stopSegments.CancelAsync();
                var segmentWaits = await segmentProbe;
                var longest = refreshed.MaxBy(r => r.Elapsed)!;
                report.Add($"{label}, then every segment ({refreshed.Count}, {refreshed.Sum(r => r.Entered):N0} entered, {refreshed.Sum(r => r.Left):N0} left): total", name, refreshed.Sum(r => r.Elapsed.TotalSeconds), "s");
                report.Add($"{label}, segments: longest one segment's transaction ({longest.Segment})", name, longest.Elapsed.TotalMilliseconds, "ms");
                report.Add($"{label}, segments: longest applier lock wait ({segmentWaits.Count:N0} probes)", name, segmentWaits.Max().TotalMilliseconds, "ms");
            }
        }
    }
}
