using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Operations;
using UserOps.Automation.Infrastructure.Operations;
using UserOps.Automation.IntegrationTests.Journeys;

namespace UserOps.Automation.IntegrationTests.Reporting;

public sealed class TrackedBlastTests
{
    [Fact]
    public async Task Fire_RecordsTheBlastAsAnOperation_WithItsStagesDoneAndTheEnrolledCount_AndARepeatEnrollingNobody()
    {
        var start = new DateTime(2027, 4, 30, 0, 0, 0, DateTimeKind.Utc);
        await using var h = await EngineHarness.StartAsync(start);
        var version = await h.PublishAsync("mayday-coupon-blast.json");
        for (var i = 0; i < 5; i++)
        {
            await h.AddContactAsync($"op-buyer-{i}", start.AddDays(-10), c =>
                c.Apply(new Core.Events.ContactEvent(0, "purchase", start.AddDays(-40), start.AddDays(-40)) { AmountMinor = 9900 }, h.Policy, start.AddDays(-10)));
        }

        h.Clock.SetUtcNow(new DateTimeOffset(2027, 5, 1, 1, 0, 0, TimeSpan.Zero));
        var blasts = new TrackedBlast(h.Engine, new OperationTracker(h.DbFactory, h.Clock), h.DbFactory);

        Assert.Equal(5, await blasts.FireAsync(version.Id, "2027-05-01T01:00Z", "scheduler", CancellationToken.None));
        Assert.Equal(0, await blasts.FireAsync(version.Id, "2027-05-01T01:00Z", "scheduler", CancellationToken.None));

        await using var db = h.DbFactory.CreateDbContext();
        var operations = await db.Operations.AsNoTracking().Where(o => o.Kind == OperationKinds.Blast).OrderBy(o => o.Id).ToListAsync();
        Assert.Equal(2, operations.Count);
        Assert.All(operations, o => Assert.Equal(("mayday-coupon-blast @ 2027-05-01T01:00Z", OperationStatus.Succeeded, 2L, 2L, "scheduler"),
            (o.Subject, o.Status, o.Processed, o.Total, o.StartedBy)));
        Assert.Equal([5L, 0L], operations.Select(o => o.Counts["enrolled"]!.GetValue<long>()));
        Assert.Equal("5 contacts enrolled", operations[0].Message);
    }
}
