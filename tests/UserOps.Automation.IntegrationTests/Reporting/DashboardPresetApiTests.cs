using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using UserOps.Automation.IntegrationTests.Access;
using UserOps.Automation.IntegrationTests.Ingestion;

namespace UserOps.Automation.IntegrationTests.Reporting;

/// <summary>Preset ranges are reckoned on the host's clock (a browser's clock may be wrong); the answer says the range it used.</summary>
public sealed class DashboardPresetApiTests : IDisposable
{
    private readonly AccessApiFactory _host = new();

    [Theory]
    [InlineData("24h", "2026-03-01T10:00:00Z", "2026-03-02T10:00:00Z", "hour")]
    [InlineData("7d", "2026-02-24T00:00:00Z", "2026-03-03T00:00:00Z", "day")]
    [InlineData("90d", "2025-12-03T00:00:00Z", "2026-03-03T00:00:00Z", "day")]
    public async Task Preset_EndsWithTheBucketHoldingTheHostsNow(string range, string from, string to, string bucket)
    {
        _host.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero));
        using var client = _host.CreateKeyClient(AccessApiFactory.AdminKey);

        var report = (await client.GetFromJsonAsync<JsonObject>($"/api/dashboard?range={range}", Json.Web))!;

        Assert.Equal((DateTime.Parse(from, null, System.Globalization.DateTimeStyles.AdjustToUniversal), DateTime.Parse(to, null, System.Globalization.DateTimeStyles.AdjustToUniversal), bucket),
            (report["from"]!.GetValue<DateTime>(), report["to"]!.GetValue<DateTime>(), report["bucket"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Preset_Unknown_OrWithFromAndTo_IsAProblemNamingRange()
    {
        using var client = _host.CreateKeyClient(AccessApiFactory.AdminKey);

        foreach (var query in new[] { "range=week", "range=7d&from=2026-01-01T00:00:00Z" })
        {
            var response = await client.GetAsync($"/api/dashboard?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("range", await response.ErrorFieldsAsync());
        }
    }

    public void Dispose() => _host.Dispose();
}
