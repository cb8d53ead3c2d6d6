using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;
using UserOps.Automation.Bench.Data;
using UserOps.Automation.Bench.Reporting;
using UserOps.Automation.Core.Journeys;

namespace UserOps.Automation.Bench.Scenarios;

/// <summary>
/// N journeys waiting in a Delay, of which <c>--due</c> (default N/10) are due now: time the sweep that wakes the due
/// ones and sends their SMS (outbox rows), while the others stay untouched.
/// </summary>
internal static class SweepScenario
{
    public static async Task RunAsync(BenchEnvironment environment, BenchOptions options, Report report)
    {
        foreach (var provider in options.Providers)
        {
            await using var database = await environment.CreateDatabaseAsync(provider);
            var name = BenchEnvironment.Name(database.Provider);
            Console.WriteLine($"sweep on {name}: {options.Contacts:N0} waiting journeys, {options.Due:N0} due");
            await Population.LoadAsync(database, options.Contacts, inactiveOnly: true, history: false);
            var version = await BenchWorkflows.PublishAsync(database, "bench-sweep.json");
            await BulkLoader.LoadAsync(database.Provider, database.ConnectionString, "Journeys", Columns(version), Waiting(options.Contacts, options.Due));
            await using (var db = database.CreateDbContext())
            {
                await db.Database.ExecuteSqlRawAsync("ANALYZE \"Journeys\"");
            }

            double? serverCpuBefore;
            await using (var db = database.CreateDbContext())
            {
                serverCpuBefore = await ServerCpu.SecondsAsync(db);
            }

            var result = await ChildProcess.StartAsync("sweep", database.Provider, database.ConnectionString, SyntheticContact.Start);
            double? serverCpu;
            await using (var db = database.CreateDbContext())
            {
                serverCpu = await ServerCpu.SecondsAsync(db) - serverCpuBefore;
            }

            await using (var db = database.CreateDbContext())
            {
                var completed = await db.Journeys.CountAsync(j => j.Status == JourneyStatus.Completed);
                var waiting = await db.Journeys.CountAsync(j => j.Status == JourneyStatus.Waiting);
                var messages = await db.OutboxMessages.CountAsync();
                if (result.Advanced != options.Due || completed != options.Due || messages != options.Due || waiting != options.Contacts - options.Due)
                {
                    throw new InvalidOperationException($"{name}: advanced {result.Advanced}, completed {completed}, waiting {waiting}, {messages} messages");
                }
            }

            var full = options.Contacts >= 1_000_000 && options.Due >= 100_000;
            report.Add(new Figure($"sweep: {options.Due:N0} due of {options.Contacts:N0} waiting", name, result.SweepSeconds, "s", "< 10 s for 100k of 1M", full ? result.SweepSeconds < 10 : null));
            report.Add("sweep: journeys/s", name, options.Due / result.SweepSeconds, "journeys/s");
            report.Add("sweep: peak working set of the sweeping process (VmHWM)", name, result.PeakBytes / 1048576.0, "MB");
            report.Add("sweep: CPU seconds of the product's process", name, result.ProcessCpuSeconds, "s");
            if (serverCpu is { } server)
            {
                report.Add("sweep: CPU seconds of the database server", name, server, "s");
            }

            report.Note($"{name} sweep, where the time went: {result.Breakdown}.");
        }
    }

    private static IEnumerable<WaitingJourney> Waiting(int contacts, int due)
    {
        var start = SyntheticContact.Start;
        for (long id = 1; id <= contacts; id++)
        {
            // Due ones are spread over the population, as a day of staggered waits would leave them.
            var isDue = id % Math.Max(1, contacts / due) == 0 && id / Math.Max(1, contacts / due) <= due;
            yield return new WaitingJourney(id, isDue ? start.AddMinutes(-1) : start.AddDays(1), start.AddDays(-1));
        }
    }

    private static List<Column<WaitingJourney>> Columns(long version) =>
    [
        new("WorkflowVersionId", _ => version, NpgsqlDbType.Bigint),
        new("DefinitionId", _ => "bench-sweep", NpgsqlDbType.Varchar),
        new("ContactId", j => j.ContactId, NpgsqlDbType.Bigint),
        new("Status", _ => "Waiting", NpgsqlDbType.Varchar),
        new("ActivityId", _ => "wait", NpgsqlDbType.Varchar),
        new("DueAt", j => j.DueAt, NpgsqlDbType.TimestampTz),
        new("Step", _ => 1, NpgsqlDbType.Integer),
        new("Variables", _ => "{}", NpgsqlDbType.Text),
        new("EnteredAt", j => j.EnteredAt, NpgsqlDbType.TimestampTz),
        new("UpdatedAt", j => j.EnteredAt, NpgsqlDbType.TimestampTz),
        new("ActiveKey", _ => "bench-sweep", NpgsqlDbType.Varchar),
        new("SourceKey", _ => "blast:bench", NpgsqlDbType.Varchar),
    ];

    private readonly record struct WaitingJourney(long ContactId, DateTime DueAt, DateTime EnteredAt);
}
