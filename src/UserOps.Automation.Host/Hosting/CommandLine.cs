using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Access;
using UserOps.Automation.Core.Audit;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Host.Access;
using UserOps.Automation.Host.Rules;
using UserOps.Automation.Host.Workflows;
using UserOps.Automation.Infrastructure.Audit;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Host.Hosting;

/// <summary>
/// The host's commands: <c>validate</c> (rules/ and workflows/, for operators' own CI), <c>keys create</c>,
/// <c>migrate</c>. Anything else starts the web host.
/// </summary>
internal static class CommandLine
{
    private static readonly Dictionary<string, Func<string[], Task<int>>> Commands = new(StringComparer.Ordinal)
    {
        ["validate"] = ValidateAsync,
        ["keys"] = KeysAsync,
        ["migrate"] = MigrateAsync,
        ["help"] = _ => Task.FromResult(Usage(Console.Out)),
    };

    private static readonly List<(string Name, Func<string[], Task<int>> Run, string Help)> Extra = [];

    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (Commands.ContainsKey(args[0]) || Extra.Any(e => e.Name == args[0]) || args[0] is "--help" or "-h");

    /// <summary>Lets a feature add its own command (e.g. <c>import</c>) without editing this file.</summary>
    public static void Register(string name, Func<string[], Task<int>> run, string help) => Extra.Add((name, run, help));

    public static async Task<int> RunAsync(string[] args)
    {
        if (Commands.TryGetValue(args[0], out var command))
        {
            return await command(args[1..]);
        }

        var extra = Extra.FirstOrDefault(e => e.Name == args[0]);
        return extra.Run is null ? Usage(Console.Error) : await extra.Run(args[1..]);
    }

    private static int Usage(TextWriter writer)
    {
        writer.WriteLine("usage: UserOps.Automation.Host [command]");
        writer.WriteLine("  (no command)                    start the host");
        writer.WriteLine("  validate [--rules D] [--workflows D]  check every rule and workflow file; prints 'file: rule: message' and exits 1 on any problem");
        writer.WriteLine("  keys create NAME [--role R]     make an API key (role viewer|editor|publisher|admin, default editor) and print it once");
        writer.WriteLine("  keys list                       list keys (names and prefixes, never the keys)");
        writer.WriteLine("  keys revoke PREFIX              revoke the key starting with PREFIX");
        writer.WriteLine("  migrate                         apply database migrations and exit");
        foreach (var (name, _, help) in Extra)
        {
            writer.WriteLine($"  {name,-31} {help}");
        }

        return writer == Console.Out ? 0 : 2;
    }

    private static Task<int> ValidateAsync(string[] args)
    {
        var configuration = BuildConfiguration();
        var rulesFolder = Option(args, "--rules") ?? configuration.GetSection(RulesOptions.SectionName).Get<RulesOptions>()?.Folder ?? "rules";
        rulesFolder = RepositoryPaths.Resolve(rulesFolder, Directory.GetCurrentDirectory());
        var (catalog, problems) = RuleCatalog.TryLoad(rulesFolder);
        foreach (var problem in problems)
        {
            Console.Error.WriteLine(problem);
        }

        Console.WriteLine($"{rulesFolder}: {catalog.Rules.Count} rules, {problems.Count} problems");

        var workflowsFolder = Option(args, "--workflows") ?? configuration.GetSection(WorkflowsOptions.SectionName).Get<WorkflowsOptions>()?.Folder ?? "workflows";
        workflowsFolder = RepositoryPaths.Resolve(workflowsFolder, Directory.GetCurrentDirectory());
        var (workflows, workflowProblems) = WorkflowFiles.Load(workflowsFolder, WorkflowServiceCollectionExtensions.ShippedReferences(catalog));
        foreach (var problem in workflowProblems)
        {
            Console.Error.WriteLine(problem);
        }

        Console.WriteLine($"{workflowsFolder}: {workflows.Count} workflows, {workflowProblems.Count} problems");
        return Task.FromResult(problems.Count + workflowProblems.Count == 0 ? 0 : 1);
    }

    private static async Task<int> KeysAsync(string[] args)
    {
        await using var db = CreateDb();
        await db.Database.MigrateToLatestAsync();
        switch (args)
        {
            case ["create", var name, ..]:
                var role = KeyEndpoints.DefaultRole;
                if (Option(args, "--role") is { } roleName && !AccessRoles.TryParse(roleName, out role))
                {
                    Console.Error.WriteLine($"--role must be one of {string.Join(", ", AccessRoles.Names)}.");
                    return 2;
                }

                var (key, secret) = ApiKey.Generate(name, TimeProvider.System.GetUtcNow().UtcDateTime, role);
                db.ApiKeys.Add(key);
                CliAudit(db).Record(AuditEntities.ApiKey, key.Prefix, AuditActions.Create, null, KeyInfo.From(key));
                await db.SaveChangesAsync();
                Console.WriteLine(secret);
                return 0;
            case ["list", ..]:
                foreach (var k in await db.ApiKeys.OrderBy(k => k.Id).ToListAsync())
                {
                    Console.WriteLine($"{k.Prefix}…  {k.Name}  {AccessRoles.Name(k.Role)}  created {k.CreatedAt:u}{(k.RevokedAt is { } r ? $"  revoked {r:u}" : string.Empty)}");
                }

                return 0;
            case ["revoke", var prefix, ..]:
                var matching = await db.ApiKeys.Where(k => k.Prefix.StartsWith(prefix) && k.RevokedAt == null).ToListAsync();
                if (matching.Count != 1)
                {
                    Console.Error.WriteLine($"'{prefix}' matches {matching.Count} active keys; give a longer prefix.");
                    return 1;
                }

                var before = KeyInfo.From(matching[0]);
                matching[0].Revoke(TimeProvider.System.GetUtcNow().UtcDateTime);
                CliAudit(db).Record(AuditEntities.ApiKey, matching[0].Prefix, AuditActions.Revoke, before, KeyInfo.From(matching[0]));
                await db.SaveChangesAsync();
                Console.WriteLine($"revoked {matching[0].Prefix}… ({matching[0].Name})");
                return 0;
            default:
                return Usage(Console.Error);
        }
    }

    private static async Task<int> MigrateAsync(string[] args)
    {
        await using var db = CreateDb();
        await db.Database.MigrateToLatestAsync();
        Console.WriteLine("database is up to date");
        return 0;
    }

    /// <summary>Changes made by a command are audited as the command line's.</summary>
    internal static AuditTrail CliAudit(AutomationDb db) => new(db, TimeProvider.System, new FixedAuditActor(AuditActor.CommandLine));

    /// <summary>A context for commands that run without the web host, from the same configuration.</summary>
    internal static AutomationDb CreateDb()
    {
        var options = BuildConfiguration().GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var services = new ServiceCollection().AddAutomationPersistence(options).BuildServiceProvider();
        return services.GetRequiredService<IDbContextFactory<AutomationDb>>().CreateDbContext();
    }

    internal static IConfiguration BuildConfiguration() =>
        new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();

    internal static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
