using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace UserOps.Automation.IntegrationTests.Ingestion;

internal static class Json
{
    public static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonObject> ReadObjectAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>The <c>errors</c> of a validation problem.</summary>
    public static async Task<IReadOnlyCollection<string>> ErrorFieldsAsync(this HttpResponseMessage response)
    {
        var body = await response.ReadObjectAsync();
        return body["errors"]!.AsObject().Select(e => e.Key).ToList();
    }

    public static JsonSerializerOptions Web { get; } = new(JsonSerializerDefaults.Web);
}
