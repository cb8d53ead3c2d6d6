using System.Text.Json;
using RulesEngine.Models;
using RuleSet = RulesEngine.Models.Workflow;

namespace UserOps.Automation.Core.Rules;

/// <summary>
/// Every rule in <c>rules/</c>, compiled once. Loading is all or nothing: a single bad file makes
/// <see cref="Load"/> throw with every problem found, so a host never runs half of an operator's rules.
/// Rule names are unique across files, so workflows and segments name a rule alone.
/// </summary>
public sealed class RuleCatalog
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly Dictionary<string, CompiledRule> _rules;

    private RuleCatalog(Dictionary<string, CompiledRule> rules, IReadOnlyList<RuleSet> ruleSets)
    {
        _rules = rules;
        RuleSets = ruleSets;
    }

    public static RuleCatalog Empty { get; } = new(new Dictionary<string, CompiledRule>(StringComparer.Ordinal), []);

    public IReadOnlyCollection<CompiledRule> Rules => _rules.Values;

    /// <summary>The rule sets as RulesEngine reads them (the benchmark's naive path feeds them to RulesEngine itself).</summary>
    public IReadOnlyList<RuleSet> RuleSets { get; }

    public CompiledRule? Find(string name) => _rules.GetValueOrDefault(name);

    public CompiledRule Get(string name) =>
        Find(name) ?? throw new KeyNotFoundException($"There is no rule named '{name}'.");

    /// <summary>Loads every <c>*.json</c> file of <paramref name="folder"/>; throws <see cref="RuleValidationException"/> listing every problem.</summary>
    public static RuleCatalog Load(string folder)
    {
        var (catalog, problems) = TryLoad(folder);
        return problems.Count > 0 ? throw new RuleValidationException(problems) : catalog;
    }

    /// <summary>Loads what it can and reports every problem (the <c>validate</c> command prints them all).</summary>
    public static (RuleCatalog Catalog, IReadOnlyList<RuleProblem> Problems) TryLoad(string folder)
    {
        var problems = new List<RuleProblem>();
        var rules = new Dictionary<string, CompiledRule>(StringComparer.Ordinal);
        var ruleSets = new List<RuleSet>();
        if (!Directory.Exists(folder))
        {
            problems.Add(new RuleProblem(folder, null, "the rules folder does not exist"));
            return (Empty, problems);
        }

        foreach (var path in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var file = Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(folder))!, path).Replace('\\', '/');
            foreach (var ruleSet in ReadFile(path, file, problems))
            {
                ruleSets.Add(ruleSet);
                foreach (var rule in CompileRuleSet(ruleSet, file, problems))
                {
                    if (!rules.TryAdd(rule.Name, rule))
                    {
                        problems.Add(new RuleProblem(file, rule.Name, $"a rule of this name is already defined in {rules[rule.Name].Source.File}; rule names must be unique"));
                    }
                }
            }
        }

        return (new RuleCatalog(rules, ruleSets), problems);
    }

    /// <summary>Compiles an expression that is not saved yet (rule editor, size estimate), with the parameters of an existing rule set.</summary>
    public static CompiledRule CompileDraft(string expression, IReadOnlyList<KeyValuePair<string, string>>? parameters = null) =>
        RuleCompiler.Compile(new RuleSource("(draft)", "(draft)", "(draft)", expression, null), parameters ?? []);

    private static List<RuleSet> ReadFile(string path, string file, List<RuleProblem> problems)
    {
        try
        {
            var text = File.ReadAllText(path);
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return document.RootElement.ValueKind switch
            {
                JsonValueKind.Array => document.RootElement.Deserialize<List<RuleSet>>(Json) ?? [],
                JsonValueKind.Object => [document.RootElement.Deserialize<RuleSet>(Json)!],
                _ => Fail("the file must hold a rule set object or an array of rule sets"),
            };
        }
        catch (JsonException e)
        {
            return Fail($"invalid JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}: {FirstSentence(e.Message)}");
        }

        List<RuleSet> Fail(string message)
        {
            problems.Add(new RuleProblem(file, null, message));
            return [];
        }
    }

    private static IEnumerable<CompiledRule> CompileRuleSet(RuleSet ruleSet, string file, List<RuleProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(ruleSet.WorkflowName))
        {
            problems.Add(new RuleProblem(file, null, "a rule set has no WorkflowName"));
            yield break;
        }

        var rules = ruleSet.Rules?.ToList() ?? [];
        if (rules.Count == 0)
        {
            problems.Add(new RuleProblem(file, null, $"rule set '{ruleSet.WorkflowName}' has no rules"));
        }

        var globals = (ruleSet.GlobalParams ?? []).Select(p => KeyValuePair.Create(p.Name, p.Expression)).ToList();
        foreach (var rule in rules)
        {
            var compiled = CompileRule(ruleSet.WorkflowName, rule, globals, file, problems);
            if (compiled is not null)
            {
                yield return compiled;
            }
        }
    }

    private static CompiledRule? CompileRule(string ruleSetName, Rule rule, List<KeyValuePair<string, string>> globals, string file, List<RuleProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(rule.RuleName))
        {
            problems.Add(new RuleProblem(file, null, $"a rule of rule set '{ruleSetName}' has no RuleName"));
            return null;
        }

        if (rule.Rules?.Any() == true)
        {
            problems.Add(new RuleProblem(file, rule.RuleName, "nested rules are not supported: write the condition as one expression with AND / OR"));
            return null;
        }

        if (rule.RuleExpressionType != RuleExpressionType.LambdaExpression)
        {
            problems.Add(new RuleProblem(file, rule.RuleName, $"RuleExpressionType '{rule.RuleExpressionType}' is not supported; use LambdaExpression"));
            return null;
        }

        if (!rule.Enabled)
        {
            return null;
        }

        var properties = rule.Properties ?? [];
        var description = properties.GetValueOrDefault("description")?.ToString();
        var title = properties.GetValueOrDefault("title")?.ToString();
        var offersSegment = !string.Equals(properties.GetValueOrDefault("segment")?.ToString(), "false", StringComparison.OrdinalIgnoreCase);
        var source = new RuleSource(file, ruleSetName, rule.RuleName, rule.Expression ?? string.Empty, description, title, offersSegment);
        var parameters = globals.Concat((rule.LocalParams ?? []).Select(p => KeyValuePair.Create(p.Name, p.Expression))).ToList();
        try
        {
            return RuleCompiler.Compile(source, parameters);
        }
        catch (RuleValidationException e)
        {
            problems.AddRange(e.Problems);
            return null;
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
