using Microsoft.Extensions.Time.Testing;
using UserOps.Automation.Bench.Data;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Core.Segments;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Infrastructure.Workflows;
using UserOps.Automation.Testing;

namespace UserOps.Automation.Bench.Scenarios;

/// <summary>Publishes a bench-only workflow (bench/…/Workflows) and the <c>inactive-7d</c> segment it targets.</summary>
internal static class BenchWorkflows
{
    public static async Task<long> PublishAsync(TestDatabase database, string file)
    {
        var rules = RuleCatalog.Load(Path.Combine(BenchEnvironment.RepositoryRoot, "rules"));
        var clock = new FakeTimeProvider(new DateTimeOffset(SyntheticContact.Start.AddDays(-1), TimeSpan.Zero));
        var path = Path.Combine(BenchEnvironment.RepositoryRoot, "bench", "UserOps.Automation.Bench", "Workflows", file);
        var definition = WorkflowJson.Parse(await File.ReadAllTextAsync(path));
        await using var db = database.CreateDbContext();
        db.Segments.Add(new Segment("inactive-7d", "inactive-7d", "inactive-7d", clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync();
        var service = new WorkflowService(db, rules, clock);
        await service.SaveDraftAsync(definition, default);
        var (version, problems) = await service.PublishAsync(definition.DefinitionId, default);
        return version?.Id ?? throw new InvalidOperationException($"{file} does not publish: " + string.Join("; ", problems));
    }
}
