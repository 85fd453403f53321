namespace Hive.Grains.Runners;

/// <summary>What kind of problem a <see cref="RunnerRegistryException"/> reports, so that callers (the gRPC API) can map it to a status.</summary>
public enum RunnerRegistryError : byte
{
    /// <summary>The definition is not valid (a bad field, an unknown strategy, a script that does not load).</summary>
    InvalidDefinition,

    /// <summary>No runner has the ID.</summary>
    NotFound,

    /// <summary>A runner with the ID exists already.</summary>
    AlreadyExists,

    /// <summary>The runner is in a state that does not allow the request (a strategy that does not reload, a runner that cannot start).</summary>
    FailedPrecondition,

    /// <summary>No compatible silo is active, or the runner could not be reached.</summary>
    Unavailable,
}
