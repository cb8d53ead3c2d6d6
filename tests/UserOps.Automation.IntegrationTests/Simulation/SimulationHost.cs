using System.Net.Http.Json;
using System.Text.Json.Nodes;
using UserOps.Automation.IntegrationTests.Hosting;
using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Simulation;

/// <summary>One keyed host (shipped templates, segments and workflows seeded) shared by the simulation tests of a class.</summary>
public sealed class SimulationHost : IAsyncLifetime
{
    /// <summary>A Monday morning in Paris (CET, +01:00): outside quiet hours, and the next 30 days stay in winter time.</summary>
    public static readonly DateTime Start = new(2027, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    private KeyedHost _host = null!;

    internal KeyedHost Host => _host;

    public HttpClient Http => _host.Http;

    public async Task InitializeAsync() => _host = await KeyedHost.StartAsync("simulation");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static JsonObject Workflow(string file) =>
        JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("workflows", file)))!.AsObject();

    /// <summary>Posts a simulation and returns the answer's JSON (success or problem) with its status.</summary>
    public async Task<(System.Net.HttpStatusCode Status, JsonObject Body)> SimulateAsync(object request)
    {
        using var response = await Http.PostAsJsonAsync("/api/workflows/simulate", request);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>() ?? [];
        return (response.StatusCode, body);
    }

    public static object After(int amount, string unit) => new { amount, unit };
}
