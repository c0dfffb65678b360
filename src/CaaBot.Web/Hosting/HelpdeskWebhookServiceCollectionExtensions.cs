using CaaBot.Helpdesk.Connectors.Webhook;

namespace CaaBot.Web.Hosting;

/// <summary>
/// Registers the inbound helpdesk status webhook's verifier when <c>CaaBot:Helpdesk:InboundWebhook:Secrets:0…</c>
/// holds at least one secret (and <c>:Tolerance</c> optionally); without a secret the endpoint answers 404.
/// </summary>
public static class HelpdeskWebhookServiceCollectionExtensions
{
    public const string SectionName = "CaaBot:Helpdesk:InboundWebhook";

    public static IServiceCollection AddCaaBotHelpdeskWebhook(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        var secrets = section.GetSection("Secrets").GetChildren().Select(child => child.Value).OfType<string>().Where(value => value.Length > 0).ToList();
        if (secrets.Count == 0)
        {
            return services;
        }

        var options = new HelpdeskWebhookVerifierOptions
        {
            Secrets = secrets,
            Tolerance = section.GetValue<TimeSpan?>("Tolerance") ?? TimeSpan.FromMinutes(5),
        };

        // Built here, not lazily, so a short secret stops the host at start with the message naming the key.
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"{SectionName} is not configured correctly: " + string.Join(" ", problems));
        }

        services.AddSingleton(provider => new HelpdeskWebhookVerifier(
            options,
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetRequiredService<ILogger<HelpdeskWebhookVerifier>>()));
        return services;
    }
}
