using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UserOps.Automation.Core.Access;
using UserOps.Automation.Host.Access;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Host.Hosting;

/// <summary>
/// Runs before the server listens: applies migrations, provisions configured write keys, and on the
/// very first start makes the demo's first key and seeds the demo data.
/// </summary>
internal sealed class StartupInitializer(
    IServiceProvider services,
    IOptions<DatabaseOptions> database,
    IOptions<AccessOptions> access,
    TimeProvider time,
    ILogger<StartupInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Each phase's time is logged: a host that takes long to answer /health says where the time went.
        var phases = new List<string>();
        var clock = Stopwatch.StartNew();
        void Done(string phase)
        {
            phases.Add(FormattableString.Invariant($"{phase} {clock.ElapsedMilliseconds} ms"));
            clock.Restart();
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AutomationDb>();
        if (database.Value.MigrateOnStart)
        {
            await db.Database.MigrateToLatestAsync(cancellationToken);
            if (db.Provider == DatabaseProvider.Sqlite)
            {
                // WAL lets the API read while a refresh or a batch writes.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }

            Done("migrations");
        }

        await ProvisionKeysAsync(db, cancellationToken);
        Done("keys");
        foreach (var seeder in scope.ServiceProvider.GetServices<IStartupSeeder>())
        {
            await seeder.SeedAsync(cancellationToken);
            Done(seeder.GetType().Name);
        }

        logger.LogInformation("Store ready: {Phases}", string.Join(", ", phases));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ProvisionKeysAsync(AutomationDb db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var configured in access.Value.WriteKeys.Where(k => !string.IsNullOrWhiteSpace(k.Key)))
        {
            var hash = ApiKey.HashOf(configured.Key);
            var existing = await db.ApiKeys.SingleOrDefaultAsync(k => k.Hash == hash, cancellationToken);
            if (existing is null)
            {
                db.ApiKeys.Add(ApiKey.FromSecret(configured.Name, configured.Key, now, configured.Role));
                logger.LogInformation("Provisioned API key {Name} ({Role}) from configuration", configured.Name, configured.Role);
            }
            else
            {
                // The configuration stays the authority on a configured key's role.
                existing.ChangeRole(configured.Role);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        if (access.Value.CreateFirstKey && !await db.ApiKeys.AnyAsync(cancellationToken))
        {
            var (key, secret) = ApiKey.Generate("first-key", now, AccessRole.Editor);
            db.ApiKeys.Add(key);
            await db.SaveChangesAsync(cancellationToken);

            // Printed once to the terminal, never to the log: it is a secret.
            Console.WriteLine();
            Console.WriteLine("  First API key, editor role, for scripts and ingestion (shown once, store it now): " + secret);
            Console.WriteLine("  Make more with: dotnet run --project src/UserOps.Automation.Host -- keys create <name>");
            Console.WriteLine();
        }
    }
}

/// <summary>Something that fills the store on start (the demo data, the shipped segments). Must be idempotent.</summary>
internal interface IStartupSeeder
{
    Task SeedAsync(CancellationToken cancellationToken);
}
