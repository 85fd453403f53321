using System.Collections.Concurrent;
using Hive.Runtime;
using Hive.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Hive.Runtime.Tests.Grains;

internal sealed class CounterGrain : Grain, ICounterGrain
{
    public static readonly ConcurrentDictionary<string, int> Activations = new();

    private int _value;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Activations.AddOrUpdate(this.GetPrimaryKeyString(), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task<int> Add(int delta)
    {
        _value += delta;
        return Task.FromResult(_value);
    }

    public ValueTask<int> Get() => new(_value);

    public Task<string> SiloName() => Task.FromResult(ServiceProvider.GetRequiredService<Silo>().Metadata.Name);

    public Task<string> Describe(object payload) => Task.FromResult(payload.GetType().Name);

    public Task<bool> CanBeCanceled(CancellationToken cancellationToken) => Task.FromResult(cancellationToken.CanBeCanceled);
}
