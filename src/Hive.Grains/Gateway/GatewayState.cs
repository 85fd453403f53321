using Hive.Trading.Risk;

namespace Hive.Grains.Gateway;

/// <summary>
/// What a gateway persists (state name <c>gateway</c>): the lease epoch, every runner's latest deployment (also after
/// a revocation, so epochs are never reissued) and the kill switch. Written only by the lease holder; a write from a
/// stale activation fails the ETag check.
/// </summary>
internal sealed class GatewayState
{
    /// <summary>The epoch of the gateway activation that holds the lease.</summary>
    public long GatewayEpoch { get; set; }

    /// <summary>Runner ID → its latest deployment.</summary>
    public Dictionary<string, RunnerDeployment> Runners { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The account's kill switch level.</summary>
    public KillSwitchLevel KillSwitch { get; set; }

    /// <summary>Why the kill switch was engaged.</summary>
    public string? KillSwitchReason { get; set; }
}
