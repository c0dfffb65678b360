namespace CaaBot.Protocol.Schema;

/// <summary>The Connector's error body: <c>{"error":{"code","message"}}</c>.</summary>
public sealed record ErrorResponse(ErrorDetail? Error);

/// <summary>The code and message of a Connector error.</summary>
public sealed record ErrorDetail(string? Code, string? Message);
