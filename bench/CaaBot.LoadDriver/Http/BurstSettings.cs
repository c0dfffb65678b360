using System.Globalization;

namespace CaaBot.LoadDriver.Http;

/// <summary>
/// Options of <c>CaaBot.LoadDriver burst</c>: <c>--users 2000 --concurrency 64 --threshold 10 --warmup-conversations 200</c>,
/// plus the host options <see cref="HttpSettings"/> reads (<c>--out</c>, <c>--host</c>, <c>--server-cpus</c>, <c>--host-env</c>, <c>--postgres</c>).
/// </summary>
internal sealed record BurstSettings(HttpSettings Http, int Users, int Concurrency, int Threshold, int WarmupConversations)
{
    public static BurstSettings Parse(IReadOnlyList<string> args, HttpSettings http)
    {
        ArgumentNullException.ThrowIfNull(args);
        int Int(string name, int fallback)
        {
            for (var index = 0; index + 1 < args.Count; index += 2)
            {
                if (args[index] == "--" + name)
                {
                    return int.Parse(args[index + 1], CultureInfo.InvariantCulture);
                }
            }

            return fallback;
        }

        return new BurstSettings(http, Int("users", 2_000), Int("concurrency", 64), Int("threshold", 10), Int("warmup-conversations", 200));
    }
}
