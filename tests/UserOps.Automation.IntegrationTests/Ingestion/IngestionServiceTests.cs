using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Ingestion;

public sealed class SqliteIngestionServiceTests
{
    [Fact]
    public async Task Events_WhileARefreshOpensTheSameStay_AreStoredWithOneOpenStay()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        await IngestionScenarios.Events_WhileARefreshOpensTheSameStay_AreStoredWithOneOpenStayAsync(database);
    }

    [Fact]
    public async Task Refresh_WhileIngestionOpensTheSameStay_CompletesWithOneOpenStay()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        await IngestionScenarios.Refresh_WhileIngestionOpensTheSameStay_CompletesWithOneOpenStayAsync(database);
    }

    [Fact]
    public async Task Events_UpdateFactsAndStays_AndTellObserversTheStoredIds()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        await IngestionScenarios.Events_UpdateFactsAndStays_AndTellObserversTheStoredIdsAsync(database);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresIngestionServiceTests(PostgresServer server)
{
    [PostgresFact]
    public async Task Events_WhileARefreshOpensTheSameStay_AreStoredWithOneOpenStay()
    {
        await using var database = await TestDatabase.CreatePostgresAsync(server);
        await IngestionScenarios.Events_WhileARefreshOpensTheSameStay_AreStoredWithOneOpenStayAsync(database);
    }

    [PostgresFact]
    public async Task Refresh_WhileIngestionOpensTheSameStay_CompletesWithOneOpenStay()
    {
        await using var database = await TestDatabase.CreatePostgresAsync(server);
        await IngestionScenarios.Refresh_WhileIngestionOpensTheSameStay_CompletesWithOneOpenStayAsync(database);
    }

    [PostgresFact]
    public async Task Events_UpdateFactsAndStays_AndTellObserversTheStoredIds()
    {
        await using var database = await TestDatabase.CreatePostgresAsync(server);
        await IngestionScenarios.Events_UpdateFactsAndStays_AndTellObserversTheStoredIdsAsync(database);
    }
}
