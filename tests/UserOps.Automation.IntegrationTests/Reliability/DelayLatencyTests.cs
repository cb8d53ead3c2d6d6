using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Infrastructure.Persistence;
using Xunit.Abstractions;

namespace UserOps.Automation.IntegrationTests.Reliability;

/// <summary>
/// The sweep's promise (every 2 s by default): a journey parked in a Delay advances within 5 seconds of its due time,
/// measured on a running host between the wait's due instant and the step that leaves it.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class DelayLatencyTests(ITestOutputHelper output)
{
    private const int Contacts = 20;

    [Fact]
    public async Task Delay_OnARunningHost_AdvancesWithinFiveSecondsOfDueTime()
    {
        var clock = Stopwatch.StartNew();
        var folder = Directory.CreateTempSubdirectory("userops-latency-").FullName;
        try
        {
            await using var scenario = new BlastScenario(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "latency.db")}");
            await using var host = await HostProcess.StartAsync("latency", scenario.HostSettings(sweepCron: "0/2 * * * * ?"));
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            await scenario.SeedContactsAsync("late-", Contacts, now);

            // A one-off a day in the past (far beyond Quartz's misfire threshold) still fires, at once (FireNow).
            const string definitionId = "latency-blast";
            await BlastScenario.PublishAsync(host.Client, BlastScenario.Workflow(definitionId, now.AddDays(-1), BlastScenario.Delay("delay", 1), BlastScenario.Sms("sms")));
            await scenario.WaitAllEndedAsync(definitionId, Contacts, TimeSpan.FromMinutes(3), () => host.Output);
            output.WriteLine($"all ended at {clock.Elapsed.TotalSeconds:F1} s");

            await using var db = scenario.CreateDb();
            var steps = await db.JourneySteps.Where(s => s.DefinitionId == definitionId && s.ActivityId == "delay").ToListAsync();
            var gaps = steps.GroupBy(s => s.JourneyId).Select(g =>
            {
                var due = DateTime.Parse(g.Single(s => s.Outcome == "waiting").Detail!["until ".Length..], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
                return g.Single(s => s.Outcome == "Done").At - due;
            }).ToList();

            output.WriteLine("gaps between due time and the next step: " + string.Join(", ", gaps.Select(g => $"{g.TotalSeconds:F2} s")));
            Assert.Equal(Contacts, gaps.Count);
            Assert.All(gaps, gap => Assert.InRange(gap, TimeSpan.Zero, TimeSpan.FromSeconds(5)));
            await scenario.AssertFiredOnceAsync(definitionId, Contacts);
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
