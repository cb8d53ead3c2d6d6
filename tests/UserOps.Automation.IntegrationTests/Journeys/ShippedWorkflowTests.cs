using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Journeys;

namespace UserOps.Automation.IntegrationTests.Journeys;

/// <summary>Each workflow in workflows/ run end to end on SQLite, with 30 simulated days in seconds.</summary>
public sealed class ShippedWorkflowTests
{
    private static readonly DateTime Start = new(2027, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task InactivityRecall_SendsPushSmsThenCouponEmail_AndStopsWhenContactReturns()
    {
        await using var h = await EngineHarness.StartAsync(Start);
        h.RefreshedSegments.Add("inactive-7d");
        await h.PublishAsync("inactivity-recall.json");
        await h.AddContactAsync("alice", Start.AddDays(-7).AddHours(2));
        await h.AddContactAsync("bob", Start.AddDays(-1));
        await h.AddContactAsync("carol", Start.AddDays(-7).AddHours(1));

        // Bob keeps coming back every other day; Carol comes back on day 3.
        for (var day = 0; day < 30; day++)
        {
            await h.AdvanceAsync(TimeSpan.FromDays(1), TimeSpan.FromHours(6));
            if (day % 2 == 1)
            {
                await h.TrackAsync("bob", "visit");
            }

            if (day == 2)
            {
                await h.TrackAsync("carol", "visit");
            }
        }

        var messages = await h.MessagesAsync("inactivity-recall");
        var alice = messages.Where(m => m.Contact == "alice").ToList();
        Assert.Equal([Channel.Push, Channel.Sms, Channel.Email], alice.Select(m => m.Channel));
        Assert.Equal(["recall-push-7d", "recall-sms-15d", "recall-email-30d-coupon"], alice.Select(m => m.Template));

        // Each send lands on the day the inactivity reaches 7, 15 and 30 days.
        var aliceLastActive = Start.AddDays(-7).AddHours(2);
        Assert.Equal([7, 15, 30], alice.Select(m => (int)Math.Floor((m.At - aliceLastActive).TotalDays)));
        var coupon = alice[2].Message.Data["variables"]!["coupon"]!;
        Assert.Equal("20%", coupon["value"]!.GetValue<string>());
        Assert.Equal(10, coupon["code"]!.GetValue<string>().Length);

        Assert.Equal(["recall-push-7d"], messages.Where(m => m.Contact == "carol").Select(m => m.Template));
        Assert.DoesNotContain(messages, m => m.Contact == "bob");

        var carolId = await h.ContactIdAsync("carol");
        var aliceId = await h.ContactIdAsync("alice");
        var journeys = await h.JourneysAsync("inactivity-recall");
        var carolJourney = Assert.Single(journeys, j => j.ContactId == carolId);
        Assert.Equal(JourneyStatus.Exited, carolJourney.Status);
        Assert.Contains("active-again", carolJourney.EndReason, StringComparison.Ordinal);
        Assert.Equal(JourneyStatus.Completed, journeys.Single(j => j.ContactId == aliceId).Status);
    }

    [Fact]
    public async Task MaydayBlast_CouponAndSmsAt0900Shanghai_HoldoutGetsNothing_EmailNextLocal1000ToThoseWhoDidNotRedeem()
    {
        var start = new DateTime(2027, 4, 30, 0, 0, 0, DateTimeKind.Utc);
        await using var h = await EngineHarness.StartAsync(start);
        var version = await h.PublishAsync("mayday-coupon-blast.json");
        string[] zones = ["Asia/Shanghai", "America/New_York", "Europe/London"];
        for (var i = 0; i < 120; i++)
        {
            await h.AddContactAsync($"buyer-{i}", start.AddDays(-10), c =>
            {
                c.TimeZone = zones[i % 3];
                c.Apply(new Core.Events.ContactEvent(0, "purchase", start.AddDays(-40), start.AddDays(-40)) { AmountMinor = 9900 }, h.Policy, start.AddDays(-10));
            });
        }

        await h.AddContactAsync("recent-buyer", start.AddDays(-1), c =>
            c.Apply(new Core.Events.ContactEvent(0, "purchase", start.AddDays(-2), start.AddDays(-2)), h.Policy, start.AddDays(-1)));

        // 09:00 in Shanghai on 1 May is 01:00 UTC: the schedule fires then (twice, as a re-fired trigger would).
        h.Clock.SetUtcNow(new DateTimeOffset(2027, 5, 1, 1, 0, 0, TimeSpan.Zero));
        var enrolled = await h.Engine.FireBlastAsync(version.Id, "2027-05-01T01:00Z", default);
        Assert.Equal(0, await h.Engine.FireBlastAsync(version.Id, "2027-05-01T01:00Z", default));
        Assert.Equal(120, enrolled);
        await h.TickAsync();

        var journeys = await h.JourneysAsync("mayday-coupon-blast");
        var heldOut = journeys.Where(j => j.Variant == "holdout").Select(j => j.ContactId).ToHashSet();
        Assert.InRange(heldOut.Count, 4, 24);
        Assert.All(journeys.Where(j => heldOut.Contains(j.ContactId)), j => Assert.Equal(JourneyStatus.Exited, j.Status));

        var sms = (await h.MessagesAsync("mayday-coupon-blast")).Where(m => m.Channel == Channel.Sms).ToList();
        Assert.Equal(120 - heldOut.Count, sms.Count);
        Assert.All(sms, m => Assert.Equal(new DateTime(2027, 5, 1, 1, 0, 0, DateTimeKind.Utc), m.At));
        Assert.Equal(sms.Count, sms.Select(m => m.Contact).Distinct().Count());
        await using (var db = h.DbFactory.CreateDbContext())
        {
            Assert.Equal(sms.Count, await db.Coupons.CountAsync(c => c.Campaign == "mayday-10"));
        }

        // Ten redeem before the next morning: they get no reminder.
        var redeemers = sms.Take(10).Select(m => m.Contact).ToList();
        h.Clock.Advance(TimeSpan.FromHours(1));
        foreach (var contact in redeemers)
        {
            await h.TrackAsync(contact, "coupon_redeemed", e => e.Properties["campaign"] = "mayday-10");
        }

        await h.AdvanceAsync(TimeSpan.FromDays(2));
        var emails = (await h.MessagesAsync("mayday-coupon-blast")).Where(m => m.Channel == Channel.Email).ToList();
        Assert.Equal(sms.Count - 10, emails.Count);
        Assert.DoesNotContain(emails, e => redeemers.Contains(e.Contact));
        await using var check = h.DbFactory.CreateDbContext();
        var zoneOf = await check.Contacts.ToDictionaryAsync(c => c.ExternalId, c => c.TimeZone);
        foreach (var email in emails)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneOf[email.Contact]!);
            var local = TimeZoneInfo.ConvertTimeFromUtc(email.At, zone);
            var firedLocal = TimeZoneInfo.ConvertTimeFromUtc(new DateTime(2027, 5, 1, 1, 0, 0, DateTimeKind.Utc), zone);
            Assert.Equal(firedLocal.Date.AddDays(1).AddHours(10), local);
        }
    }

    [Fact]
    public async Task PurchaseUpsell_PushesOneOfTwoCopiesADayLater_UnlessSecondPurchase()
    {
        await using var h = await EngineHarness.StartAsync(Start);
        await h.PublishAsync("purchase-upsell.json");
        for (var i = 0; i < 40; i++)
        {
            await h.AddContactAsync($"shopper-{i}", Start.AddDays(-1));
            await h.TrackAsync($"shopper-{i}", "purchase", e => e.Category = "phones");
        }

        await h.AddContactAsync("book-reader", Start.AddDays(-1));
        await h.TrackAsync("book-reader", "purchase", e => e.Category = "books");
        await h.TickAsync();
        h.Clock.Advance(TimeSpan.FromHours(5));
        await h.TrackAsync("shopper-0", "purchase", e => e.Category = "cases");

        await h.AdvanceAsync(TimeSpan.FromDays(2));
        var pushes = await h.MessagesAsync("purchase-upsell");
        Assert.Equal(39, pushes.Count);
        Assert.DoesNotContain(pushes, m => m.Contact is "shopper-0" or "book-reader");
        Assert.All(pushes, m => Assert.Equal(Start.AddDays(1), m.At));
        Assert.Contains(pushes, m => m.Template == "upsell-push-a");
        Assert.Contains(pushes, m => m.Template == "upsell-push-b");

        // The copy a contact got is the branch recorded on its journey.
        var journeys = await h.JourneysAsync("purchase-upsell");
        foreach (var push in pushes)
        {
            var journey = journeys.Single(j => j.Id == push.Message.JourneyId);
            Assert.Equal(push.Template == "upsell-push-a" ? "A" : "B", journey.Variant);
        }
    }

    [Fact]
    public async Task Onboarding_WelcomesAtOnce_NudgesAfterThreeDaysWithoutPurchase_OncePerContact()
    {
        await using var h = await EngineHarness.StartAsync(Start);
        await h.PublishAsync("new-user-onboarding.json");
        await h.AddContactAsync("newbie", Start);
        await h.AddContactAsync("buyer", Start);
        await h.TrackAsync("newbie", "sign_up");
        await h.TrackAsync("buyer", "sign_up");
        await h.TrackAsync("newbie", "sign_up");
        await h.TickAsync();
        h.Clock.Advance(TimeSpan.FromDays(1));
        await h.TrackAsync("buyer", "purchase");
        await h.AdvanceAsync(TimeSpan.FromDays(4));

        var messages = await h.MessagesAsync("new-user-onboarding");
        Assert.Equal(["onboarding-welcome-email", "onboarding-nudge-push"], messages.Where(m => m.Contact == "newbie").Select(m => m.Template));
        Assert.Equal([Start, Start.AddDays(3)], messages.Where(m => m.Contact == "newbie").Select(m => m.At));
        Assert.Equal(["onboarding-welcome-email"], messages.Where(m => m.Contact == "buyer").Select(m => m.Template));
        var buyerId = await h.ContactIdAsync("buyer");
        Assert.Equal(2, (await h.JourneysAsync("new-user-onboarding")).Count);
        Assert.NotNull((await h.JourneysAsync("new-user-onboarding")).Single(j => j.ContactId == buyerId).GoalReachedAt);
    }

    [Fact]
    public async Task Publishing_V2_LeavesRunningJourneysOnV1()
    {
        await using var h = await EngineHarness.StartAsync(Start);
        h.RefreshedSegments.Add("inactive-7d");
        var v1 = await h.PublishAsync("inactivity-recall.json");
        await h.AddContactAsync("early", Start.AddDays(-7).AddHours(1));
        await h.AdvanceAsync(TimeSpan.FromHours(4), TimeSpan.FromHours(2));

        var v2 = await h.PublishAsync("inactivity-recall.json", d => d with
        {
            Root = d.Root with
            {
                Activities = d.Root.Activities.Select(a => a.Id == "sms-15d"
                    ? a with { Inputs = new(a.Inputs) { ["template"] = System.Text.Json.JsonSerializer.SerializeToElement("recall-sms-15d-v2") } }
                    : a).ToList(),
            },
        });
        Assert.Equal(2, (await h.JourneysAsync("inactivity-recall")).Select(j => j.WorkflowVersionId).Append(v2.Id).Distinct().Count());
        await h.AddContactAsync("late", Start.AddHours(4).AddDays(-7).AddHours(1));
        await h.AdvanceAsync(TimeSpan.FromDays(17), TimeSpan.FromHours(6));

        var messages = await h.MessagesAsync("inactivity-recall");
        Assert.Equal("recall-sms-15d", messages.Single(m => m.Contact == "early" && m.Channel == Channel.Sms).Template);
        Assert.Equal("recall-sms-15d-v2", messages.Single(m => m.Contact == "late" && m.Channel == Channel.Sms).Template);
        var earlyId = await h.ContactIdAsync("early");
        var lateId = await h.ContactIdAsync("late");
        var journeys = await h.JourneysAsync("inactivity-recall");
        Assert.Equal(v1.Id, journeys.Single(j => j.ContactId == earlyId).WorkflowVersionId);
        Assert.Equal(v2.Id, journeys.Single(j => j.ContactId == lateId).WorkflowVersionId);
    }
}
