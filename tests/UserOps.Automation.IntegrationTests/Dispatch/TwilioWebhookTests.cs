using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Host.Dispatch;
using UserOps.Automation.Testing.Messaging;
using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Dispatch;

/// <summary>Twilio's callbacks (signed), and the outbox and suppression APIs, against the host.</summary>
public sealed class TwilioWebhookTests : IAsyncLifetime, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private FakeSmtpServer _smtp = null!;
    private DispatchApiFactory _host = null!;

    public async Task InitializeAsync()
    {
        _smtp = await FakeSmtpServer.StartAsync();
        _host = new DispatchApiFactory(_smtp);
        _host.CreateClient().Dispose();
    }

    public async Task DisposeAsync() => await _smtp.DisposeAsync();

    public void Dispose() => _host.Dispose();

    /// <summary>Twilio's scheme, written out independently of its SDK: HMAC-SHA1 of the URL and the sorted name+value pairs.</summary>
    private static string Sign(string url, IEnumerable<KeyValuePair<string, string>> form, string token = FakeTwilioApi.AuthToken)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in form.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

#pragma warning disable CA5350 // Twilio's signature scheme is HMAC-SHA1; the test must speak it.
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }

    private async Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> form, string? signature = null)
    {
        using var client = _host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", signature ?? Sign(DispatchApiFactory.PublicBaseUrl + path, form));
        return await client.SendAsync(request);
    }

    private async Task<(Contact Contact, OutboxMessage Row)> SentSmsAsync(string phone, string sid)
    {
        await using var db = _host.CreateDb();
        var contact = new ContactBuilder($"c-{Guid.NewGuid():N}", _host.Now).WithPhone(phone).WithConsent(false, true, false).Build();
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        var row = new OutboxMessage($"j{Guid.NewGuid():N}", contact.Id, Channel.Sms, "recall-sms-15d", _host.Now) { DefinitionId = "recall" };
        row.StartSending(await db.MessageTemplateVersions.Select(v => v.Id).FirstAsync(), _host.Now.AddMinutes(5));
        row.Sent(sid, _host.Now);
        db.OutboxMessages.Add(row);
        await db.SaveChangesAsync();
        return (contact, row);
    }

    private async Task<OutboxMessage> ReloadAsync(OutboxMessage row)
    {
        await using var db = _host.CreateDb();
        return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == row.Id);
    }

    [Fact]
    public async Task StatusCallback_WithValidSignature_UpdatesRow_AndForgedIsForbidden()
    {
        var (_, delivered) = await SentSmsAsync("+14155550401", "SM0000000000000000000000000000a401");
        var (_, undelivered) = await SentSmsAsync("+14155550402", "SM0000000000000000000000000000a402");
        var forgedForm = new Dictionary<string, string> { ["MessageSid"] = "SM0000000000000000000000000000a402", ["MessageStatus"] = "delivered" };

        var forged = await PostAsync("/webhooks/twilio/status", forgedForm, Sign(DispatchApiFactory.PublicBaseUrl + "/webhooks/twilio/status", forgedForm, "wrong-token"));
        var unsigned = await PostAsync("/webhooks/twilio/status", forgedForm, signature: "");
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
        Assert.Equal(OutboxStatus.Sent, (await ReloadAsync(undelivered)).Status);

        var ok = await PostAsync("/webhooks/twilio/status", new() { ["MessageSid"] = "SM0000000000000000000000000000a401", ["MessageStatus"] = "delivered", ["AccountSid"] = FakeTwilioApi.AccountSid });
        var failed = await PostAsync("/webhooks/twilio/status", new() { ["MessageSid"] = "SM0000000000000000000000000000a402", ["MessageStatus"] = "undelivered", ["ErrorCode"] = "30005" });

        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, failed.StatusCode);
        Assert.Equal(OutboxStatus.Delivered, (await ReloadAsync(delivered)).Status);
        var row = await ReloadAsync(undelivered);
        Assert.Equal((OutboxStatus.Failed, "undelivered by the carrier: Twilio error 30005"), (row.Status, row.Reason));
    }

    [Theory]
    [InlineData("STOP")]
    [InlineData(" stopall ")]
    [InlineData("Unsubscribe")]
    [InlineData("退订")]
    public async Task InboundStopWord_DropsSmsConsentAndSuppresses_AndStartRestores(string word)
    {
        var phone = $"+1415555{Random.Shared.Next(1000, 9999)}";
        var (contact, _) = await SentSmsAsync(phone, $"SM{Guid.NewGuid():N}");

        var stop = await PostAsync("/webhooks/twilio/inbound", new() { ["From"] = phone, ["Body"] = word, ["To"] = "+15005550006" });

        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        Assert.Contains("<Response>", await stop.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var db = _host.CreateDb())
        {
            var stopped = await db.Contacts.AsNoTracking().SingleAsync(c => c.Id == contact.Id);
            Assert.False(stopped.Consent.Sms);
            Assert.True(stopped.Consent.IsUnsubscribed(Channel.Sms));
            Assert.Equal(ContactSubscriptionsSource, (await db.Suppressions.AsNoTracking().SingleAsync(s => s.Address == phone)).Source);
        }

        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/webhooks/twilio/inbound", new() { ["From"] = phone, ["Body"] = "START" })).StatusCode);
        await using (var db = _host.CreateDb())
        {
            var started = await db.Contacts.AsNoTracking().SingleAsync(c => c.Id == contact.Id);
            Assert.True(started.Consent.Sms);
            Assert.False(started.Consent.IsUnsubscribed(Channel.Sms));
            Assert.False(await db.Suppressions.AnyAsync(s => s.Address == phone));
        }

        var forged = await PostAsync("/webhooks/twilio/inbound", new() { ["From"] = phone, ["Body"] = "STOP" }, "bm90IGEgc2lnbmF0dXJl");
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
    }

    private const string ContactSubscriptionsSource = UserOps.Automation.Infrastructure.Dispatch.ContactSubscriptions.InboundSource;

    [Fact]
    public async Task OutboxApi_FiltersAndShowsAttempts_AndSuppressionApi_AddsListsRemoves()
    {
        var (contact, row) = await SentSmsAsync("+14155550501", "SM0000000000000000000000000000a501");
        await using (var db = _host.CreateDb())
        {
            db.MessageAttempts.Add(new MessageAttempt(row.Id, 1, _host.Now, "Accepted") { ProviderMessageId = "SM0000000000000000000000000000a501", DurationMs = 12 });
            await db.SaveChangesAsync();
        }

        using var anonymous = _host.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/outbox")).StatusCode);
        using var client = _host.CreateAuthorizedClient();
        var page = await client.GetFromJsonAsync<OutboxPage>($"/api/outbox?status=Sent&channel=Sms&workflow=recall&contact={contact.Id}", Json);
        Assert.Equal(row.Id, Assert.Single(page!.Items).Id);
        Assert.Empty((await client.GetFromJsonAsync<OutboxPage>($"/api/outbox?status=Failed&contact={contact.Id}", Json))!.Items);
        var detail = await client.GetFromJsonAsync<OutboxDetail>($"/api/outbox/{row.Id}", Json);
        Assert.Equal(("Accepted", 12L), (Assert.Single(detail!.Attempts).Outcome, detail.Attempts[0].DurationMs));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/outbox/999999")).StatusCode);

        var added = await client.PostAsJsonAsync("/api/suppressions", new { channel = "Email", address = "Spam.Trap@Example.com", reason = "spam trap" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var bad = await client.PostAsJsonAsync("/api/suppressions", new { channel = "Sms", address = "4155550101" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("address", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var listed = await client.GetFromJsonAsync<List<SuppressionEntry>>("/api/suppressions?channel=Email&address=spam.trap", Json);
        var entry = Assert.Single(listed!);
        Assert.Equal(("spam.trap@example.com", "spam trap", "api"), (entry.Address, entry.Reason, entry.Source));
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/suppressions/Email/spam.trap%40example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync("/api/suppressions/Email/spam.trap%40example.com")).StatusCode);
    }
}
