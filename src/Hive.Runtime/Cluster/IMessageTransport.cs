namespace Hive.Runtime.Cluster;

/// <summary>
/// Moves serialized silo-to-silo messages. The silo serializes every message before handing it over, so an in-memory
/// transport and a network transport see the same bytes. Implementations: <see cref="InMemoryTransportHub"/>; TCP later.
/// </summary>
public interface IMessageTransport
{
    /// <summary>Starts receiving messages addressed to <paramref name="self"/>.</summary>
    void Listen(SiloAddress self, IMessageReceiver receiver);

    /// <summary>Stops receiving; later sends to <paramref name="self"/> fail with <see cref="SiloUnavailableException"/>.</summary>
    void Disconnect(SiloAddress self);

    /// <summary>Sends <paramref name="message"/> to <paramref name="target"/>; throws <see cref="SiloUnavailableException"/> when it is unreachable.</summary>
    void Send(SiloAddress target, byte[] message);
}
