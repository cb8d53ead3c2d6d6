using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using UserOps.Automation.Infrastructure.Ingestion;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.IntegrationTests.Ingestion;

/// <summary>The host over a temporary SQLite file of its own, a known write key and a fake clock.</summary>
public sealed class IngestionApiFactory : WebApplicationFactory<Program>
{
    public const string Key = "test-write-key-0123456789";
    public const long MaxBodyBytes = 256 * 1024;

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"userops-ingestion-{Guid.NewGuid():N}.db");

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero));

    public DateTime Now => Time.GetUtcNow().UtcDateTime;

    public HttpClient CreateAuthorizedClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        return client;
    }

    /// <summary>Returns once every event accepted so far is applied (what the Segment-spec endpoints do not wait for).</summary>
    public Task AppliedAsync() => Services.GetRequiredService<EventApplier>().DrainAsync(CancellationToken.None);

    public AutomationDb CreateDb() => Services.GetRequiredService<IDbContextFactory<AutomationDb>>().CreateDbContext();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:ConnectionString", $"Data Source={_file}");
        builder.UseSetting("Access:CreateFirstKey", "false");
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Quartz:Enabled", "false");
        builder.UseSetting("Access:WriteKeys:0:Name", "tests");
        builder.UseSetting("Access:WriteKeys:0:Key", Key);
        builder.UseSetting("Ingestion:MaxBodyBytes", MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Ingestion:DefaultRegion", "CN");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }
    }
}
