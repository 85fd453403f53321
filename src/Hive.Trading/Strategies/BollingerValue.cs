namespace Hive.Trading.Strategies;

/// <summary>One Bollinger Bands reading.</summary>
/// <param name="Upper">Middle plus k standard deviations.</param>
/// <param name="Middle">Simple moving average.</param>
/// <param name="Lower">Middle minus k standard deviations.</param>
/// <param name="Bandwidth">(Upper − Lower) / Middle, as a fraction (LEAN reports it ×100).</param>
/// <param name="PercentB">(Close − Lower) / (Upper − Lower).</param>
public readonly record struct BollingerValue(double Upper, double Middle, double Lower, double Bandwidth, double PercentB);
