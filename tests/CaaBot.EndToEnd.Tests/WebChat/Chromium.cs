using Microsoft.Playwright;

namespace CaaBot.EndToEnd.Tests.WebChat;

/// <summary>How the browser tests launch Debian's Chromium (Playwright's own browser download does not work here).</summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static BrowserTypeLaunchOptions LaunchOptions() =>
        File.Exists(ExecutablePath)
            ? new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            }
            : throw new InvalidOperationException($"Chromium is not installed ({ExecutablePath} is missing). Run ./test.sh (it installs Debian's chromium) or `apt-get install -y chromium`.");
}
