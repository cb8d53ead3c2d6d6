using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Bench.Data;
using UserOps.Automation.Bench.Reporting;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Core.Segments;
using UserOps.Automation.Testing;

namespace UserOps.Automation.Bench.Scenarios;

/// <summary>
/// Issue "Foundation": refresh <c>inactive-7d</c> over N contacts through the product (a child process, for its peak
/// memory), against hand-written SQL (the floor, on a twin segment of the same database) and RulesEngine in memory
/// (the naive path). A first refresh from empty, then a second one a day later so that some enter and some leave.
/// </summary>
internal static class SegmentsScenario
{
    private const string Product = "inactive-7d";
    private const string Floor = "inactive-7d-floor";

    /// <summary>Between the refreshes 1 in 50 contacts comes back (an event moves its last-active on), so some leave the segment.</summary>
    private static async Task ComeBackAsync(TestDatabase database, DateTime at)
    {
        await using var db = database.CreateDbContext();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var back = at.AddHours(-12);
        await db.Contacts.Where(c => c.Id % 50 == 0).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastActiveAt, back));
    }

    public static async Task RunAsync(BenchEnvironment environment, BenchOptions options, Report report)
    {
        var rules = RuleCatalog.Load(Path.Combine(BenchEnvironment.RepositoryRoot, "rules"));
        foreach (var provider in options.Providers)
        {
            await using var database = await environment.CreateDatabaseAsync(provider);
            var name = BenchEnvironment.Name(database.Provider);
            Console.WriteLine($"segments on {name}: loading {options.Contacts:N0} contacts with histories");
            var load = await Population.LoadAsync(database, options.Contacts);
            report.Add("load contacts + events (COPY / prepared inserts)", name, options.Contacts / load.TotalSeconds, "contacts/s");

            long floorId;
            await using (var db = database.CreateDbContext())
            {
                db.Segments.Add(new Segment(Product, Product, Product, SyntheticContact.Start));
                var floor = new Segment(Floor, Floor, Product, SyntheticContact.Start);
                db.Segments.Add(floor);
                db.Segments.Add(new Segment(ChildProcess.WarmUpSegment, ChildProcess.WarmUpSegment, "interest-beauty", SyntheticContact.Start));
                await db.SaveChangesAsync();
                floorId = floor.Id;
            }

            // The floor runs on a twin of the database, so each refresh writes into the same state: before, the floor ran
            // first on the same tables and the product's INSERT landed in indexes already holding the floor's rows.
            await using var twin = await environment.CopyAsync(database);

            foreach (var (label, at) in new[] { ("first refresh (from empty)", SyntheticContact.Start), ("second refresh (+1 day)", SyntheticContact.Start.AddDays(1)) })
            {
                if (at > SyntheticContact.Start)
                {
                    await ComeBackAsync(database, at);
                    await ComeBackAsync(twin, at);
                }

                // Same conditions for both: the rule's index read once just before, on each twin.
                await FloorRefresh.WarmAsync(twin, at, 7);
                var clock = Stopwatch.StartNew();
                await using (var db = twin.CreateDbContext())
                {
                    db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
                    await FloorRefresh.RefreshAsync(db, floorId, at, 7);
                }

                var floorSeconds = clock.Elapsed.TotalSeconds;
                await FloorRefresh.WarmAsync(database, at, 7);
                var product = await ChildProcess.StartAsync("refresh", database.Provider, database.ConnectionString, at);
                var difference = await FloorRefresh.DifferenceAsync(database, Product, twin, Floor);

                if (difference != 0)
                {
                    throw new InvalidOperationException($"{name} {label}: product and floor memberships differ in {difference} rows");
                }

                report.Add($"{label}: product SegmentRefresher ({product.Entered:N0} entered, {product.Left:N0} left)", name, product.Seconds, "s");
                report.Add($"{label}: of which inside SegmentRefresher's own stopwatch", name, product.RefresherSeconds, "s");
                report.Add($"{label}: floor, hand-written SQL (same rows: verified)", name, floorSeconds, "s");
                var ratio = product.Seconds / floorSeconds;
                report.Add(new Figure($"{label}: product / floor", name, ratio, "×", "≤ 2×", ratio <= 2));
                var peak = product.PeakBytes / 1048576.0;
                report.Add(new Figure($"{label}: peak working set of the refreshing process (VmHWM)", name, peak, "MB", "< 1024 MB", peak < 1024));
                if (at == SyntheticContact.Start)
                {
                    report.Note($"{name}: the product runs in a child process (after a warm-up refresh of an empty segment, as a running host is warm); the floor runs on a twin copy of the database made after loading (same rows, same layout), so neither writes into indexes holding the other's rows; before each refresh the rule's index is read once on each twin; after each refresh both segments' (contact, entered, left) rows are compared and must be equal.");
                    var (matches, loadTime, evaluate) = await NaiveRulesEngine.CountAsync(database.Factory, rules, SyntheticContact.Start);
                    if (matches != product.Members)
                    {
                        throw new InvalidOperationException($"{name}: RulesEngine found {matches} members, the product {product.Members}");
                    }

                    report.Add($"naive: read contacts into memory ({matches:N0} match, as the product)", name, loadTime.TotalSeconds, "s");
                    report.Add("naive: RulesEngine ExecuteAllRulesAsync (4 rules of inactivity.json per contact)", name, evaluate.TotalSeconds, "s");
                    report.Add("naive (read + evaluate) / product first refresh", name, (loadTime + evaluate).TotalSeconds / product.Seconds, "×");
                    report.Add("naive evaluation alone / product first refresh", name, evaluate.TotalSeconds / product.Seconds, "×");
                }
            }
        }
    }
}
