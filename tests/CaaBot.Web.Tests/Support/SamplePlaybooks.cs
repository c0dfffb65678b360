namespace CaaBot.Web.Tests.Support;

/// <summary>The smallest playbook the loader accepts, for tests that need a folder of valid content.</summary>
internal static class SamplePlaybooks
{
    public static string Minimal(string code = "0xCAA20003") => $"""
        ---
        code: {code}
        title: Teams error {code}
        summary: The sign-in was refused.
        platforms: [windows]
        symptoms: [teams will not sign in, sign in error, cannot sign in]
        escalation:
          group: identity
          when: [Still broken after every step]
        sources:
          - title: Docs
            url: https://learn.microsoft.com/microsoftteams/troubleshoot
        ---

        ## Step: Restart Teams

        1. Quit Teams.
        2. Start Teams again.
        """;
}
