namespace CaaBot.Helpdesk.Tests.RealServers;

/// <summary>One real Request Tracker for every test class in the collection (started once: ~5 s).</summary>
[CollectionDefinition(Name)]
public sealed class RequestTrackerCollection : ICollectionFixture<RequestTrackerServer>
{
    public const string Name = "Request Tracker";
}
