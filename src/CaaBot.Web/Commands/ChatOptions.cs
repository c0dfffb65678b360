namespace CaaBot.Web.Commands;

/// <summary>The <c>chat</c> command's own arguments; <c>--Section:Key=value</c> arguments go to configuration.</summary>
/// <param name="InMemory"><c>--memory</c>: a throwaway store instead of the configured one.</param>
/// <param name="ConversationId"><c>--conversation</c>: resume this conversation instead of starting one.</param>
/// <param name="UserId"><c>--user</c>: the sender's id; the OS user name by default.</param>
/// <param name="ConfigurationArguments">Passed on to configuration, as the web host would take them.</param>
internal sealed record ChatOptions(bool InMemory, string? ConversationId, string UserId, IReadOnlyList<string> ConfigurationArguments)
{
    /// <summary>Parses the arguments after <c>chat</c>; null with an <paramref name="error"/> when they make no sense.</summary>
    public static ChatOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = new ChatOptions(false, null, Environment.UserName, []);
        var configuration = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--memory":
                    options = options with { InMemory = true };
                    break;
                case "--conversation" or "--user" when i + 1 >= args.Count || string.IsNullOrWhiteSpace(args[i + 1]):
                    error = $"{args[i]} needs a value.";
                    return null;
                case "--conversation":
                    options = options with { ConversationId = args[++i] };
                    break;
                case "--user":
                    options = options with { UserId = args[++i] };
                    break;
                case var setting when setting.StartsWith("--", StringComparison.Ordinal) && setting.Contains('=', StringComparison.Ordinal):
                    configuration.Add(setting);
                    break;
                default:
                    error = $"Unknown chat argument: {args[i]}";
                    return null;
            }
        }

        error = null;
        return options with { ConfigurationArguments = configuration };
    }
}
