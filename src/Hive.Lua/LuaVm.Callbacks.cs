using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hive.Trading.Strategies;
using static Hive.Lua.Native.LuaApi;

namespace Hive.Lua;

/// <summary>The functions Lua calls into the host: context reads and writes, and the indicators.</summary>
internal sealed unsafe partial class LuaVm
{
    private enum Indicator : byte
    {
        Sma,
        Ema,
        Rsi,
        Macd,
        Bollinger,
        Atr,
        High,
        Low,
    }

    /// <summary>Pushes a context value as the Lua value a script reads.</summary>
    private static void PushContextValue(IntPtr l, in ContextValue value)
    {
        switch (value.Kind)
        {
            case ContextValueKind.Number:
                lua_pushnumber(l, value.AsNumber());
                break;
            case ContextValueKind.Integer:
                lua_pushinteger(l, value.AsInteger());
                break;
            case ContextValueKind.Boolean:
                lua_pushboolean(l, value.AsBoolean() ? 1 : 0);
                break;
            default:
                PushString(l, value.AsString());
                break;
        }
    }

    /// <summary>
    /// Makes the VM's copy of the context (the table <c>context</c> reads from) equal to <paramref name="context"/>
    /// when the runner's context is another object or changed outside the VM since the copy was made: a restore, an
    /// opportunity's fields, or a C# caller. The script's own writes go to both (see <see cref="ContextNewIndex"/>).
    /// </summary>
    private void SyncContextCopy(IntPtr l, StrategyContext context)
    {
        if (ReferenceEquals(context, _copied) && context.Version == _copiedVersion)
        {
            return;
        }

        lua_createtable(l, 0, context.Count);
        foreach (var (key, value) in context.Values)
        {
            PushString(l, key);
            PushContextValue(l, value);
            lua_rawset(l, -3);
        }

        lua_pushvalue(l, -1);
        lua_rawseti(l, RegistryIndex, _contextCopyRef);
        lua_rawgeti(l, RegistryIndex, _contextMetaRef);
        lua_rotate(l, -2, 1);
        SetField(l, "__index"u8);
        Pop(l, 1);
        _copied = context;
        _copiedVersion = context.Version;
    }

