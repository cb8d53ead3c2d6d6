using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Segments;

public sealed class SqliteSegmentRefresherTests
{
    [Fact]
    public async Task Refresh_RecordsEnteredAndLeft_SinceLastRefresh()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        await SegmentRefreshScenarios.EntersLeavesAndReentersAsync(database);
    }

    [Fact]
    public async Task Refresh_OfTwoHostsAtOnce_NeverOpensTwoStaysForAContact()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        await SegmentRefreshScenarios.ConcurrentRefreshes_NeverOpenTwoStaysAsync(database, contacts: 500);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresSegmentRefresherTests(PostgresServer server)
{
    [PostgresFact]
    public async Task Refresh_RecordsEnteredAndLeft_SinceLastRefresh()
    {
        await using var database = await TestDatabase.CreatePostgresAsync(server);
        await SegmentRefreshScenarios.EntersLeavesAndReentersAsync(database);
    }

    [PostgresFact]
    public async Task Refresh_OfTwoHostsAtOnce_NeverOpensTwoStaysForAContact()
    {
        await using var database = await TestDatabase.CreatePostgresAsync(server);
        await SegmentRefreshScenarios.ConcurrentRefreshes_NeverOpenTwoStaysAsync(database, contacts: 2000);
    }
}
