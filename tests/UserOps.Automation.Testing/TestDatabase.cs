using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Testing;

/// <summary>
/// A migrated database owned by one test (or test class), reached the way the host reaches it:
/// through <see cref="PersistenceServiceCollectionExtensions.AddAutomationPersistence"/> and
/// <see cref="IDbContextFactory{AutomationDb}"/>. Disposing it deletes the database.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    // One migrated template per server: cloning it is much faster than migrating each database.
    private static readonly ConditionalWeakTable<PostgresServer, Task<string>> Templates = [];

    private readonly ServiceProvider _services;
    private readonly Func<Task> _delete;

    private TestDatabase(DatabaseProvider provider, string connectionString, Func<Task> delete)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _delete = delete;
        _services = new ServiceCollection()
            .AddAutomationPersistence(new DatabaseOptions { Provider = provider, ConnectionString = connectionString })
            .BuildServiceProvider();
        Factory = _services.GetRequiredService<IDbContextFactory<AutomationDb>>();
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public IDbContextFactory<AutomationDb> Factory { get; }

    public AutomationDb CreateDbContext() => Factory.CreateDbContext();

    /// <summary>Runs a provider-neutral <paramref name="scenario"/> on a fresh migrated SQLite file, deleted after.</summary>
    public static async Task OnSqliteAsync(Func<TestDatabase, Task> scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        await using var database = await CreateSqliteAsync();
        await scenario(database);
    }

    /// <summary>Runs a provider-neutral <paramref name="scenario"/> on a fresh migrated database on <paramref name="server"/>, dropped after.</summary>
    public static async Task OnPostgresAsync(PostgresServer server, Func<TestDatabase, Task> scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        await using var database = await CreatePostgresAsync(server);
        await scenario(database);
    }

    /// <summary>A SQLite file in the temp folder, migrated (or left empty when <paramref name="migrate"/> is false).</summary>
    public static async Task<TestDatabase> CreateSqliteAsync(bool migrate = true, CancellationToken cancellationToken = default)
    {
        var file = Path.Combine(Path.GetTempPath(), $"userops-test-{Guid.NewGuid():N}.db");
        var database = new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={file}", () =>
        {
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }

            return Task.CompletedTask;
        });
        if (migrate)
        {
            await database.MigrateAsync(cancellationToken);
        }

        return database;
    }

    /// <summary>A fresh database on <paramref name="server"/>, migrated (a copy of a migrated template) or left empty.</summary>
    public static async Task<TestDatabase> CreatePostgresAsync(PostgresServer server, bool migrate = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        var template = migrate ? await Templates.GetValue(server, CreateTemplateAsync) : null;
        var connectionString = await server.CreateDatabaseAsync("userops", template, cancellationToken);
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        return new TestDatabase(DatabaseProvider.Postgres, connectionString, async () =>
        {
            await using (var probe = new NpgsqlConnection(connectionString))
            {
                NpgsqlConnection.ClearPool(probe);
            }

            await using var connection = new NpgsqlConnection(server.AdminConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        });
    }

    /// <summary>
    /// A copy of <paramref name="source"/> with all its rows, in the same physical layout (a file copy on SQLite, a
    /// template copy on PostgreSQL): benchmarks run a floor and the product on twins instead of one after the other.
    /// </summary>
    public static async Task<TestDatabase> CopyAsync(TestDatabase source, PostgresServer? server, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            var from = new SqliteConnectionStringBuilder(source.ConnectionString).DataSource;
            var file = Path.Combine(Path.GetTempPath(), $"userops-test-{Guid.NewGuid():N}.db");
            File.Copy(from, file);
            return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={file}", () =>
            {
                SqliteConnection.ClearAllPools();
                File.Delete(file);
                return Task.CompletedTask;
            });
        }

        ArgumentNullException.ThrowIfNull(server);
        await using (var probe = new NpgsqlConnection(source.ConnectionString))
        {
            // A template must have no open connection when it is copied.
            NpgsqlConnection.ClearPool(probe);
        }

        var copy = await CreatePostgresAsync(server, migrate: false, cancellationToken);
        await copy._delete();
        var template = new NpgsqlConnectionStringBuilder(source.ConnectionString).Database!;
        var name = new NpgsqlConnectionStringBuilder(copy.ConnectionString).Database!;
        await using (var connection = new NpgsqlConnection(server.AdminConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"", connection);
                    await command.ExecuteNonQueryAsync(cancellationToken);
                    break;
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 10)
                {
                    // After a bulk load autovacuum (or auto-analyze) works in the template and holds a connection to it
                    // (seen at 1M contacts): ask it to give way, then try again.
                    await using var terminate = new NpgsqlCommand(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @template AND pid <> pg_backend_pid()", connection);
                    terminate.Parameters.AddWithValue("template", template);
                    await terminate.ExecuteNonQueryAsync(cancellationToken);
                    await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
                }
            }
        }

        return copy;
    }

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = CreateDbContext();
        await db.Database.MigrateAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _delete();
    }

    private static async Task<string> CreateTemplateAsync(PostgresServer server)
    {
        var connectionString = await server.CreateDatabaseAsync("template");

        // No pooling: a template must have no open connection when it is copied.
        var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        var options = new DbContextOptionsBuilder<PostgresAutomationDb>().UseNpgsql(unpooled).Options;
        await using (var db = new PostgresAutomationDb(options))
        {
            await db.Database.MigrateAsync();
        }

        return new NpgsqlConnectionStringBuilder(connectionString).Database!;
    }
}
