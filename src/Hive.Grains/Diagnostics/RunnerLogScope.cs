using System.Collections;

namespace Hive.Grains.Diagnostics;

/// <summary>The scope of a runner's log lines: its ID, symbol and deployment epoch, as structured properties.</summary>
internal sealed class RunnerLogScope(string runnerId, string? symbol, long? epoch) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => 3;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("RunnerId", runnerId),
        1 => new("Symbol", symbol),
        2 => new("Epoch", epoch),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"runner {runnerId} {symbol} epoch {epoch}";
}
