using Microsoft.Extensions.Options;

namespace CaaBot.Web.Configuration;

/// <summary>
/// Refuses to start with an app id that lacks what its <c>MicrosoftAppType</c> needs (a tenant, a secret or a
/// certificate), naming the missing key and never a value. Runs with the other start-up validations, before any
/// service starts, so the host fails the same way every time instead of on the first user's reply.
/// </summary>
public sealed class BotCredentialsValidation(IOptions<OutboundAuthenticationSettings> outbound) : IValidateOptions<BotCredentialsOptions>
{
    public ValidateOptionsResult Validate(string? name, BotCredentialsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.HasAppId)
        {
            return ValidateOptionsResult.Success;
        }

        try
        {
            BotConnectorCredentialsFactory.Create(options, outbound.Value).Validate();
            return ValidateOptionsResult.Success;
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.Security.Cryptography.CryptographicException or IOException)
        {
            return ValidateOptionsResult.Fail(exception.Message);
        }
    }
}
