using Hive.Trading.Runners;
using Orleans;

namespace Hive.Grains.Runners;

/// <summary>One thing that happened to a runner, as <see cref="IRunnerGrain.WatchAsync"/> reports it.</summary>
/// <param name="Sequence">Position in the runner activation's event log (1, 2, …); a gap means events were dropped.</param>
/// <param name="Time">When it happened, Unix epoch milliseconds (UTC) of the silo's clock.</param>
/// <param name="MarketTime">Event time of the market data being processed, Unix epoch milliseconds (UTC); 0 for operator actions.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Message">A description naming the numbers (order side, quantity, price, reason).</param>
/// <param name="State">The runner's state machine state afterwards.</param>
/// <param name="Health">The runner's health afterwards.</param>
/// <param name="Price">The price involved (fill, signal) or the last price.</param>
[GenerateSerializer]
[Alias("hive.runner-event")]
public sealed record RunnerEvent(
    long Sequence,
    long Time,
    long MarketTime,
    RunnerEventKind Kind,
    string Message,
    RunnerState State,
    RunnerHealth Health,
    double Price);
