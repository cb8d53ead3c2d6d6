using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Testing.Messaging;
using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Dispatch;

/// <summary>From an outbox row to a MIME message on the loopback SMTP server, and its unsubscribe link back into the host.</summary>
public sealed class EmailUnsubscribeTests : IAsyncLifetime, IDisposable
{
    private FakeSmtpServer _smtp = null!;
    private DispatchApiFactory _host = null!;

    public async Task InitializeAsync()
    {
        _smtp = await FakeSmtpServer.StartAsync();
        _host = new DispatchApiFactory(_smtp);
        _host.CreateClient().Dispose(); // starts the host: migrations, seeders
        await _host.AddTemplateAsync("coupon-email", Channel.Email, new TemplateContent
        {
            Subject = "{{ contact.first_name }}, a gift for you",
            Html = "<p>Hi {{ contact.first_name }}, use <b>{{ coupon.code }}</b>.</p><p><a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></p>",
            Text = "Hi {{ contact.first_name }}, use {{ coupon.code }}.\nUnsubscribe: {{ unsubscribe_url }}",
            FromName = "Shop Team",
        });
    }

    public async Task DisposeAsync() => await _smtp.DisposeAsync();

    public void Dispose() => _host.Dispose();

    private async Task<(Contact Contact, OutboxMessage Row)> EnqueueAsync(string email)
    {
        await using var db = _host.CreateDb();
        var contact = new ContactBuilder($"c-{Guid.NewGuid():N}", _host.Now).WithEmail(email).WithName("Amy", "Lee").WithConsent(true, false, false).Build();
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        var coupon = new JsonObject { ["code"] = "SAVE-7QX2", ["value"] = "10%", ["expiresAt"] = _host.Now.AddDays(7).ToString("O") };
        var row = new OutboxMessage($"j1:{Guid.NewGuid():N}:1", contact.Id, Channel.Email, "coupon-email", _host.Now)
        {
            DefinitionId = "recall",
            Data = new JsonObject { ["variables"] = new JsonObject { ["coupon"] = coupon } },
        };
        db.OutboxMessages.Add(row);
        await db.SaveChangesAsync();
        return (contact, row);
    }

    [Fact]
    public async Task OutboxRow_ArrivesAsMultipartWithSignedOneClickLink_AndFollowingTheLinkUnsubscribes()
    {
        var (contact, row) = await EnqueueAsync("amy@example.com");

        await _host.Dispatcher.DispatchAsync(TimeSpan.FromMinutes(1), CancellationToken.None);

        var mime = Assert.Single(_smtp.Received);
        Assert.Equal("amy@example.com", mime.To.Mailboxes.Single().Address);
        Assert.Equal("Shop Team", mime.From.Mailboxes.Single().Name);
        Assert.Equal("Amy, a gift for you", mime.Subject);
        Assert.Contains("use <b>SAVE-7QX2</b>", mime.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("use SAVE-7QX2.", mime.TextBody, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", mime.Headers["List-Unsubscribe-Post"]);
        var header = mime.Headers["List-Unsubscribe"] ?? string.Empty;
        var start = header.IndexOf($"<{DispatchApiFactory.PublicBaseUrl}/u/", StringComparison.Ordinal);
        Assert.True(start >= 0, header);
        var link = header[(start + 1)..header.IndexOf('>', start)];
        Assert.Contains(link, mime.TextBody, StringComparison.Ordinal);
        Assert.Contains(link, mime.HtmlBody, StringComparison.Ordinal);

        await using (var db = _host.CreateDb())
        {
            var sent = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == row.Id);
            Assert.Equal(OutboxStatus.Sent, sent.Status);
            Assert.Equal(mime.MessageId, sent.ProviderMessageId);
            Assert.NotNull(sent.TemplateVersionId);
        }

        using var client = _host.CreateClient();
        var path = new Uri(link).PathAndQuery;
        var page = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<form method=\"post\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True((await ReloadAsync(contact)).Consent.Email, "showing the page must not unsubscribe");

        var tampered = path[..^1] + (path[^1] == 'A' ? 'B' : 'A');
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync(tampered, null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/u/{contact.Id + 1}.0.x")).StatusCode);
        Assert.True((await ReloadAsync(contact)).Consent.Email);

        using var oneClick = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(path, oneClick)).StatusCode);
        var unsubscribed = await ReloadAsync(contact);
        Assert.False(unsubscribed.Consent.Email);
        Assert.True(unsubscribed.Consent.IsUnsubscribed(Channel.Email));

        // The next message to this contact is suppressed, with its reason, and never reaches the server.
        await using (var db = _host.CreateDb())
        {
            var next = new OutboxMessage($"j2:{Guid.NewGuid():N}:1", contact.Id, Channel.Email, "coupon-email", _host.Now);
            db.OutboxMessages.Add(next);
            await db.SaveChangesAsync();
            await _host.Dispatcher.DispatchAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
            var suppressed = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == next.Id);
            Assert.Equal((OutboxStatus.Suppressed, "unsubscribed from email"), (suppressed.Status, suppressed.Reason));
        }

        Assert.Single(_smtp.Received);
    }

    private async Task<Contact> ReloadAsync(Contact contact)
    {
        await using var db = _host.CreateDb();
        return await db.Contacts.AsNoTracking().SingleAsync(c => c.Id == contact.Id);
    }
}
