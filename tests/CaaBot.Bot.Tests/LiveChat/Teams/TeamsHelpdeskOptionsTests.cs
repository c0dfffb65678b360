using System.ComponentModel.DataAnnotations;
using CaaBot.Bot.LiveChat.Teams;

namespace CaaBot.Bot.Tests.LiveChat.Teams;

public sealed class TeamsHelpdeskOptionsTests
{
    [Fact]
    public void Validate_NoChannel_IsOffAndValid()
    {
        Assert.False(new TeamsHelpdeskOptions().IsConfigured);
        Assert.Empty(Problems(new TeamsHelpdeskOptions()));
    }

    [Fact]
    public void Validate_AChannelWithItsConnectorAndTenant_IsValid()
    {
        Assert.Empty(Problems(new TeamsHelpdeskOptions { ChannelId = "19:abc@thread.tacv2", ServiceUrl = new Uri("https://smba.trafficmanager.net/emea/"), TenantId = "t" }));
    }

    [Theory]
    [InlineData("19:abc@thread.tacv2;messageid=17", "https://smba.trafficmanager.net/emea/", "t", "ChannelId")]
    [InlineData("19:abc@thread.tacv2", null, "t", "ServiceUrl")]
    [InlineData("19:abc@thread.tacv2", "ftp://smba.example/", "t", "ServiceUrl")]
    [InlineData("19:abc@thread.tacv2", "https://smba.trafficmanager.net/emea/", null, "TenantId")]
    public void Validate_AChannelMissingWhatItNeeds_NamesTheKey(string channelId, string? serviceUrl, string? tenantId, string key)
    {
        var options = new TeamsHelpdeskOptions { ChannelId = channelId, ServiceUrl = serviceUrl is null ? null : new Uri(serviceUrl), TenantId = tenantId };

        var problem = Assert.Single(Problems(options));

        Assert.Contains("CaaBot:Helpdesk:Teams:" + key, problem.ErrorMessage, StringComparison.Ordinal);
    }

    private static List<ValidationResult> Problems(TeamsHelpdeskOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
