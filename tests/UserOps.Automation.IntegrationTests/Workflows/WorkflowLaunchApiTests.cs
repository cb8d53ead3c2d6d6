using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Operations;
using UserOps.Automation.Host.Operations;
using UserOps.Automation.Host.Workflows;
using UserOps.Automation.IntegrationTests.Access;
using UserOps.Automation.IntegrationTests.Ingestion;

namespace UserOps.Automation.IntegrationTests.Workflows;

/// <summary>"Launch now" of a published blast: publisher only, once per idempotency key, followed as an operation, audited.</summary>
public sealed class WorkflowLaunchApiTests : IDisposable
{
    private readonly AccessApiFactory _host = new();

    [Fact]
    public async Task Preview_NamesTheAudienceAndItsSize_ForTheConfirmation()
    {
        await WorkflowApiScenario.AddAudienceAsync(_host, "launch-preview", 3);
        await WorkflowApiScenario.PublishAsync(_host, WorkflowApiScenario.Blast("preview-blast", "launch-preview"));
        using (var admin = _host.CreateKeyClient(AccessApiFactory.AdminKey))
        {
            (await admin.PostAsync("/api/segments/launch-preview/refresh", null)).EnsureSuccessStatusCode();
        }

        using var viewer = await _host.OperatorAsync("vic", "viewer");
        var preview = await viewer.GetFromJsonAsync<LaunchPreview>("/api/workflows/preview-blast/launch");

        Assert.Equal(("Schedule", "launch-preview", "Audience launch-preview", 3, true),
            (preview!.Trigger, preview.Segment, preview.SegmentName, preview.Members, preview.CanLaunch));
    }

