using Orleans.Dashboard;
using Orleans.Hosting;

namespace Hive.Dashboard;

/// <summary>Adds Orleans' dashboard to a Hive silo.</summary>
public static class HiveDashboardSiloBuilderExtensions
{
    /// <summary>How long grain-call profiling stays on after Orleans' dashboard was last looked at.</summary>
    public static readonly TimeSpan ProfilingIdleOff = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Orleans' dashboard on this silo (grains, methods, silos, reminders, logs): every silo of the cluster needs it
    /// for the dashboard to see all of them. Grain-call profiling is on only while someone looks at the dashboard
    /// and switches off <see cref="ProfilingIdleOff"/> after the last look, so nobody watching costs no profiling.
    /// </summary>
    public static ISiloBuilder AddHiveOrleansDashboard(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddDashboard(ConfigureOrleansDashboard);
        builder.Configure<GrainProfilerOptions>(static o =>
        {
            o.TraceAlways = false;
            o.DeactivationTime = ProfilingIdleOff;
        });
        return builder;
    }

    internal static void ConfigureOrleansDashboard(DashboardOptions options)
    {
        options.CounterUpdateIntervalMs = 1000;
        options.HistoryLength = 100;
    }
}
