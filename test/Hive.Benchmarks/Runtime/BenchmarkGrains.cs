using Hive.Runtime;
using Hive.Runtime.Streams;

namespace Hive.Benchmarks.Runtime;

public interface IEchoGrain : IGrainWithStringKey
{
    ValueTask<int> Echo(int value);

    Task<int> EchoTask(int value);
}

internal sealed class EchoGrain : Grain, IEchoGrain
{
    public ValueTask<int> Echo(int value) => new(value);

    public Task<int> EchoTask(int value) => Task.FromResult(value);
}

public interface IBenchSubscriberGrain : IGrainWithStringKey
{
    Task Subscribe(string key);
}

internal sealed class BenchSubscriberGrain : Grain, IBenchSubscriberGrain, IAsyncObserver<long>
{
    private long _sum;

    public async Task Subscribe(string key) =>
        await this.GetStreamProvider("default").GetStream<long>(new StreamId("bench", key)).SubscribeAsync(this);

    public Task OnNextAsync(long item)
    {
        _sum += item;
        return Task.CompletedTask;
    }
}
