using Microsoft.Extensions.Configuration;

namespace CaaBot.Helpdesk.Connectors;

/// <summary>
/// Makes connectors of one <see cref="Type"/> from their configuration section (an element of
/// <c>CaaBot:Helpdesk:Connectors</c>). Register one per system with <c>services.AddSingleton&lt;IHelpdeskConnectorFactory, …&gt;()</c>.
/// </summary>
public interface IHelpdeskConnectorFactory
{
    /// <summary>The <c>Type</c> value in configuration (compared case-insensitively), e.g. <c>RequestTracker</c>.</summary>
    string Type { get; }

    /// <summary>The name a connector of this type gets when its section has no <c>Name</c>.</summary>
    string DefaultName { get; }

    /// <summary>What is wrong with <paramref name="settings"/>, one message per problem naming the key; empty when it is usable. Never echoes secrets.</summary>
    IReadOnlyList<string> Validate(IConfigurationSection settings);

    /// <summary>The connector for a section that passed <see cref="Validate"/>.</summary>
    IHelpdeskConnector Create(string name, IConfigurationSection settings, IServiceProvider services);
}
