using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Infrastructure.Persistence;
using UserOps.Automation.Testing;
using Xunit.Abstractions;

namespace UserOps.Automation.IntegrationTests.Reliability;

/// <summary>
/// DESIGN.md decisions 1 and 6 with two real hosts on one PostgreSQL (Quartz clustered): the blast fires once, both hosts
/// advance journeys, and when one is killed mid-run the other finishes after its leases lapse, one message per step.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class TwoHostTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const int Contacts = 5_000;

    [PostgresFact]
    public async Task Blast_OnTwoHosts_FiresOnce_SharesTheWork_AndSurvivesOneHostKilled()
    {
        var clock = Stopwatch.StartNew();
        var connection = await postgres.CreateDatabaseAsync("twohosts");
        await using var scenario = new BlastScenario(DatabaseProvider.Postgres, connection);
        var settings = scenario.HostSettings();
        settings["Journeys__LeaseSeconds"] = "5";
        settings["Journeys__BatchSize"] = "100";

        await using var first = await HostProcess.StartAsync("first", settings);
        await using var second = await HostProcess.StartAsync("second", settings);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        await scenario.SeedContactsAsync("two-", Contacts, now);
        output.WriteLine($"hosts up and {Contacts} contacts seeded at {clock.Elapsed.TotalSeconds:F1} s");

        const string definitionId = "two-host-blast";
        const string campaign = "two-10";
        // A few seconds ahead: the clustered trigger fires on time, on one of the hosts.
        await BlastScenario.PublishAsync(second.Client, BlastScenario.Workflow(
            definitionId, TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(3), BlastScenario.Coupon("coupon", campaign), BlastScenario.Sms("sms"), BlastScenario.Push("push")));

        // Kill the first host once both have advanced journeys, while there is work left.
        var (byFirst, bySecond) = (0, 0);
        while (byFirst == 0 || bySecond == 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), $"only {byFirst} and {bySecond} steps by each host{Environment.NewLine}{first.Output}{second.Output}");
            await Task.Delay(100);
            (byFirst, bySecond) = (await StepsByAsync(scenario, first), await StepsByAsync(scenario, second));
        }

        // Work left: members whose share has not run yet (a blast's journeys are inserted when their share runs, ADR 0010)
        // or journeys still active.
        var (enrolled, active) = await scenario.ProgressAsync(definitionId);
        Assert.True(enrolled < Contacts || active > 0, "the run ended before the first host could be killed mid-run; raise Contacts");
        first.Kill();
        output.WriteLine($"first host killed at {clock.Elapsed.TotalSeconds:F1} s: {byFirst} steps by it, {bySecond} by the second, {enrolled} journeys, {active} active");

        await scenario.WaitAllEndedAsync(definitionId, Contacts, TimeSpan.FromMinutes(3), () => second.Output);
        output.WriteLine($"all ended at {clock.Elapsed.TotalSeconds:F1} s");

        await scenario.AssertExactlyOnceAsync(definitionId, "two-", Contacts, campaign, "sms", "push");
        await scenario.AssertFiredOnceAsync(definitionId, Contacts);
        var firings = Regex.Count(first.Output + second.Output, Regex.Escape($"Blast {definitionId} run "));
        Assert.Equal(1, firings);

        var (finalFirst, finalSecond) = (await StepsByAsync(scenario, first), await StepsByAsync(scenario, second));
        output.WriteLine($"steps: {finalFirst} by the first host, {finalSecond} by the second; checked at {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(finalSecond > bySecond, "the second host carried on after the first was killed");
    }

    /// <summary>Steps of the journeys written by <paramref name="host"/>'s sweeps (the worker is host:pid:firing).</summary>
    private static async Task<int> StepsByAsync(BlastScenario scenario, HostProcess host)
    {
        await using var db = scenario.CreateDb();
        var pid = $":{host.ProcessId.ToString(CultureInfo.InvariantCulture)}:";
        return await db.JourneySteps.CountAsync(s => s.Worker != null && s.Worker.Contains(pid));
    }
}