    /// <summary>Writes the context's current value of the key at <paramref name="keyIndex"/> (nil when absent) into the VM's copy.</summary>
    private void UpdateContextCopy(IntPtr l, StrategyContext context, int keyIndex, string key)
    {
        lua_rawgeti(l, RegistryIndex, _contextCopyRef);
        lua_pushvalue(l, keyIndex);
        if (context.TryGet(key, out var value))
        {
            PushContextValue(l, value);
        }
        else
        {
            lua_pushnil(l);
        }

        lua_rawset(l, -3);
        Pop(l, 1);
        if (ReferenceEquals(context, _copied))
        {
            _copiedVersion = context.Version;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int ContextNewIndex(IntPtr l)
    {
        var vm = FromState(l);
        if (vm?._context is not { } context)
        {
            return 0;
        }

        vm._alloc->HostDepth++;
        try
        {
            if (lua_type(l, 2) != TypeString)
            {
                vm.Abort(l, LuaErrorKind.InvalidContextValue, $"context keys must be strings, got {TypeName(lua_type(l, 2))}", 2);
                return 0;
            }

            if (vm.KeyString(l, 2, vm._options.MaxContextKeyLength) is not { } key)
            {
                vm.Abort(l, LuaErrorKind.HostQuota, vm.ContextKeyProblem(l, 2)!, 2);
                return 0;
            }

            if (key == "position")
            {
                vm.Abort(l, LuaErrorKind.InvalidContextValue, "context.position is read-only: the runner maintains it", 2);
                return 0;
            }

            var type = lua_type(l, 3);
            if (type == TypeNil)
            {
                if (context.Remove(key))
                {
                    vm.UpdateContextCopy(l, context, 2, key);
                }

                return 0;
            }

            if (vm.StoreContext(l, context, key, 3, opportunity: false) is { } problem)
            {
                vm.Abort(l, problem.Kind, problem.Message, 2);
                return 0;
            }

            vm.UpdateContextCopy(l, context, 2, key);
            return 0;
        }
        catch (Exception ex)
        {
            vm.Abort(l, LuaErrorKind.Runtime, "writing context failed: " + ex.Message, 2);
            return 0;
        }
        finally
        {
            vm._alloc->HostDepth--;
        }
    }

    /// <summary>
    /// The indicators table's <c>__index</c>: <c>indicators.high</c> and <c>indicators.low</c>, the highest high and
    /// lowest low of the runner's window (nil before the first bar). Computed when read, so a runner whose script never
    /// reads them keeps no window extremes.
    /// </summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int IndicatorsIndex(IntPtr l)
    {
        var vm = FromState(l);
        if (vm?._indicators is { } indicators && lua_type(l, 2) == TypeString)
        {
            var key = ToBytes(l, 2);
            var value = key.SequenceEqual("high"u8) ? indicators.WindowHigh : key.SequenceEqual("low"u8) ? indicators.WindowLow : null;
            if (value is { } v)
            {
                lua_pushnumber(l, v);
                return 1;
            }
        }

        lua_pushnil(l);
        return 1;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int IndicatorSma(IntPtr l) => CallIndicator(l, Indicator.Sma);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int IndicatorEma(IntPtr l) => CallIndicator(l, Indicator.Ema);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int IndicatorRsi(IntPtr l) => CallIndicator(l, Indicator.Rsi);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int IndicatorMacd(IntPtr l) => CallIndicator(l, Indicator.Macd);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int IndicatorBollinger(IntPtr l) => CallIndicator(l, Indicator.Bollinger);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int IndicatorAtr(IntPtr l) => CallIndicator(l, Indicator.Atr);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int IndicatorHigh(IntPtr l) => CallIndicator(l, Indicator.High);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int IndicatorLow(IntPtr l) => CallIndicator(l, Indicator.Low);

    private static int CallIndicator(IntPtr l, Indicator indicator)
    {
        var vm = FromState(l);
        if (vm?._indicators is not { } indicators)
        {
            lua_pushnil(l);
            return 1;
        }

        vm._alloc->HostDepth++;
        try
        {
            var before = indicators is Trading.Indicators.IndicatorSet set ? set.Count : -1;
            var results = vm.PushIndicator(l, indicator, indicators);
            if (vm._abortKind is null)
            {
                vm.CheckIndicatorQuota(l, indicator, indicators, before);
            }

            if (vm._abortKind is null && results == 1 && IsCached(indicator))
            {
                vm.CacheIndicator(l, indicator, indicators);
            }

            return results;
        }
        catch (Exception ex)
        {
            vm.Abort(l, LuaErrorKind.InvalidArgument, $"indicators.{Name(indicator)}: {ex.Message}", CallerLevel(indicator));
            return 0;
        }
        finally
        {
            vm._alloc->HostDepth--;
        }
    }

    /// <summary>
    /// The single-period indicators (sma, ema, rsi, atr, highest, lowest) are called through the prelude's wrappers,
    /// which answer from the values the host wrote before the call (<see cref="RefreshIndicatorCache"/>) and call the
    /// host only for a period not seen yet: the script is one level further up the stack.
    /// </summary>
    private static bool IsCached(Indicator indicator) => indicator is not (Indicator.Macd or Indicator.Bollinger);

    private static int CallerLevel(Indicator indicator) => IsCached(indicator) ? 2 : 1;

    /// <summary>
    /// Remembers a single-period indicator the script asked for and stores its value (false when not ready) in the
    /// wrapper's table, so that from the next call on the wrapper answers without a call into the host. The value at
    /// the top of the stack is the one just pushed for the script.
    /// </summary>
    private void CacheIndicator(IntPtr l, Indicator indicator, IIndicatorProvider indicators)
    {
        var period = (int)lua_tointegerx(l, 1, null);
        var entry = (indicator, period);
        UseIndicatorProvider(l, indicators);
        if (_cachedIndicators.Contains(entry) || _cachedIndicators.Count >= _options.MaxIndicators)
        {
            return;
        }

        lua_rawgeti(l, RegistryIndex, _indicatorCacheRefs[(int)indicator]);
        if (lua_type(l, -2) == TypeNumber)
        {
            lua_pushvalue(l, -2);
        }
        else
        {
            lua_pushboolean(l, 0);
        }

        // The first store of a period adds a key to the table (which may allocate); RefreshIndicatorCache only
        // overwrites existing keys.
        lua_rawseti(l, -2, period);
        Pop(l, 1);
        _cachedIndicators.Add(entry);
    }

    /// <summary>Writes this bar's value of every cached indicator into the wrappers' tables before a call.</summary>
    private void RefreshIndicatorCache(IntPtr l, IIndicatorProvider indicators)
    {
        if (UseIndicatorProvider(l, indicators))
        {
            return;
        }

        var table = -1;
        foreach (var (indicator, period) in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_cachedIndicators))
        {
            if ((int)indicator != table)
            {
                if (table >= 0)
                {
                    Pop(l, 1);
                }

                table = (int)indicator;
                lua_rawgeti(l, RegistryIndex, _indicatorCacheRefs[table]);
            }

            if (SinglePeriodValue(indicators, indicator, period) is { } v)
            {
                lua_pushnumber(l, v);
            }
            else
            {
                lua_pushboolean(l, 0);
            }

            lua_rawsetexisting(l, -2, period);
        }

        if (table >= 0)
        {
            Pop(l, 1);
        }
    }

    /// <summary>The reading of a single-period indicator (sma, ema, rsi, atr, highest, lowest), or null before it is ready.</summary>
    private static double? SinglePeriodValue(IIndicatorProvider indicators, Indicator indicator, int period) => indicator switch
    {
        Indicator.Sma => indicators.Sma(period),
        Indicator.Ema => indicators.Ema(period),
        Indicator.Rsi => indicators.Rsi(period),
        Indicator.Atr => indicators.Atr(period),
        Indicator.High => indicators.High(period),
        _ => indicators.Low(period),
    };

    /// <summary>
    /// Forgets the cached values when <paramref name="indicators"/> is another provider than theirs (a new indicator
    /// set), so that the script's next requests go to the host again, under its quota checks; true when it did.
    /// </summary>
    private bool UseIndicatorProvider(IntPtr l, IIndicatorProvider indicators)
    {
        if (ReferenceEquals(indicators, _cachedProvider))
        {
            return false;
        }

        foreach (var (indicator, period) in _cachedIndicators)
        {
            lua_rawgeti(l, RegistryIndex, _indicatorCacheRefs[(int)indicator]);
            lua_pushnil(l);
            lua_rawseti(l, -2, period);
            Pop(l, 1);
        }

        _cachedIndicators.Clear();
        _cachedProvider = indicators;
        return true;
    }

    private int PushIndicator(IntPtr l, Indicator indicator, IIndicatorProvider indicators)
    {
        switch (indicator)
        {
            case Indicator.Macd:
            {
                if (!TryPeriod(l, 1, indicator, 12, out var fast) || !TryPeriod(l, 2, indicator, 26, out var slow) || !TryPeriod(l, 3, indicator, 9, out var signal))
                {
                    return 0;
                }

                if (indicators.Macd(fast, slow, signal) is { } macd)
                {
                    lua_pushnumber(l, macd.Line);
                    lua_pushnumber(l, macd.Signal);
                    lua_pushnumber(l, macd.Histogram);
                    return 3;
                }

                lua_pushnil(l);
                return 1;
            }

            case Indicator.Bollinger:
            {
                if (!TryPeriod(l, 1, indicator, 20, out var period))
                {
                    return 0;
                }

                var k = 2.0;
                var type = lua_type(l, 2);
                if (type == TypeNumber)
                {
                    k = lua_tonumberx(l, 2, null);
                }

                if ((type != TypeNumber && type > TypeNil) || !(k > 0) || !double.IsFinite(k))
                {
                    Abort(l, LuaErrorKind.InvalidArgument, $"indicators.bollinger: argument 2 (k) must be a positive number, got {Describe(l, 2)}", CallerLevel(indicator));
                    return 0;
                }

                if (indicators.Bollinger(period, k) is { } bands)
                {
                    lua_pushnumber(l, bands.Upper);
                    lua_pushnumber(l, bands.Middle);
                    lua_pushnumber(l, bands.Lower);
                    return 3;
                }

                lua_pushnil(l);
                return 1;
            }

            default:
            {
                if (!TryPeriod(l, 1, indicator, 0, out var period))
                {
                    return 0;
                }

                if (SinglePeriodValue(indicators, indicator, period) is { } v)
                {
                    lua_pushnumber(l, v);
                }
                else
                {
                    lua_pushnil(l);
                }

                return 1;
            }
        }
    }

    /// <summary>Reads a period argument: a positive integer, or <paramref name="fallback"/> when absent and a fallback exists.</summary>
    private bool TryPeriod(IntPtr l, int index, Indicator indicator, int fallback, out int period)
    {
        var type = lua_type(l, index);
        if (type <= TypeNil && fallback > 0)
        {
            period = fallback;
            return true;
        }

        var isInteger = 0;
        var value = type == TypeNumber ? lua_tointegerx(l, index, &isInteger) : 0;
        if (type == TypeNumber && isInteger != 0 && value > _options.MaxIndicatorPeriod)
        {
            period = 0;
            Abort(
                l,
                LuaErrorKind.HostQuota,
                $"indicators.{Name(indicator)}: period {value:N0} is over the quota's largest indicator period of {_options.MaxIndicatorPeriod:N0} bars",
                CallerLevel(indicator));
            return false;
        }

        if (type == TypeNumber && isInteger != 0 && value > 0)
        {
            period = (int)value;
            return true;
        }

        period = 0;
        Abort(l, LuaErrorKind.InvalidArgument, $"indicators.{Name(indicator)}: argument {index} must be a positive integer period, got {Describe(l, index)}", CallerLevel(indicator));
        return false;
    }

    private static string Describe(IntPtr l, int index)
    {
        var type = lua_type(l, index);
        return type switch
        {
            TypeNumber => lua_tonumberx(l, index, null).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            TypeString => "'" + ToText(l, index, 64) + "'",
            TypeNone => "nil",
            _ => TypeName(type),
        };
    }

    /// <summary>
    /// Counts an indicator the call just created against the runner's quota: instances, and the sum of their periods
    /// (the history an indicator keeps grows with its period). The instance exists already; the overshoot is one
    /// indicator of at most the largest period, and the runner stops.
    /// </summary>
    private void CheckIndicatorQuota(IntPtr l, Indicator indicator, IIndicatorProvider indicators, int before)
    {
        // The common case, a lookup of an existing indicator, costs one count.
        var set = indicators as Trading.Indicators.IndicatorSet;
        if (set is not null && set.Count == before)
        {
            return;
        }

        long a = PeriodArgument(l, 1), b = PeriodArgument(l, 2), c = PeriodArgument(l, 3);
        var weight = indicator switch
        {
            Indicator.Macd => (a > 0 ? a : 12) + (b > 0 ? b : 26) + (c > 0 ? c : 9),
            Indicator.Bollinger => a > 0 ? a : 20,
            _ => a,
        };

        int count;
        if (set is not null)
        {
            count = set.Count;
        }
        else
        {
            var k = indicator == Indicator.Bollinger && lua_type(l, 2) == TypeNumber ? lua_tonumberx(l, 2, null) : 0;
            var key = ((byte)indicator, a, indicator == Indicator.Bollinger ? 0 : b, c, k);
            if (!_quota.Seen.Add(key))
            {
                return;
            }

            count = _quota.Seen.Count;
        }

        _quota.IndicatorPeriods += weight;
        if (count > _options.MaxIndicators)
        {
            Abort(
                l,
                LuaErrorKind.HostQuota,
                $"indicators.{Name(indicator)}: more than the quota of {_options.MaxIndicators:N0} indicator instances (each distinct kind and period is one)",
                CallerLevel(indicator));
        }
        else if (_quota.IndicatorPeriods > _options.MaxIndicatorPeriodTotal)
        {
            Abort(
                l,
                LuaErrorKind.HostQuota,
                $"indicators.{Name(indicator)}: the periods of the runner's indicators add up to {_quota.IndicatorPeriods:N0} bars, over the quota of {_options.MaxIndicatorPeriodTotal:N0}",
                CallerLevel(indicator));
        }
    }

    private static long PeriodArgument(IntPtr l, int index)
    {
        var isInteger = 0;
        var value = lua_type(l, index) == TypeNumber ? lua_tointegerx(l, index, &isInteger) : 0;
        return isInteger != 0 && value > 0 ? value : 0;
    }

    /// <summary>Why the string key at <paramref name="index"/> cannot go into the context, or null.</summary>
    private string? ContextKeyProblem(IntPtr l, int index)
    {
        var length = StringLength(l, index);
        return length > _options.MaxContextKeyLength
            ? $"context key '{ToText(l, index, 32)}' is {length:N0} bytes long, over the quota's {_options.MaxContextKeyLength:N0}"
            : null;
    }

    /// <summary>
    /// Stores the value at <paramref name="index"/> under <paramref name="key"/> within the runner's context quota, or
    /// says why not (the context is left as it was). The message names the value as <c>context.key</c>, or as a field of
    /// the opportunity when <paramref name="opportunity"/>; it is only built on failure, so a write allocates nothing.
    /// </summary>
    private (LuaErrorKind Kind, string Message)? StoreContext(IntPtr l, StrategyContext context, string key, int index, bool opportunity)
    {
        ContextValue value;
        var type = lua_type(l, index);
        switch (type)
        {
            case TypeBoolean:
                value = ContextValue.FromBoolean(lua_toboolean(l, index) != 0);
                break;
            case TypeNumber when lua_isinteger(l, index) != 0:
                value = ContextValue.FromInteger(lua_tointegerx(l, index, null));
                break;
            case TypeNumber:
                var number = lua_tonumberx(l, index, null);
                if (!double.IsFinite(number))
                {
                    return (LuaErrorKind.InvalidContextValue,
                        $"{Where(key, opportunity)} must be a finite number (the context is persisted), got {number.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
                }

                value = ContextValue.FromNumber(number);
                break;
            case TypeString:
                var length = StringLength(l, index);
                if (length > _options.MaxContextStringLength)
                {
                    return (LuaErrorKind.HostQuota,
                        $"{Where(key, opportunity)} is a {length:N0}-byte string, over the quota's {_options.MaxContextStringLength:N0} for one context value");
                }

                value = ContextValue.FromString(ToManagedString(l, index));
                break;
            default:
                return (LuaErrorKind.InvalidContextValue,
                    $"{Where(key, opportunity)} cannot hold a {TypeName(type)}: the context stores numbers, integers, strings and booleans");
        }

        // The common case, well inside the quota even if the key is new, needs no look at the value it replaces.
        if (context.Count < _options.MaxContextKeys && context.Size + StrategyContext.SizeOf(key, value) <= _options.MaxContextSize)
        {
            context.Set(key, value);
            return null;
        }

        var existed = context.TryGet(key, out var old);
        context.Set(key, value);
        string? over = null;
        if (context.Count > _options.MaxContextKeys)
        {
            over = $"{Where(key, opportunity)}: the context would hold {context.Count:N0} keys, over the quota of {_options.MaxContextKeys:N0}";
        }
        else if (context.Size > _options.MaxContextSize)
        {
            over = $"{Where(key, opportunity)}: the context would hold {context.Size:N0} characters of keys and values, over the quota of {_options.MaxContextSize:N0}";
        }

        if (over is null)
        {
            return null;
        }

        if (existed)
        {
            context.Set(key, old);
        }
        else
        {
            context.Remove(key);
        }

        return (LuaErrorKind.HostQuota, over);
    }

    private static string Where(string key, bool opportunity) => opportunity ? $"field '{key}' of the opportunity" : $"context.{key}";

    private static string Name(Indicator indicator) => indicator switch
    {
        Indicator.Sma => "sma",
        Indicator.Ema => "ema",
        Indicator.Rsi => "rsi",
        Indicator.Macd => "macd",
        Indicator.Bollinger => "bollinger",
        Indicator.Atr => "atr",
        Indicator.High => "highest",
        _ => "lowest",
    };
}
