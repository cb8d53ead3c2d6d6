using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Host.Rules;
using UserOps.Automation.Infrastructure.Ingestion;
using UserOps.Automation.Infrastructure.Operations;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Host.Imports;

/// <summary><c>import contacts FILE</c> / <c>import events FILE</c>: the CSV import without the web host.</summary>
internal static class ImportCommand
{
    // Registered when the assembly loads, before Program asks CommandLine whether args name a command.
    [ModuleInitializer]
    internal static void Register() =>
        CommandLine.Register("import", RunAsync, "contacts|events FILE: import a CSV file, print the result; exit 1 if a row was rejected");

    internal static async Task<int> RunAsync(string[] args)
    {
        if (args is not [("contacts" or "events") and var kind, var file, ..])
        {
            await Console.Error.WriteLineAsync("usage: import contacts|events FILE");
            return 2;
        }

        if (!File.Exists(file))
        {
            await Console.Error.WriteLineAsync($"{file}: no such file");
            return 2;
        }

        var configuration = CommandLine.BuildConfiguration();
        var database = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var rulesFolder = RepositoryPaths.Resolve(configuration.GetSection(RulesOptions.SectionName).Get<RulesOptions>()?.Folder ?? "rules", Directory.GetCurrentDirectory());
        var services = new ServiceCollection()
            .AddSingleton(configuration)
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(RuleCatalog.Load(rulesFolder))
            .AddAutomationPersistence(database)
            .AddIngestionServices()
            .AddOperationTracking();
        await using var provider = services.BuildServiceProvider();
        await using (var db = await provider.GetRequiredService<IDbContextFactory<AutomationDb>>().CreateDbContextAsync())
        {
            await db.Database.MigrateToLatestAsync();
        }

        // Recorded as an operation too, so a running host's console shows the import's progress.
        var importer = provider.GetRequiredService<TrackedCsvImport>();
        await using var stream = File.OpenRead(file);
        await using var operation = await importer.StartAsync(kind == "contacts", Path.GetFileName(file), stream.Length, "cli", CancellationToken.None);
        var result = await importer.RunAsync(operation, kind == "contacts", stream, CancellationToken.None);
        Console.WriteLine($"{file}: {result.RowsRead} rows read, {result.Imported} imported, {result.Duplicates} duplicates, {result.Rejected} rejected");
        foreach (var error in result.Errors)
        {
            Console.WriteLine($"  line {error.Line}: {error.Field}: {error.Message}");
        }

        return result.Rejected > 0 ? 1 : 0;
    }
}
