using System.Net.Http.Headers;
using System.Text;

namespace CaaBot.Helpdesk.Connectors.Http;

/// <summary>Authorization header values; built per request from options, never logged.</summary>
internal static class ConnectorAuth
{
    public static AuthenticationHeaderValue Basic(string user, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + secret)));

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);
}
