using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace UserOps.Automation.Infrastructure.Persistence;

// Used by `dotnet ef migrations add X --context <Provider>AutomationDb`; the connection strings are never opened.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAutomationDb>
{
    public SqliteAutomationDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAutomationDb>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAutomationDb>
{
    public PostgresAutomationDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAutomationDb>().UseNpgsql("Host=localhost;Database=design").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerAutomationDb>
{
    public SqlServerAutomationDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerAutomationDb>().UseSqlServer("Server=localhost;Database=design;Trusted_Connection=True").Options);
}
