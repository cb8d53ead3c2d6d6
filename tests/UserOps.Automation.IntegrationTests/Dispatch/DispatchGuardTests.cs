using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Outbox;

namespace UserOps.Automation.IntegrationTests.Dispatch;

/// <summary>The protections before a message leaves, on the capture channels: each outcome recorded with its reason.</summary>
public sealed class DispatchGuardTests
{
    private static readonly Dictionary<string, string?> QuietNineToNine = new()
    {
        ["Dispatch:QuietHours:Start"] = "21:00",
        ["Dispatch:QuietHours:End"] = "09:00",
    };

    [Fact]
    public async Task QuietHours_DeferToNineInContactZone_AndSendThen_WhileOtherZonesSendNow()
    {
        // 13:00 UTC: 21:00 in Shanghai (quiet), 09:00 in New York (EDT since 8 March: allowed).
        await using var harness = await DispatchHarness.CreateAsync(QuietNineToNine, new DateTimeOffset(2026, 3, 10, 13, 0, 0, TimeSpan.Zero));
        await harness.AddDefaultTemplatesAsync();
        var shanghai = await harness.AddContactAsync(b => b.WithEmail("li@example.com").WithConsent(true, false, false).WithLocale("zh-CN", "Asia/Shanghai"));
        var newYork = await harness.AddContactAsync(b => b.WithEmail("amy@example.com").WithConsent(true, false, false).WithLocale("en", "America/New_York"));
        var deferred = await harness.EnqueueAsync(harness.Row(shanghai, Channel.Email));
        var sent = await harness.EnqueueAsync(harness.Row(newYork, Channel.Email));

        await harness.DispatchAsync();

        var row = await harness.ReloadAsync(deferred);
        Assert.Equal(OutboxStatus.Deferred, row.Status);
        Assert.Equal("quiet hours", row.Reason);
        Assert.Equal(new DateTime(2026, 3, 11, 1, 0, 0, DateTimeKind.Utc), row.NotBefore); // 09:00 in Shanghai
        Assert.Equal(0, row.Attempts);
        Assert.Equal(OutboxStatus.Sent, (await harness.ReloadAsync(sent)).Status);

        harness.Time.SetUtcNow(new DateTimeOffset(2026, 3, 11, 0, 59, 0, TimeSpan.Zero));
        await harness.DispatchAsync();
        Assert.Equal(OutboxStatus.Deferred, (await harness.ReloadAsync(deferred)).Status);

        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await harness.DispatchAsync();
        Assert.Equal(OutboxStatus.Sent, (await harness.ReloadAsync(deferred)).Status);
    }

    [Fact]
    public async Task QuietHours_AcrossSpringForward_EndAtNineLocalDaylightTime()
    {
        // Saturday 7 March 2026, 23:00 EST (04:00 UTC on the 8th); clocks go forward at 02:00 that night.
        await using var harness = await DispatchHarness.CreateAsync(QuietNineToNine, new DateTimeOffset(2026, 3, 8, 4, 0, 0, TimeSpan.Zero));
        await harness.AddDefaultTemplatesAsync();
        var contact = await harness.AddContactAsync(b => b.WithEmail("amy@example.com").WithConsent(true, false, false).WithLocale("en", "America/New_York"));
        var message = await harness.EnqueueAsync(harness.Row(contact, Channel.Email));

        await harness.DispatchAsync();

        // 09:00 EDT is 13:00 UTC; the night was an hour short, so 09:00 EST (14:00 UTC) would be wrong.
        var row = await harness.ReloadAsync(message);
        Assert.Equal(OutboxStatus.Deferred, row.Status);
        Assert.Equal(new DateTime(2026, 3, 8, 13, 0, 0, DateTimeKind.Utc), row.NotBefore);
    }

