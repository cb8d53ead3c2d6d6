using Microsoft.Extensions.DependencyInjection;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Host.Segments;

namespace UserOps.Automation.IntegrationTests.TestSupport;

internal static class ShippedSegments
{
    /// <summary>Creates the segments the host offers for the shipped rules, as its first start does.</summary>
    public static async Task SeedAsync(SqliteTestStore store)
    {
        await using var db = await store.OpenAsync();
        await new ShippedSegmentSeeder(db, store.Services.GetRequiredService<RuleCatalog>(), store.Time).SeedAsync(CancellationToken.None);
    }
}
