using Hive.Runtime;
using Hive.Runtime.Streams;

namespace Hive.Runtime.Tests.Grains;

internal sealed class PoisonGrain : Grain, IPoisonGrain, IAsyncObserver<Payload>
{
    private int _received;

    public Task<double> NotANumber() => Task.FromResult(double.NaN);

    public Task<Payload> Make(string mode) => Task.FromResult(Payload.Create(mode));

    public Task<string> Take(Payload payload) => Task.FromResult(payload.Mode);

    public async Task SubscribePayloads(string streamNamespace, string streamKey) =>
        await this.GetStreamProvider("default").GetStream<Payload>(new StreamId(streamNamespace, streamKey)).SubscribeAsync(this);

    public Task<int> PayloadsReceived() => Task.FromResult(_received);

    public Task OnNextAsync(Payload item)
    {
        _received++;
        return Task.CompletedTask;
    }
}
