namespace Hive.Grains.Runners;

/// <summary>How a runner is doing, as the registry's health check reports it.</summary>
public enum RunnerHealth : byte
{
    /// <summary>Running and receiving market data.</summary>
    Healthy,

    /// <summary>Running, but recording strategy errors (development policy) or receiving no data.</summary>
    Degraded,

    /// <summary>Stopped by an error, or not reachable.</summary>
    Unhealthy,

    /// <summary>Paused by an operator.</summary>
    Paused,
}
