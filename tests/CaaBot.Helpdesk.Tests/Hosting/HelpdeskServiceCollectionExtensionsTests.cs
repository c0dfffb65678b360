using CaaBot.Helpdesk.BuiltIn;
using CaaBot.Helpdesk.Hosting;
using CaaBot.Helpdesk.Tests.Support;
using CaaBot.Helpdesk.Tickets;
using CaaBot.Storage.Abstractions;
using CaaBot.Storage.InMemory;
using Microsoft.Extensions.DependencyInjection;

namespace CaaBot.Helpdesk.Tests.Hosting;

public sealed class HelpdeskServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddCaaBotHelpdesk_StoresRegisteredNoClock_ResolvesOneBuiltInQueueOnTheSystemClock()
    {
        var services = new ServiceCollection()
            .AddSingleton<IDocumentStore, InMemoryDocumentStore>()
            .AddSingleton<IStreamStore, InMemoryStreamStore>()
            .AddCaaBotHelpdesk();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var queue = provider.GetRequiredService<ITicketQueue>();
        var ticket = await queue.SubmitAsync(Requests.Minimal("di"), CancellationToken.None);

        Assert.IsType<BuiltInTicketQueue>(queue);
        Assert.Same(queue, provider.GetRequiredService<ITicketQueue>());
        Assert.Same(queue, provider.GetRequiredService<BuiltInTicketQueue>());
        Assert.Equal("CAA-000001", ticket.Number);
        Assert.InRange(ticket.CreatedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
    }

    [Fact]
    public async Task AddCaaBotHelpdesk_ClockAndLoggingRegistered_UsesThem()
    {
        var clock = new SteppingClock();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<IDocumentStore, InMemoryDocumentStore>()
            .AddSingleton<IStreamStore, InMemoryStreamStore>()
            .AddCaaBotHelpdesk();
        await using var provider = services.BuildServiceProvider();

        var ticket = await provider.GetRequiredService<ITicketQueue>().SubmitAsync(Requests.Minimal("di"), CancellationToken.None);

        Assert.Equal(SteppingClock.Start, ticket.CreatedAt);
    }

    [Fact]
    public void AddCaaBotHelpdesk_HostRegisteredAnotherQueue_KeepsTheHostsQueue()
    {
        var substitute = new BuiltInTicketQueue(
            new InMemoryDocumentStore(), new InMemoryStreamStore(), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<BuiltInTicketQueue>.Instance);
        var services = new ServiceCollection().AddSingleton<ITicketQueue>(substitute).AddCaaBotHelpdesk().AddCaaBotHelpdesk();
        using var provider = services.BuildServiceProvider();

        Assert.Same(substitute, provider.GetRequiredService<ITicketQueue>());
        Assert.Single(services, descriptor => descriptor.ServiceType == typeof(ITicketQueue));
    }
}
