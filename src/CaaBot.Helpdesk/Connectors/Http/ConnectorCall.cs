using Microsoft.Extensions.Logging;

namespace CaaBot.Helpdesk.Connectors.Http;

/// <summary>What <see cref="ConnectorHttp"/> needs to know about one call: who makes it, what it is, how long it may take.</summary>
/// <param name="Connector">The connector's configured name, for messages and logs.</param>
/// <param name="Operation">What the call does, in words (<c>create incident</c>).</param>
internal sealed record ConnectorCall(string Connector, string Operation, TimeSpan Timeout, TimeProvider Clock, ILogger Logger);
