using Hive.Trading.Indicators;
using Hive.Trading.Strategies;
using static Hive.Lua.Native.LuaApi;

namespace Hive.Lua;

/// <summary>
/// Indicator values handed to the script before the call. A strategy asks for the same few indicators on every bar;
/// each ask through the host is a native-to-managed transition. So the periods of the single-period indicators the
/// script asked for (through the host, which checked the argument and the quota) are remembered, and before every call
/// their current values are written into per-kind tables the prelude's <c>indicators.*</c> wrappers read first
/// (<c>false</c> stands for "not ready", which the wrapper returns as nil). A period not in a table, or any other
/// argument, goes to the host as before. Every remembered entry is rewritten before every call, so a table never holds
/// a value of an earlier bar.
/// </summary>
internal sealed unsafe partial class LuaVm
{
    /// <summary>At most this many (kind, period) pairs are handed over per call; further ones go through the host.</summary>
    internal const int MaxPrefetched = 16;

    private static readonly Indicator[] CachedKinds = [Indicator.Sma, Indicator.Ema, Indicator.Rsi, Indicator.Atr, Indicator.High, Indicator.Low];

    private static readonly byte[][] CachedNames = ["sma"u8.ToArray(), "ema"u8.ToArray(), "rsi"u8.ToArray(), "atr"u8.ToArray(), "highest"u8.ToArray(), "lowest"u8.ToArray()];

    private readonly int[] _cacheRefs = new int[6];
    private readonly (Indicator Kind, int Slot, int Period)[] _prefetch = new (Indicator, int, int)[MaxPrefetched];
    private int _prefetchLength;
    private IIndicatorProvider? _prefetchProvider;
    private int _prefetchCount = -1;

    /// <summary>How many (kind, period) pairs are handed to the script before each call (for tests).</summary>
    internal int PrefetchedCount => _prefetchLength;

    /// <summary>Remembers a single-period indicator the host just answered, so the next calls get its value beforehand.</summary>
    private void TrackForPrefetch(Indicator kind, long period)
    {
        var slot = Array.IndexOf(CachedKinds, kind);
        if (slot < 0 || period <= 0 || period > _options.MaxIndicatorPeriod || _prefetchLength == MaxPrefetched
            || !ReferenceEquals(_indicators, _prefetchProvider))
        {
            return;
        }

        for (var i = 0; i < _prefetchLength; i++)
        {
            if (_prefetch[i].Slot == slot && _prefetch[i].Period == period)
            {
                return;
            }
        }

        _prefetch[_prefetchLength++] = (kind, slot, (int)period);
    }

    /// <summary>
    /// Writes the current value of every remembered indicator into its table. The pairs are forgotten (and their
    /// entries removed) when the provider is another one, or when its indicators were not the ones it had after the
    /// last call (an <see cref="IndicatorSet"/> whose count changed was cleared or changed by someone else): asking it
    /// then could create an indicator outside the script's quota check and at another time than the script would.
    /// </summary>
    private void Prefetch(IntPtr l, IIndicatorProvider indicators)
    {
        if (!ReferenceEquals(indicators, _prefetchProvider)
            || (indicators is IndicatorSet set ? set.Count : -1) != _prefetchCount)
        {
            Forget(l);
            _prefetchProvider = indicators;
            return;
        }

        // One table pushed per entry: at most MaxPrefetched slots, within the stack Lua guarantees a C caller.
        for (var i = 0; i < _prefetchLength; i++)
        {
            var (kind, slot, period) = _prefetch[i];
            lua_rawgeti(l, RegistryIndex, _cacheRefs[slot]);
            double? value;
            try
            {
                value = kind switch
                {
                    Indicator.Sma => indicators.Sma(period),
                    Indicator.Ema => indicators.Ema(period),
                    Indicator.Rsi => indicators.Rsi(period),
                    Indicator.Atr => indicators.Atr(period),
                    Indicator.High => indicators.High(period),
                    _ => indicators.Low(period),
                };
            }
            catch (Exception)
            {
                // No value: the script's ask goes to the host, which reports the failure inside the call.
                lua_pushnil(l);
                lua_rawseti(l, -2, period);
                continue;
            }

            if (value is { } v)
            {
                lua_pushnumber(l, v);
            }
            else
            {
                lua_pushboolean(l, 0);
            }

            lua_rawseti(l, -2, period);
        }

        lua_settop(l, 0);
    }

    private void Forget(IntPtr l)
    {
        for (var i = 0; i < _prefetchLength; i++)
        {
            lua_rawgeti(l, RegistryIndex, _cacheRefs[_prefetch[i].Slot]);
            lua_pushnil(l);
            lua_rawseti(l, -2, _prefetch[i].Period);
            lua_settop(l, 0);
        }

        _prefetchLength = 0;
    }
}
