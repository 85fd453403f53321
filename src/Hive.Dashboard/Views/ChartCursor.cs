namespace Hive.Dashboard.Views;

/// <summary>How far a live runner view has sent the chart: the activation, the newest candle's time and the newest marker.</summary>
internal sealed record ChartCursor(string Activation, long Time, long Marker);
