using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using UserOps.Automation.Infrastructure.Ingestion;
using UserOps.Automation.IntegrationTests.Hosting;

namespace UserOps.Automation.IntegrationTests.Ingestion;

/// <summary>The host over a temporary SQLite file of its own, a known write key and a fake clock.</summary>
public sealed class IngestionApiFactory() : SqliteHostFactory("ingestion", "tests", Key, new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero))
{
    public const string Key = "test-write-key-0123456789";
    public const long MaxBodyBytes = 256 * 1024;

    /// <summary>Returns once every event accepted so far is applied (what the Segment-spec endpoints do not wait for).</summary>
    public Task AppliedAsync() => Services.GetRequiredService<EventApplier>().DrainAsync(CancellationToken.None);

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Ingestion:MaxBodyBytes", MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Ingestion:DefaultRegion", "CN");
    }
}