    [Fact]
    public async Task Launch_ByViewerOrEditor_IsForbidden_AndEnrolsNobody()
    {
        await WorkflowApiScenario.AddAudienceAsync(_host, "launch-roles", 2);
        await WorkflowApiScenario.PublishAsync(_host, WorkflowApiScenario.Blast("roles-blast", "launch-roles"));
        using var viewer = await _host.OperatorAsync("vera", "viewer");
        using var editor = await _host.OperatorAsync("ed", "editor");

        Assert.Equal(HttpStatusCode.Forbidden, (await LaunchAsync(viewer, "roles-blast", "k1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await LaunchAsync(editor, "roles-blast", "k1")).StatusCode);

        await using var db = _host.CreateDb();
        Assert.False(await db.Journeys.AnyAsync(j => j.DefinitionId == "roles-blast"));
        Assert.False(await db.Operations.AnyAsync(o => o.Kind == OperationKinds.Blast));
    }

    [Fact]
    public async Task Launch_TwiceWithOneKey_StartsOneOperation_EnrolsTheAudienceOnce_AndIsAudited()
    {
        await WorkflowApiScenario.AddAudienceAsync(_host, "launch-once", 4);
        await WorkflowApiScenario.PublishAsync(_host, WorkflowApiScenario.Blast("once-blast", "launch-once"));
        using var publisher = await _host.OperatorAsync("pat", "publisher");

        var first = await LaunchAsync(publisher, "once-blast", "click-1");
        var second = await LaunchAsync(publisher, "once-blast", "click-1");

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, second.StatusCode));
        var started = (await first.Content.ReadFromJsonAsync<OperationView>(Json.Web))!;
        Assert.Equal(started.Id, (await second.Content.ReadFromJsonAsync<OperationView>(Json.Web))!.Id);
        Assert.Equal(($"/api/operations/{started.Id}", "blast", "pat"), (first.Headers.Location?.OriginalString, started.Kind, started.StartedBy));

        await WorkflowApiScenario.WhenIdleAsync(_host);
        var done = (await publisher.GetFromJsonAsync<OperationView>($"/api/operations/{started.Id}", Json.Web))!;
        Assert.Equal(("Succeeded", "4 contacts enrolled"), (done.Status, done.Message));
        var third = await LaunchAsync(publisher, "once-blast", "click-1");
        Assert.Equal(started.Id, (await third.Content.ReadFromJsonAsync<OperationView>(Json.Web))!.Id);

        // The launch queues the audience as shares (ADR 0010); a sweep runs them, once.
        var engine = (Infrastructure.Journeys.JourneyEngine)_host.Services.GetService(typeof(Infrastructure.Journeys.JourneyEngine))!;
        await engine.SweepAsync("test", TimeSpan.FromMinutes(1), CancellationToken.None);
        await engine.SweepAsync("test", TimeSpan.FromMinutes(1), CancellationToken.None);
        await using var db = _host.CreateDb();
        Assert.Equal(4, await db.Journeys.CountAsync(j => j.DefinitionId == "once-blast"));
        Assert.Equal(1, await db.Operations.CountAsync(o => o.Kind == OperationKinds.Blast));
        var run = Assert.Single(await db.BlastRuns.Where(r => r.DefinitionId == "once-blast").ToListAsync());
        Assert.Equal(("launch:click-1", 4), (run.RunKey, run.Enrolled));
        var audit = Assert.Single(await db.AuditEntries.Where(e => e.EntityId == "once-blast" && e.Action == "launch").ToListAsync());
        Assert.Equal("pat", audit.Actor);
        var after = JsonNode.Parse(audit.After!)!;
        Assert.Equal(("launch-once", started.Id), (after["segment"]!.GetValue<string>(), after["operation"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Launch_WithANewKey_IsANewRun_WhichTheEntryPolicyKeepsRunningJourneysOutOf()
    {
        await WorkflowApiScenario.AddAudienceAsync(_host, "launch-twice", 2);
        await WorkflowApiScenario.PublishAsync(_host, WorkflowApiScenario.Blast("twice-blast", "launch-twice"));
        using var publisher = await _host.OperatorAsync("pam", "publisher");

        var a = (await (await LaunchAsync(publisher, "twice-blast", "a")).Content.ReadFromJsonAsync<OperationView>(Json.Web))!;
        await WorkflowApiScenario.WhenIdleAsync(_host);
        var b = (await (await LaunchAsync(publisher, "twice-blast", "b")).Content.ReadFromJsonAsync<OperationView>(Json.Web))!;
        await WorkflowApiScenario.WhenIdleAsync(_host);

        Assert.NotEqual(a.Id, b.Id);
        await using var db = _host.CreateDb();
        Assert.Equal(["launch:a", "launch:b"], await db.BlastRuns.Where(r => r.DefinitionId == "twice-blast").OrderBy(r => r.RunKey).Select(r => r.RunKey).ToListAsync());
    }

    [Fact]
    public async Task Launch_OfAnApiTriggeredWorkflow_Is409_AndItsSegmentCanBeEnrolledInstead()
    {
        await WorkflowApiScenario.AddAudienceAsync(_host, "enrol-seg", 3);
        await WorkflowApiScenario.PublishAsync(_host, JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(RoleMatrixTests.Workflow("api-flow")))!);
        using var publisher = await _host.OperatorAsync("pia", "publisher");
        using (var admin = _host.CreateKeyClient(AccessApiFactory.AdminKey))
        {
            (await admin.PostAsync("/api/segments/enrol-seg/refresh", null)).EnsureSuccessStatusCode();
        }

        var launch = await LaunchAsync(publisher, "api-flow", "x");
        Assert.Equal(HttpStatusCode.Conflict, launch.StatusCode);
        Assert.Contains("Schedule", (await launch.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var enrol = await publisher.PostAsJsonAsync("/api/workflows/api-flow/enrol", new { segment = "enrol-seg", requestId = "console-1" });
        var again = await publisher.PostAsJsonAsync("/api/workflows/api-flow/enrol", new { segment = "enrol-seg", requestId = "console-1" });

        Assert.Equal(3, (await enrol.Content.ReadFromJsonAsync<EnrolResult>())!.SegmentEnrolled);
        Assert.Equal(0, (await again.Content.ReadFromJsonAsync<EnrolResult>())!.SegmentEnrolled);
        var unknown = await publisher.PostAsJsonAsync("/api/workflows/api-flow/enrol", new { segment = "no-such-segment" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    public void Dispose() => _host.Dispose();

    private static Task<HttpResponseMessage> LaunchAsync(HttpClient client, string workflow, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/workflows/{workflow}/launch");
        request.Headers.Add(WorkflowLaunchEndpoints.IdempotencyKeyHeader, key);
        return client.SendAsync(request);
    }
}
