using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using UserOps.Automation.Infrastructure.Demo;
using UserOps.Automation.IntegrationTests.TestSupport;

namespace UserOps.Automation.IntegrationTests.Demo;

public sealed class DemoSeederTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Seed_IntoAFreshStore_FillsTheSegmentsTheConsoleShowsFirst()
    {
        await using var store = await SqliteTestStore.CreateAsync(new DateTimeOffset(2025, 11, 11, 4, 0, 0, TimeSpan.Zero), s => s.AddSingleton<DemoSeeder>());
        await ShippedSegments.SeedAsync(store);
        var started = Stopwatch.GetTimestamp();

        var events = await store.Services.GetRequiredService<DemoSeeder>().SeedAsync(3000, CancellationToken.None);

        output.WriteLine($"3000 contacts, {events} events seeded in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms");
        await using var db = await store.OpenAsync();
        var members = await db.Segments.ToDictionaryAsync(s => s.Key, s => s.MemberCount);
        foreach (var key in new[] { "inactive-7d", "inactive-15d", "inactive-30d", "rfm-champions", "interest-beauty", "lifecycle-paying" })
        {
            Assert.True(members[key] > 0, $"Segment {key} is empty after seeding.");
        }

        Assert.Equal(3000, await db.Contacts.CountAsync());
        Assert.True(members["inactive-7d"] > members["inactive-15d"] && members["inactive-15d"] > members["inactive-30d"]);
        Assert.True(await db.Contacts.AnyAsync(c => c.Phone!.StartsWith("+86")) && await db.Contacts.AnyAsync(c => c.Phone!.StartsWith("+1")));
        Assert.Equal(3000, await db.Contacts.CountAsync(c => c.Locale == "zh-CN" || c.Locale == "en-US" || c.Locale == "en-GB"));
    }
}
