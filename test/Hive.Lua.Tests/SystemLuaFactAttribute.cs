using System.Runtime.InteropServices;
using Hive.Lua.Native;

namespace Hive.Lua.Tests;

/// <summary>A fact that needs the system's Lua 5.4 library and no <c>HIVE_LUA_LIBRARY</c> override; skipped with the reason otherwise.</summary>
internal sealed class SystemLuaFactAttribute : FactAttribute
{
    public SystemLuaFactAttribute()
    {
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(LuaLibrary.Variable)))
        {
            Skip = $"{LuaLibrary.Variable} is set, so it decides which library is loaded";
        }
        else if (Installed is null)
        {
            Skip = $"no system Lua 5.4 library is installed (one of {string.Join(", ", LuaLibrary.SystemCandidates)}; Debian's package is liblua5.4-0)";
        }
    }

    /// <summary>The first system library that loads, or null.</summary>
    public static string? Installed => LuaLibrary.SystemCandidates.FirstOrDefault(static name =>
    {
        if (!NativeLibrary.TryLoad(name, out var handle))
        {
            return false;
        }

        NativeLibrary.Free(handle);
        return true;
    });
}
