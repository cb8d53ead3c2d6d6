using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Infrastructure.Persistence;
using UserOps.Automation.Infrastructure.Workflows;

namespace UserOps.Automation.Host.Workflows;

/// <summary>
/// <c>workflows list|delete ID</c>: the same delete as the API (<see cref="WorkflowDeleter"/>: refused while journeys
/// run, audited as the command line's). A host drops a deleted blast's trigger at its next schedule sync.
/// </summary>
internal static class WorkflowCommand
{
    [ModuleInitializer]
    internal static void Register() =>
        CommandLine.Register("workflows", RunAsync, "list | delete ID: list workflows, or delete one (refused while journeys run; exit 1)");

    internal static async Task<int> RunAsync(string[] args)
    {
        await using var db = CommandLine.CreateDb();
        await db.Database.MigrateToLatestAsync();
        return await RunAsync(args, db, Console.Out, Console.Error);
    }

    internal static async Task<int> RunAsync(string[] args, AutomationDb db, TextWriter output, TextWriter error)
    {
        switch (args)
        {
            case ["list", ..]:
                var versions = await db.WorkflowVersions.AsNoTracking().OrderBy(v => v.DefinitionId).ThenBy(v => v.Version)
                    .Select(v => new { v.DefinitionId, v.Version, v.Status, v.Name }).ToListAsync();
                var running = await db.Journeys.Where(j => j.ActiveKey != null).GroupBy(j => j.DefinitionId)
                    .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
                foreach (var g in versions.GroupBy(v => v.DefinitionId))
                {
                    var states = string.Join(", ", g.Select(v => $"v{v.Version} {v.Status.ToString().ToLowerInvariant()}"));
                    await output.WriteLineAsync($"{g.Key}  {g.Last().Name}  [{states}]  {running.GetValueOrDefault(g.Key)} running journeys");
                }

                return 0;
            case ["delete", var id, ..]:
                var result = await new WorkflowDeleter(db, CommandLine.CliAudit(db)).DeleteAsync(id, mayDeletePublished: true, CancellationToken.None);
                switch (result.Outcome)
                {
                    case WorkflowDeletionOutcome.NotFound:
                        await error.WriteLineAsync($"there is no workflow '{id}'");
                        return 1;
                    case WorkflowDeletionOutcome.HasRunningJourneys:
                        await error.WriteLineAsync($"workflow '{id}' has {result.RunningJourneys} running journeys; retire it and delete it once they have ended");
                        return 1;
                    default:
                        await output.WriteLineAsync($"deleted {id}: {result.Versions} versions, {result.FinishedJourneys} finished journeys");
                        return 0;
                }

            default:
                await error.WriteLineAsync("usage: workflows list | workflows delete ID");
                return 2;
        }
    }
}
