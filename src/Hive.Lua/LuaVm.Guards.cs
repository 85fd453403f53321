using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static Hive.Lua.Native.LuaApi;

namespace Hive.Lua;

/// <summary>
/// The host side of the library guards (see <see cref="LuaPrelude"/>): before a C library function whose running time
/// depends on its input runs, its worst case is charged against the call's library budget, and a call that would pass
/// it is refused. Lua's count hook cannot stop C code, so these functions are bounded before they start.
/// </summary>
internal sealed unsafe partial class LuaVm
{
    /// <summary>The guarded library functions, as the prelude numbers them.</summary>
    private enum GuardOp : byte
    {
        Find = 1,
        Match = 2,
        Gmatch = 3,
        Gsub = 4,
        Rep = 5,
        Concat = 6,
        Unpack = 7,
        Move = 8,
        Sort = 9,
    }

    /// <summary>guard(op, ...): charges the worst case of the library call with the arguments that follow op.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Guard(IntPtr l)
    {
        var vm = FromState(l);
        if (vm is null)
        {
            return 0;
        }

        vm._alloc->HostDepth++;
        try
        {
            return vm.ChargeLibrary(l, (GuardOp)lua_tointegerx(l, 1, null));
        }
        catch (Exception ex)
        {
            vm.Abort(l, LuaErrorKind.Runtime, "library guard failed: " + ex.Message, 2);
            return 0;
        }
        finally
        {
            vm._alloc->HostDepth--;
        }
    }

    private int ChargeLibrary(IntPtr l, GuardOp op)
    {
        switch (op)
        {
            case GuardOp.Find or GuardOp.Match or GuardOp.Gmatch or GuardOp.Gsub:
            {
                if (!TryText(l, 2, out _, out var n) || !TryText(l, 3, out var pattern, out var m))
                {
                    return 0; // the library function raises its own argument error
                }

                double cost = op == GuardOp.Find && lua_toboolean(l, 5) != 0
                    ? (n + 1.0) * (m + 1.0)
                    : PatternCost(pattern, m, n, anchorable: op != GuardOp.Gmatch);
                if (op == GuardOp.Gsub)
                {
                    // Every match may copy the replacement (a string) or look it up (a table or a function).
                    cost += (n + 1.0) * (TryText(l, 4, out _, out var r) ? r + 1.0 : 1.0);
                }

                Charge(l, cost, op switch
                {
                    GuardOp.Find => "string.find",
                    GuardOp.Match => "string.match",
                    GuardOp.Gmatch => "string.gmatch",
                    _ => "string.gsub",
                }, $"a {n:N0}-byte subject and a {m:N0}-byte pattern");
                return 0;
            }

            case GuardOp.Rep:
            {
                var isInteger = 0;
                var count = lua_tointegerx(l, 3, &isInteger);
                if (isInteger == 0 || !TryText(l, 2, out _, out var length))
                {
                    return 0;
                }

                var separator = 0L;
                if (lua_type(l, 4) > TypeNil && !TryText(l, 4, out _, out separator))
                {
                    return 0;
                }

                if (count <= 0)
                {
                    return 0;
                }

                if (length + separator == 0)
                {
                    // Lua's own loop would copy nothing count times; the result is the empty string.
                    lua_pushboolean(l, 1);
                    return 1;
                }

                // Beyond the memory cap the result's buffer is refused before any copying starts.
                if ((double)count * (length + separator) <= _options.MemoryLimitBytes)
                {
                    Charge(l, count, "string.rep", $"{count:N0} copies");
                }

                return 0;
            }

            case GuardOp.Concat or GuardOp.Unpack or GuardOp.Move:
            {
                int isFirst = 0, isLast = 0;
                var first = lua_tointegerx(l, 2, &isFirst);
                var last = lua_tointegerx(l, 3, &isLast);
                if (isFirst != 0 && isLast != 0)
                {
                    var span = (double)last - first + 1;
                    Charge(l, span, op switch
                    {
                        GuardOp.Concat => "table.concat",
                        GuardOp.Unpack => "table.unpack",
                        _ => "table.move",
                    }, $"elements {first:N0} to {last:N0}");
                }

                return 0;
            }

            case GuardOp.Sort:
            {
                if (lua_type(l, 2) == TypeNumber)
                {
                    var n = lua_tonumberx(l, 2, null);
                    if (n > 1)
                    {
                        Charge(l, n * (Math.Log2(n) + 2), "table.sort", $"{n:N0} elements");
                    }
                }

                return 0;
            }

            default:
                return 0;
        }
    }

