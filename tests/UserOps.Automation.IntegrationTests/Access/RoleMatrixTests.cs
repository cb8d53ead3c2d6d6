using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace UserOps.Automation.IntegrationTests.Access;

/// <summary>What each role may do, for operators and for API keys; 401 and 403 as problem details.</summary>
public sealed class RoleMatrixTests : IDisposable
{
    private readonly AccessApiFactory _host = new();

    internal static object Workflow(string id) => JsonNode.Parse($$"""
        {
          "definitionId": "{{id}}", "name": "{{id}}", "version": 1,
          "root": {
            "activities": [
              { "id": "t", "type": "ApiTrigger" },
              { "id": "a", "type": "UpdateContact", "addTags": ["seen"] }
            ],
            "connections": [ { "source": { "activity": "t", "port": "Done" }, "target": { "activity": "a", "port": "In" } } ]
          }
        }
        """)!;

    [Fact]
    public async Task Viewer_Reads_ButCannotSaveOrPublish()
    {
        using var viewer = await _host.OperatorAsync("vera", "viewer");
        using var editor = await _host.OperatorAsync("ed", "editor");
        (await editor.PostAsJsonAsync("/api/workflows", Workflow("viewer-flow"))).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/workflows/viewer-flow")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.PostAsJsonAsync("/api/workflows/validate", Workflow("viewer-flow"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/workflows", Workflow("viewer-flow"))).StatusCode);
        var publish = await viewer.PostAsync("/api/workflows/viewer-flow/publish", null);

        Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
        Assert.Equal("application/problem+json", publish.Content.Headers.ContentType?.MediaType);
        Assert.Contains("publisher", (await publish.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editor_SavesADraft_ButOnlyAPublisherPublishes()
    {
        using var editor = await _host.OperatorAsync("ed", "editor");
        using var publisher = await _host.OperatorAsync("pat", "publisher");

        Assert.Equal(HttpStatusCode.OK, (await editor.PostAsJsonAsync("/api/workflows", Workflow("editor-flow"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.PostAsync("/api/workflows/editor-flow/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync("/api/audit")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await publisher.PostAsync("/api/workflows/editor-flow/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await publisher.GetAsync("/api/operators")).StatusCode);
    }

    [Fact]
    public async Task ApiKeys_ActWithTheirRole()
    {
        using var viewerKey = _host.CreateKeyClient(await _host.CreateKeyAsync("dashboard", "viewer"));
        using var editorKey = _host.CreateKeyClient(await _host.CreateKeyAsync("pipeline", "editor"));
        using var adminKey = _host.CreateKeyClient(AccessApiFactory.AdminKey);
        var contact = new { email = "key-role@example.com" };

        Assert.Equal(HttpStatusCode.OK, (await viewerKey.GetAsync("/api/segments")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewerKey.PutAsJsonAsync("/api/contacts/key-role", contact)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewerKey.PostAsJsonAsync("/v1/track", new { userId = "key-role", @event = "visit" })).StatusCode);
        Assert.True((await editorKey.PutAsJsonAsync("/api/contacts/key-role", contact)).IsSuccessStatusCode);
        Assert.True((await editorKey.PostAsJsonAsync("/v1/track", new { userId = "key-role", @event = "visit" })).IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.OK, (await editorKey.PostAsJsonAsync("/api/workflows", Workflow("key-flow"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editorKey.PostAsync("/api/workflows/key-flow/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editorKey.GetAsync("/api/keys")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await adminKey.PostAsync("/api/workflows/key-flow/publish", null)).StatusCode);
        var me = await editorKey.GetFromJsonAsync<JsonObject>("/api/auth/me");
        Assert.Equal(("pipeline", "editor"), (me!["userName"]!.GetValue<string>(), me["role"]!.GetValue<string>()));
    }

    [Fact]
    public async Task NoCredentials_Is401_AndABadKeyToo_AsProblemDetails()
    {
        using var anonymous = _host.CreateConsoleClient();
        using var badKey = _host.CreateKeyClient("not-a-key-at-all");

        var none = await anonymous.GetAsync("/api/workflows");
        var bad = await badKey.GetAsync("/api/workflows");

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (none.StatusCode, bad.StatusCode));
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/audit")).StatusCode);
    }

    [Fact]
    public async Task Admin_SeesOperators_AndKeys_WithoutAnySecret()
    {
        using var admin = await _host.SignedInAsync("admin", AccessApiFactory.AdminPassword);
        var secret = await _host.CreateKeyAsync("reporting", "viewer");

        var operators = await admin.GetStringAsync("/api/operators");
        var keys = await admin.GetStringAsync("/api/keys");

        Assert.Contains("\"admin\"", operators, StringComparison.Ordinal);
        Assert.DoesNotContain("hash", operators, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"reporting\"", keys, StringComparison.Ordinal);
        Assert.Contains("\"viewer\"", keys, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, keys, StringComparison.Ordinal);
    }

    public void Dispose() => _host.Dispose();
}
