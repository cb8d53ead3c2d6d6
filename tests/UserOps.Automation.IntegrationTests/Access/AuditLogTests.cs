using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace UserOps.Automation.IntegrationTests.Access;

/// <summary>Changes are written to the audit log with who, what and the entity before and after; never a secret.</summary>
public sealed class AuditLogTests : IDisposable
{
    private readonly AccessApiFactory _host = new();

    [Fact]
    public async Task Publish_IsAudited_WithTheOperator_AndDraftBefore_PublishedAfter()
    {
        using var publisher = await _host.OperatorAsync("pat", "publisher");
        (await publisher.PostAsJsonAsync("/api/workflows", RoleMatrixTests.Workflow("audited-flow"))).EnsureSuccessStatusCode();
        _host.Time.Advance(TimeSpan.FromMinutes(5));
        (await publisher.PostAsync("/api/workflows/audited-flow/publish", null)).EnsureSuccessStatusCode();
        using var admin = await _host.SignedInAsync("admin", AccessApiFactory.AdminPassword);

        var entries = (await admin.GetFromJsonAsync<JsonArray>("/api/audit?entityType=workflow&entityId=audited-flow"))!;

        Assert.Equal(["publish", "save-draft"], entries!.Select(e => e!["action"]!.GetValue<string>()).ToArray());
        var publish = entries[0]!;
        Assert.Equal(("pat", "operator"), (publish["actor"]!.GetValue<string>(), publish["actorKind"]!.GetValue<string>()));
        Assert.Equal(_host.Time.GetUtcNow().UtcDateTime, publish["at"]!.GetValue<DateTime>());
        Assert.Equal("Draft", publish["before"]!["status"]!.GetValue<string>());
        Assert.Equal("Published", publish["after"]!["status"]!.GetValue<string>());
        Assert.Equal("audited-flow", publish["after"]!["definition"]!["definitionId"]!.GetValue<string>());
        var save = entries[1]!;
        Assert.Null(save["before"]);
        Assert.Equal("seen", save["after"]!["definition"]!["root"]!["activities"]![1]!["addTags"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task TemplateEdit_IsAudited_WithTheCopyBeforeAndAfter()
    {
        using var editor = await _host.OperatorAsync("ed", "editor");
        var request = new { key = "audit-sms", channel = "Sms", locale = "en", isDefaultLocale = true, content = new { smsBody = "Hello {{ contact.first_name }}" } };
        Assert.Equal(HttpStatusCode.Created, (await editor.PostAsJsonAsync("/api/templates", request)).StatusCode);

        var edit = await editor.PutAsJsonAsync("/api/templates/audit-sms/en", new { content = new { smsBody = "Welcome back {{ contact.first_name }}" } });
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        using var admin = _host.CreateKeyClient(AccessApiFactory.AdminKey);

        var entries = (await admin.GetFromJsonAsync<JsonArray>("/api/audit?entityType=template&actor=ed"))!;

        Assert.Equal(["update", "create"], entries!.Select(e => e!["action"]!.GetValue<string>()).ToArray());
        Assert.Equal("audit-sms/en", entries[0]!["entityId"]!.GetValue<string>());
        Assert.Equal("Hello {{ contact.first_name }}", entries[0]!["before"]!["content"]!["smsBody"]!.GetValue<string>());
        Assert.Equal("Welcome back {{ contact.first_name }}", entries[0]!["after"]!["content"]!["smsBody"]!.GetValue<string>());
        Assert.Equal(2, entries[0]!["after"]!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task OperatorAndKeyChanges_AreAudited_WithoutHashesOrSecrets()
    {
        using var admin = await _host.SignedInAsync("admin", AccessApiFactory.AdminPassword);
        (await admin.PostAsJsonAsync("/api/operators", new { userName = "olga", password = "passphrase-for-o1", role = "viewer" })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/operators/olga", new { role = "editor" })).EnsureSuccessStatusCode();
        var oneTime = (await (await admin.PostAsync("/api/operators/olga/reset-password", null)).Content.ReadFromJsonAsync<JsonObject>())!["password"]!.GetValue<string>();
        var created = await (await admin.PostAsJsonAsync("/api/keys", new { name = "etl", role = "editor" })).Content.ReadFromJsonAsync<JsonObject>();
        (await admin.DeleteAsync($"/api/keys/{created!["prefix"]}")).EnsureSuccessStatusCode();

        var log = await admin.GetStringAsync("/api/audit?take=50");
        var entries = JsonNode.Parse(log)!.AsArray();

        Assert.Contains(entries, e => e!["entityId"]!.GetValue<string>() == "olga" && e["action"]!.GetValue<string>() == "update"
            && e["before"]!["role"]!.GetValue<string>() == "viewer" && e["after"]!["role"]!.GetValue<string>() == "editor" && e["actor"]!.GetValue<string>() == "admin");
        Assert.Contains(entries, e => e!["entityType"]!.GetValue<string>() == "apiKey" && e["action"]!.GetValue<string>() == "revoke");
        await using var db = _host.CreateDb();
        var hashes = await db.Operators.Select(o => o.PasswordHash).Concat(db.ApiKeys.Select(k => k.Hash)).ToListAsync();
        Assert.All(hashes, hash => Assert.DoesNotContain(hash, log, StringComparison.Ordinal));
        Assert.DoesNotContain(oneTime, log, StringComparison.Ordinal);
        Assert.DoesNotContain(created["key"]!.GetValue<string>(), log, StringComparison.Ordinal);
        Assert.DoesNotContain("hash", log, StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose() => _host.Dispose();
}
