using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using UserOps.Automation.Core.Segments;
using UserOps.Automation.Host.Operations;
using UserOps.Automation.Infrastructure.Ingestion;
using UserOps.Automation.IntegrationTests.Ingestion;

namespace UserOps.Automation.IntegrationTests.Reporting;

public sealed class OperationApiTests(IngestionApiFactory factory) : IClassFixture<IngestionApiFactory>
{
    private readonly HttpClient _client = factory.CreateAuthorizedClient();

    [Fact]
    public async Task Import_PreferRespondAsync_Returns202_ThenTheOperationEndsWithCountsAndLineErrors()
    {
        var p = Json.NewId("opimp");
        var csv = $"""
            externalId,email
            {p}-1,one@example.com
            {p}-2,not-an-email
            {p}-3,three@example.com
            """;

        var response = await PostCsvAsync($"/api/imports/contacts?name={p}.csv", csv, respondAsync: true);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<OperationView>(Json.Web))!;
        Assert.Equal($"/api/operations/{accepted.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(("contact-import", $"{p}.csv", "tests"), (accepted.Kind, accepted.Subject, accepted.StartedBy));
        Assert.Equal(Encoding.UTF8.GetByteCount(csv), accepted.Total);

        await factory.Services.GetRequiredService<BackgroundOperations>().WhenIdleAsync();
        var done = await GetAsync(accepted.Id);
        Assert.Equal("CompletedWithErrors", done.Status);
        Assert.Equal((accepted.Total, (double?)1.0), ((long?)done.Processed, done.Fraction));
        Assert.Equal((3L, 2L, 1L), (Count(done, "rowsRead"), Count(done, "imported"), Count(done, "rejected")));
        var error = Assert.Single(done.FirstErrors);
        Assert.Equal((3L, "email"), (error.Line, error.Field));
        Assert.NotNull(done.FinishedAt);
    }

    [Fact]
    public async Task Import_Synchronous_AnswersTheResultAsBefore_AndRecordsASucceededOperation()
    {
        var p = Json.NewId("opsync");
        var response = await PostCsvAsync($"/api/imports/contacts?name={p}.csv", $"externalId,email\n{p},a@example.com\n", respondAsync: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<ImportResult>())!.Imported);
        var listed = (await _client.GetFromJsonAsync<List<OperationView>>("/api/operations?kind=contact-import&status=finished&take=200", Json.Web))!;
        var operation = Assert.Single(listed, o => o.Subject == $"{p}.csv");
        Assert.Equal("Succeeded", operation.Status);
        Assert.Equal(1, Count(operation, "imported"));
    }

    [Fact]
    public async Task SegmentRefresh_PreferRespondAsync_Returns202_ThenSucceedsWithTheRefreshCounts()
    {
        var key = Json.NewId("opseg");
        await using (var db = factory.CreateDb())
        {
            db.Segments.Add(new Segment(key, "Everyone active", "active-again", factory.Now));
            await db.SaveChangesAsync();
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/segments/{key}/refresh");
        request.Headers.Add("Prefer", "respond-async");
        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<OperationView>(Json.Web))!;
        Assert.Equal(("segment-refresh", key, "Running"), (accepted.Kind, accepted.Subject, accepted.Status));
        await factory.Services.GetRequiredService<BackgroundOperations>().WhenIdleAsync();
        var done = await GetAsync(accepted.Id);
        Assert.Equal(("Succeeded", 1L, 1L), (done.Status, done.Processed, done.Total));
        Assert.True(done.Counts.ContainsKey("members"));
    }

    [Fact]
    public async Task SegmentRefresh_UnknownSegment_Returns404_AndStartsNoOperation()
    {
        var key = Json.NewId("nosuch");
        var response = await _client.PostAsync($"/api/segments/{key}/refresh", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var listed = (await _client.GetFromJsonAsync<List<OperationView>>("/api/operations?kind=segment-refresh&take=200", Json.Web))!;
        Assert.DoesNotContain(listed, o => o.Subject == key);
    }

    [Fact]
    public async Task Operations_UnknownId_Returns404_AndUnknownStatusFilter_Returns400NamingIt()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/operations/987654321")).StatusCode);
        var response = await _client.GetAsync("/api/operations?status=paused");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("status", await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task Dashboard_AnswersForTheDefaultRange_AndRefusesAnUnknownBucketNamingIt()
    {
        var report = await _client.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/dashboard");
        Assert.Equal("day", report!["bucket"]!.GetValue<string>());
        Assert.Equal(8, report["buckets"]!.AsArray().Count);

        var response = await _client.GetAsync("/api/dashboard?bucket=week");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("bucket", await response.ErrorFieldsAsync());
        var reversed = await _client.GetAsync("/api/dashboard?from=2025-06-02T00:00:00Z&to=2025-06-01T00:00:00Z");
        Assert.Contains("to", await reversed.ErrorFieldsAsync());
    }

    private static long Count(OperationView operation, string name) => operation.Counts[name]!.GetValue<long>();

    private async Task<OperationView> GetAsync(long id) => (await _client.GetFromJsonAsync<OperationView>($"/api/operations/{id}", Json.Web))!;

    private async Task<HttpResponseMessage> PostCsvAsync(string path, string csv, bool respondAsync)
    {
        var content = new StringContent(csv, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (respondAsync)
        {
            request.Headers.Add("Prefer", "respond-async");
        }

        return await _client.SendAsync(request);
    }
}
