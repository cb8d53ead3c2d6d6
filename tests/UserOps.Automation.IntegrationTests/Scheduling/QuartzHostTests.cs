using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using UserOps.Automation.Infrastructure.Scheduling;

namespace UserOps.Automation.IntegrationTests.Scheduling;

public sealed class QuartzHostTests : IAsyncLifetime
{
    private const string SegmentsCron = "0 0/5 * * * ?";
    private const string FactsCron = "0 30 2 * * ?";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "userops-tests", Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program> _factory = null!;

    private string ConnectionString => $"Data Source={Path.Combine(_folder, "host.db")};Pooling=False";

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("Database:ConnectionString", ConnectionString)
            .UseSetting("Demo:Seed", "false")
            .UseSetting("Access:CreateFirstKey", "false")
            .UseSetting("Quartz:InstanceName", "quartz-host-test")
            .UseSetting("Segments:RefreshCron", SegmentsCron)
            .UseSetting("Facts:RefreshCron", FactsCron));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder; not the test's concern.
        }
    }

    [Fact]
    public async Task Host_StartsQuartzOnItsSqliteDatabase_WithTheSchemaProvisioned()
    {
        var scheduler = await _factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        Assert.Equal("quartz-host-test", scheduler.SchedulerName);
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'QRTZ_%'";
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains("QRTZ_JOB_DETAILS", tables);
        Assert.Contains("QRTZ_CRON_TRIGGERS", tables);
        Assert.Contains("QRTZ_LOCKS", tables);

        // The app's own tables live in the same file.
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'Contacts'";
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Host_RegistersTheRefreshJobs_WithTheConfiguredCronAndDeliberateMisfires()
    {
        var scheduler = await _factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        var segments = Assert.IsAssignableFrom<ICronTrigger>(await scheduler.GetTrigger(new TriggerKey(AutomationJobs.SegmentRefresh.Name, AutomationJobs.Group)));
        var facts = Assert.IsAssignableFrom<ICronTrigger>(await scheduler.GetTrigger(new TriggerKey(AutomationJobs.FactsRefresh.Name, AutomationJobs.Group)));

        Assert.Equal((SegmentsCron, CronTriggerMisfireInstruction.DoNothing), (segments.CronExpressionString, segments.MisfireInstruction));
        Assert.Equal((FactsCron, CronTriggerMisfireInstruction.FireAndProceed), (facts.CronExpressionString, facts.MisfireInstruction));
        Assert.Equal(AutomationJobs.SegmentRefresh, segments.JobKey);
        Assert.Equal(AutomationJobs.FactsRefresh, facts.JobKey);
        Assert.True(facts.Priority > segments.Priority);
        Assert.Equal(TimeZoneInfo.Utc.Id, segments.TimeZone.Id);
    }

    [Fact]
    public async Task Registry_UpsertsACronTriggerInATimeZone_ReplacesIt_AndRemovesIt()
    {
        var registry = _factory.Services.GetRequiredService<QuartzScheduleRegistry>();
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

        await registry.UpsertCronAsync(AutomationJobs.SegmentRefresh, "test-new-year", "0 0 10 1 1 ? 2099", shanghai);
        await registry.UpsertCronAsync(AutomationJobs.SegmentRefresh, "test-new-year", "0 0 9 1 1 ? 2099", shanghai);
        var trigger = Assert.IsAssignableFrom<ICronTrigger>(await registry.FindAsync(AutomationJobs.SegmentRefresh, "test-new-year"));

        Assert.Equal("0 0 9 1 1 ? 2099", trigger.CronExpressionString);
        Assert.Equal(new DateTimeOffset(2099, 1, 1, 1, 0, 0, TimeSpan.Zero), trigger.GetFireTimeAfter(new DateTimeOffset(2098, 12, 31, 0, 0, 0, TimeSpan.Zero)));
        Assert.True(await registry.RemoveAsync(AutomationJobs.SegmentRefresh, "test-new-year"));
        Assert.Null(await registry.FindAsync(AutomationJobs.SegmentRefresh, "test-new-year"));
    }

    [Fact]
    public async Task Registry_UpsertsAOneOffTrigger_ThatFiresOnceAtItsTime()
    {
        var registry = _factory.Services.GetRequiredService<QuartzScheduleRegistry>();
        var at = new DateTimeOffset(2099, 2, 14, 2, 0, 0, TimeSpan.Zero);

        await registry.UpsertOnceAsync(AutomationJobs.SegmentRefresh, "test-blast", at);
        var trigger = await registry.FindAsync(AutomationJobs.SegmentRefresh, "test-blast");

        Assert.NotNull(trigger);
        Assert.Equal(at, trigger.NextFireTimeUtc);
        Assert.Null(trigger.GetFireTimeAfter(at));
        Assert.True(await registry.RemoveAsync(AutomationJobs.SegmentRefresh, "test-blast"));
    }
}
