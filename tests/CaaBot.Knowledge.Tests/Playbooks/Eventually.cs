namespace CaaBot.Knowledge.Tests.Playbooks;

/// <summary>Waits for a condition that a background reload makes true: polls briefly, fails at a deadline.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string because, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {because}");
            }

            await Task.Delay(20);
        }
    }
}
