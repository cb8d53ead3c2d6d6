using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Infrastructure.Ingestion;

namespace UserOps.Automation.IntegrationTests.Ingestion;

public sealed class CsvImportTests(IngestionApiFactory factory) : IClassFixture<IngestionApiFactory>
{
    // The 50,000-row import takes a while on a busy shared machine; the test asserts the outcome, not the time.
    private readonly HttpClient _client = WithoutTimeout(factory.CreateAuthorizedClient());

    [Fact]
    public async Task Contacts_GoodRowsAreImported_BadRowsAreReportedWithTheirLines()
    {
        var p = Json.NewId("csv");
        var csv = $""""
            externalId,email,phone,firstName,timeZone,tags,consentEmail,attr_plan
            {p}-1,one@example.com,+8613800138000,One,Asia/Shanghai,vip|beta,yes,gold
            {p}-2,not-an-email,,Two,,,,
            {p}-3,three@example.com,,"Three, the ""third""",,,no,
            ,missing@example.com,,,,,,
            {p}-5,five@example.com,,Five,Moon/Base,,,
            {p}-6,six@example.com,,Six,,,maybe,
            {p}-7,seven@example.com,12,Seven,,,,
            """";

        var result = await ImportAsync("contacts", csv);

        Assert.Equal((7L, 2L, 5L), (result.RowsRead, result.Imported, result.Rejected));
        Assert.Equal(
            [(3L, "email"), (5L, "externalId"), (6L, "timeZone"), (7L, "consentEmail"), (8L, "phone")],
            result.Errors.Select(e => (e.Line, e.Field)));
        await using var db = factory.CreateDb();
        var imported = await db.Contacts.Where(c => c.ExternalId.StartsWith(p)).OrderBy(c => c.ExternalId).ToListAsync();
        Assert.Equal([$"{p}-1", $"{p}-3"], imported.Select(c => c.ExternalId));
        Assert.Equal(["vip", "beta"], imported[0].Tags);
        Assert.True(imported[0].Consent.Email);
        Assert.Equal("gold", imported[0].Attributes["plan"]!.GetValue<string>());
        Assert.Equal("Three, the \"third\"", imported[1].FirstName);
    }

    [Fact]
    public async Task Events_BadTimestampOrAmount_IsRejected_GoodRowsUpdateFacts()
    {
        var p = Json.NewId("csvev");
        var csv = $"""
            externalId,name,timestamp,amount,currency,category,messageId,prop_sku
            {p},purchase,2025-05-20T10:00:00Z,19.90,CNY,phones,{p}-m1,P-1
            {p},purchase,yesterday,5,CNY,,{p}-m2,
            {p},purchase,2025-05-21T10:00:00Z,abc,CNY,,{p}-m3,
            {p},purchase,2025-05-20T10:00:00Z,19.90,CNY,phones,{p}-m1,P-1
            {p},visit,2025-05-22T10:00:00Z,,,,,
            """;

        var result = await ImportAsync("events", csv);

        Assert.Equal((5L, 2L, 1L, 2L), (result.RowsRead, result.Imported, result.Duplicates, result.Rejected));
        Assert.Equal([(3L, "timestamp"), (4L, "amount")], result.Errors.Select(e => (e.Line, e.Field)));
        await using var db = factory.CreateDb();
        var contact = await db.Contacts.Include(c => c.Interests).SingleAsync(c => c.ExternalId == p);
        Assert.Equal((1, 1990L, 1), (contact.PurchaseCount, contact.TotalSpendMinor, contact.VisitCount));
        Assert.Equal(new DateTime(2025, 5, 22, 10, 0, 0, DateTimeKind.Utc), contact.LastActiveAt);
        Assert.Equal("phones", Assert.Single(contact.Interests).Category);
        var purchase = await db.Events.SingleAsync(e => e.MessageId == p + "-m1");
        Assert.Equal("P-1", purchase.Properties["sku"]!.GetValue<string>());
    }

    [Fact]
    public async Task Import_WithoutCsvContentType_Returns415()
    {
        var response = await _client.PostAsync("/api/imports/contacts", Json.Body("{}"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Contacts_FiftyThousandRows_StreamThrough()
    {
        const int rows = 50_000;
        var p = Json.NewId("big");
        var file = Path.GetTempFileName();
        try
        {
            await using (var writer = new StreamWriter(file, append: false, Encoding.UTF8))
            {
                await writer.WriteLineAsync("externalId,email,firstName,country,consentEmail");
                for (var i = 0; i < rows; i++)
                {
                    await writer.WriteLineAsync($"{p}-{i},user{i}@example.com,User{i},CN,{(i % 2 == 0 ? "true" : "false")}");
                }
            }

            await using var stream = File.OpenRead(file);
            var result = await ImportAsync("contacts", stream);

            Assert.Equal((50_000L, 50_000L, 0L), (result.RowsRead, result.Imported, result.Rejected));
            await using var db = factory.CreateDb();
            Assert.Equal(rows, await db.Contacts.CountAsync(c => c.ExternalId.StartsWith(p + "-")));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static HttpClient WithoutTimeout(HttpClient client)
    {
        client.Timeout = Timeout.InfiniteTimeSpan;
        return client;
    }

    private Task<ImportResult> ImportAsync(string kind, string csv) => ImportAsync(kind, new MemoryStream(Encoding.UTF8.GetBytes(csv)));

    private async Task<ImportResult> ImportAsync(string kind, Stream csv)
    {
        // Sent chunked, as a large upload would be: the server must stream it, not rely on a length.
        var content = new StreamContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/imports/{kind}") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ImportResult>())!;
    }
}
