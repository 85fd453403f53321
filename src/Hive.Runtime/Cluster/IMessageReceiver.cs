namespace Hive.Runtime.Cluster;

/// <summary>The silo side of a transport: receives serialized messages.</summary>
public interface IMessageReceiver
{
    /// <summary>Handles one message. The receiver owns <paramref name="message"/>.</summary>
    void OnMessage(byte[] message);
}
