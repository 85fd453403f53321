namespace Hive.Trading.Strategies;

/// <summary>
/// The <c>indicators</c> argument of a strategy step. Each method returns <c>null</c> until its indicator is ready.
/// Indicators are created on first request and then updated incrementally by the runner on every bar, so asking for
/// <c>Sma(20)</c> on every update costs a lookup, not a pass over the window.
/// </summary>
public interface IIndicatorProvider
{
    /// <summary>Simple moving average of the close over <paramref name="period"/> bars.</summary>
    double? Sma(int period);

    /// <summary>Exponential moving average of the close, seeded with the SMA of the first <paramref name="period"/> bars.</summary>
    double? Ema(int period);

    /// <summary>Relative strength index with Wilder smoothing.</summary>
    double? Rsi(int period);

    /// <summary>MACD line, signal and histogram.</summary>
    MacdValue? Macd(int fastPeriod, int slowPeriod, int signalPeriod);

    /// <summary>Bollinger Bands over <paramref name="period"/> bars, <paramref name="k"/> population standard deviations wide.</summary>
    BollingerValue? Bollinger(int period, double k);

    /// <summary>Average true range with Wilder smoothing.</summary>
    double? Atr(int period);

    /// <summary>
    /// Highest high of the runner's whole window (every bar it keeps, the current one included): the seed contract's
    /// <c>indicators.high</c>. <c>null</c> before the first bar, or when the provider keeps no window.
    /// </summary>
    double? WindowHigh => null;

    /// <summary>Lowest low of the runner's whole window: the seed contract's <c>indicators.low</c>.</summary>
    double? WindowLow => null;

    /// <summary>Highest high of the last <paramref name="period"/> bars, including the current one.</summary>
    double? High(int period);

    /// <summary>Lowest low of the last <paramref name="period"/> bars, including the current one.</summary>
    double? Low(int period);
}
