namespace Hive.Grains.Gateway;

/// <summary>A runner's latest deployment as a gateway persists it.</summary>
/// <param name="Epoch">The latest epoch issued to the runner.</param>
/// <param name="Activation">The activation tag it was issued to.</param>
/// <param name="Revoked">Whether the runner was removed: every DeploymentID of it is fenced until it registers again.</param>
internal sealed record RunnerDeployment(long Epoch, string Activation, bool Revoked);
