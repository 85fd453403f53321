namespace Hive.Grains.Gateway;

/// <summary>
/// The first answer to each of the last <c>capacity</c> client order IDs, oldest forgotten first (a dictionary and a
/// FIFO queue of keys). Not thread-safe: owned by one gateway activation.
/// </summary>
internal sealed class RecentOrderResults(int capacity)
{
    private readonly Dictionary<string, GatewayOrderResult> _results = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public int Count => _results.Count;

    public bool TryGet(string clientOrderId, out GatewayOrderResult result) =>
        _results.TryGetValue(clientOrderId, out result!);

    /// <summary>Sets the answer of <paramref name="clientOrderId"/>, replacing an earlier one (a reconciled order).</summary>
    public void Replace(string clientOrderId, GatewayOrderResult result)
    {
        if (_results.ContainsKey(clientOrderId))
        {
            _results[clientOrderId] = result;
            return;
        }

        Add(clientOrderId, result);
    }

    public void Add(string clientOrderId, GatewayOrderResult result)
    {
        if (!_results.TryAdd(clientOrderId, result))
        {
            return;
        }

        _order.Enqueue(clientOrderId);
        while (_order.Count > capacity)
        {
            _results.Remove(_order.Dequeue());
        }
    }
}
