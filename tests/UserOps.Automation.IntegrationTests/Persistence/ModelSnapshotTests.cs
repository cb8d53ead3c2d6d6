using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.IntegrationTests.Persistence;

/// <summary>The migrations of each provider match the model; SQL Server (not runnable here) is checked through its script.</summary>
public sealed class ModelSnapshotTests
{
    // Never opened: the model, the snapshot and the script need no server.
    private const string SqlServerConnection = "Server=localhost;Database=userops_never_opened;Trusted_Connection=True;TrustServerCertificate=True";

    public static TheoryData<string> Providers => ["Sqlite", "Postgres", "SqlServer"];

    [Theory]
    [MemberData(nameof(Providers))]
    public void Migrations_CoverTheWholeModel(string provider)
    {
        using var db = Create(provider);
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The {provider} migrations are behind the model: regenerate them (see COMMON.md / docs).");
    }

    [Fact]
    public void SqlServerIdempotentScript_CreatesTablesAndTheOpenStayKey()
    {
        using var db = Create("SqlServer");
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "sqlserver-migrations.sql"), script);

        Assert.Contains("IF NOT EXISTS", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [Contacts]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [SegmentMemberships]", script, StringComparison.Ordinal);
        Assert.Contains(
            "CONSTRAINT [PK_SegmentMemberships] PRIMARY KEY ([SegmentId], [ContactId])",
            script, StringComparison.Ordinal);
        Assert.Contains("[__EFMigrationsHistory]", script, StringComparison.Ordinal);
    }

    private static AutomationDb Create(string provider) => provider switch
    {
        "Sqlite" => new SqliteAutomationDb(new DbContextOptionsBuilder<SqliteAutomationDb>().UseSqlite("Data Source=never-opened.db").Options),
        "Postgres" => new PostgresAutomationDb(new DbContextOptionsBuilder<PostgresAutomationDb>().UseNpgsql("Host=127.0.0.1;Database=never_opened").Options),
        _ => new SqlServerAutomationDb(new DbContextOptionsBuilder<SqlServerAutomationDb>().UseSqlServer(SqlServerConnection).Options),
    };
}
