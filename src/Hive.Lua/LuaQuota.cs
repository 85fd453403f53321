namespace Hive.Lua;

/// <summary>
/// What one runner's script made the host keep, counted against <see cref="LuaStrategyOptions"/>' host quota. It
/// belongs to the <see cref="LuaStrategy"/>, not to a VM, so a reload does not reset it: the indicators a previous
/// version of the script created are still kept by the runner.
/// </summary>
internal sealed class LuaQuota
{
    /// <summary>Sum of the periods of the indicator instances created through the script.</summary>
    public long IndicatorPeriods { get; set; }

    /// <summary>Indicator instances created, counted here when the provider cannot say (it is not an <see cref="Trading.Indicators.IndicatorSet"/>).</summary>
    public HashSet<(byte Kind, long A, long B, long C, double K)> Seen { get; } = [];
}
