using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.IntegrationTests.Hosting;
using UserOps.Automation.Infrastructure.Messaging.Channels;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.IntegrationTests.Dispatch;

/// <summary>The outbox as the console's Messages page reads it: filters, the contact's own id, and the copy as the contact saw it.</summary>
public sealed class OutboxApiTests : IAsyncLifetime
{
    private static readonly DateTime Jan10 = new(2026, 1, 10, 9, 0, 0, DateTimeKind.Utc);
    private KeyedHost _host = null!;

    private WebApplication _app => _host.App;

    private HttpClient _http => _host.Http;

    public async Task InitializeAsync() => _host = await KeyedHost.StartAsync("outbox-api");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task List_FiltersByContactExternalIdTemplateAndDateRange_AndNamesTheContact()
    {
        var mia = await AddContactAsync("outbox-mia", "Mia", "en");
        var leo = await AddContactAsync("outbox-leo", "Leo", "en");
        var early = await AddRowAsync(mia, "recall-sms-15d", Jan10);
        var late = await AddRowAsync(mia, "recall-sms-15d", Jan10.AddDays(5));
        await AddRowAsync(mia, "recall-push-7d", Jan10.AddDays(1), Channel.Push);
        await AddRowAsync(leo, "recall-sms-15d", Jan10.AddDays(1));

        var byContact = await ListAsync("contactExternalId=outbox-mia&template=recall-sms-15d");
        Assert.Equal([late.Id, early.Id], byContact.Select(i => i!["id"]!.GetValue<long>()));
        Assert.All(byContact, i => Assert.Equal("outbox-mia", i!["contactExternalId"]!.GetValue<string>()));

        var inRange = await ListAsync("contactExternalId=outbox-mia&from=2026-01-10T00:00:00Z&to=2026-01-12T00:00:00Z");
        Assert.Equal(2, inRange.Count);
        Assert.DoesNotContain(inRange, i => i!["id"]!.GetValue<long>() == late.Id);

        Assert.Empty(await ListAsync("contactExternalId=nobody"));
        var backwards = await _http.GetAsync(new Uri("/api/outbox?from=2026-01-12T00:00:00Z&to=2026-01-10T00:00:00Z", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
    }

    [Fact]
    public async Task Detail_OfCapturedSms_ShowsTheCapturedCopy_AndTheCopyRenderedFromTheSentVersion()
    {
        var ana = await AddContactAsync("outbox-ana", "Ana", "en");
        long rowId;
        await using (var db = CreateDb())
        {
            var version = await db.MessageTemplateVersions.Where(v => v.Key == "recall-sms-15d" && v.Locale == "en").OrderByDescending(v => v.Version).FirstAsync();
            var captured = new CapturedMessage(Channel.Sms, "+14155550177", "recall-sms-15d", version.Version, "en", "Hi Ana, as captured", Jan10);
            db.CapturedMessages.Add(captured);
            var row = new OutboxMessage($"test:{Guid.NewGuid():N}", ana.Id, Channel.Sms, "recall-sms-15d", Jan10) { DefinitionId = "inactivity-recall" };
            db.OutboxMessages.Add(row);
            await db.SaveChangesAsync();
            row.StartSending(version.Id, Jan10.AddMinutes(1));
            row.Sent(captured.ProviderMessageId, Jan10);
            db.MessageAttempts.Add(new MessageAttempt(row.Id, 1, Jan10, "Accepted") { ProviderMessageId = captured.ProviderMessageId, DurationMs = 7 });
            await db.SaveChangesAsync();
            rowId = row.Id;
        }

        var detail = await _http.GetFromJsonAsync<JsonObject>($"/api/outbox/{rowId}");

        Assert.Equal("Hi Ana, as captured", detail!["captured"]!["body"]!.GetValue<string>());
        Assert.Equal("+14155550177", detail["captured"]!["recipient"]!.GetValue<string>());
        Assert.Equal("sent-version", detail["renderedFrom"]!.GetValue<string>());
        Assert.StartsWith("Hi Ana, we saved your favourites", detail["rendered"]!["body"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("outbox-ana", detail["contact"]!["externalId"]!.GetValue<string>());
        Assert.Equal(7, detail["attempts"]!.AsArray().Single()!["durationMs"]!.GetValue<long>());
    }

    [Fact]
    public async Task Detail_OfSuppressedMessage_RendersTheCurrentVariantForTheContactsLocale()
    {
        var wei = await AddContactAsync("outbox-wei", "伟", "zh-CN");
        var row = await AddRowAsync(wei, "recall-sms-15d", Jan10, suppress: "no SMS consent");

        var detail = await _http.GetFromJsonAsync<JsonObject>($"/api/outbox/{row.Id}");

        Assert.Null(detail!["captured"]);
        Assert.Equal("current-template", detail["renderedFrom"]!.GetValue<string>());
        Assert.Equal("zh-CN", detail["rendered"]!["locale"]!.GetValue<string>());
        Assert.StartsWith("伟，", detail["rendered"]!["body"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("no SMS consent", detail["message"]!["reason"]!.GetValue<string>());
    }

    private AutomationDb CreateDb() => _app.Services.GetRequiredService<IDbContextFactory<AutomationDb>>().CreateDbContext();

    private async Task<JsonArray> ListAsync(string query) =>
        (await _http.GetFromJsonAsync<JsonObject>($"/api/outbox?{query}"))!["items"]!.AsArray();

    private async Task<Contact> AddContactAsync(string externalId, string firstName, string locale)
    {
        await using var db = CreateDb();
        var contact = new Contact(externalId, Jan10) { FirstName = firstName, Locale = locale, Phone = "+14155550177" };
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        return contact;
    }

    private async Task<OutboxMessage> AddRowAsync(Contact contact, string template, DateTime at, Channel channel = Channel.Sms, string? suppress = null)
    {
        await using var db = CreateDb();
        var row = new OutboxMessage($"test:{Guid.NewGuid():N}", contact.Id, channel, template, at);
        if (suppress is not null)
        {
            row.Suppress(suppress);
        }

        db.OutboxMessages.Add(row);
        await db.SaveChangesAsync();
        return row;
    }
}
