using System.Runtime.InteropServices;

namespace Hive.Lua.Native;

/// <summary>
/// Finds the native Lua 5.4 library. By default it is the <c>liblua54</c> that KeraLua ships. The environment variable
/// <c>HIVE_LUA_LIBRARY</c> can name another build of Lua 5.4 (a path or a library name, for example Debian's
/// <c>liblua5.4.so.0</c>): KeraLua's linux-x64 build is compiled without optimisation, and an optimised build runs
/// scripts several times faster. The library must be the C build (errors by <c>longjmp</c>), not a C++ one.
/// </summary>
internal static class LuaLibrary
{
    public const string Variable = "HIVE_LUA_LIBRARY";

    private static readonly Lazy<IntPtr> LazyHandle = new(Load);

    /// <summary>The loaded library; loading it also routes this assembly's <c>lua54</c> imports to it.</summary>
    public static IntPtr Handle => LazyHandle.Value;

    /// <summary>Where the library came from, for diagnostics.</summary>
    public static string Source { get; private set; } = "lua54 (KeraLua)";

    public static IntPtr Export(string name) => NativeLibrary.GetExport(Handle, name);

    private static IntPtr Load()
    {
        var assembly = typeof(LuaLibrary).Assembly;
        var configured = Environment.GetEnvironmentVariable(Variable);
        IntPtr handle;
        if (string.IsNullOrWhiteSpace(configured))
        {
            handle = NativeLibrary.Load("lua54", assembly, null);
        }
        else if (!NativeLibrary.TryLoad(configured, assembly, DllImportSearchPath.SafeDirectories | DllImportSearchPath.AssemblyDirectory, out handle))
        {
            throw new DllNotFoundException($"{Variable}={configured}: cannot load that library; unset {Variable} to use the Lua library KeraLua ships.");
        }
        else
        {
            Source = configured;
        }

        if (!NativeLibrary.TryGetExport(handle, "lua_newstate", out _) || !NativeLibrary.TryGetExport(handle, "luaL_loadbufferx", out _))
        {
            throw new DllNotFoundException($"{(configured is null ? "lua54" : $"{Variable}={configured}")} is not a Lua 5.4 library (no lua_newstate / luaL_loadbufferx).");
        }

        NativeLibrary.SetDllImportResolver(assembly, (name, _, _) => name == "lua54" ? handle : IntPtr.Zero);
        return handle;
    }
}
