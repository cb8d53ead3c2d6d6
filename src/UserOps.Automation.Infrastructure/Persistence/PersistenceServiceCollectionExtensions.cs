using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace UserOps.Automation.Infrastructure.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>Registers the provider's context as <see cref="AutomationDb"/>, scoped and through a factory for background work.</summary>
    public static IServiceCollection AddAutomationPersistence(this IServiceCollection services, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                EnsureSqliteFolder(options.ConnectionString);
                services.AddDbContextFactory<SqliteAutomationDb>(b => b.UseSqlite(options.ConnectionString, s => s.CommandTimeout(300)));
                services.AddSingleton<IDbContextFactory<AutomationDb>, Factory<SqliteAutomationDb>>();
                break;
            case DatabaseProvider.Postgres:
                services.AddDbContextFactory<PostgresAutomationDb>(b => b.UseNpgsql(options.ConnectionString, s => s.CommandTimeout(300)));
                services.AddSingleton<IDbContextFactory<AutomationDb>, Factory<PostgresAutomationDb>>();
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContextFactory<SqlServerAutomationDb>(b => b.UseSqlServer(options.ConnectionString, s => s.CommandTimeout(300)));
                services.AddSingleton<IDbContextFactory<AutomationDb>, Factory<SqlServerAutomationDb>>();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown database provider.");
        }

        services.AddScoped<AutomationDb>(sp => sp.GetRequiredService<IDbContextFactory<AutomationDb>>().CreateDbContext());
        return services;
    }

    private static void EnsureSqliteFolder(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(dataSource) && dataSource != ":memory:" && folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
    }

    private sealed class Factory<T>(IDbContextFactory<T> inner) : IDbContextFactory<AutomationDb>
        where T : AutomationDb
    {
        public AutomationDb CreateDbContext() => inner.CreateDbContext();
    }
}
