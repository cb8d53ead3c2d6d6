using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using UserOps.Automation.Bench.Data;
using UserOps.Automation.Bench.Reporting;
using UserOps.Automation.Infrastructure.Facts;

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
            }
        }
    }
}
