using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Bench.Data;
using UserOps.Automation.Bench.Peers;
using UserOps.Automation.Bench.Reporting;
using UserOps.Automation.Core.Journeys;

namespace UserOps.Automation.Bench.Scenarios;

/// <summary>
/// Issue "Workflow engine": N contacts in <c>inactive-7d</c>, a published Schedule → IssueCoupon → SendSms workflow;
/// <see cref="Infrastructure.Journeys.JourneyEngine.FireBlastAsync"/> then the sweep until idle, in a child process
/// (its peak memory is the product's). Peer: WorkflowCore running the same shape in memory, in the same run.
/// </summary>
internal static class BlastScenario
{
    private const int PeerRuns = 3;

    public static async Task RunAsync(BenchEnvironment environment, BenchOptions options, Report report)
    {
        if (options.WarmUp > 0)
        {
            // The same courtesy as the product's warm-up blast: a run of its own first, so the timed one is jitted.
            var (warmed, warmElapsed) = await WorkflowCorePeer.RunAsync(Math.Min(options.WarmUp, options.PeerContacts), TimeSpan.FromMinutes(1));
            Console.WriteLine($"blast peer warm-up: {warmed:N0} WorkflowCore workflows in {warmElapsed.TotalSeconds:N1} s");
        }

        // The peer's run lasts seconds, so one run's rate swings with the machine (2,131–3,811/s between quiet runs in
        // session 7, flipping the 10× verdict): it runs up to PeerRuns times and the ratio is taken against its best.
        Console.WriteLine($"blast peer: WorkflowCore, {options.PeerContacts:N0} workflows, best of up to {PeerRuns} runs");
        var (peerCompleted, peerElapsed, peerRate) = (0, TimeSpan.Zero, 0.0);
        for (var run = 1; run <= PeerRuns; run++)
        {
            var (completed, elapsed) = await WorkflowCorePeer.RunAsync(options.PeerContacts, TimeSpan.FromMinutes(3));
            var rate = completed / elapsed.TotalSeconds;
            Console.WriteLine($"    | peer run {run}: {completed:N0} of {options.PeerContacts:N0} completed in {elapsed.TotalSeconds:N1} s: {rate:N0} journeys/s");
            if (rate > peerRate)
            {
                (peerCompleted, peerElapsed, peerRate) = (completed, elapsed, rate);
            }

            if (completed < options.PeerContacts)
            {
                break; // it ran out of its budget: another run would take minutes and say the same
            }
        }

        report.Add($"peer: WorkflowCore 3.22 in memory, best of its runs ({peerCompleted:N0} of {options.PeerContacts:N0} completed in {peerElapsed.TotalSeconds:N1} s)", "memory", peerRate, "journeys/s");

        foreach (var provider in options.Providers)
        {
            await using var database = await environment.CreateDatabaseAsync(provider);
            var name = BenchEnvironment.Name(database.Provider);
            Console.WriteLine($"blast on {name}: loading {options.Contacts:N0} contacts");
            await Population.LoadAsync(database, options.Contacts, inactiveOnly: true, history: false);
            var version = await BenchWorkflows.PublishAsync(database, "bench-blast.json");

            double? serverCpuBefore;
            await using (var db = database.CreateDbContext())
            {
                serverCpuBefore = await ServerCpu.SecondsAsync(db);
            }

            await using var warmDatabase = options.WarmUp > 0 ? await environment.CreateDatabaseAsync(provider) : null;
            (string, long)? warmUp = null;
            if (warmDatabase is not null)
            {
                await Population.LoadAsync(warmDatabase, options.WarmUp, inactiveOnly: true, history: false);
                warmUp = (warmDatabase.ConnectionString, await BenchWorkflows.PublishAsync(warmDatabase, "bench-blast.json"));
            }

            var result = await ChildProcess.StartAsync("blast", database.Provider, database.ConnectionString, SyntheticContact.Start, version, warmUp);
            double? serverCpu;
            await using (var db = database.CreateDbContext())
            {
                serverCpu = await ServerCpu.SecondsAsync(db) - serverCpuBefore;
            }

            await using (var db = database.CreateDbContext())
            {
                db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
                var completed = await db.Journeys.CountAsync(j => j.Status == JourneyStatus.Completed);
                var messages = await db.OutboxMessages.CountAsync();
                var coupons = await db.Coupons.CountAsync();
                if (result.Enrolled != options.Contacts || completed != options.Contacts || messages != options.Contacts || coupons != options.Contacts)
                {
                    throw new InvalidOperationException($"{name}: enrolled {result.Enrolled}, completed {completed}, {messages} messages, {coupons} coupons for {options.Contacts} contacts");
                }
            }

            var rate = options.Contacts / result.Seconds;
            report.Add($"blast: audience + enrol (FireBlastAsync, {result.Enrolled:N0} contacts)", name, result.EnrolSeconds, "s");
            report.Add("blast: of which reading the audience (the segment's rule as of the firing)", name, result.RefresherSeconds, "s");
            report.Add("blast: sweep until idle (journeys run and inserted, coupon + SMS outbox row each)", name, result.SweepSeconds, "s");
            var atMillion = options.Contacts >= 1_000_000;
            report.Add(new Figure("blast: total", name, result.Seconds, "s",
                database.Provider == Infrastructure.Persistence.DatabaseProvider.Postgres ? "< 60 s at 1M" : null,
                database.Provider == Infrastructure.Persistence.DatabaseProvider.Postgres && atMillion ? result.Seconds < 60 : null));
            report.Add("blast: journeys/s", name, rate, "journeys/s");
            report.Add(new Figure("blast: product / WorkflowCore journeys/s", name, rate / peerRate, "×", "≥ 10×", rate / peerRate >= 10));
            report.Add("blast: peak working set of the blasting process (VmHWM)", name, result.PeakBytes / 1048576.0, "MB");
            report.Add("blast: CPU seconds of the product's process", name, result.ProcessCpuSeconds, "s");
            if (serverCpu is { } server)
            {
                report.Add("blast: CPU seconds of the database server", name, server, "s");
            }

            report.Note(options.WarmUp > 0
                ? $"{name}: warm — the child fired the same workflow three times at {options.WarmUp:N0} contacts on a database of its own before its clock (WorkflowCore likewise ran {Math.Min(options.WarmUp, options.PeerContacts):N0} workflows first); `--warm-up 0` measures a cold process."
                : $"{name}: cold — no warm-up blast before the clock (`--warm-up 0`), nor a WorkflowCore warm-up run.");
            report.Note($"{name} blast sweep, where the time went: {result.Breakdown}.");
        }
    }
}
