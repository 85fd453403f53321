using Orleans;

namespace Hive.Grains.Runners;

/// <summary>A registry request the caller can fix: a duplicate or unknown runner ID, a bad definition.</summary>
[GenerateSerializer]
[Alias("hive.runner-registry-exception")]
public sealed class RunnerRegistryException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public RunnerRegistryException()
    {
    }

    /// <summary>Creates the exception with a message naming the runner and the problem.</summary>
    public RunnerRegistryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message naming the runner and the problem, and its kind.</summary>
    public RunnerRegistryException(string message, RunnerRegistryError error)
        : base(message)
    {
        Error = error;
    }

    /// <summary>Creates the exception.</summary>
    public RunnerRegistryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What kind of problem this is.</summary>
    [Id(0)]
    public RunnerRegistryError Error { get; init; }
}
