using Hive.Trading.Execution;

namespace Hive.Trading.Risk;

/// <summary>
/// The risk state every runner of one account shares: account-level limits, the kill switch, the account's order
/// rate window, and each runner's open position (for total exposure and the account's position per symbol).
/// Runners on one symbol keep separate positions; the account sees their sum. Thread-safe.
/// </summary>
public sealed class AccountRisk
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Holding> _holdings = new(StringComparer.Ordinal);
    private readonly OrderRateLimiter? _rate;

    /// <summary>Creates the account's risk state with <paramref name="limits"/> (none when <c>null</c>).</summary>
    public AccountRisk(RiskLimits? limits = null)
    {
        Limits = limits ?? RiskLimits.None;
        Limits.Validate();
        if (Limits.MaxOrdersPerSecond is { } rate)
        {
            _rate = new OrderRateLimiter(rate);
        }
    }

    /// <summary>Account-level limits.</summary>
    public RiskLimits Limits { get; }

    /// <summary>The account's kill switch.</summary>
    public KillSwitch KillSwitch { get; } = new();

    /// <summary>Σ |position| × last fill price over all runners.</summary>
    public decimal TotalExposure
    {
        get
        {
            lock (_lock)
            {
                var total = 0m;
                foreach (var holding in _holdings.Values)
                {
                    total += Math.Abs(holding.Position) * holding.Price;
                }

                return total;
            }
        }
    }

    /// <summary>Σ of the runners' signed positions on <paramref name="symbol"/>.</summary>
    public decimal PositionOf(string symbol)
    {
        lock (_lock)
        {
            return PositionOfLocked(symbol, null);
        }
    }

    /// <summary>Records a runner's position after a fill, valued at <paramref name="price"/>.</summary>
    public void UpdatePosition(string runnerId, string symbol, decimal position, decimal price)
    {
        lock (_lock)
        {
            _holdings[runnerId] = new Holding(symbol, position, price);
        }
    }

    /// <summary>
    /// Checks the account limits for an order that moves <paramref name="order"/>'s runner to
    /// <paramref name="newPosition"/>, valued at <paramref name="price"/>.
    /// Does not consume the rate window; <see cref="RecordOrder"/> does once every scope accepted.
    /// </summary>
    internal RiskDecision Check(in OrderRequest order, decimal newPosition, decimal price, bool reduces)
    {
        var limits = Limits;
        lock (_lock)
        {
            if (!reduces)
            {
                var notional = order.Quantity * price;
                if (limits.MaxOrderQuantity is { } maxQty && order.Quantity > maxQty)
                {
                    return RiskDecision.Deny(RiskReason.QuantityExceedsMaximum, $"{RiskEngine.Format(order.Quantity)} > {RiskEngine.Format(maxQty)}", Scope);
                }

                if (limits.MaxOrderNotional is { } maxNotional && notional > maxNotional)
                {
                    return RiskDecision.Deny(RiskReason.NotionalExceedsMaximum, $"{RiskEngine.Format(notional)} > {RiskEngine.Format(maxNotional)}", Scope);
                }

                if (limits.MaxPositionQuantity is { } maxPosition)
                {
                    var symbolPosition = Math.Abs(PositionOfLocked(order.Symbol, order.RunnerId) + newPosition);
                    if (symbolPosition > maxPosition)
                    {
                        return RiskDecision.Deny(RiskReason.PositionExceedsMaximum, $"{RiskEngine.Format(symbolPosition)} > {RiskEngine.Format(maxPosition)}", Scope);
                    }
                }

                if (limits.MaxExposureNotional is { } maxExposure)
                {
                    var exposure = Math.Abs(newPosition) * price;
                    foreach (var (runnerId, holding) in _holdings)
                    {
                        if (!string.Equals(runnerId, order.RunnerId, StringComparison.Ordinal))
                        {
                            exposure += Math.Abs(holding.Position) * holding.Price;
                        }
                    }

                    if (exposure > maxExposure)
                    {
                        return RiskDecision.Deny(RiskReason.ExposureExceedsMaximum, $"{RiskEngine.Format(exposure)} > {RiskEngine.Format(maxExposure)}", Scope);
                    }
                }
            }

            if (_rate is not null && !_rate.CanAcquire(order.Timestamp))
            {
                return RiskDecision.Deny(RiskReason.OrderRateExceeded,
                    $"{_rate.CountAt(order.Timestamp) + 1} orders in 1 s > {_rate.MaxPerSecond}", Scope);
            }
        }

        return RiskDecision.Accepted;
    }

    /// <summary>Counts an accepted order in the account's rate window.</summary>
    internal void RecordOrder(long timestamp)
    {
        if (_rate is null)
        {
            return;
        }

        lock (_lock)
        {
            _rate.Record(timestamp);
        }
    }

    private const string Scope = "account";

    private decimal PositionOfLocked(string symbol, string? exceptRunner)
    {
        var total = 0m;
        foreach (var (runnerId, holding) in _holdings)
        {
            if (string.Equals(holding.Symbol, symbol, StringComparison.Ordinal)
                && !string.Equals(runnerId, exceptRunner, StringComparison.Ordinal))
            {
                total += holding.Position;
            }
        }

        return total;
    }

    private readonly record struct Holding(string Symbol, decimal Position, decimal Price);
}
