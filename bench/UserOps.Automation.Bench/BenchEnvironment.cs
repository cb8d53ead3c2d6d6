using UserOps.Automation.Infrastructure.Persistence;
using UserOps.Automation.Testing;

namespace UserOps.Automation.Bench;

/// <summary>The repository, a throwaway PostgreSQL server (started on first use, durable, <see cref="PostgresServer.Production"/>) and fresh migrated databases.</summary>
internal sealed class BenchEnvironment : IAsyncDisposable
{
    private PostgresServer? _postgres;

    public static string RepositoryRoot { get; } = FindRoot();

    public async Task<TestDatabase> CreateDatabaseAsync(string provider, CancellationToken cancellationToken = default)
    {
        if (provider.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return await TestDatabase.CreateSqliteAsync(cancellationToken: cancellationToken);
        }

        if (_postgres is null)
        {
            if (PostgresServer.SkipReason is { } reason)
            {
                throw new InvalidOperationException(reason);
            }

            // Durable and sized like production (the tests' server is neither): session 7 measured the 1M blast at the
            // same speed either way; USEROPS_PG_SETTINGS still overrides any of it.
            _postgres = new PostgresServer { Settings = PostgresServer.Production };
            await _postgres.InitializeAsync();
        }

        return await TestDatabase.CreatePostgresAsync(_postgres, cancellationToken: cancellationToken);
    }

    /// <summary>A twin of <paramref name="source"/> (same rows, same layout), for a floor that must not share the product's tables.</summary>
    public Task<TestDatabase> CopyAsync(TestDatabase source, CancellationToken cancellationToken = default) =>
        TestDatabase.CopyAsync(source, _postgres, cancellationToken);

    public static string Name(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? "PostgreSQL" : provider.ToString();

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    private static string FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "UserOps.Automation.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("The repository root (UserOps.Automation.sln) was not found.");
    }
}
