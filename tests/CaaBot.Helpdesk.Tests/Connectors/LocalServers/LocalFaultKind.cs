namespace CaaBot.Helpdesk.Tests.Connectors.LocalServers;

public enum LocalFaultKind
{
    Status,
    Hang,
    HangAfterHandling,
    LoginPage,
}
