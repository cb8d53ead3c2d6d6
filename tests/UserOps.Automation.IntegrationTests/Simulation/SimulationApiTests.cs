using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using UserOps.Automation.IntegrationTests.Access;

namespace UserOps.Automation.IntegrationTests.Simulation;

/// <summary>Who may simulate and estimate, and the problem details for bad requests.</summary>
public sealed class SimulationApiTests(SimulationHost host) : IClassFixture<SimulationHost>
{
    private static object Recall(object contact) =>
        new { definition = SimulationHost.Workflow("inactivity-recall.json"), contact, startAt = SimulationHost.Start };

    [Fact]
    public async Task Viewer_MaySimulateAndEstimate_AnonymousMayNot()
    {
        using var factory = new AccessApiFactory();
        using var viewer = await factory.OperatorAsync("vera", "viewer");
        using var anonymous = factory.CreateConsoleClient();

        Assert.Equal(HttpStatusCode.OK, (await viewer.PostAsJsonAsync("/api/workflows/simulate", Recall(new { daysSinceLastActive = 7 }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.PostAsJsonAsync("/api/workflows/audience", new { segment = "inactive-7d" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/workflows/simulate", Recall(new { daysSinceLastActive = 7 }))).StatusCode);
    }

    [Fact]
    public async Task InvalidDefinition_IsAProblemListingTheValidatorsProblemsWithActivityIds()
    {
        var definition = SimulationHost.Workflow("inactivity-recall.json");
        definition["root"]!["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "sms-15d")!["template"] = "no-such-template";

        var (status, problem) = await host.SimulateAsync(new { definition, contact = new { daysSinceLastActive = 7 } });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var problems = problem["problems"]!.AsArray();
        Assert.Contains(problems, p => p!["activityId"]?.GetValue<string>() == "sms-15d" && p["message"]!.GetValue<string>().Contains("no-such-template", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MissingOrMalformedDefinition_IsAProblemOnTheDefinitionField()
    {
        var (missing, body) = await host.SimulateAsync(new { contact = new { daysSinceLastActive = 7 } });
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.NotNull(body["errors"]!["definition"]);

        var (malformed, bad) = await host.SimulateAsync(new { definition = new { definitionId = "x", root = new { activities = "not a list" } } });
        Assert.Equal(HttpStatusCode.BadRequest, malformed);
        Assert.NotNull(bad["errors"]!["definition"]);
    }

    [Fact]
    public async Task UnknownContact_IsAProblemNamingIt()
    {
        var (status, problem) = await host.SimulateAsync(new { definition = SimulationHost.Workflow("inactivity-recall.json"), contactExternalId = "nobody-here" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("nobody-here", problem["errors"]!["contact.externalId"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FactsThatDoNotHoldTogether_AreProblemsByField()
    {
        var (status, problem) = await host.SimulateAsync(Recall(new { daysSinceLastActive = 40, purchases = 1, daysSinceLastPurchase = 10, timeZone = "Mars/Olympus" }));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = problem["errors"]!.AsObject();
        Assert.Contains("purchase is activity", errors["contact.daysSinceLastActive"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(errors["contact.timeZone"]);
    }

    [Fact]
    public async Task BadEventsAndWaits_AreProblemsNamingTheirPlace()
    {
        var (status, problem) = await host.SimulateAsync(new
        {
            definition = SimulationHost.Workflow("inactivity-recall.json"),
            contact = new { daysSinceLastActive = 7 },
            events = new object[] { new { name = "visit", after = new { amount = 2, unit = "fortnights" } } },
            waits = new Dictionary<string, string> { ["push-7d"] = "Received" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = problem["errors"]!.AsObject();
        Assert.Contains("fortnights", errors["events[0].after"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(errors["waits.push-7d"]);
    }
}