    /// <summary>Takes <paramref name="cost"/> from what is left of the call's library budget, or stops the script.</summary>
    private void Charge(IntPtr l, double cost, string function, string what)
    {
        if (!(cost > 0))
        {
            return;
        }

        if (cost <= _libraryLeft)
        {
            _libraryLeft -= (long)cost;
            return;
        }

        var needed = cost < 1e15 ? "about " + cost.ToString("N0", CultureInfo.InvariantCulture) : "more than 10^15";
        Abort(
            l,
            LuaErrorKind.InstructionBudget,
            $"{function} on {what} needs {needed} units of work, more than the {_libraryLeft:N0} left of the library budget of {_options.LibraryBudget:N0} per call (a pathological pattern or a huge repeat count?)",
            2);
        _libraryLeft = 0;
    }

    /// <summary>
    /// An upper bound of the steps Lua's matcher takes for a pattern of <paramref name="m"/> bytes over a subject of
    /// <paramref name="n"/> bytes, all start positions included: every start may walk the pattern once per
    /// combination of the choices its quantifiers, balances and back-references leave open. A '*', '+' or '-' (and a
    /// %b or a back-reference) can stop at any of n + 1 places, a '?' at two.
    /// </summary>
    internal static double PatternCost(byte* p, long m, long n, bool anchorable)
    {
        var factor = 1.0;
        long i = 0;
        var anchored = false;
        if (anchorable && m > 0 && p[0] == (byte)'^')
        {
            anchored = true;
            i = 1;
        }

        while (i < m)
        {
            var c = p[i];
            if (c is (byte)'(' or (byte)')')
            {
                i++;
                continue;
            }

            if (c == (byte)'%' && i + 1 < m)
            {
                var d = p[i + 1];
                if (d == (byte)'b')
                {
                    factor *= n + 1.0;
                    i += 4;
                    continue;
                }

                if (d == (byte)'f')
                {
                    i = SkipSet(p, m, i + 2);
                    continue;
                }

                if (d is >= (byte)'0' and <= (byte)'9')
                {
                    factor *= n + 1.0;
                    i += 2;
                    continue;
                }

                i += 2;
            }
            else if (c == (byte)'[')
            {
                i = SkipSet(p, m, i);
            }
            else
            {
                i++;
            }

            if (i < m)
            {
                var q = p[i];
                if (q is (byte)'*' or (byte)'+' or (byte)'-')
                {
                    factor *= n + 1.0;
                    i++;
                }
                else if (q == (byte)'?')
                {
                    factor *= 2;
                    i++;
                }
            }
        }

        return (anchored ? 1.0 : n + 1.0) * (m + 1.0) * factor;
    }

    /// <summary>The index after a set that starts at <paramref name="i"/> ('['), as Lua's classEnd reads it.</summary>
    private static long SkipSet(byte* p, long m, long i)
    {
        if (i >= m || p[i] != (byte)'[')
        {
            return i + 1;
        }

        i++;
        if (i < m && p[i] == (byte)'^')
        {
            i++;
        }

        do
        {
            if (i >= m)
            {
                return m;
            }

            if (p[i++] == (byte)'%' && i < m)
            {
                i++;
            }
        }
        while (i < m && p[i] != (byte)']');

        return i + 1;
    }

    /// <summary>A string (or a number, which the library converts) argument's bytes; false for any other type.</summary>
    private static bool TryText(IntPtr l, int index, out byte* text, out long length)
    {
        var type = lua_type(l, index);
        if (type is TypeString or TypeNumber)
        {
            nuint size;
            text = lua_tolstring(l, index, &size);
            length = (long)size;
            return text is not null;
        }

        text = null;
        length = 0;
        return false;
    }
}
