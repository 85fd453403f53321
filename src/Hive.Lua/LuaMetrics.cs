using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Hive.Lua;

/// <summary>
/// The Lua sandbox's instruments, on the meter <c>Hive.Lua</c>: time spent in strategy calls and the limits scripts hit.
/// Exported as <c>hive_lua_call_duration_seconds</c> and <c>hive_lua_limit_hits_total</c> where a metrics exporter listens.
/// </summary>
public static class LuaMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Hive.Lua";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>(
        "hive.lua.call.duration", "s", "Time of one strategy step in the Lua sandbox (detect, filter or manage).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.000001, 0.0000025, 0.000005, 0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.01, 0.1, 1] });

    private static readonly Counter<long> LimitHits = Meter.CreateCounter<long>(
        "hive.lua.limit.hits", "{hit}", "Strategy calls stopped by a sandbox limit (instruction budget, memory, time, host quota).");

    /// <summary>A timestamp to pass to <see cref="RecordCall"/>, or 0 when nobody listens (the call is then free).</summary>
    internal static long StartCall() => CallDuration.Enabled ? Stopwatch.GetTimestamp() : 0;

    internal static void RecordCall(long started)
    {
        if (started != 0)
        {
            CallDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    internal static void RecordLimit(LuaErrorKind kind) =>
        LimitHits.Add(1, new KeyValuePair<string, object?>("limit", kind switch
        {
            LuaErrorKind.InstructionBudget => "instruction_budget",
            LuaErrorKind.MemoryLimit => "memory",
            LuaErrorKind.Timeout => "timeout",
            LuaErrorKind.HostQuota => "host_quota",
            _ => kind.ToString(),
        }));
}
