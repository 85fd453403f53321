using System.Runtime.InteropServices;

namespace Hive.Lua.Native;

/// <summary>
/// Finds the native Lua 5.4 library. By default it is the system's optimised build when one is installed (Debian's and
/// Ubuntu's <c>liblua5.4.so.0</c> from the <c>liblua5.4-0</c> package, Fedora's and Arch's <c>liblua-5.4.so</c> /
/// <c>liblua.so.5.4</c>), else the <c>liblua54</c> that KeraLua ships. KeraLua's linux-x64 build is compiled without
/// optimisation, and an optimised build runs scripts about twice as fast. A system library is taken only when it passes
/// the same checks as a configured one (<see cref="Probe"/>: every export the host binds, version 5.4, 64-bit integers
/// and doubles); any that fails is skipped and the next one tried. The environment variable <c>HIVE_LUA_LIBRARY</c> can
/// name another build (a path or a library name), or <c>bundled</c> for KeraLua's. The library must be the C build
/// (errors by <c>longjmp</c>), not a C++ one: the C++ builds (<c>liblua5.4-c++</c>) are never probed.
/// </summary>
internal static unsafe class LuaLibrary
{
    public const string Variable = "HIVE_LUA_LIBRARY";

    /// <summary>The value of <see cref="Variable"/> that selects KeraLua's library even when a system one is installed.</summary>
    public const string Bundled = "bundled";

    /// <summary>The system libraries tried, in order, when <see cref="Variable"/> is unset.</summary>
    internal static readonly string[] SystemCandidates = ["liblua5.4.so.0", "liblua-5.4.so", "liblua.so.5.4", "liblua5.4.so"];

    /// <summary>Every function the host binds or looks up; a library that lacks one is not used.</summary>
    internal static readonly string[] RequiredExports =
    [
        "lua_newstate", "lua_close", "lua_checkstack", "luaL_requiref", "lua_gettop", "lua_settop", "lua_pushvalue", "lua_rotate",
        "lua_type", "lua_isinteger", "lua_tonumberx", "lua_tointegerx", "lua_toboolean", "lua_tolstring", "lua_pushnil",
        "lua_pushnumber", "lua_pushinteger", "lua_pushboolean", "lua_pushlstring", "lua_pushcclosure", "lua_createtable",
        "lua_setglobal", "lua_rawgeti", "lua_rawseti", "lua_rawget",
        "lua_rawset", "lua_setmetatable", "lua_next", "luaL_ref", "lua_pcallk", "luaL_loadbufferx", "lua_sethook",
        "lua_getstack", "lua_getinfo", "lua_error", "lua_version", "luaL_newstate", "luaopen_base", "luaopen_string",
        "luaopen_table", "luaopen_math",
    ];

    private static readonly Lazy<IntPtr> LazyHandle = new(Load);

    /// <summary>The loaded library; loading it also routes this assembly's <c>lua54</c> imports to it.</summary>
    public static IntPtr Handle => LazyHandle.Value;

    /// <summary>Where the library came from, for diagnostics: a system library's name, the configured value, or KeraLua's.</summary>
    public static string Source
    {
        get
        {
            _ = Handle;
            return _source;
        }
    }

    /// <summary>The system libraries that were found but refused, with the reason (empty when none was).</summary>
    public static IReadOnlyList<string> Skipped
    {
        get
        {
            _ = Handle;
            return SkippedList;
        }
    }

    private static string _source = "lua54 (KeraLua)";
    private static readonly List<string> SkippedList = [];

    public static IntPtr Export(string name) => NativeLibrary.GetExport(Handle, name);

    private static IntPtr Load()
    {
        var assembly = typeof(LuaLibrary).Assembly;
        var configured = Environment.GetEnvironmentVariable(Variable);
        IntPtr handle;
        if (string.IsNullOrWhiteSpace(configured))
        {
            handle = LoadSystem(out var name);
            if (handle != IntPtr.Zero)
            {
                _source = name!;
            }
            else
            {
                handle = LoadBundled(assembly);
            }
        }
        else if (string.Equals(configured.Trim(), Bundled, StringComparison.OrdinalIgnoreCase))
        {
            handle = LoadBundled(assembly);
        }
        else if (!NativeLibrary.TryLoad(configured, assembly, DllImportSearchPath.SafeDirectories | DllImportSearchPath.AssemblyDirectory, out handle))
        {
            throw new DllNotFoundException($"{Variable}={configured}: cannot load that library; unset {Variable} to use the system's Lua 5.4 or the one KeraLua ships.");
        }
        else if (Probe(handle) is { } problem)
        {
            throw new DllNotFoundException($"{Variable}={configured}: {problem}.");
        }
        else
        {
            _source = configured;
        }

        NativeLibrary.SetDllImportResolver(assembly, (name, _, _) => name == "lua54" ? handle : IntPtr.Zero);
        return handle;
    }

