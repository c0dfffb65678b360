namespace CaaBot.EndToEnd.Tests.MultiInstance;

/// <summary>The multi-instance tests share one <see cref="MultiInstanceFixture"/> (PostgreSQL, two hosts, the proxy) and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class MultiInstanceCollection : ICollectionFixture<MultiInstanceFixture>
{
    public const string Name = "Two instances behind a round-robin proxy";
}
