using System.Net;
using CaaBot.Web.Tests.Support;

namespace CaaBot.Web.Tests.Endpoints;

public sealed class HealthApiTests
{
    [Fact]
    public async Task Healthz_ProcessRunning_Returns200()
    {
        using var host = new CaaBotHost();

        using var response = await host.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        host.DeleteData();
    }

    [Fact]
    public async Task Readyz_StorageReachable_Returns200AndCreatesTheDatabaseUnderTheDataFolder()
    {
        using var host = new CaaBotHost();

        using var response = await host.CreateClient().GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(File.Exists(Path.Combine(host.DataDirectory, "caabot.db")));
        host.DeleteData();
    }

    [Fact]
    public async Task Readyz_DataFolderGone_Returns503()
    {
        using var host = new CaaBotHost();
        var client = host.CreateClient();
        (await client.GetAsync("/readyz")).Dispose();

        host.DeleteData();
        await File.WriteAllTextAsync(host.DataDirectory, "a file where the data folder was");
        using var response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        File.Delete(host.DataDirectory);
    }
}
