namespace Hive.Trading.Strategies;

/// <summary>One MACD reading.</summary>
/// <param name="Line">Fast EMA minus slow EMA.</param>
/// <param name="Signal">EMA of the line.</param>
/// <param name="Histogram">Line minus signal.</param>
public readonly record struct MacdValue(double Line, double Signal, double Histogram);
