namespace Hive.Runtime;

/// <summary>A grain call was used wrongly: unknown grain interface, no implementation, or an argument or result that cannot cross silos (serialized or deserialized).</summary>
public sealed class GrainCallException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GrainCallException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public GrainCallException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public GrainCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
