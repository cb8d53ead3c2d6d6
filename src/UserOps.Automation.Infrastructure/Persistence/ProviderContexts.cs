using Microsoft.EntityFrameworkCore;

namespace UserOps.Automation.Infrastructure.Persistence;

/// <summary>SQLite, the embedded default: one local file, no setup.</summary>
public sealed class SqliteAutomationDb(DbContextOptions<SqliteAutomationDb> options) : AutomationDb(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override string QuotedColumn(string column) => $"\"{column}\"";
}

/// <summary>PostgreSQL, for production and for several hosts on one database.</summary>
public sealed class PostgresAutomationDb(DbContextOptions<PostgresAutomationDb> options) : AutomationDb(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override string QuotedColumn(string column) => $"\"{column}\"";
}

/// <summary>SQL Server, for production. Not runnable on the build machine: its migrations are generated and scripted in a test.</summary>
public sealed class SqlServerAutomationDb(DbContextOptions<SqlServerAutomationDb> options) : AutomationDb(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.SqlServer;

    protected override string QuotedColumn(string column) => $"[{column}]";
}
