using CaaBot.Storage.Abstractions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CaaBot.Web.HelpdeskConsole.Authentication;

/// <summary>
/// Registers the console's sign-in: its own cookie scheme, OpenID Connect when configured, the
/// <see cref="HelpdeskConsolePolicy.Name"/> policy, antiforgery, and the data-protection key ring in the store.
/// No default scheme is set, so the bot's own channel and Direct Line authentication (which do not use
/// ASP.NET Core authentication) and every endpoint outside the console are untouched.
/// </summary>
public static class HelpdeskConsoleAuthenticationServiceCollectionExtensions
{
    /// <summary>The data-protection application name: every instance must share it to read each other's cookies.</summary>
    public const string DataProtectionApplicationName = "CaaBot";

    public const string SessionCookieName = "caabot.helpdesk";

    public static IServiceCollection AddHelpdeskConsoleAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<HelpdeskConsoleAuthenticationOptions>()
            .BindConfiguration(HelpdeskConsoleAuthenticationOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<HelpdeskConsoleAuthenticationOptions>, HelpdeskConsoleAuthenticationValidation>();
        services.AddSingleton<ConsoleSignInSetup>();
        services.AddHostedService<ConsoleSignInStartup>();
        services.AddSingleton<SignInThrottle>();

        services.AddDataProtection().SetApplicationName(DataProtectionApplicationName);
        services.AddOptions<KeyManagementOptions>().Configure<IDocumentStore>((keys, store) => keys.XmlRepository = new DocumentStoreXmlRepository(store));
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.HeaderName = ConsoleAntiforgery.HeaderName;
            antiforgery.FormFieldName = ConsoleAntiforgery.FormFieldName;
            antiforgery.Cookie.Name = ConsoleAntiforgery.CookieName;
            antiforgery.Cookie.Path = HelpdeskConsolePolicy.Prefix;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        var authentication = services.AddAuthentication().AddCookie(HelpdeskConsoleSchemes.Cookie, ConfigureSessionCookie);
        services.AddOptions<CookieAuthenticationOptions>(HelpdeskConsoleSchemes.Cookie)
            .Configure<IOptions<HelpdeskConsoleAuthenticationOptions>>((cookie, console) => cookie.ExpireTimeSpan = console.Value.SessionLifetime);

        // Decided here, not lazily: a registered OpenID Connect handler runs on every request and needs its settings.
        var oidc = configuration.GetSection(HelpdeskConsoleAuthenticationOptions.SectionName).Get<HelpdeskConsoleAuthenticationOptions>()?.Oidc;
        if (oidc?.IsConfigured == true)
        {
            services.AddSingleton(provider => new OidcAgentSignIn(
                provider.GetRequiredService<IOptions<HelpdeskConsoleAuthenticationOptions>>().Value.Oidc,
                provider.GetRequiredService<ILogger<OidcAgentSignIn>>()));
            authentication.AddOpenIdConnect(HelpdeskConsoleSchemes.Oidc, _ => { });
            services.AddOptions<OpenIdConnectOptions>(HelpdeskConsoleSchemes.Oidc)
                .Configure<IOptions<HelpdeskConsoleAuthenticationOptions>, OidcAgentSignIn>((options, console, signIn) => ConfigureOidc(options, console.Value.Oidc, signIn));
        }

        services.AddAuthorizationBuilder().AddPolicy(HelpdeskConsolePolicy.Name, policy => policy
            .AddAuthenticationSchemes(HelpdeskConsoleSchemes.Cookie)
            .RequireAuthenticatedUser()
            .RequireClaim(HelpdeskAgent.IdClaim));
        return services;
    }

    private static void ConfigureSessionCookie(CookieAuthenticationOptions cookie)
    {
        cookie.Cookie.Name = SessionCookieName;
        cookie.Cookie.Path = HelpdeskConsolePolicy.Prefix;
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Strict;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.SlidingExpiration = true;
        cookie.LoginPath = HelpdeskConsolePolicy.Prefix + "/signin";
        cookie.LogoutPath = HelpdeskConsolePolicy.Prefix + "/signout";
        cookie.AccessDeniedPath = HelpdeskConsolePolicy.Prefix + "/signin";
        cookie.ReturnUrlParameter = "returnUrl";

        // The console's script calls /helpdesk/api/*: it needs a status it can act on, not a redirect to an HTML page.
        cookie.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
        cookie.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
    }

    private static Task ApiAwareRedirect(RedirectContext<CookieAuthenticationOptions> context, int apiStatus)
    {
        if (context.Request.Path.StartsWithSegments(HelpdeskConsolePolicy.Prefix + "/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = apiStatus;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    private static void ConfigureOidc(OpenIdConnectOptions options, ConsoleOidcOptions oidc, OidcAgentSignIn signIn)
    {
        options.Authority = oidc.Authority;
        options.ClientId = oidc.ClientId;
        options.ClientSecret = oidc.ClientSecret;
        options.RequireHttpsMetadata = new Uri(oidc.Authority!).Scheme == Uri.UriSchemeHttps;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.UsePkce = true;

        // A top-level GET back from the provider carries SameSite=Lax correlation cookies over http and https alike;
        // form_post would need SameSite=None, which browsers only accept on Secure cookies.
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.CallbackPath = HelpdeskConsolePolicy.Prefix + "/signin-oidc";
        options.SignInScheme = HelpdeskConsoleSchemes.Cookie;
        options.MapInboundClaims = false;
        options.GetClaimsFromUserInfoEndpoint = true;

        // Providers that keep the id token small (oidc-provider, Keycloak) send these from userinfo; Entra puts them in the
        // id token. Groups and roles are arrays: MapJsonKey adds one claim per element (the unique mapping would not).
        foreach (var claim in new[] { oidc.DisplayNameClaim, "preferred_username", "email" }.Distinct(StringComparer.Ordinal))
        {
            options.ClaimActions.MapUniqueJsonKey(claim, claim);
        }

        options.ClaimActions.MapJsonKey("groups", "groups");
        options.ClaimActions.MapJsonKey("roles", "roles");
        options.SaveTokens = false;
        options.Scope.Clear();
        options.Scope.Add("openid");
        options.Scope.Add("profile");
        options.Events = signIn.Events();
    }
}
