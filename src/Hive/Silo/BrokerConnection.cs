using Hive.Grains.Exchange;
using Microsoft.Extensions.Hosting;

namespace Hive.Silo;

/// <summary>
/// Connects an exchange broker (server time, user data stream) when the silo starts and closes it when the silo has
/// stopped, so that fills arriving during the drain are still booked.
/// </summary>
internal sealed class BrokerConnection(BinanceBroker broker) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => broker.StartAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken) => await broker.DisposeAsync();
}
