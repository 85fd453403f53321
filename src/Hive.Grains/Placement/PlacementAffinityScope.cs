using Orleans;
using Orleans.Runtime;

namespace Hive.Grains.Placement;

/// <summary>A value set in <see cref="RequestContext"/> for a placement director; disposing restores the previous value.</summary>
public readonly struct PlacementAffinityScope : IDisposable
{
    private readonly string _key;
    private readonly string? _previous;

    internal PlacementAffinityScope(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        _key = key;
        _previous = RequestContext.Get(key) as string;
        RequestContext.Set(key, value);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_key is null)
        {
            return;
        }

        if (_previous is null)
        {
            RequestContext.Remove(_key);
        }
        else
        {
            RequestContext.Set(_key, _previous);
        }
    }
}
