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
            if (!context.TryGet(vm.KeyString(l, 2), out var value))
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

            var key = vm.KeyString(l, 2);
            if (key == "position")
            {
                vm.Abort(l, LuaErrorKind.InvalidContextValue, "context.position is read-only: the runner maintains it", 1);
                return 0;
            }

            var type = lua_type(l, 3);
            switch (type)
            {
                case TypeNil:
                    context.Remove(key);
                    break;
                case TypeBoolean:
                    context.SetBoolean(key, lua_toboolean(l, 3) != 0);
                    break;
                case TypeNumber when lua_isinteger(l, 3) != 0:
                    context.SetInteger(key, lua_tointegerx(l, 3, null));
                    break;
                case TypeNumber:
                    context.SetNumber(key, lua_tonumberx(l, 3, null));
                    break;
                case TypeString:
                    context.SetString(key, ToManagedString(l, 3));
                    break;
                default:
                    vm.Abort(
                        l,
                        LuaErrorKind.InvalidContextValue,
                        $"context.{key} cannot hold a {TypeName(type)}: the context stores numbers, integers, strings and booleans",
                        1);
                    break;
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
            return vm.PushIndicator(l, indicator, indicators);
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
        if (type == TypeNumber && isInteger != 0 && value is > 0 and <= 100_000)
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
            TypeString => "'" + ToManagedString(l, index) + "'",
            TypeNone => "nil",
            _ => TypeName(type),
        };
    }

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
