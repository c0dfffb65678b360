using CaaBot.Web.HelpdeskConsole.Authentication;

namespace CaaBot.Web.Tests.HelpdeskConsole.Authentication;

public sealed class ConsoleReturnUrlTests
{
    [Theory]
    [InlineData("/helpdesk")]
    [InlineData("/helpdesk/")]
    [InlineData("/helpdesk/queue?conversation=c-1#chat")]
    [InlineData("/helpdesk?tab=insights")]
    public void Sanitize_ConsolePath_IsKept(string returnUrl) => Assert.Equal(returnUrl, ConsoleReturnUrl.Sanitize(returnUrl));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://evil.example/helpdesk")]
    [InlineData("//evil.example/helpdesk")]
    [InlineData("/\\evil.example")]
    [InlineData("/helpdesk\\..\\chat")]
    [InlineData("/helpdeskx")]
    [InlineData("/helpdesk.evil.example")]
    [InlineData("/helpdesk/../chat")]
    [InlineData("/helpdesk/./../chat")]
    [InlineData("/helpdesk/%2E%2E/chat")]
    [InlineData("/helpdesk/%2f%2fevil.example")]
    [InlineData("/helpdesk/\r\nSet-Cookie: x=1")]
    [InlineData("/HELPDESK")]
    [InlineData("/chat")]
    public void Sanitize_AnythingElse_IsTheConsoleHome(string? returnUrl) => Assert.Equal("/helpdesk", ConsoleReturnUrl.Sanitize(returnUrl));
}
