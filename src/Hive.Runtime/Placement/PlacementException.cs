namespace Hive.Runtime.Placement;

/// <summary>No active silo can host the grain; the message names the unmet requirement.</summary>
public sealed class PlacementException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PlacementException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PlacementException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public PlacementException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
