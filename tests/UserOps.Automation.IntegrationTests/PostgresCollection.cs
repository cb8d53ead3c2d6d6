using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests;

/// <summary>Every test class that needs PostgreSQL joins this collection: one server for the whole run.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
