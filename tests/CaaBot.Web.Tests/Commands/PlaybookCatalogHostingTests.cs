using CaaBot.Knowledge.Playbooks;
using CaaBot.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CaaBot.Web.Tests.Commands;

public sealed class PlaybookCatalogHostingTests
{
    [Fact]
    public async Task Host_ConfiguredFolder_ServesItsPlaybooksAndPicksUpEdits()
    {
        var folder = Path.Combine(Path.GetTempPath(), "caabot-web-playbooks", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "caa20003.md"), SamplePlaybooks.Minimal("0xCAA20003"));
        await using var host = new CaaBotHost(settings: new()
        {
            ["CaaBot:Knowledge:PlaybookFolder"] = folder,
            ["CaaBot:Knowledge:ReloadDelay"] = "00:00:00.05",
            ["CaaBot:Knowledge:PollInterval"] = "00:00:00.25",
        });
        using var client = host.CreateClient();
        try
        {
            var catalog = host.Services.GetRequiredService<PlaybookCatalog>();
            Assert.Equal(folder, catalog.Folder);
            Assert.True(catalog.Current.TryGetByCode("0xCAA20003", out _));

            await File.WriteAllTextAsync(Path.Combine(folder, "caa70004.md"), SamplePlaybooks.Minimal("0xCAA70004"));
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (!catalog.Current.TryGetByCode("0xCAA70004", out _))
            {
                Assert.True(DateTime.UtcNow < deadline, "the new playbook was not picked up without a restart");
                await Task.Delay(20);
            }
        }
        finally
        {
            host.DeleteData();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Host_NoFolderConfigured_UsesTheShippedFolderNextToTheApp()
    {
        await using var host = new CaaBotHost();
        using var client = host.CreateClient();
        try
        {
            var catalog = host.Services.GetRequiredService<PlaybookCatalog>();

            Assert.Equal(PlaybookCatalogOptions.ShippedFolder, catalog.Folder);
            Assert.False(catalog.LastLoad!.HasErrors);
        }
        finally
        {
            host.DeleteData();
        }
    }
}
