using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using UserOps.Automation.Core.Journeys;
using UserOps.Automation.Infrastructure.Journeys;
using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Journeys;

public sealed class ContactErasureTests
{
    [Fact]
    public async Task Erase_DeletesTheContactsStaysJourneysStepsCouponsAndMessages_AndNobodyElses()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        var setup = await BlastShares.QueueAsync(database, members: 2, shareSize: 2);
        var runner = new JourneyRunner(new EfJourneyStore(database.Factory), setup.Versions, setup.Clock, NullLogger<JourneyRunner>.Instance);
        Assert.Equal(2, await runner.RunUntilIdleAsync("host", 100, TimeSpan.FromMinutes(1), default));
        var (erased, kept) = (setup.Members[0].Id, setup.Members[1].Id);

        await using (var db = database.CreateDbContext())
        {
            Assert.True(await ContactErasure.EraseAsync(db, setup.Members[0].ExternalId, default));
            Assert.False(await ContactErasure.EraseAsync(db, setup.Members[0].ExternalId, default));
        }

        await using var check = database.CreateDbContext();
        Assert.False(await check.Contacts.AnyAsync(c => c.Id == erased));
        Assert.False(await check.Journeys.AnyAsync(j => j.ContactId == erased));
        Assert.False(await check.JourneySteps.AnyAsync(s => s.ContactId == erased));
        Assert.False(await check.Coupons.AnyAsync(c => c.ContactId == erased));
        Assert.False(await check.OutboxMessages.AnyAsync(m => m.ContactId == erased));
        Assert.False(await check.SegmentMemberships.AnyAsync(m => m.ContactId == erased));
        Assert.False(await check.ClosedSegmentStays.AnyAsync(m => m.ContactId == erased));
        Assert.Equal(JourneyStatus.Waiting, await check.Journeys.Where(j => j.ContactId == kept).Select(j => j.Status).SingleAsync());
        Assert.Equal(3, await check.JourneySteps.CountAsync(s => s.ContactId == kept));
        Assert.Equal(1, await check.Coupons.CountAsync(c => c.ContactId == kept));
        Assert.Equal(1, await check.OutboxMessages.CountAsync(m => m.ContactId == kept));
        Assert.Equal(1, await check.SegmentMemberships.CountAsync(m => m.ContactId == kept));
    }
}
