using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Ingestion;

public sealed class SqliteEventApplierTests
{
    [Fact]
    public async Task Accepted_IsStoredAtOnce_AndAppliedByTheNextRound()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        await EventApplierScenarios.Accepted_IsStoredAtOnce_AndAppliedByTheNextRoundAsync(database);
    }

    [Fact]
    public async Task Round_KilledBeforeCommit_AppliesNothing_AndTheNextRoundAppliesEachEventOnce()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        await EventApplierScenarios.Round_KilledBeforeCommit_AppliesNothing_AndTheNextRoundAppliesEachEventOnceAsync(database);
    }

    [Fact]
    public async Task TwoAppliers_OnOneDatabase_ApplyEveryEventExactlyOnce()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        await EventApplierScenarios.TwoAppliers_OnOneDatabase_ApplyEveryEventExactlyOnceAsync(database);
    }

    [Fact]
    public async Task SameMessageId_FromConcurrentRequests_IsStoredAndCountedOnce()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        await EventApplierScenarios.SameMessageId_FromConcurrentRequests_IsStoredAndCountedOnceAsync(database);
    }

    [Fact]
    public async Task LateEvents_InLaterRounds_NeverMoveFactsBack()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        await EventApplierScenarios.LateEvents_InLaterRounds_NeverMoveFactsBackAsync(database);
    }

    [Fact]
    public async Task EventsOfAContactErasedBeforeTheRound_AreDeleted_AndOthersApplied()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        await EventApplierScenarios.EventsOfAContactErasedBeforeTheRound_AreDeleted_AndOthersAppliedAsync(database);
    }

    [Fact]
    public async Task Round_MovesOnlyContactsWhoseRuleResultsChanged_AndLeavesTheRestToTheRefresh()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        await EventApplierScenarios.Round_MovesOnlyContactsWhoseRuleResultsChanged_AndLeavesTheRestToTheRefreshAsync(database);
    }

    [Fact]
    public async Task Round_MovesOnlySegmentsWhoseRuleResultsChanged_AndLeavesTheOthersToTheRefresh()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        await EventApplierScenarios.Round_MovesOnlySegmentsWhoseRuleResultsChanged_AndLeavesTheOthersToTheRefreshAsync(database);
    }

    [Fact]
    public async Task ContactFirstMetThroughAnEvent_EntersItsSegments_InTheRound()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        await EventApplierScenarios.ContactFirstMetThroughAnEvent_EntersItsSegments_InTheRoundAsync(database);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresEventApplierTests(PostgresServer server)
{
    [PostgresFact]
    public async Task Accepted_IsStoredAtOnce_AndAppliedByTheNextRound()
    {
        await using var database = await TestDatabase.CreatePostgresAsync(server);
        await EventApplierScenarios.Accepted_IsStoredAtOnce_AndAppliedByTheNextRoundAsync(database);
    }

    [PostgresFact]
    public async Task Round_KilledBeforeCommit_AppliesNothing_AndTheNextRoundAppliesEachEventOnce()
    {
        await using var database = await TestDatabase.CreatePostgresAsync(server);
        await EventApplierScenarios.Round_KilledBeforeCommit_AppliesNothing_AndTheNextRoundAppliesEachEventOnceAsync(database);
    }

    [PostgresFact]
    public async Task TwoAppliers_OnOneDatabase_ApplyEveryEventExactlyOnce()
    {
        await using var database = await TestDatabase.CreatePostgresAsync(server);
        await EventApplierScenarios.TwoAppliers_OnOneDatabase_ApplyEveryEventExactlyOnceAsync(database);
    }

    [PostgresFact]
    public async Task SameMessageId_FromConcurrentRequests_IsStoredAndCountedOnce()
    {
        await using var database = await TestDatabase.CreatePostgresAsync(server);
        await EventApplierScenarios.SameMessageId_FromConcurrentRequests_IsStoredAndCountedOnceAsync(database);
    }

    [PostgresFact]
    public async Task LateEvents_InLaterRounds_NeverMoveFactsBack()
    {
        await using var database = await TestDatabase.CreatePostgresAsync(server);
        await EventApplierScenarios.LateEvents_InLaterRounds_NeverMoveFactsBackAsync(database);
    }

    [PostgresFact]
    public async Task EventsOfAContactErasedBeforeTheRound_AreDeleted_AndOthersApplied()
    {
        await using var database = await TestDatabase.CreatePostgresAsync(server);
        await EventApplierScenarios.EventsOfAContactErasedBeforeTheRound_AreDeleted_AndOthersAppliedAsync(database);
    }

    [PostgresFact]
    public async Task Round_MovesOnlyContactsWhoseRuleResultsChanged_AndLeavesTheRestToTheRefresh()
    {
        await using var database = await TestDatabase.CreatePostgresAsync(server);
        await EventApplierScenarios.Round_MovesOnlyContactsWhoseRuleResultsChanged_AndLeavesTheRestToTheRefreshAsync(database);
    }

    [PostgresFact]
    public async Task Round_MovesOnlySegmentsWhoseRuleResultsChanged_AndLeavesTheOthersToTheRefresh()
    {
        await using var database = await TestDatabase.CreatePostgresAsync(server);
        await EventApplierScenarios.Round_MovesOnlySegmentsWhoseRuleResultsChanged_AndLeavesTheOthersToTheRefreshAsync(database);
    }

    [PostgresFact]
    public async Task ContactFirstMetThroughAnEvent_EntersItsSegments_InTheRound()
    {
        await using var database = await TestDatabase.CreatePostgresAsync(server);
        await EventApplierScenarios.ContactFirstMetThroughAnEvent_EntersItsSegments_InTheRoundAsync(database);
    }
}
