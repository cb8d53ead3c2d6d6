using System.Text.Json;

namespace UserOps.Automation.Core.Workflows;

/// <summary>Loads and validates every workflow in <c>workflows/</c> (templates live in its <c>templates/</c> subfolder and are not read here).</summary>
public static class WorkflowFiles
{
    public static (IReadOnlyList<WorkflowDefinition> Definitions, IReadOnlyList<string> Problems) Load(string folder, WorkflowReferences references)
    {
        var definitions = new List<WorkflowDefinition>();
        var problems = new List<string>();
        if (!Directory.Exists(folder))
        {
            problems.Add($"{folder}: the workflows folder does not exist");
            return (definitions, problems);
        }

        var root = Path.GetDirectoryName(Path.GetFullPath(folder))!;
        foreach (var path in Directory.EnumerateFiles(folder, "*.json", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal))
        {
            var file = Path.GetRelativePath(root, path).Replace('\\', '/');
            WorkflowDefinition definition;
            try
            {
                definition = WorkflowJson.Parse(File.ReadAllText(path));
            }
            catch (JsonException e)
            {
                problems.Add($"{file}: invalid workflow JSON: {WorkflowJson.Describe(e)}");
                continue;
            }

            var found = WorkflowValidator.Validate(definition, references);
            problems.AddRange(found.Select(p => $"{file}: {p}"));
            if (definitions.Any(d => d.DefinitionId == definition.DefinitionId))
            {
                problems.Add($"{file}: definitionId '{definition.DefinitionId}' is used by another file");
            }

            if (found.Count == 0)
            {
                definitions.Add(definition);
            }
        }

        return (definitions, problems);
    }
}
