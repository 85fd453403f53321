using Hive.Grains.Hosting;
using Orleans;
using Orleans.Runtime;

namespace Hive.Postgres.Tests;

/// <summary>A grain whose one number lives in the platform storage, written on every increment.</summary>
public sealed class CounterGrain([PersistentState("counter", HivePlatform.StorageName)] IPersistentState<CounterState> state) : Grain, ICounterGrain
{
    public async Task<int> IncrementAsync()
    {
        state.State.Value++;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<int> GetAsync() => Task.FromResult(state.State.Value);
}
