namespace Hive.Runtime.Cluster;

/// <summary>Status of a silo in the membership table. Transitions only forward; <see cref="Dead"/> is final.</summary>
public enum SiloStatus
{
    /// <summary>Registered, not yet serving.</summary>
    Joining = 1,

    /// <summary>Serving grains.</summary>
    Active = 2,

    /// <summary>Stopping gracefully: deactivating its grains.</summary>
    ShuttingDown = 3,

    /// <summary>Gone. Final: a dead silo never comes back (a restart is a new generation).</summary>
    Dead = 4,
}
