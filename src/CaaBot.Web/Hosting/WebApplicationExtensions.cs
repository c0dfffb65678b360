using Microsoft.Extensions.Options;

namespace CaaBot.Web.Hosting;

/// <summary>Steps between building the host and running it.</summary>
public static class WebApplicationExtensions
{
    /// <summary>
    /// Runs the settings checks registered with <c>ValidateOnStart</c> now, before the host starts: a wrong setting
    /// stops the process with every problem named before it opens a port or its database, and the failure comes out of
    /// <c>Main</c> itself. (Left to <c>Run</c>, the failed start also disposes the host, and a caller waiting for it, such
    /// as WebApplicationFactory in the tests, could meet the disposed host instead of the settings error.)
    /// </summary>
    /// <exception cref="OptionsValidationException">A setting is missing or wrong.</exception>
    public static WebApplication CheckSettings(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Services.GetService<IStartupValidator>()?.Validate();
        return app;
    }
}
