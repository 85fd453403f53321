using Hive.Trading.Market;

namespace Hive.Trading.Strategies.Compiled;

/// <summary>
/// EMA crossover (<c>ema-cross</c>). Idle: when the fast EMA moves to the other side of the slow EMA compared with the
/// last regime seen while idle (a cross), signal an opportunity (upward: long; downward: short when
/// <c>short=true</c>). Analyzing: on the next bar, enter if the cross still holds, otherwise cancel. In position: exit
/// when the fast EMA crosses back. The first regime after the EMAs become ready is only recorded, so the strategy
/// never enters in the middle of a trend it did not see start.
/// Parameters: <c>fast</c> (12), <c>slow</c> (26), <c>quantity</c> (runner default when absent), <c>stop</c> and
/// <c>take</c> (stop-loss / take-profit distance in % of the entry bar's close, optional), <c>short</c> (false).
/// One instance per runner: it keeps the last regime in fields.
/// </summary>
public sealed class EmaCrossStrategy : IStrategy
{
    private readonly int _fast;
    private readonly int _slow;
    private readonly double? _quantity;
    private readonly double? _stop;
    private readonly double? _take;
    private readonly bool _allowShort;
    private int _idleRegime;
    private int _reverse;
    private int _direction;

    /// <summary>Creates the strategy.</summary>
    public EmaCrossStrategy(int fast = 12, int slow = 26, double? quantity = null, double? stopFraction = null, double? takeFraction = null, bool allowShort = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fast);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(slow);
        if (fast >= slow)
        {
            throw new FormatException($"Strategy parameter 'fast' ({fast}) must be smaller than 'slow' ({slow}).");
        }

        _fast = fast;
        _slow = slow;
        _quantity = quantity;
        _stop = stopFraction;
        _take = takeFraction;
        _allowShort = allowShort;
    }

    /// <summary>The catalog entry.</summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        "ema-cross",
        "EMA crossover: enter when the fast EMA crosses the slow EMA, exit on the opposite cross.",
        ["fast", "slow", "quantity", "stop", "take", "short"],
        FromParameters);

    /// <inheritdoc />
    public string Name => "ema-cross";

    /// <summary>Creates the strategy from runner parameters.</summary>
    public static EmaCrossStrategy FromParameters(StrategyParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return new EmaCrossStrategy(
            parameters.GetPeriod("fast", 12),
            parameters.GetPeriod("slow", 26),
            CompiledParameters.GetPositive(parameters, "quantity"),
            CompiledParameters.GetPercent(parameters, "stop"),
            CompiledParameters.GetPercent(parameters, "take"),
            CompiledParameters.GetBoolean(parameters, "short", false));
    }

    /// <inheritdoc />
    public StrategyAction DetectOpportunity(in MarketData data, StrategyContext context, IIndicatorProvider indicators)
    {
        var regime = Regime(indicators);
        var reverse = _reverse;
        _reverse = 0;
        if (regime == 0)
        {
            return StrategyAction.None;
        }

        if (reverse != 0 && regime == reverse)
        {
            _idleRegime = regime;
            _direction = regime;
            return StrategyAction.Opportunity(regime > 0 ? "fast EMA crossed above slow EMA" : "fast EMA crossed below slow EMA");
        }

        if (_idleRegime == 0)
        {
            _idleRegime = regime;
            return StrategyAction.None;
        }

        if (regime == _idleRegime)
        {
            return StrategyAction.None;
        }

        _idleRegime = regime;
        if (regime > 0)
        {
            _direction = 1;
            return StrategyAction.Opportunity("fast EMA crossed above slow EMA");
        }

        if (_allowShort)
        {
            _direction = -1;
            return StrategyAction.Opportunity("fast EMA crossed below slow EMA");
        }

        return StrategyAction.None;
    }

    /// <inheritdoc />
    public StrategyAction FilterCommitment(in MarketData data, StrategyContext context, IIndicatorProvider indicators)
    {
        var regime = Regime(indicators);
        var direction = _direction;
        _direction = 0;
        if (direction > 0 && regime > 0)
        {
            return StrategyAction.EnterLong(null, _quantity, Below(data.Close, _stop), Above(data.Close, _take), "cross confirmed");
        }

        if (direction < 0 && regime < 0)
        {
            return StrategyAction.EnterShort(null, _quantity, Above(data.Close, _stop), Below(data.Close, _take), "cross confirmed");
        }

        _idleRegime = regime;
        return StrategyAction.CancelAnalysis("cross reverted");
    }

    /// <inheritdoc />
    public StrategyAction ManagePosition(in MarketData data, StrategyContext context, IIndicatorProvider indicators)
    {
        var regime = Regime(indicators);
        var side = context.Position?.Side ?? PositionSide.Flat;

        // The remembered regime follows the market while in position, so that after an exit (on the opposite cross or
        // a stop) a cross back on the next bar is a new cross, not the regime of the entry.
        if (regime != 0)
        {
            _idleRegime = regime;
        }

        if ((side == PositionSide.Long && regime < 0) || (side == PositionSide.Short && regime > 0))
        {
            // The cross that ends this position opens the other side on the next bar when that side is traded.
            _reverse = regime > 0 || _allowShort ? regime : 0;
            return StrategyAction.Exit(null, "opposite cross");
        }

        return StrategyAction.None;
    }

    private int Regime(IIndicatorProvider indicators)
    {
        var fast = indicators.Ema(_fast);
        var slow = indicators.Ema(_slow);
        if (fast is null || slow is null)
        {
            return 0;
        }

        return fast.Value > slow.Value ? 1 : fast.Value < slow.Value ? -1 : 0;
    }

    private static double? Below(double price, double? fraction) => fraction is { } f ? price * (1 - f) : null;

    private static double? Above(double price, double? fraction) => fraction is { } f ? price * (1 + f) : null;
}
