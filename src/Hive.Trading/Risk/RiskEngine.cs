using System.Globalization;
using Hive.Trading.Execution;

namespace Hive.Trading.Risk;

/// <summary>
/// Pre-trade risk of one runner: its own limits and kill switch, then the account's (<see cref="AccountRisk"/>) when
/// one is shared. Every decision is a <see cref="RiskDecision"/>, never an exception. Checks, in order: quantity and
/// price are valid; kill switches (halted denies everything, reducing denies what does not reduce exposure);
/// reduce-only orders must reduce; then, for orders that do not reduce exposure, order quantity, order notional,
/// position size and total exposure; finally the orders-per-second window. Orders that reduce exposure (exits,
/// stop-loss, take-profit) are exempt from the size limits so that a position can always be closed, but not from
/// the kill switch at <see cref="KillSwitchLevel.Halted"/> nor from the rate limit. An accepted order is counted in
/// the rate windows; a denied one is not.
/// </summary>
public sealed class RiskEngine
{
    private const string Scope = "runner";
    private readonly OrderRateLimiter? _rate;

    /// <summary>Creates the runner's risk check.</summary>
    /// <param name="limits">The runner's limits (none when <c>null</c>).</param>
    /// <param name="account">The account shared with other runners, or <c>null</c> for a runner on its own.</param>
    public RiskEngine(RiskLimits? limits = null, AccountRisk? account = null)
    {
        Limits = limits ?? RiskLimits.None;
        Limits.Validate();
        Account = account;
        if (Limits.MaxOrdersPerSecond is { } rate)
        {
            _rate = new OrderRateLimiter(rate);
        }
    }

    /// <summary>The runner's limits.</summary>
    public RiskLimits Limits { get; }

    /// <summary>The shared account, if any.</summary>
    public AccountRisk? Account { get; }

    /// <summary>The runner's own kill switch (the account has another).</summary>
    public KillSwitch KillSwitch { get; } = new();

    /// <summary>
    /// Decides whether <paramref name="order"/> may be sent, given the runner's signed <paramref name="position"/> and
    /// the <paramref name="price"/> used to value it (the expected fill price). Accepted orders are counted in the
    /// rate windows.
    /// </summary>
    public RiskDecision Evaluate(in OrderRequest order, decimal position, decimal price)
    {
        if (order.Quantity <= 0)
        {
            return RiskDecision.Deny(RiskReason.InvalidQuantity, $"{Format(order.Quantity)} <= 0", Scope);
        }

        if (price <= 0)
        {
            return RiskDecision.Deny(RiskReason.InvalidPrice, $"{Format(price)} <= 0", Scope);
        }

        var newPosition = position + order.SignedQuantity;
        var reduces = Reduces(position, order.SignedQuantity);

        var killed = CheckKillSwitch(KillSwitch, order, position, reduces, Scope);
        if (!killed.IsAccepted)
        {
            return killed;
        }

        if (Account is not null)
        {
            killed = CheckKillSwitch(Account.KillSwitch, order, position, reduces, "account");
            if (!killed.IsAccepted)
            {
                return killed;
            }
        }

        if (order.ReduceOnly && !reduces)
        {
            return RiskDecision.Deny(RiskReason.ReduceOnlyWouldIncrease,
                $"{Describe(order)} would take position {Format(position)} to {Format(newPosition)}", Scope);
        }

        if (!reduces)
        {
            var limits = Limits;
            var notional = order.Quantity * price;
            if (limits.MaxOrderQuantity is { } maxQty && order.Quantity > maxQty)
            {
                return RiskDecision.Deny(RiskReason.QuantityExceedsMaximum, $"{Format(order.Quantity)} > {Format(maxQty)}", Scope);
            }

            if (limits.MaxOrderNotional is { } maxNotional && notional > maxNotional)
            {
                return RiskDecision.Deny(RiskReason.NotionalExceedsMaximum, $"{Format(notional)} > {Format(maxNotional)}", Scope);
            }

            if (limits.MaxPositionQuantity is { } maxPosition && Math.Abs(newPosition) > maxPosition)
            {
                return RiskDecision.Deny(RiskReason.PositionExceedsMaximum, $"{Format(Math.Abs(newPosition))} > {Format(maxPosition)}", Scope);
            }

            if (limits.MaxExposureNotional is { } maxExposure && Math.Abs(newPosition) * price > maxExposure)
            {
                return RiskDecision.Deny(RiskReason.ExposureExceedsMaximum, $"{Format(Math.Abs(newPosition) * price)} > {Format(maxExposure)}", Scope);
            }
        }

        if (_rate is not null && !_rate.CanAcquire(order.Timestamp))
        {
            return RiskDecision.Deny(RiskReason.OrderRateExceeded,
                $"{_rate.CountAt(order.Timestamp) + 1} orders in 1 s > {_rate.MaxPerSecond}", Scope);
        }

        if (Account is not null)
        {
            var account = Account.Check(order, newPosition, price, reduces);
            if (!account.IsAccepted)
            {
                return account;
            }

            Account.RecordOrder(order.Timestamp);
        }

        _rate?.Record(order.Timestamp);
        return RiskDecision.Accepted;
    }

    /// <summary>Whether a signed order quantity reduces the absolute position without flipping it.</summary>
    public static bool Reduces(decimal position, decimal signedQuantity) =>
        position != 0 && signedQuantity != 0 && Math.Sign(position) != Math.Sign(signedQuantity) && Math.Abs(signedQuantity) <= Math.Abs(position);

    /// <summary>Formats a number for a denial message: invariant culture, no trailing zeros.</summary>
    public static string Format(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    private static RiskDecision CheckKillSwitch(KillSwitch killSwitch, in OrderRequest order, decimal position, bool reduces, string scope)
    {
        switch (killSwitch.Level)
        {
            case KillSwitchLevel.Halted:
                return RiskDecision.Deny(RiskReason.KillSwitchHalted,
                    $"{scope} kill switch is halted{Because(killSwitch)}; {Describe(order)} refused", scope);
            case KillSwitchLevel.Reducing when !reduces:
                return RiskDecision.Deny(RiskReason.KillSwitchReducing,
                    $"{scope} kill switch allows only reducing orders{Because(killSwitch)}; {Describe(order)} would take position {Format(position)} to {Format(position + order.SignedQuantity)}", scope);
            default:
                return RiskDecision.Accepted;
        }

        static string Because(KillSwitch k) => k.Reason is { } reason ? $" ({reason})" : string.Empty;
    }

    private static string Describe(in OrderRequest order) =>
        $"{(order.Side == OrderSide.Buy ? "buy" : "sell")} {Format(order.Quantity)} {order.Symbol}";
}
