namespace CaaBot.Helpdesk.Tests.Connectors.LocalServers;

/// <summary>What a local server does instead of (or after) answering one request.</summary>
public sealed record LocalFault(LocalFaultKind Kind, int StatusCode = 500, string? RetryAfter = null)
{
    public static LocalFault Status(int statusCode, string? retryAfter = null) => new(LocalFaultKind.Status, statusCode, retryAfter);

    /// <summary>200 with an HTML page, as a single sign-on proxy in front of a system answers.</summary>
    public static LocalFault LoginPage { get; } = new(LocalFaultKind.LoginPage, 200);

    /// <summary>Never answers (until the client gives up).</summary>
    public static LocalFault Hang { get; } = new(LocalFaultKind.Hang);

    /// <summary>Does the work (stores the record) and then never answers: the client cannot tell whether it landed.</summary>
    public static LocalFault HangAfterHandling { get; } = new(LocalFaultKind.HangAfterHandling);
}
