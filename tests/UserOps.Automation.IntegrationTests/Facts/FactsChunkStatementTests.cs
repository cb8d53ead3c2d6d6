using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using UserOps.Automation.Core.Facts;
using UserOps.Automation.Infrastructure.Facts;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.IntegrationTests.Facts;

/// <summary>
/// SQL Server is not runnable here: the facts refresh's T-SQL (each chunk's statement, the session lock) is checked by
/// Microsoft's own T-SQL parser instead, and its parameters are bound on a SqlClient command.
/// </summary>
public sealed class FactsChunkStatementTests
{
    private const string NeverOpened = "Server=localhost;Database=userops_never_opened;Trusted_Connection=True;TrustServerCertificate=True";

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, false)]
    public void SqlServerChunkStatement_IsValidTSql_WithEveryParameterBound(bool recount, bool excludePending)
    {
        using var db = new SqlServerAutomationDb(new DbContextOptionsBuilder<SqlServerAutomationDb>().UseSqlServer(NeverOpened).Options);
        var policy = new FactsOptions().ToPolicy(RfmThresholds.Unscored);

        var (sql, bind) = FactsChunkStatement.Build(db, policy, new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc), recount, excludePending);

        Assert.Empty(Parse(sql));
        Assert.StartsWith("UPDATE c SET [VisitsInWindow] = f.v", sql, StringComparison.Ordinal);
        Assert.Equal(excludePending, sql.Contains("[PendingEvents]", StringComparison.Ordinal));
        using var command = new SqlCommand();
        bind(command);
        var bound = command.Parameters.Cast<SqlParameter>().Select(p => p.ParameterName.TrimStart('@')).Append("lo").Append("hi").ToHashSet();
        var used = System.Text.RegularExpressions.Regex.Matches(sql, @"@(\w+)").Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Equal(used.Order(), bound.Order());
    }

    [Fact]
    public void SqlServerRefreshLock_IsValidTSql()
    {
        Assert.Empty(Parse(FactsRefreshLock.SqlServerAcquire));
        Assert.Empty(Parse(FactsRefreshLock.SqlServerRelease));
    }

    private static List<string> Parse(string sql)
    {
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        return [.. errors.Select(e => $"{e.Line}:{e.Column} {e.Message}")];
    }
}
