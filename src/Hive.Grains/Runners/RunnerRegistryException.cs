namespace Hive.Grains.Runners;

/// <summary>A registry request the caller can fix: a duplicate or unknown runner ID, a bad definition.</summary>
public sealed class RunnerRegistryException(string message) : InvalidOperationException(message);
