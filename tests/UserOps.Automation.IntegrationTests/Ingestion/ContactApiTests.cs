using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Segments;

namespace UserOps.Automation.IntegrationTests.Ingestion;

public sealed class ContactApiTests(IngestionApiFactory factory) : IClassFixture<IngestionApiFactory>
{
    private readonly HttpClient _client = factory.CreateAuthorizedClient();

    [Fact]
    public async Task Put_CreatesThenUpdates_NormalisingPhoneLocaleAndCountry()
    {
        var id = Json.NewId("put");
        var created = await _client.PutAsJsonAsync($"/api/contacts/{id}", new
        {
            email = "Li.Wei@Example.COM",
            phone = "138 0013 8000",
            firstName = "Wei",
            locale = "zh_cn",
            timeZone = "Asia/Shanghai",
            country = "cn",
            attributes = new { plan = "gold" },
            tags = new List<string> { "vip", "vip", "beta" },
            consent = new { email = true, sms = true },
            pushTokens = new[] { new { token = "fcm-token-1", platform = "fcm" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var updated = await _client.PutAsJsonAsync($"/api/contacts/{id}", new { lastName = "Li", attributes = new { city = "Shenzhen" }, consent = new { sms = false } });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("updated", (await updated.ReadObjectAsync())["status"]!.GetValue<string>());

        var contact = await (await _client.GetAsync($"/api/contacts/{id}")).ReadObjectAsync();
        Assert.Equal("Li.Wei@example.com", contact["email"]!.GetValue<string>());
        Assert.Equal("+8613800138000", contact["phone"]!.GetValue<string>());
        Assert.Equal("zh-CN", contact["locale"]!.GetValue<string>());
        Assert.Equal("CN", contact["country"]!.GetValue<string>());
        Assert.Equal("Wei", contact["firstName"]!.GetValue<string>());
        Assert.Equal("Li", contact["lastName"]!.GetValue<string>());
        Assert.Equal("gold", contact["attributes"]!["plan"]!.GetValue<string>());
        Assert.Equal("Shenzhen", contact["attributes"]!["city"]!.GetValue<string>());
        Assert.Equal(["vip", "beta"], contact["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.True(contact["consent"]!["email"]!.GetValue<bool>());
        Assert.False(contact["consent"]!["sms"]!.GetValue<bool>());
        Assert.Equal("fcm-token-1", contact["pushTokens"]![0]!["token"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_ListsTheSegmentsTheContactIsInNow_NotTheOnesItLeft()
    {
        var id = Json.NewId("segs");
        (await _client.PutAsJsonAsync($"/api/contacts/{id}", new { email = "segs@example.com" })).EnsureSuccessStatusCode();
        await using (var db = factory.CreateDb())
        {
            var contact = await db.Contacts.SingleAsync(c => c.ExternalId == id);
            var inside = new Segment($"{id}-in", "Still in", "inactive-7d", factory.Now);
            var left = new Segment($"{id}-left", "Left it", "inactive-15d", factory.Now);
            db.Segments.AddRange(inside, left);
            await db.SaveChangesAsync();
            db.SegmentMemberships.Add(new SegmentMembership(inside.Id, contact.Id, factory.Now.AddDays(-2)));
            db.ClosedSegmentStays.Add(new ClosedSegmentStay(left.Id, contact.Id, factory.Now.AddDays(-3), factory.Now.AddDays(-1)));
            await db.SaveChangesAsync();
        }

        var segments = (await (await _client.GetAsync($"/api/contacts/{id}")).ReadObjectAsync())["segments"]!.AsArray();

        // The shipped segments a new contact falls into (signed up this week…) are listed too; this test owns its two.
        var only = Assert.Single(segments, s => s!["key"]!.GetValue<string>().StartsWith(id, StringComparison.Ordinal))!;
        Assert.Equal(($"{id}-in", "Still in"), (only["key"]!.GetValue<string>(), only["name"]!.GetValue<string>()));
        Assert.Equal(factory.Now.AddDays(-2), only["enteredAt"]!.GetValue<DateTime>());
    }

    [Theory]
    [InlineData("phone", """{ "phone": "12345" }""")]
    [InlineData("email", """{ "email": "not-an-email@" }""")]
    [InlineData("email", """{ "email": "Someone <a@b.com>" }""")]
    [InlineData("timeZone", """{ "timeZone": "Mars/Olympus" }""")]
    [InlineData("timeZone", """{ "timeZone": "China Standard Time" }""")]
    [InlineData("locale", """{ "locale": "xx-NOPE-12345" }""")]
    [InlineData("pushTokens[0].platform", """{ "pushTokens": [{ "token": "t", "platform": "apns" }] }""")]
    [InlineData("firstName", """{ "firstName": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" }""")]
    public async Task Put_InvalidField_Returns400NamingTheField_AndWritesNothing(string field, string body)
    {
        var id = Json.NewId("bad");
        var response = await _client.PutAsync($"/api/contacts/{id}", Json.Body(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(field, await response.ErrorFieldsAsync());
        await AssertNoContactAsync(id);
    }

    [Fact]
    public async Task Put_MalformedJson_Returns400SayingWhere_AndWritesNothing()
    {
        var id = Json.NewId("malformed");
        var response = await _client.PutAsync($"/api/contacts/{id}", Json.Body("{\n  \"email\": \"a@b.com\",\n  \"phone\": +86 }"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadObjectAsync();
        Assert.Equal(3, problem["line"]!.GetValue<int>());
        Assert.Equal("$.phone", problem["path"]!.GetValue<string>());
        Assert.Contains("line 3", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertNoContactAsync(id);
    }

    [Fact]
    public async Task Put_WrongJsonType_Returns400NamingTheField()
    {
        var response = await _client.PutAsync($"/api/contacts/{Json.NewId("type")}", Json.Body("""{ "email": 42 }"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("$.email", (await response.ReadObjectAsync())["path"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bulk_OversizedBody_Returns413ProblemDetails()
    {
        var filler = new string('x', (int)IngestionApiFactory.MaxBodyBytes);
        var response = await _client.PostAsync("/api/contacts/bulk", Json.Body($$"""{ "items": [{ "externalId": "big", "attributes": { "x": "{{filler}}" } }] }"""));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(413, (await response.ReadObjectAsync())["status"]!.GetValue<int>());
        await AssertNoContactAsync("big");
    }

    [Fact]
    public async Task Bulk_ChunkedOversizedBody_Returns413()
    {
        var filler = new string('x', (int)IngestionApiFactory.MaxBodyBytes);
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($$"""{ "items": [{ "externalId": "big-chunked", "city": "{{filler}}" }] }""")));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/contacts/bulk") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertNoContactAsync("big-chunked");
    }

    [Fact]
    public async Task Request_WithoutKey_Returns401_AndWritesNothing()
    {
        var id = Json.NewId("nokey");
        using var anonymous = factory.CreateClient();

        var response = await anonymous.PutAsJsonAsync($"/api/contacts/{id}", new { email = "a@example.com" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNoContactAsync(id);
    }

    [Fact]
    public async Task Bulk_ReportsCreatedUpdatedAndRejected_PerItem()
    {
        var (a, b, c) = (Json.NewId("bulk"), Json.NewId("bulk"), Json.NewId("bulk"));
        await _client.PutAsJsonAsync($"/api/contacts/{a}", new { email = "a@example.com" });

        var response = await _client.PostAsJsonAsync("/api/contacts/bulk", new
        {
            items = new object[]
            {
                new { externalId = a, firstName = "Ann" },
                new { externalId = b, email = "b@example.com" },
                new { externalId = c, email = "broken" },
                new { email = "no-id@example.com" },
            },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadObjectAsync();
        Assert.Equal(1, body["created"]!.GetValue<int>());
        Assert.Equal(1, body["updated"]!.GetValue<int>());
        Assert.Equal(2, body["rejected"]!.GetValue<int>());
        var items = body["items"]!.AsArray();
        Assert.Equal(["updated", "created", "rejected", "rejected"], items.Select(i => i!["status"]!.GetValue<string>()));
        Assert.NotNull(items[2]!["errors"]!["items[2].email"]);
        Assert.NotNull(items[3]!["errors"]!["items[3].externalId"]);
        await AssertNoContactAsync(c);
    }

    [Fact]
    public async Task Bulk_OverTheItemLimit_Returns400()
    {
        var items = Enumerable.Range(0, 1001).Select(i => new { externalId = $"limit-{i}" }).ToList();
        var response = await _client.PostAsJsonAsync("/api/contacts/bulk", new { items });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("items", await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task Search_FindsByEmailFragment_AndPages()
    {
        var marker = Guid.NewGuid().ToString("N")[..10];
        for (var i = 0; i < 3; i++)
        {
            await _client.PutAsJsonAsync($"/api/contacts/{Json.NewId("search")}", new { email = $"{marker}{i}@example.com" });
        }

        var all = await _client.GetFromJsonAsync<List<System.Text.Json.Nodes.JsonObject>>($"/api/contacts?q={marker}&take=10");
        var second = await _client.GetFromJsonAsync<List<System.Text.Json.Nodes.JsonObject>>($"/api/contacts?q={marker}&skip=1&take=1");

        Assert.Equal(3, all!.Count);
        Assert.Equal(all[1]["externalId"]!.GetValue<string>(), Assert.Single(second!)["externalId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_UnknownContact_Returns404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/contacts/{Json.NewId("none")}")).StatusCode);
    }

    private async Task AssertNoContactAsync(string externalId)
    {
        await using var db = factory.CreateDb();
        Assert.False(await db.Contacts.AnyAsync(c => c.ExternalId == externalId));
    }
}