    [Fact]
    public async Task QuietHours_WithExpiryBeforeMorning_ExpireWithReason()
    {
        await using var harness = await DispatchHarness.CreateAsync(QuietNineToNine, new DateTimeOffset(2026, 3, 10, 13, 0, 0, TimeSpan.Zero));
        await harness.AddDefaultTemplatesAsync();
        var contact = await harness.AddContactAsync(b => b.WithEmail("li@example.com").WithConsent(true, false, false).WithLocale("zh-CN", "Asia/Shanghai"));
        var message = await harness.EnqueueAsync(harness.Row(contact, Channel.Email, expiresAt: harness.Now.AddHours(6)));

        await harness.DispatchAsync();

        var row = await harness.ReloadAsync(message);
        Assert.Equal(OutboxStatus.Expired, row.Status);
        Assert.Contains("quiet hours", row.Reason, StringComparison.Ordinal);
        Assert.Contains("expiry", row.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FrequencyCap_CountsAcrossWorkflowsAndChannels_ExemptRowsNeitherCountedNorCapped()
    {
        var settings = new Dictionary<string, string?> { ["Dispatch:FrequencyCap:Count"] = "3", ["Dispatch:FrequencyCap:Days"] = "7" };
        await using var harness = await DispatchHarness.CreateAsync(settings);
        await harness.AddDefaultTemplatesAsync();
        var contact = await harness.AddContactAsync(b => b.WithEmail("amy@example.com").WithPhone("+14155550101").WithConsent(true, true, false));
        var other = await harness.AddContactAsync(b => b.WithEmail("bo@example.com").WithConsent(true, false, false));
        var a1 = await harness.EnqueueAsync(harness.Row(contact, Channel.Email, "wf-a"));
        var a2 = await harness.EnqueueAsync(harness.Row(contact, Channel.Sms, "wf-a"));
        var exempt = await harness.EnqueueAsync(harness.Row(contact, Channel.Email, "wf-receipts", capped: false));
        await harness.DispatchAsync();

        harness.Time.Advance(TimeSpan.FromDays(2));
        var b1 = await harness.EnqueueAsync(harness.Row(contact, Channel.Email, "wf-b"));
        var b2 = await harness.EnqueueAsync(harness.Row(contact, Channel.Sms, "wf-b"));
        var otherContact = await harness.EnqueueAsync(harness.Row(other, Channel.Email, "wf-b"));
        await harness.DispatchAsync();

        Assert.Equal(OutboxStatus.Sent, (await harness.ReloadAsync(a1)).Status);
        Assert.Equal(OutboxStatus.Sent, (await harness.ReloadAsync(a2)).Status);
        Assert.Equal(OutboxStatus.Sent, (await harness.ReloadAsync(exempt)).Status);
        Assert.Equal(OutboxStatus.Sent, (await harness.ReloadAsync(b1)).Status);
        var capped = await harness.ReloadAsync(b2);
        Assert.Equal(OutboxStatus.Suppressed, capped.Status);
        Assert.Equal("frequency cap: 3 per 7 days", capped.Reason);
        Assert.Equal(OutboxStatus.Sent, (await harness.ReloadAsync(otherContact)).Status);

        // Exempt rows still go out at the cap; a week after the first sends the window has room again.
        var exemptAtCap = await harness.EnqueueAsync(harness.Row(contact, Channel.Email, "wf-receipts", capped: false));
        await harness.DispatchAsync();
        Assert.Equal(OutboxStatus.Sent, (await harness.ReloadAsync(exemptAtCap)).Status);
        harness.Time.Advance(TimeSpan.FromDays(5.5));
        var later = await harness.EnqueueAsync(harness.Row(contact, Channel.Sms, "wf-a"));
        await harness.DispatchAsync();
        Assert.Equal(OutboxStatus.Sent, (await harness.ReloadAsync(later)).Status);
    }

    [Fact]
    public async Task SuppressionList_ConsentAndUnsubscribe_SuppressWithReason()
    {
        await using var harness = await DispatchHarness.CreateAsync();
        await harness.AddDefaultTemplatesAsync();
        var listed = await harness.AddContactAsync(b => b.WithEmail("Complainer@Example.com").WithConsent(true, false, false));
        var noConsent = await harness.AddContactAsync(b => b.WithPhone("+14155550102").WithConsent(true, false, false));
        var unsubscribed = await harness.AddContactAsync(b => b.WithEmail("gone@example.com").WithConsent(true, false, false));
        await using (var db = await harness.OpenAsync())
        {
            db.Suppressions.Add(new SuppressionEntry(Channel.Email, "complainer@example.com", "spam complaint", "api", harness.Now));
            var contact = await db.Contacts.SingleAsync(c => c.Id == unsubscribed.Id);
            contact.Consent.Unsubscribe(Channel.Email, harness.Now);
            await db.SaveChangesAsync();
        }

        var rows = new[]
        {
            await harness.EnqueueAsync(harness.Row(listed, Channel.Email)),
            await harness.EnqueueAsync(harness.Row(noConsent, Channel.Sms)),
            await harness.EnqueueAsync(harness.Row(unsubscribed, Channel.Email)),
        };

        await harness.DispatchAsync();

        var reasons = new List<string?>();
        foreach (var row in rows)
        {
            var reloaded = await harness.ReloadAsync(row);
            Assert.Equal(OutboxStatus.Suppressed, reloaded.Status);
            Assert.Equal(0, reloaded.Attempts);
            reasons.Add(reloaded.Reason);
        }

        Assert.Equal(["address on the suppression list", "no sms consent", "unsubscribed from email"], reasons);
        await using var check = await harness.OpenAsync();
        Assert.False(await check.CapturedMessages.AnyAsync());
    }

    [Fact]
    public async Task InFlightRowOfDeadHost_IsFailedAfterItsLease_AndNeverResent()
    {
        await using var harness = await DispatchHarness.CreateAsync(new Dictionary<string, string?> { ["Dispatch:LeaseSeconds"] = "60" });
        await harness.AddDefaultTemplatesAsync();
        var contact = await harness.AddContactAsync(b => b.WithEmail("amy@example.com").WithConsent(true, false, false));
        var message = await harness.EnqueueAsync(harness.Row(contact, Channel.Email));
        await using (var db = await harness.OpenAsync())
        {
            // What a host leaves when it dies between committing "Sending" and recording the outcome.
            var row = await db.OutboxMessages.SingleAsync(m => m.Id == message.Id);
            var version = await db.MessageTemplateVersions.FirstAsync();
            row.StartSending(version.Id, harness.Now.AddSeconds(60));
            await db.SaveChangesAsync();
        }

        await harness.DispatchAsync();
        Assert.Equal(OutboxStatus.Sending, (await harness.ReloadAsync(message)).Status);

        harness.Time.Advance(TimeSpan.FromSeconds(61));
        var report = await harness.DispatchAsync();
        harness.Time.Advance(TimeSpan.FromHours(1));
        await harness.DispatchAsync();

        var failed = await harness.ReloadAsync(message);
        Assert.Equal(1, report.Abandoned);
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Equal(OutboxMessage.InFlightReason, failed.Reason);
        Assert.Equal("Unknown", Assert.Single(await harness.AttemptsAsync(message)).Outcome);
        await using var check = await harness.OpenAsync();
        Assert.False(await check.CapturedMessages.AnyAsync());
    }
}
