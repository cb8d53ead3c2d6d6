using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace UserOps.Automation.IntegrationTests.Ingestion;

public sealed class SegmentSpecApiTests(IngestionApiFactory factory) : IClassFixture<IngestionApiFactory>
{
    private readonly HttpClient _client = CreateBasicClient(factory);

    [Fact]
    public async Task Identify_WithBasicAuth_MapsKnownTraits_AndKeepsTheRestAsAttributes()
    {
        var id = Json.NewId("identify");
        var response = await _client.PostAsJsonAsync("/v1/identify", new
        {
            userId = id,
            traits = new { email = "seg@example.com", first_name = "Mei", name = "Mei Chen", plan = "pro", address = new { country = "CN", city = "Hangzhou" } },
            context = new { timezone = "Asia/Shanghai", locale = "zh-CN" },
            messageId = Json.NewId("m"),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.ReadObjectAsync())["success"]!.GetValue<bool>());
        await using var db = factory.CreateDb();
        var contact = await db.Contacts.SingleAsync(c => c.ExternalId == id);
        Assert.Equal(("seg@example.com", "Mei", "Asia/Shanghai", "zh-CN", "CN", "Hangzhou"), (contact.Email, contact.FirstName, contact.TimeZone, contact.Locale, contact.Country, contact.City));
        Assert.Equal("pro", contact.Attributes["plan"]!.GetValue<string>());
        Assert.False(contact.Attributes.ContainsKey("email"));
    }

    [Fact]
    public async Task Identify_InvalidEmail_Returns400NamingTheTrait()
    {
        var id = Json.NewId("identify-bad");
        var response = await _client.PostAsJsonAsync("/v1/identify", new { userId = id, traits = new { email = "nope" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("traits.email", await response.ErrorFieldsAsync());
        await using var db = factory.CreateDb();
        Assert.False(await db.Contacts.AnyAsync(c => c.ExternalId == id));
    }

    [Fact]
    public async Task Track_SentTwiceWithOneMessageId_StoresOneEvent_AndCountsFactsOnce()
    {
        var id = Json.NewId("track");
        var message = new
        {
            userId = id,
            @event = "Order Completed",
            properties = new { revenue = 25.5, currency = "USD", category = "phones", coupon = "SUMMER" },
            messageId = Json.NewId("m"),
        };

        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsJsonAsync("/v1/track", message)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsJsonAsync("/v1/track", message)).StatusCode);
        // /v1 answers once the events are durable; facts follow within the applier's lag (ADR 0009).
        await factory.AppliedAsync();

        await using var db = factory.CreateDb();
        var contact = await db.Contacts.SingleAsync(c => c.ExternalId == id);
        var stored = Assert.Single(await db.Events.Where(e => e.ContactId == contact.Id).ToListAsync());
        Assert.Equal((2550L, "USD", "SUMMER"), (stored.AmountMinor!.Value, stored.Currency!, stored.Properties["coupon"]!.GetValue<string>()));
        Assert.Equal((1, 2550L), (contact.PurchaseCount, contact.TotalSpendMinor));
    }

    [Fact]
    public async Task Batch_DeliveredTwice_StoresEachMessageOnce()
    {
        var id = Json.NewId("batch");
        var batch = new
        {
            batch = new object[]
            {
                new { type = "identify", userId = id, traits = new { email = "batch@example.com" }, messageId = Json.NewId("m") },
                new { type = "track", userId = id, @event = "purchase", properties = new { total = 100, currency = "JPY" }, messageId = Json.NewId("m") },
                new { type = "page", userId = id, name = "Home", messageId = Json.NewId("m") },
                new { type = "track", anonymousId = id + "-anon", @event = "search", properties = new { query = "phone" }, messageId = Json.NewId("m") },
            },
        };

        var first = await _client.PostAsJsonAsync("/v1/batch", batch);
        var second = await _client.PostAsJsonAsync("/v1/batch", batch);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await factory.AppliedAsync();
        await using var db = factory.CreateDb();
        var contact = await db.Contacts.SingleAsync(c => c.ExternalId == id);
        var names = await db.Events.Where(e => e.ContactId == contact.Id).OrderBy(e => e.Name).Select(e => e.Name).ToListAsync();
        Assert.Equal(["page_viewed", "purchase"], names);
        Assert.Equal((1, 1, 100L, "batch@example.com"), (contact.PurchaseCount, contact.VisitCount, contact.TotalSpendMinor, contact.Email!));
        Assert.True(await db.Contacts.AnyAsync(c => c.ExternalId == id + "-anon"));
    }

    [Fact]
    public async Task Batch_WithOneBadMessage_StoresTheOthers_AndNamesTheBadOne()
    {
        var (good, bad) = (Json.NewId("good"), Json.NewId("bad"));
        var response = await _client.PostAsJsonAsync("/v1/batch", new
        {
            batch = new object[]
            {
                new { type = "track", userId = good, @event = "visit", messageId = Json.NewId("m") },
                new { type = "identify", userId = bad, traits = new { phone = "123" } },
                new { type = "alias", userId = bad },
            },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["batch[1].traits.phone", "batch[2].type"], (await response.ErrorFieldsAsync()).Order(StringComparer.Ordinal));
        await using var db = factory.CreateDb();
        Assert.True(await db.Contacts.AnyAsync(c => c.ExternalId == good));
        Assert.False(await db.Contacts.AnyAsync(c => c.ExternalId == bad));
    }

    [Fact]
    public async Task Backlog_AfterTheApplierCaughtUp_ShowsNothingPending_AndHealthIsHealthy()
    {
        var id = Json.NewId("backlog");
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsJsonAsync("/v1/track", new { userId = id, @event = "visit", messageId = Json.NewId("m") })).StatusCode);
        await factory.AppliedAsync();

        var backlog = await (await factory.CreateAuthorizedClient().GetAsync("/api/ingestion/backlog")).ReadObjectAsync();
        var health = await factory.CreateClient().GetAsync("/health");

        Assert.Equal((0, 0.0), (backlog["pending"]!.GetValue<int>(), backlog["lagSeconds"]!.GetValue<double>()));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        await using var db = factory.CreateDb();
        Assert.Equal(1, (await db.Contacts.SingleAsync(c => c.ExternalId == id)).VisitCount);
    }

    [Fact]
    public async Task Batch_MalformedJson_Returns400ProblemDetails()
    {
        var response = await _client.PostAsync("/v1/batch", Json.Body("""{ "batch": [ { "type": "track", } """));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Track_WithoutKey_Returns401()
    {
        using var anonymous = factory.CreateClient();
        var response = await anonymous.PostAsJsonAsync("/v1/track", new { userId = "x", @event = "visit" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static HttpClient CreateBasicClient(IngestionApiFactory factory)
    {
        // Segment's libraries send the write key as the Basic user name with an empty password.
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(IngestionApiFactory.Key + ":")));
        return client;
    }
}
