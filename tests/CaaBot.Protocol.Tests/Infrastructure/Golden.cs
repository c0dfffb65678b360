namespace CaaBot.Protocol.Tests.Infrastructure;

/// <summary>Reads the hand-written wire payloads under <c>Golden/</c> (copied next to the test assembly).</summary>
internal static class Golden
{
    public static string Read(string fileName) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", fileName));

    public static IEnumerable<string> FileNames() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Golden"), "*.json")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal);
}
