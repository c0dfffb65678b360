namespace CaaBot.Web.Hosting;

/// <summary>Host defaults that belong to the builder rather than the services.</summary>
public static class WebApplicationBuilderExtensions
{
    /// <summary>The Bot Framework's customary local address, unless <c>--urls</c>, <c>ASPNETCORE_URLS</c> or a port setting says otherwise.</summary>
    public const string DefaultBotUrl = "http://localhost:3978";

    public static WebApplicationBuilder UseDefaultBotUrl(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configured = builder.Configuration[WebHostDefaults.ServerUrlsKey]
            ?? builder.Configuration["HTTP_PORTS"]
            ?? builder.Configuration["HTTPS_PORTS"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            builder.WebHost.UseUrls(DefaultBotUrl);
        }

        return builder;
    }
}
