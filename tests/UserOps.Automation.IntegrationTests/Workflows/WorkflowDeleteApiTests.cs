using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Host.Workflows;
using UserOps.Automation.IntegrationTests.Access;

namespace UserOps.Automation.IntegrationTests.Workflows;

/// <summary>Deleting workflows: editors delete drafts, publishers published ones, nobody one with running journeys; audited with the before state.</summary>
public sealed class WorkflowDeleteApiTests : IDisposable
{
    private readonly AccessApiFactory _host = new();

    [Fact]
    public async Task Editor_DeletesANeverPublishedDraft_AndTheAuditKeepsItsDefinition()
    {
        using var editor = await _host.OperatorAsync("ed", "editor");
        (await editor.PostAsJsonAsync("/api/workflows", RoleMatrixTests.Workflow("draft-only"))).EnsureSuccessStatusCode();

        var deleted = await editor.DeleteAsync("/api/workflows/draft-only");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync("/api/workflows/draft-only")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.DeleteAsync("/api/workflows/draft-only")).StatusCode);
        await using var db = _host.CreateDb();
        var entry = Assert.Single(await db.AuditEntries.Where(e => e.EntityId == "draft-only" && e.Action == "delete").ToListAsync());
        Assert.Equal(("ed", null), (entry.Actor, entry.After));
        var before = JsonNode.Parse(entry.Before!)!.AsArray();
        Assert.Equal("Draft", Assert.Single(before)!["status"]!.GetValue<string>());
        Assert.Equal("UpdateContact", before[0]!["definition"]!["root"]!["activities"]![1]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Viewer_CannotDelete_AndEditorCannotDeleteAPublishedWorkflow()
    {
        using var viewer = await _host.OperatorAsync("vera", "viewer");
        using var editor = await _host.OperatorAsync("ed", "editor");
        (await editor.PostAsJsonAsync("/api/workflows", RoleMatrixTests.Workflow("kept"))).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.DeleteAsync("/api/workflows/kept")).StatusCode);

        await WorkflowApiScenario.PublishAsync(_host, JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(RoleMatrixTests.Workflow("kept")))!);
        var refused = await editor.DeleteAsync("/api/workflows/kept");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("publisher", (await refused.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await using var db = _host.CreateDb();
        Assert.True(await db.WorkflowVersions.AnyAsync(v => v.DefinitionId == "kept"));
    }

    [Fact]
    public async Task Delete_WithRunningJourneys_Is409NamingTheCount_ThenAfterTheyEndThePublisherDeletesIt()
    {
        await WorkflowApiScenario.AddAudienceAsync(_host, "delete-aud", 3);
        await WorkflowApiScenario.PublishAsync(_host, WorkflowApiScenario.Blast("busy-blast", "delete-aud"));
        using var publisher = await _host.OperatorAsync("pat", "publisher");
        var launch = new HttpRequestMessage(HttpMethod.Post, "/api/workflows/busy-blast/launch");
        launch.Headers.Add(WorkflowLaunchEndpoints.IdempotencyKeyHeader, "go");
        (await publisher.SendAsync(launch)).EnsureSuccessStatusCode();
        await WorkflowApiScenario.WhenIdleAsync(_host);

        var refused = await publisher.DeleteAsync("/api/workflows/busy-blast");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = (await refused.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(3, problem["runningJourneys"]!.GetValue<int>());
        Assert.Contains("3 running journeys", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        (await publisher.PostAsync("/api/workflows/busy-blast/retire", null)).EnsureSuccessStatusCode();
        var engine = _host.Services.GetService(typeof(Infrastructure.Journeys.JourneyEngine)) as Infrastructure.Journeys.JourneyEngine;
        await engine!.SweepAsync("test", TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Equal(HttpStatusCode.NoContent, (await publisher.DeleteAsync("/api/workflows/busy-blast")).StatusCode);
        await using var db = _host.CreateDb();
        Assert.False(await db.WorkflowVersions.AnyAsync(v => v.DefinitionId == "busy-blast"));
        Assert.False(await db.Journeys.AnyAsync(j => j.DefinitionId == "busy-blast"));
        Assert.False(await db.BlastRuns.AnyAsync(r => r.DefinitionId == "busy-blast"));
        var audience = await db.Contacts.AsNoTracking().Where(c => c.ExternalId.StartsWith("delete-aud-")).ToListAsync();
        Assert.All(audience, c => Assert.Contains("launched", c.Tags));
    }

    [Fact]
    public async Task CommandLine_DeletesLikeTheApi_RefusingWhileJourneysRun()
    {
        await WorkflowApiScenario.AddAudienceAsync(_host, "cli-aud", 2);
        await WorkflowApiScenario.PublishAsync(_host, WorkflowApiScenario.Blast("cli-blast", "cli-aud"));
        using var publisher = await _host.OperatorAsync("pat", "publisher");
        var launch = new HttpRequestMessage(HttpMethod.Post, "/api/workflows/cli-blast/launch");
        launch.Headers.Add(WorkflowLaunchEndpoints.IdempotencyKeyHeader, "go");
        (await publisher.SendAsync(launch)).EnsureSuccessStatusCode();
        await WorkflowApiScenario.WhenIdleAsync(_host);

        await using var db = _host.CreateDb();
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(1, await WorkflowCommand.RunAsync(["delete", "cli-blast"], db, output, error));
        Assert.Contains("2 running journeys", error.ToString(), StringComparison.Ordinal);

        // The blast's journeys are queued shares until a sweep runs them (ADR 0010); once they have ended, it may go.
        var engine = (Infrastructure.Journeys.JourneyEngine)_host.Services.GetService(typeof(Infrastructure.Journeys.JourneyEngine))!;
        await engine.SweepAsync("test", TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Equal(0, await WorkflowCommand.RunAsync(["delete", "cli-blast"], db, output, error));
        Assert.Contains("deleted cli-blast: 1 versions", output.ToString(), StringComparison.Ordinal);
        var entry = Assert.Single(await db.AuditEntries.Where(e => e.EntityId == "cli-blast" && e.Action == "delete").ToListAsync());
        Assert.Equal("command-line", entry.Actor);
    }

    public void Dispose() => _host.Dispose();
}
