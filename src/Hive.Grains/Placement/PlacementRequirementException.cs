using Orleans;

namespace Hive.Grains.Placement;

/// <summary>
/// No active silo satisfies a grain's placement requirement (<c>role=live</c>, <c>role=data</c>). The message names the
/// requirement, the grain and every active silo with its role, for example
/// <c>no active silo with role=live for runner/btc_ema; active: control-1 (role=control), data-1 (role=data)</c>.
/// Serializable, so that a caller outside the silo gets this message rather than a codec error.
/// </summary>
[GenerateSerializer]
[Alias("hive.placement-requirement-exception")]
public sealed class PlacementRequirementException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PlacementRequirementException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    public PlacementRequirementException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PlacementRequirementException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
