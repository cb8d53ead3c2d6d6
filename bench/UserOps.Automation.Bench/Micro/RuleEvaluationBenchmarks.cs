using BenchmarkDotNet.Attributes;
using RulesEngine.Models;
using UserOps.Automation.Bench.Data;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Rules;
using RuleSet = RulesEngine.Models.Workflow;

namespace UserOps.Automation.Bench.Micro;

/// <summary>
/// Per contact: the shipped <c>inactivity</c> rule set (4 rules) through Microsoft RulesEngine's
/// <c>ExecuteAllRulesAsync</c> (baseline) against the same 4 rules compiled once to delegates (<see cref="CompiledRule"/>),
/// and against the one rule a segment actually needs.
/// </summary>
[MemoryDiagnoser]
public class RuleEvaluationBenchmarks
{
    private const int Contacts = 1000;
    private ContactFacts[] _facts = [];
    private CompiledRule[] _compiled = [];
    private CompiledRule _one = null!;
    private RulesEngine.RulesEngine _engine = null!;
    private RuleSet _ruleSet = null!;

    [GlobalSetup]
    public void Setup()
    {
        var catalog = RuleCatalog.Load(Path.Combine(BenchEnvironment.RepositoryRoot, "rules"));
        _ruleSet = catalog.RuleSets.Single(r => r.WorkflowName == "inactivity");
        _engine = new RulesEngine.RulesEngine([_ruleSet], new ReSettings());
        _compiled = [.. _ruleSet.Rules.Select(r => catalog.Get(r.RuleName))];
        _one = catalog.Get("inactive-7d");
        _facts = [.. Enumerable.Range(1, Contacts).Select(i => ToFacts(SyntheticContact.Create(i)))];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Contacts, Description = "RulesEngine ExecuteAllRulesAsync, 4 rules")]
    public async Task<int> RulesEngineAllRules()
    {
        var matches = 0;
        foreach (var facts in _facts)
        {
            var results = await _engine.ExecuteAllRulesAsync(_ruleSet.WorkflowName, new RuleParameter("contact", facts));
            matches += results.Count(r => r.IsSuccess);
        }

        return matches;
    }

    [Benchmark(OperationsPerInvoke = Contacts, Description = "CompiledRule.Evaluate, the same 4 rules")]
    public int CompiledAllRules()
    {
        var matches = 0;
        foreach (var facts in _facts)
        {
            foreach (var rule in _compiled)
            {
                matches += rule.Evaluate(facts) ? 1 : 0;
            }
        }

        return matches;
    }

    [Benchmark(OperationsPerInvoke = Contacts, Description = "CompiledRule.Evaluate, inactive-7d only")]
    public int CompiledOneRule()
    {
        var matches = 0;
        foreach (var facts in _facts)
        {
            matches += _one.Evaluate(facts) ? 1 : 0;
        }

        return matches;
    }

    private static ContactFacts ToFacts(SyntheticContact c)
    {
        var contact = new Contact(c.ExternalId, c.CreatedAt) { Email = c.Email, Phone = c.Phone, Locale = c.Locale };
        contact.Apply(new Core.Events.ContactEvent(0, Core.Events.EventNames.Visit, c.LastActiveAt, c.LastActiveAt), new Core.Facts.FactsPolicy(), c.LastActiveAt);
        return ContactFacts.From(contact, SyntheticContact.Start);
    }
}
