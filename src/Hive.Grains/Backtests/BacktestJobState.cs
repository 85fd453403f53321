namespace Hive.Grains.Backtests;

/// <summary>Where a submitted backtest is.</summary>
public enum BacktestJobState : byte
{
    /// <summary>Nothing was submitted under this key (or its result was dropped).</summary>
    Unknown,

    /// <summary>Loading data or replaying.</summary>
    Running,

    /// <summary>Finished; the result is available.</summary>
    Completed,

    /// <summary>Failed; the error says why.</summary>
    Failed,

    /// <summary>Cancelled by a caller.</summary>
    Cancelled,
}