    private static IntPtr LoadBundled(System.Reflection.Assembly assembly)
    {
        var handle = NativeLibrary.Load("lua54", assembly, null);
        if (Probe(handle) is { } problem)
        {
            throw new DllNotFoundException($"lua54 (KeraLua): {problem}.");
        }

        return handle;
    }

    // The first system library that loads and passes the probe; one that fails is unloaded and noted in Skipped.
    private static IntPtr LoadSystem(out string? name)
    {
        foreach (var candidate in SystemCandidates)
        {
            if (!NativeLibrary.TryLoad(candidate, out var handle))
            {
                continue;
            }

            if (Probe(handle) is { } problem)
            {
                SkippedList.Add($"{candidate}: {problem}");
                NativeLibrary.Free(handle);
                continue;
            }

            name = candidate;
            return handle;
        }

        name = null;
        return IntPtr.Zero;
    }

    /// <summary>
    /// Checks that <paramref name="handle"/> is a Lua 5.4 library the host can drive: every export it binds exists,
    /// <c>lua_version</c> says 504, and a state created by the library round-trips a 64-bit integer and a double
    /// through its stack (a build with 32-bit numbers would misread every value the host pushes). Null when it
    /// passes, else the reason. Runs only functions of the probed library, through its own exports.
    /// </summary>
    internal static string? Probe(IntPtr handle)
    {
        foreach (var export in RequiredExports)
        {
            if (!NativeLibrary.TryGetExport(handle, export, out _))
            {
                return $"not a Lua 5.4 library: it has no '{export}'";
            }
        }

        var newState = (delegate* unmanaged[Cdecl]<IntPtr>)NativeLibrary.GetExport(handle, "luaL_newstate");
        var close = (delegate* unmanaged[Cdecl]<IntPtr, void>)NativeLibrary.GetExport(handle, "lua_close");
        var version = (delegate* unmanaged[Cdecl]<IntPtr, double>)NativeLibrary.GetExport(handle, "lua_version");
        var pushInteger = (delegate* unmanaged[Cdecl]<IntPtr, long, void>)NativeLibrary.GetExport(handle, "lua_pushinteger");
        var pushNumber = (delegate* unmanaged[Cdecl]<IntPtr, double, void>)NativeLibrary.GetExport(handle, "lua_pushnumber");
        var toInteger = (delegate* unmanaged[Cdecl]<IntPtr, int, int*, long>)NativeLibrary.GetExport(handle, "lua_tointegerx");
        var toNumber = (delegate* unmanaged[Cdecl]<IntPtr, int, int*, double>)NativeLibrary.GetExport(handle, "lua_tonumberx");
        var getTop = (delegate* unmanaged[Cdecl]<IntPtr, int>)NativeLibrary.GetExport(handle, "lua_gettop");

        var l = newState();
        if (l == IntPtr.Zero)
        {
            return "it cannot create a Lua state";
        }

        try
        {
            var number = version(l);
            if (number != 504)
            {
                return $"it is Lua version {number.ToString(System.Globalization.CultureInfo.InvariantCulture)}, not 5.4 (504)";
            }

            const long integer = 0x1234_5678_9ABC_DEF1;
            const double fraction = 0.1;
            pushInteger(l, integer);
            pushNumber(l, fraction);
            int isInteger = 0, isNumber = 0;
            var backInteger = toInteger(l, 1, &isInteger);
            var backNumber = toNumber(l, 2, &isNumber);
            if (getTop(l) != 2 || isInteger == 0 || backInteger != integer || isNumber == 0 || backNumber != fraction)
            {
                return "its numbers are not 64-bit integers and doubles (a build with other number types)";
            }

            return null;
        }
        finally
        {
            close(l);
        }
    }
}
