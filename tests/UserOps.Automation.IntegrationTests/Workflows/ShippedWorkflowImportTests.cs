using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using UserOps.Automation.IntegrationTests.Hosting;

namespace UserOps.Automation.IntegrationTests.Workflows;

/// <summary>The startup import of <c>workflows/</c> (ADR 0016): once per version of a file, so an operator's deletion sticks.</summary>
public sealed class ShippedWorkflowImportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("userops-shipped-").FullName;
    private readonly string _workflows;

    public ShippedWorkflowImportTests()
    {
        _workflows = Directory.CreateDirectory(Path.Combine(_folder, "workflows")).FullName;
    }

    [Fact]
    public async Task DeletedShippedWorkflow_StaysDeletedAfterRestart_UntilItsFileChanges()
    {
        WriteFile("Welcome", indented: true);
        await using (var first = await StartAsync())
        {
            Assert.Equal("Welcome", await NameAsync(first));
            Assert.Equal(HttpStatusCode.NoContent, (await first.Http.DeleteAsync("/api/workflows/shipped-welcome")).StatusCode);
        }

        // Same definition, laid out differently: not a new version, so the deletion stands.
        WriteFile("Welcome", indented: false);
        await using (var second = await StartAsync())
        {
            Assert.Equal(HttpStatusCode.NotFound, (await second.Http.GetAsync("/api/workflows/shipped-welcome")).StatusCode);
        }

        WriteFile("Welcome back", indented: true);
        await using (var third = await StartAsync())
        {
            Assert.Equal("Welcome back", await NameAsync(third));
        }
    }

    [Fact]
    public async Task ChangedShippedFile_DoesNotReplaceTheOperatorsVersions()
    {
        WriteFile("Welcome", indented: true);
        await using (var first = await StartAsync())
        {
            Assert.Equal("Welcome", await NameAsync(first));
        }

        WriteFile("Welcome v2", indented: true);
        await using var second = await StartAsync();
        var versions = (await second.Http.GetFromJsonAsync<JsonArray>("/api/workflows/shipped-welcome"))!;
        Assert.Equal("Welcome", Assert.Single(versions)!["name"]!.GetValue<string>());
    }

    private Task<KeyedHost> StartAsync() => KeyedHost.StartOnAsync(_folder, "shipped", $"--Workflows:Folder={_workflows}");

    /// <summary>The name of the workflow's latest version.</summary>
    private static async Task<string> NameAsync(KeyedHost host) =>
        (await host.Http.GetFromJsonAsync<JsonArray>("/api/workflows/shipped-welcome"))![^1]!["name"]!.GetValue<string>();

    private void WriteFile(string name, bool indented)
    {
        var json = JsonNode.Parse($$"""
            {
              "definitionId": "shipped-welcome", "name": "{{name}}", "version": 1,
              "root": {
                "activities": [ { "id": "t", "type": "ApiTrigger" }, { "id": "a", "type": "UpdateContact", "addTags": ["welcomed"] } ],
                "connections": [ { "source": { "activity": "t", "port": "Done" }, "target": { "activity": "a", "port": "In" } } ]
              }
            }
            """)!;
        File.WriteAllText(Path.Combine(_workflows, "welcome.json"), json.ToJsonString(new() { WriteIndented = indented }));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
