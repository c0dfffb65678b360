namespace CaaBot.Storage.Tests.Support;

/// <summary>Test classes in this collection share one <see cref="PostgresServer"/> and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
