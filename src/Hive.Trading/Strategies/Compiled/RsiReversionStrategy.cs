using Hive.Trading.Market;

namespace Hive.Trading.Strategies.Compiled;

/// <summary>
/// RSI mean reversion (<c>rsi-reversion</c>). Idle: RSI below <c>oversold</c> signals a long opportunity (above
/// <c>overbought</c> a short one when <c>short=true</c>). Analyzing: enter once RSI turns back above <c>oversold</c>
/// (below <c>overbought</c> for a short); keep waiting while it stays beyond. In position: exit a long when RSI reaches
/// <c>exit</c> (default: <c>overbought</c>), a short when it falls to <c>100 − exit</c>.
/// Parameters: <c>period</c> (14), <c>oversold</c> (30), <c>overbought</c> (70), <c>exit</c> (overbought),
/// <c>quantity</c>, <c>stop</c> and <c>take</c> (% of the entry bar's close, optional), <c>short</c> (false).
/// </summary>
public sealed class RsiReversionStrategy : IStrategy
{
    private readonly int _period;
    private readonly double _oversold;
    private readonly double _overbought;
    private readonly double _exit;
    private readonly double? _quantity;
    private readonly double? _stop;
    private readonly double? _take;
    private readonly bool _allowShort;
    private int _direction;

    /// <summary>Creates the strategy.</summary>
    public RsiReversionStrategy(int period = 14, double oversold = 30, double overbought = 70, double? exit = null,
        double? quantity = null, double? stopFraction = null, double? takeFraction = null, bool allowShort = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(period);
        if (oversold >= overbought)
        {
            throw new FormatException($"Strategy parameter 'oversold' ({oversold}) must be below 'overbought' ({overbought}).");
        }

        _period = period;
        _oversold = oversold;
        _overbought = overbought;
        _exit = exit ?? overbought;
        if (_exit <= oversold)
        {
            throw new FormatException($"Strategy parameter 'exit' ({_exit}) must be above 'oversold' ({oversold}).");
        }

        _quantity = quantity;
        _stop = stopFraction;
        _take = takeFraction;
        _allowShort = allowShort;
    }

    /// <summary>The catalog entry.</summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        "rsi-reversion",
        "RSI mean reversion: buy when RSI turns up from oversold, sell when it reaches the exit level.",
        ["period", "oversold", "overbought", "exit", "quantity", "stop", "take", "short"],
        FromParameters);

    /// <inheritdoc />
    public string Name => "rsi-reversion";

    /// <summary>Creates the strategy from runner parameters.</summary>
    public static RsiReversionStrategy FromParameters(StrategyParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var overbought = CompiledParameters.GetLevel(parameters, "overbought", 70);
        return new RsiReversionStrategy(
            parameters.GetPeriod("period", 14),
            CompiledParameters.GetLevel(parameters, "oversold", 30),
            overbought,
            parameters.Contains("exit") ? CompiledParameters.GetLevel(parameters, "exit", overbought) : null,
            CompiledParameters.GetPositive(parameters, "quantity"),
            CompiledParameters.GetPercent(parameters, "stop"),
            CompiledParameters.GetPercent(parameters, "take"),
            CompiledParameters.GetBoolean(parameters, "short", false));
    }

    /// <inheritdoc />
    public StrategyAction DetectOpportunity(in MarketData data, StrategyContext context, IIndicatorProvider indicators)
    {
        if (indicators.Rsi(_period) is not { } rsi)
        {
            return StrategyAction.None;
        }

        if (rsi < _oversold)
        {
            _direction = 1;
            return StrategyAction.Opportunity("RSI oversold");
        }

        if (_allowShort && rsi > _overbought)
        {
            _direction = -1;
            return StrategyAction.Opportunity("RSI overbought");
        }

        return StrategyAction.None;
    }

    /// <inheritdoc />
    public StrategyAction FilterCommitment(in MarketData data, StrategyContext context, IIndicatorProvider indicators)
    {
        if (indicators.Rsi(_period) is not { } rsi || _direction == 0)
        {
            return StrategyAction.CancelAnalysis("no direction");
        }

        if (_direction > 0)
        {
            if (rsi <= _oversold)
            {
                return StrategyAction.None;
            }

            _direction = 0;
            return StrategyAction.EnterLong(null, _quantity, Below(data.Close, _stop), Above(data.Close, _take), "RSI turned up from oversold");
        }

        if (rsi >= _overbought)
        {
            return StrategyAction.None;
        }

        _direction = 0;
        return StrategyAction.EnterShort(null, _quantity, Above(data.Close, _stop), Below(data.Close, _take), "RSI turned down from overbought");
    }

    /// <inheritdoc />
    public StrategyAction ManagePosition(in MarketData data, StrategyContext context, IIndicatorProvider indicators)
    {
        if (indicators.Rsi(_period) is not { } rsi)
        {
            return StrategyAction.None;
        }

        var side = context.Position?.Side ?? PositionSide.Flat;
        if (side == PositionSide.Long && rsi >= _exit)
        {
            return StrategyAction.Exit(null, "RSI reached exit level");
        }

        if (side == PositionSide.Short && rsi <= 100 - _exit)
        {
            return StrategyAction.Exit(null, "RSI reached exit level");
        }

        return StrategyAction.None;
    }

    private static double? Below(double price, double? fraction) => fraction is { } f ? price * (1 - f) : null;

    private static double? Above(double price, double? fraction) => fraction is { } f ? price * (1 + f) : null;
}
