using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Hosting;

/// <summary>The host refuses to start on invalid operator files; the CLI reports them; keys and journey history by API.</summary>
public sealed class HostStartupTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("userops-startup-").FullName;

    [Fact]
    public void Host_RefusesToStart_OnAnInvalidRulesFolder()
    {
        var rules = Directory.CreateDirectory(Path.Combine(_folder, "rules")).FullName;
        File.WriteAllText(Path.Combine(rules, "bad.json"), """{ "WorkflowName": "bad", "Rules": [ { "RuleName": "oops", "Expression": "contact.NoSuchFact > 1" } ] }""");

        var e = Assert.Throws<RuleValidationException>(() => AutomationHost.Build(Args($"--Rules:Folder={rules}")));

        Assert.Contains("bad.json: oops:", e.Message, StringComparison.Ordinal);
        Assert.Contains("NoSuchFact", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_RefusesToStart_OnAnInvalidWorkflowFile()
    {
        var workflows = Directory.CreateDirectory(Path.Combine(_folder, "workflows")).FullName;
        File.WriteAllText(Path.Combine(workflows, "broken.json"),
            """{ "definitionId": "broken", "name": "b", "root": { "activities": [ { "id": "t", "type": "ApiTrigger" }, { "id": "d", "type": "Delay" } ], "connections": [ { "source": { "activity": "t", "port": "Done" }, "target": { "activity": "d", "port": "In" } } ] } }""");

        var e = Assert.Throws<InvalidOperationException>(() => AutomationHost.Build(Args($"--Workflows:Folder={workflows}")));

        Assert.Contains("broken.json: d: 'duration' is required", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateCommand_ExitsNonZero_WithFileRuleMessageLines()
    {
        var rules = Directory.CreateDirectory(Path.Combine(_folder, "rules")).FullName;
        File.WriteAllText(Path.Combine(rules, "syntax.json"), """{ "WorkflowName": "s", "Rules": [ { "RuleName": "broken", "Expression": "contact.DaysSinceLastActive >=" } ] }""");
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(1, await CommandLine.RunAsync(["validate", "--rules", rules, "--workflows", RepositoryRoot.Combine("workflows")]));
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.StartsWith("rules/syntax.json: broken: expression:", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await CommandLine.RunAsync(["validate", "--rules", RepositoryRoot.Combine("rules"), "--workflows", RepositoryRoot.Combine("workflows")]));
    }

    [Fact]
    public async Task Keys_AreCreatedOnceShown_AndRevoked_ByApi()
    {
        await using var app = AutomationHost.Build(Args("--urls=http://127.0.0.1:0"));
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync("/api/keys", new { name = "x" })).StatusCode);

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "startup-test-key");
        var created = await (await http.PostAsJsonAsync("/api/keys", new { name = "pipeline", role = "admin" })).Content.ReadFromJsonAsync<JsonElement>();
        var secret = created.GetProperty("key").GetString()!;
        var prefix = created.GetProperty("prefix").GetString()!;

        using var second = new HttpClient { BaseAddress = http.BaseAddress };
        second.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/keys")).StatusCode);
        Assert.DoesNotContain(secret, await second.GetStringAsync("/api/keys"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync($"/api/keys/{prefix}")).StatusCode);
        await app.StopAsync();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string[] Args(params string[] extra) =>
    [
        $"--Database:ConnectionString=Data Source={Path.Combine(_folder, "t.db")}",
        "--Access:CreateFirstKey=false",
        "--Access:WriteKeys:0:Name=test",
        "--Access:WriteKeys:0:Key=startup-test-key",
        "--Demo:Seed=false",
        "--Quartz:Enabled=false",
        .. extra,
    ];
}
