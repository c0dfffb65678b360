using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CaaBot.DirectLine.Tests.Support;
using CaaBot.Protocol;

namespace CaaBot.DirectLine.Tests.Uploads;

public sealed class UploadTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

    [Fact]
    public async Task Upload_ScreenshotWithActivity_StoredWithTheConversationEchoedAndDownloadable()
    {
        await using var host = await DirectLineTestHost.StartAsync();
        var session = await host.StartConversationAsync();

        using var response = await UploadAsync(host, session, Png, "image/png", "error.png", withActivity: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = Assert.Single(await host.Uploads.ListAsync(session.ConversationId, CancellationToken.None));
        Assert.Equal(("error.png", "image/png", Png.Length, session.UserId), (stored.FileName, stored.ContentType, (int)stored.Length, stored.UserId));
        var echo = Assert.Single((await host.GetActivitiesAsync(session)).Activities, activity => activity.From?.Role == "user");
        Assert.Equal("here is the error", echo.Text);
        var attachment = Assert.Single(echo.Attachments!);
        Assert.Equal("image/png", attachment.ContentType);
        using var download = await host.GetAsync(new Uri(attachment.ContentUrl!).PathAndQuery, session.Token);
        Assert.Equal(Png, await download.Content.ReadAsByteArrayAsync());
        using var anonymous = await host.GetAsync(new Uri(attachment.ContentUrl!).PathAndQuery, token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Upload_ContentTypeNotAllowed_Returns415AndStoresNothing()
    {
        await using var host = await DirectLineTestHost.StartAsync();
        var session = await host.StartConversationAsync();

        using var response = await UploadAsync(host, session, Encoding.ASCII.GetBytes("MZ..."), "application/x-msdownload", "fix.exe", withActivity: false);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(await host.Uploads.ListAsync(session.ConversationId, CancellationToken.None));
    }

    [Fact]
    public async Task Upload_LargerThanTheLimit_Returns413AndStoresNothing()
    {
        await using var host = await DirectLineTestHost.StartAsync(new() { ["CaaBot:DirectLine:MaxUploadBytes"] = "4096" });
        var session = await host.StartConversationAsync();

        using var response = await UploadAsync(host, session, new byte[8192], "image/png", "big.png", withActivity: false);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await host.Uploads.ListAsync(session.ConversationId, CancellationToken.None));
    }

    private static Task<HttpResponseMessage> UploadAsync(DirectLineTestHost host, DirectLineTestHost.Session session, byte[] file, string contentType, string name, bool withActivity)
    {
        var form = new MultipartFormDataContent();
        if (withActivity)
        {
            var activity = new ByteArrayContent(Encoding.UTF8.GetBytes(ProtocolJson.Serialize(new CaaBot.Protocol.Schema.Activity { Type = "message", Text = "here is the error" })));
            activity.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.microsoft.activity");
            form.Add(activity, "activity", "blob");
        }

        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(part, "file", name);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{session.ConversationId}/upload?userId=ignored") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);
        return host.Client.SendAsync(request);
    }
}
