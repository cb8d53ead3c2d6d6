using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Ingestion;

public sealed class SqliteIngestionServiceTests
{
    [Fact]
    public Task Events_WhileARefreshOpensTheSameStay_AreStoredWithOneOpenStay() => TestDatabase.OnSqliteAsync(IngestionScenarios.Events_WhileARefreshOpensTheSameStay_AreStoredWithOneOpenStayAsync);

    [Fact]
    public Task Refresh_WhileIngestionOpensTheSameStay_CompletesWithOneOpenStay() => TestDatabase.OnSqliteAsync(IngestionScenarios.Refresh_WhileIngestionOpensTheSameStay_CompletesWithOneOpenStayAsync);

    [Fact]
    public Task Events_UpdateFactsAndStays_AndTellObserversTheStoredIds() => TestDatabase.OnSqliteAsync(IngestionScenarios.Events_UpdateFactsAndStays_AndTellObserversTheStoredIdsAsync);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresIngestionServiceTests(PostgresServer server)
{
    [PostgresFact]
    public Task Events_WhileARefreshOpensTheSameStay_AreStoredWithOneOpenStay() => TestDatabase.OnPostgresAsync(server, IngestionScenarios.Events_WhileARefreshOpensTheSameStay_AreStoredWithOneOpenStayAsync);

    [PostgresFact]
    public Task Refresh_WhileIngestionOpensTheSameStay_CompletesWithOneOpenStay() => TestDatabase.OnPostgresAsync(server, IngestionScenarios.Refresh_WhileIngestionOpensTheSameStay_CompletesWithOneOpenStayAsync);

    [PostgresFact]
    public Task Events_UpdateFactsAndStays_AndTellObserversTheStoredIds() => TestDatabase.OnPostgresAsync(server, IngestionScenarios.Events_UpdateFactsAndStays_AndTellObserversTheStoredIdsAsync);
}
