using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Reliability;

/// <summary>
/// The tests that run real host processes: one at a time and apart from the rest of the suite, since they measure real
/// time (the sweep's latency, a run's duration) on a 2-core machine. Its own PostgreSQL server for the two-host test.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReliabilityCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "Reliability (host processes)";
}
