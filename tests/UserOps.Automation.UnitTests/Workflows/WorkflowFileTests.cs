using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Testing;

namespace UserOps.Automation.UnitTests.Workflows;

/// <summary>The shipped workflows: valid, schema-conformant, and lossless through import and export.</summary>
public sealed class WorkflowFileTests
{
    private static readonly string Folder = RepositoryRoot.Combine("workflows");

    public static TheoryData<string> Files() => new(Directory.GetFiles(Folder, "*.json").Select(Path.GetFileName)!);

    private static JsonSchema Schema { get; } = JsonSchema.FromFile(Path.Combine(Folder, "schema", "workflow.schema.json"));

    [Fact]
    public void ShippedWorkflows_LoadAndValidate_AgainstTheShippedRules()
    {
        var rules = RuleCatalog.Load(RepositoryRoot.Combine("rules"));
        var segments = rules.Rules.Where(r => !r.UsesEvent).Select(r => r.Name).ToHashSet();

        var (definitions, problems) = WorkflowFiles.Load(Folder, new WorkflowReferences(rules, segments));

        Assert.Empty(problems);
        Assert.Equal(4, definitions.Count);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ShippedWorkflow_ConformsToTheSchema(string file)
    {
        var result = Schema.Evaluate(JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, file))).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join(", ", d.Errors!.Values)}")));
    }

    [Fact]
    public void Schema_RejectsAnActivityWithoutItsRequiredInput()
    {
        var json = """{ "definitionId": "x", "name": "x", "root": { "activities": [ { "id": "a", "type": "Delay" } ], "connections": [] } }""";
        Assert.False(Schema.Evaluate(JsonDocument.Parse(json).RootElement).IsValid);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ImportThenExport_IsLossless(string file)
    {
        var original = File.ReadAllText(Path.Combine(Folder, file));

        var exported = WorkflowJson.Write(WorkflowJson.Parse(original));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(original), JsonNode.Parse(exported)), exported);
    }
}
