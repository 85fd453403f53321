using Orleans.Runtime;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Hive.Benchmarks.Streams;

internal sealed class StreamBenchGrain : Grain, IStreamBenchGrain, IAsyncObserver<BenchTick>, IStreamSubscriptionObserver
{
    public async Task Subscribe(string provider, string symbol) => await Stream(provider, symbol).SubscribeAsync(this);

    public Task Ping(BenchTick tick)
    {
        DeliveryRecorder.Received(tick.Sequence);
        return Task.CompletedTask;
    }

    public async Task PublishClosedLoop(string provider, string symbol, int events, int subscribers, TimeSpan maxPause)
    {
        var stream = Stream(provider, symbol);
        var random = new Random(7);
        for (var i = 0; i < events; i++)
        {
            if (maxPause > TimeSpan.Zero)
            {
                await Task.Delay(maxPause * random.NextDouble());
            }

            var done = DeliveryRecorder.Expect(subscribers);
            DeliveryRecorder.Published(i);
            await stream.OnNextAsync(new BenchTick(i));
            await done;
        }
    }

    public async Task PublishOpenLoop(string provider, string symbol, int events, int subscribers)
    {
        var stream = Stream(provider, symbol);
        var done = DeliveryRecorder.Expect(events * subscribers);
        for (var i = 0; i < events; i++)
        {
            await stream.OnNextAsync(new BenchTick(i));
        }

        await done;
    }

    public async Task DirectFanOut(long firstSubscriber, int subscribers, int events)
    {
        var targets = new IStreamBenchGrain[subscribers];
        for (var s = 0; s < subscribers; s++)
        {
            targets[s] = GrainFactory.GetGrain<IStreamBenchGrain>(firstSubscriber + s);
        }

        var pending = new Task[subscribers];
        var done = DeliveryRecorder.Expect(events * subscribers);
        for (var i = 0; i < events; i++)
        {
            DeliveryRecorder.Published(i);
            var tick = new BenchTick(i);
            for (var s = 0; s < subscribers; s++)
            {
                pending[s] = targets[s].Ping(tick);
            }

            await Task.WhenAll(pending);
        }

        await done;
    }

    public Task OnNextAsync(BenchTick item, StreamSequenceToken? token = null)
    {
        DeliveryRecorder.Received(item.Sequence);
        return Task.CompletedTask;
    }

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<BenchTick>().ResumeAsync(this);

    private IAsyncStream<BenchTick> Stream(string provider, string symbol) =>
        this.GetStreamProvider(provider).GetStream<BenchTick>(StreamId.Create("market", symbol));
}
