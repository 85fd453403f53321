using Hive.Grains.Gateway;
using Hive.Trading.Runners;
using Orleans;

namespace Hive.Grains.Runners;

/// <summary>A runner's state as operators see it (console view, dashboard, <c>hive runner list</c>).</summary>
/// <param name="RunnerId">The runner ID.</param>
/// <param name="Symbol">The symbol it trades.</param>
/// <param name="Strategy">Its strategy.</param>
/// <param name="State">State machine state.</param>
/// <param name="Health">Health as the registry judges it.</param>
/// <param name="PositionQuantity">Signed position (negative when short).</param>
/// <param name="EntryPrice">Average entry price of the open position.</param>
/// <param name="RealizedPnl">Realized P&amp;L after fees.</param>
/// <param name="UnrealizedPnl">Unrealized P&amp;L at the last price.</param>
/// <param name="Equity">Equity of the runner's virtual account.</param>
/// <param name="Trades">Closed trades.</param>
/// <param name="OrdersFilled">Orders filled.</param>
/// <param name="OrdersDenied">Orders denied by pre-trade risk (runner or account level).</param>
/// <param name="OrdersFenced">Orders the gateway rejected as <c>Fenced</c>.</param>
/// <param name="BarsProcessed">Closed bars processed.</param>
/// <param name="LastEventTime">Event time of the last market event, Unix epoch milliseconds (UTC); 0 before the first.</param>
/// <param name="StartedAt">When this activation started the runner.</param>
/// <param name="Silo">Name of the silo hosting the activation.</param>
/// <param name="Deployment">The activation's DeploymentID.</param>
/// <param name="StoppedReason">Why the runner stopped, or <c>null</c>.</param>
/// <param name="LastError">The last strategy error, or <c>null</c>.</param>
/// <param name="LastOrderProblem">The gateway's or exchange's last refusal of one of its orders, with the reason (<c>ExchangeFilter BTCUSDT LOT_SIZE: …</c>).</param>
/// <param name="Gaps">Gap events received by this activation (market data lost on a reconnect or a feed restart).</param>
/// <param name="LastGap">Why the last gap happened.</param>
[GenerateSerializer]
[Alias("hive.runner-status")]
public sealed record RunnerStatus(
    string RunnerId,
    string Symbol,
    string Strategy,
    RunnerState State,
    RunnerHealth Health,
    decimal PositionQuantity,
    decimal EntryPrice,
    decimal RealizedPnl,
    decimal UnrealizedPnl,
    decimal Equity,
    int Trades,
    int OrdersFilled,
    int OrdersDenied,
    int OrdersFenced,
    long BarsProcessed,
    long LastEventTime,
    DateTimeOffset StartedAt,
    string Silo,
    DeploymentId Deployment,
    string? StoppedReason,
    string? LastError,
    string? LastOrderProblem = null,
    int Gaps = 0,
    string? LastGap = null);
