namespace Hive.Runtime;

/// <summary>
/// An exception thrown by a grain on another silo whose type the caller's silo does not rebuild. <see cref="Exception.Message"/>
/// is the original message; <see cref="RemoteTypeName"/> names the original type.
/// </summary>
public sealed class RemoteGrainException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RemoteGrainException(string remoteTypeName, string message)
        : base(message)
    {
        RemoteTypeName = remoteTypeName;
    }

    /// <summary>Creates the exception.</summary>
    public RemoteGrainException()
    {
        RemoteTypeName = string.Empty;
    }

    /// <summary>Creates the exception.</summary>
    public RemoteGrainException(string message, Exception innerException)
        : base(message, innerException)
    {
        RemoteTypeName = string.Empty;
    }

    /// <summary>Full name of the exception type thrown on the remote silo.</summary>
    public string RemoteTypeName { get; }
}
