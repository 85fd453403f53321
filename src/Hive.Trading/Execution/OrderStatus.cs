namespace Hive.Trading.Execution;

/// <summary>What an <see cref="IOrderRouter"/> did with an order.</summary>
public enum OrderStatus : byte
{
    /// <summary>Filled at once; <see cref="OrderOutcome.Fill"/> holds the fill (paper trading, backtests).</summary>
    Filled,

    /// <summary>Accepted and in flight; the fill arrives later through <c>RunnerCore.OnFill</c> (a gateway).</summary>
    Pending,

    /// <summary>Refused downstream (for example fenced by the gateway); <see cref="OrderOutcome.RejectReason"/> says why.</summary>
    Rejected,
}
