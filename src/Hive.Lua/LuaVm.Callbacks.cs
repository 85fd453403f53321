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

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int ContextIndex(IntPtr l)
    {
        var vm = FromState(l);
        if (vm?._context is not { } context || lua_type(l, 2) != TypeString)
        {
            lua_pushnil(l);
            return 1;
        }

        vm._alloc->HostDepth++;
        try
        {
            // A key longer than the quota allows cannot be stored, so it is not converted either.
            if (vm.KeyString(l, 2, vm._options.MaxContextKeyLength) is not { } key || !context.TryGet(key, out var value))
            {
                lua_pushnil(l);
                return 1;
            }

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

            return 1;
        }
        catch (Exception ex)
        {
            vm.Abort(l, LuaErrorKind.Runtime, "reading context failed: " + ex.Message, 1);
            return 0;
        }
        finally
        {
            vm._alloc->HostDepth--;
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
                vm.Abort(l, LuaErrorKind.InvalidContextValue, $"context keys must be strings, got {TypeName(lua_type(l, 2))}", 1);
                return 0;
            }

            if (vm.KeyString(l, 2, vm._options.MaxContextKeyLength) is not { } key)
            {
                vm.Abort(l, LuaErrorKind.HostQuota, vm.ContextKeyProblem(l, 2)!, 1);
                return 0;
            }

            if (key == "position")
            {
                vm.Abort(l, LuaErrorKind.InvalidContextValue, "context.position is read-only: the runner maintains it", 1);
                return 0;
            }

            var type = lua_type(l, 3);
            if (type == TypeNil)
            {
                context.Remove(key);
                return 0;
            }

            if (vm.StoreContext(l, context, key, 3, opportunity: false) is { } problem)
            {
                vm.Abort(l, problem.Kind, problem.Message, 1);
            }

            return 0;
        }
        catch (Exception ex)
        {
            vm.Abort(l, LuaErrorKind.Runtime, "writing context failed: " + ex.Message, 1);
            return 0;
        }
        finally
        {
            vm._alloc->HostDepth--;
        }
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

            return results;
        }
        catch (Exception ex)
        {
            vm.Abort(l, LuaErrorKind.InvalidArgument, $"indicators.{Name(indicator)}: {ex.Message}", 1);
            return 0;
        }
        finally
        {
            vm._alloc->HostDepth--;
        }
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
                    Abort(l, LuaErrorKind.InvalidArgument, $"indicators.bollinger: argument 2 (k) must be a positive number, got {Describe(l, 2)}", 1);
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

                var value = indicator switch
                {
                    Indicator.Sma => indicators.Sma(period),
                    Indicator.Ema => indicators.Ema(period),
                    Indicator.Rsi => indicators.Rsi(period),
                    Indicator.Atr => indicators.Atr(period),
                    Indicator.High => indicators.High(period),
                    _ => indicators.Low(period),
                };
                if (value is { } v)
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
                1);
            return false;
        }

        if (type == TypeNumber && isInteger != 0 && value > 0)
        {
            period = (int)value;
            return true;
        }

        period = 0;
        Abort(l, LuaErrorKind.InvalidArgument, $"indicators.{Name(indicator)}: argument {index} must be a positive integer period, got {Describe(l, index)}", 1);
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
                1);
        }
        else if (_quota.IndicatorPeriods > _options.MaxIndicatorPeriodTotal)
        {
            Abort(
                l,
                LuaErrorKind.HostQuota,
                $"indicators.{Name(indicator)}: the periods of the runner's indicators add up to {_quota.IndicatorPeriods:N0} bars, over the quota of {_options.MaxIndicatorPeriodTotal:N0}",
                1);
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
