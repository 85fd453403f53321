using Orleans;

namespace Hive.Benchmarks.Orleans;

[Alias("hive.bench.ping")]
public interface IPingGrain : IGrainWithIntegerKey
{
    [Alias("Ping")]
    ValueTask<int> Ping(int value);
}

[Alias("hive.bench.caller")]
public interface ICallerGrain : IGrainWithIntegerKey
{
    /// <summary>Calls the ping grain <paramref name="count"/> times in a row and returns the sum of the answers.</summary>
    [Alias("CallMany")]
    Task<long> CallMany(int count);
}

internal sealed class PingGrain : Grain, IPingGrain
{
    public ValueTask<int> Ping(int value) => ValueTask.FromResult(value + 1);
}

internal sealed class CallerGrain : Grain, ICallerGrain
{
    public async Task<long> CallMany(int count)
    {
        var target = GrainFactory.GetGrain<IPingGrain>(this.GetPrimaryKeyLong());
        long sum = 0;
        for (var i = 0; i < count; i++)
        {
            sum += await target.Ping(i);
        }

        return sum;
    }
}
