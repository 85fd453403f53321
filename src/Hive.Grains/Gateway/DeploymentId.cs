using Orleans;
using Orleans.Concurrency;
namespace Hive.Grains.Gateway;

/// <summary>
/// The identity of one activation of a runner as the gateway knows it. Every activation obtains a fresh one from the
/// gateway, with an epoch higher than any before for that runner; the gateway accepts orders only from the runner's
/// current DeploymentID, so a stale activation (a partitioned silo, a duplicate) can never trade.
/// </summary>
/// <param name="RunnerId">The runner.</param>
/// <param name="Epoch">Monotonically increasing per runner.</param>
/// <param name="Activation">A unique tag of the activation that holds it (silo name and a random suffix).</param>
[GenerateSerializer]
[Alias("hive.deployment-id")]
[Immutable]
public readonly record struct DeploymentId(string RunnerId, long Epoch, string Activation)
{
    /// <inheritdoc />
    public override string ToString() => $"{RunnerId}#{Epoch}@{Activation}";
}
