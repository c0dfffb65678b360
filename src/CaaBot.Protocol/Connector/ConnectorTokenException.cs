namespace CaaBot.Protocol.Connector;

/// <summary>No token could be obtained for the Connector (wrong secret, expired certificate, identity endpoint down).</summary>
public sealed class ConnectorTokenException(string message, Exception? innerException = null) : Exception(message, innerException);
