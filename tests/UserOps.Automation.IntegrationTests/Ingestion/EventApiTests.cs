using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;

namespace UserOps.Automation.IntegrationTests.Ingestion;

public sealed class EventApiTests(IngestionApiFactory factory) : IClassFixture<IngestionApiFactory>
{
    private readonly HttpClient _client = factory.CreateAuthorizedClient();

    [Fact]
    public async Task Event_ForUnknownContact_CreatesTheContact_StartingAtTheEvent()
    {
        var id = Json.NewId("unknown");
        var at = factory.Now.AddDays(-3);

        var response = await _client.PostAsJsonAsync("/api/events", new { externalId = id, name = "visit", timestamp = at });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = factory.CreateDb();
        var contact = await db.Contacts.SingleAsync(c => c.ExternalId == id);
        Assert.Equal(at, contact.CreatedAt);
        Assert.Equal(1, contact.VisitCount);
        Assert.Equal(1, await db.Events.CountAsync(e => e.ContactId == contact.Id));
    }

    [Fact]
    public async Task Purchase_UpdatesFacts_AndOpensInterestSegmentMembership()
    {
        var id = Json.NewId("buyer");
        await _client.PutAsJsonAsync($"/api/contacts/{id}", new { email = "buyer@example.com" });

        var response = await _client.PostAsJsonAsync("/api/events", new
        {
            externalId = id,
            name = "purchase",
            amount = 4999.5m,
            currency = "cny",
            properties = new { category = "phones", sku = "P-1" },
            messageId = Json.NewId("m"),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var contact = await (await _client.GetAsync($"/api/contacts/{id}")).ReadObjectAsync();
        var facts = contact["facts"]!;
        Assert.Equal(1, facts["purchaseCount"]!.GetValue<int>());
        Assert.Equal(499950, facts["totalSpendMinor"]!.GetValue<long>());
        Assert.Equal("Paying", facts["lifecycle"]!.GetValue<string>());
        Assert.Equal(factory.Now, facts["lastActiveAt"]!.GetValue<DateTime>().ToUniversalTime());
        Assert.Equal("phones", facts["interests"]![0]!["category"]!.GetValue<string>());
        var recent = contact["recentEvents"]![0]!;
        Assert.Equal("phones", recent["category"]!.GetValue<string>());
        Assert.Equal("CNY", recent["currency"]!.GetValue<string>());
        Assert.Equal("P-1", recent["properties"]!["sku"]!.GetValue<string>());

        await using var db = factory.CreateDb();
        var contactId = await db.Contacts.Where(c => c.ExternalId == id).Select(c => c.Id).SingleAsync();
        var open = await (from m in db.SegmentMemberships
                          join s in db.Segments on m.SegmentId equals s.Id
                          where m.ContactId == contactId
                          select s.Key).ToListAsync();
        Assert.Contains("interest-phones", open);
        Assert.Contains("lifecycle-paying", open);
        Assert.DoesNotContain("lifecycle-contact", open);
    }

    [Fact]
    public async Task Lifecycle_MovesContactBetweenSegments_ClosingTheOldStay()
    {
        var id = Json.NewId("mover");
        await _client.PutAsJsonAsync($"/api/contacts/{id}", new { email = "mover@example.com" });
        await _client.PostAsJsonAsync("/api/events", new { externalId = id, name = "visit" });
        await _client.PostAsJsonAsync("/api/events", new { externalId = id, name = "purchase", amount = 10m, currency = "USD" });

        await using var db = factory.CreateDb();
        var contactId = await db.Contacts.Where(c => c.ExternalId == id).Select(c => c.Id).SingleAsync();
        var closed = await (from m in db.ClosedSegmentStays
                            join s in db.Segments on m.SegmentId equals s.Id
                            where m.ContactId == contactId && s.Key.StartsWith("lifecycle-")
                            select new { s.Key, LeftAt = (DateTime?)m.LeftAt }).ToListAsync();
        var open = await (from m in db.SegmentMemberships
                          join s in db.Segments on m.SegmentId equals s.Id
                          where m.ContactId == contactId && s.Key.StartsWith("lifecycle-")
                          select new { s.Key, LeftAt = (DateTime?)null }).ToListAsync();
        var stays = closed.Concat(open).ToList();
        Assert.NotNull(Assert.Single(stays, s => s.Key == "lifecycle-contact").LeftAt);
        Assert.NotNull(Assert.Single(stays, s => s.Key == "lifecycle-use").LeftAt);
        Assert.Null(Assert.Single(stays, s => s.Key == "lifecycle-paying").LeftAt);
    }

    [Theory]
    [InlineData("JPY", "1200", 1200)]
    [InlineData("USD", "12.34", 1234)]
    [InlineData("KWD", "1.5", 1500)]
    public async Task Amount_IsStoredInMinorUnitsOfItsCurrency(string currency, string amount, long minor)
    {
        var id = Json.NewId("amount");
        await _client.PostAsync("/api/events", Json.Body($$"""{ "externalId": "{{id}}", "name": "purchase", "amount": {{amount}}, "currency": "{{currency}}" }"""));

        await using var db = factory.CreateDb();
        var stored = await db.Events.Where(e => db.Contacts.Any(c => c.Id == e.ContactId && c.ExternalId == id)).SingleAsync();
        Assert.Equal(minor, stored.AmountMinor);
    }

    [Fact]
    public async Task Event_TooFarInTheFuture_IsRejected_AndWritesNothing()
    {
        var id = Json.NewId("future");
        var response = await _client.PostAsJsonAsync("/api/events", new { externalId = id, name = "visit", timestamp = factory.Now.AddHours(1) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("timestamp", await response.ErrorFieldsAsync());
        await using var db = factory.CreateDb();
        Assert.False(await db.Contacts.AnyAsync(c => c.ExternalId == id));
    }

    [Fact]
    public async Task Bulk_RepeatedMessageId_IsReportedDuplicate_AndCountedOnce()
    {
        var id = Json.NewId("dupe");
        var messageId = Json.NewId("m");
        var items = new object[]
        {
            new { externalId = id, name = "purchase", amount = 5m, currency = "CNY", messageId },
            new { externalId = id, name = "purchase", amount = 5m, currency = "CNY", messageId },
            new { externalId = id, name = "" },
        };

        var first = await (await _client.PostAsJsonAsync("/api/events/bulk", new { items })).ReadObjectAsync();
        var again = await (await _client.PostAsJsonAsync("/api/events/bulk", new { items })).ReadObjectAsync();

        Assert.Equal(["accepted", "duplicate", "rejected"], first["items"]!.AsArray().Select(i => i!["status"]!.GetValue<string>()));
        Assert.NotNull(first["items"]![2]!["errors"]!["items[2].name"]);
        Assert.Equal(0, again["accepted"]!.GetValue<int>());
        Assert.Equal(2, again["duplicates"]!.GetValue<int>());
        await using var db = factory.CreateDb();
        var contact = await db.Contacts.SingleAsync(c => c.ExternalId == id);
        Assert.Equal(1, contact.PurchaseCount);
        Assert.Equal(500, contact.TotalSpendMinor);
    }

    [Fact]
    public async Task Delete_ErasesTheContactAndEverythingPersonal()
    {
        var id = Json.NewId("erase");
        await _client.PutAsJsonAsync($"/api/contacts/{id}", new { email = "erase@example.com", pushTokens = new[] { new { token = "t-erase", platform = "fcm" } } });
        await _client.PostAsJsonAsync("/api/events", new { externalId = id, name = "purchase", amount = 1m, properties = new { category = "phones" } });
        long contactId;
        await using (var before = factory.CreateDb())
        {
            contactId = await before.Contacts.Where(c => c.ExternalId == id).Select(c => c.Id).SingleAsync();
            Assert.True(await before.Events.AnyAsync(e => e.ContactId == contactId));
            Assert.True(await before.SegmentMemberships.AnyAsync(m => m.ContactId == contactId));
            Assert.True(await before.ClosedSegmentStays.AnyAsync(m => m.ContactId == contactId));
            Assert.True(await before.PushTokens.AnyAsync(t => t.ContactId == contactId));
            Assert.True(await before.ContactInterests.AnyAsync(i => i.ContactId == contactId));
        }

        var response = await _client.DeleteAsync($"/api/contacts/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await using var db = factory.CreateDb();
        Assert.False(await db.Contacts.AnyAsync(c => c.Id == contactId));
        Assert.False(await db.Events.AnyAsync(e => e.ContactId == contactId));
        Assert.False(await db.SegmentMemberships.AnyAsync(m => m.ContactId == contactId));
        Assert.False(await db.ClosedSegmentStays.AnyAsync(m => m.ContactId == contactId));
        Assert.False(await db.PushTokens.AnyAsync(t => t.ContactId == contactId));
        Assert.False(await db.ContactInterests.AnyAsync(i => i.ContactId == contactId));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.DeleteAsync($"/api/contacts/{id}")).StatusCode);
    }
}
