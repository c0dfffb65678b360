using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace CaaBot.Helpdesk.Connectors;

/// <summary>
/// The external helpdesk systems configured under <c>CaaBot:Helpdesk:Connectors</c> (a list: each element has a
/// <c>Type</c>, an optional <c>Name</c> and the type's settings). Empty by default: the built-in queue is always on
/// and needs nothing.
/// </summary>
public sealed partial class HelpdeskConnectors
{
    public const string SectionName = "CaaBot:Helpdesk:Connectors";

    private readonly Dictionary<string, IHelpdeskConnector> _byName;

    public HelpdeskConnectors(IEnumerable<IHelpdeskConnector> connectors)
    {
        ArgumentNullException.ThrowIfNull(connectors);
        All = [.. connectors];
        _byName = new Dictionary<string, IHelpdeskConnector>(StringComparer.Ordinal);
        foreach (var connector in All)
        {
            if (!IsValidName(connector.Name) || !_byName.TryAdd(connector.Name, connector))
            {
                throw new ArgumentException($"Connector name '{connector.Name}' is invalid or used twice.", nameof(connectors));
            }
        }
    }

    public static HelpdeskConnectors None { get; } = new([]);

    public IReadOnlyList<IHelpdeskConnector> All { get; }

    public IHelpdeskConnector? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Names are what outbox documents are keyed by: lowercase letters, digits, <c>-</c> and <c>_</c>, at most 40.</summary>
    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>Every problem in the configured list, each naming its key (<c>CaaBot:Helpdesk:Connectors:0:BaseUrl …</c>).</summary>
    public static IReadOnlyList<string> Validate(IConfiguration configuration, IEnumerable<IHelpdeskConnectorFactory> factories)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(factories);
        var problems = new List<string>();
        var byType = Factories(factories);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in configuration.GetSection(SectionName).GetChildren())
        {
            var type = section["Type"];
            if (string.IsNullOrWhiteSpace(type))
            {
                problems.Add($"{section.Path}:Type is missing (one of: {string.Join(", ", byType.Keys.Order(StringComparer.Ordinal))}).");
                continue;
            }

            if (!byType.TryGetValue(type.Trim(), out var factory))
            {
                problems.Add($"{section.Path}:Type '{type}' is not a known helpdesk system (one of: {string.Join(", ", byType.Keys.Order(StringComparer.Ordinal))}).");
                continue;
            }

            if (!IsEnabled(section))
            {
                continue;
            }

            var name = NameOf(section, factory);
            if (!IsValidName(name))
            {
                problems.Add($"{section.Path}:Name '{name}' must be 1-40 lowercase letters, digits, '-' or '_', starting with a letter or digit.");
            }
            else if (!names.Add(name))
            {
                problems.Add($"{section.Path}:Name '{name}' is used by another connector; give each a different Name.");
            }

            problems.AddRange(factory.Validate(section).Select(problem => $"{section.Path}: {problem}"));
        }

        return problems;
    }

    /// <summary>The connectors configured under <see cref="SectionName"/>; throws with every problem listed when the configuration is not usable.</summary>
    public static HelpdeskConnectors FromConfiguration(IConfiguration configuration, IEnumerable<IHelpdeskConnectorFactory> factories, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(services);
        var known = factories?.ToList() ?? throw new ArgumentNullException(nameof(factories));
        var problems = Validate(configuration, known);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The helpdesk connectors are misconfigured:\n  " + string.Join("\n  ", problems));
        }

        var byType = Factories(known);
        var connectors = configuration.GetSection(SectionName).GetChildren()
            .Where(IsEnabled)
            .Select(section =>
            {
                var factory = byType[section["Type"]!.Trim()];
                return factory.Create(NameOf(section, factory), section, services);
            });
        return new HelpdeskConnectors(connectors);
    }

    private static Dictionary<string, IHelpdeskConnectorFactory> Factories(IEnumerable<IHelpdeskConnectorFactory> factories)
    {
        var byType = new Dictionary<string, IHelpdeskConnectorFactory>(StringComparer.OrdinalIgnoreCase);
        foreach (var factory in factories)
        {
            byType.TryAdd(factory.Type, factory);
        }

        return byType;
    }

    private static bool IsEnabled(IConfigurationSection section) =>
        !bool.TryParse(section["Enabled"], out var enabled) || enabled;

    private static string NameOf(IConfigurationSection section, IHelpdeskConnectorFactory factory) =>
        string.IsNullOrWhiteSpace(section["Name"]) ? factory.DefaultName : section["Name"]!.Trim();

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
