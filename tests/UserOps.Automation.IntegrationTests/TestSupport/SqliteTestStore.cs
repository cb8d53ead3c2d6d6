using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Infrastructure.Facts;
using UserOps.Automation.Infrastructure.Persistence;
using UserOps.Automation.Infrastructure.Segments;

namespace UserOps.Automation.IntegrationTests.TestSupport;

/// <summary>
/// A fresh, migrated SQLite file of its own, with the infrastructure services on a fake clock. Deleted on dispose.
/// </summary>
public sealed class SqliteTestStore : IAsyncDisposable
{
    private readonly string _folder;

    private SqliteTestStore(string folder, ServiceProvider services, FakeTimeProvider time)
    {
        _folder = folder;
        Services = services;
        Time = time;
    }

    public ServiceProvider Services { get; }
    public FakeTimeProvider Time { get; }
    public string ConnectionString => Services.GetRequiredService<DatabaseOptions>().ConnectionString;

    public static string RulesFolder => Path.Combine(AppContext.BaseDirectory, "content", "rules");

    public static async Task<SqliteTestStore> CreateAsync(DateTimeOffset start, Action<IServiceCollection>? configure = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "userops-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(folder, "test.db")};Pooling=False" };
        var time = new FakeTimeProvider(start);
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(time)
            .AddSingleton(database)
            .AddSingleton(RuleCatalog.Load(RulesFolder))
            .AddSingleton<SegmentRefresher>()
            .AddSingleton<FactsRefresher>();
        services.AddOptions<FactsOptions>();
        services.AddAutomationPersistence(database);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();

        await using var db = await provider.GetRequiredService<IDbContextFactory<AutomationDb>>().CreateDbContextAsync();
        await db.Database.MigrateAsync();
        return new SqliteTestStore(folder, provider, time);
    }

    public Task<AutomationDb> OpenAsync() => Services.GetRequiredService<IDbContextFactory<AutomationDb>>().CreateDbContextAsync();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left in the temp folder; it must not fail the test.
        }
    }
}
