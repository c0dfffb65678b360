using CaaBot.Conversations.State;
using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.Tests.State;

public sealed class DirectoryUserStateKeyResolverTests
{
    private static readonly DirectoryUserStateKeyResolver Resolver = new();

    [Theory]
    [InlineData("msteams", "29:abc")]
    [InlineData("directline", "aad:whoever")]
    public async Task Resolve_EntraObjectIdOnAnyChannel_KeysByTheObjectId(string channelId, string userId)
    {
        var key = await Resolver.ResolveAsync(Activity(channelId, userId, "5F1C2A9E-8D3B-4B6F-9A51-0C7E2D4B8A10"), CancellationToken.None);

        Assert.Equal("user/aad/5f1c2a9e-8d3b-4b6f-9a51-0c7e2d4b8a10", key);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-guid")]
    [InlineData("../user/msteams/someone-else")]
    public async Task Resolve_NoUsableObjectId_KeysByChannelAndUserId(string? objectId)
    {
        var key = await Resolver.ResolveAsync(Activity("directline", "dl_7f3a", objectId), CancellationToken.None);

        Assert.Equal("user/directline/dl_7f3a", key);
    }

    [Fact]
    public async Task Resolve_NoUser_IsNull() =>
        Assert.Null(await Resolver.ResolveAsync(new Activity { Type = ActivityTypes.Message, ChannelId = "msteams" }, CancellationToken.None));

    private static Activity Activity(string channelId, string userId, string? objectId) => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = channelId,
        From = new ChannelAccount { Id = userId, AadObjectId = objectId },
    };
}
