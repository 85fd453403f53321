namespace Hive.Runtime.Cluster;

/// <summary>The silo side of a transport: receives serialized messages.</summary>
public interface IMessageReceiver
{
    /// <summary>
    /// Handles one message. The receiver owns <paramref name="message"/>. It should not throw: a bad message is logged and,
    /// for a request, answered with an error; a transport keeps delivering the next messages if it does throw.
    /// </summary>
    void OnMessage(byte[] message);
}
