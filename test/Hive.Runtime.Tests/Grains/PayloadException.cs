namespace Hive.Runtime.Tests.Grains;

/// <summary>Thrown by <see cref="Payload"/> accessors to simulate a type that fails to serialize at run time.</summary>
internal sealed class PayloadException : Exception
{
    public PayloadException()
    {
    }

    public PayloadException(string message)
        : base(message)
    {
    }

    public PayloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
