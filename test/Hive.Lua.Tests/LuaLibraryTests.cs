using System.Runtime.InteropServices;
using Hive.Lua.Native;

namespace Hive.Lua.Tests;

public sealed class LuaLibraryTests
{
    [SystemLuaFact]
    public void Source_SystemLibraryInstalledAndNoOverride_IsTheSystemLibrary()
    {
        using var strategy = LuaStrategy.FromSource("any.lua", Scripts.Quiet());

        var sut = LuaLibrary.Source;

        Assert.Equal(SystemLuaFactAttribute.Installed, sut);
        Assert.Empty(LuaLibrary.Skipped);
    }

    [SystemLuaFact]
    public void Probe_SystemLibrary_Passes()
    {
        var handle = NativeLibrary.Load(SystemLuaFactAttribute.Installed!);
        try
        {
            Assert.Null(LuaLibrary.Probe(handle));
        }
        finally
        {
            NativeLibrary.Free(handle);
        }
    }

    [Fact]
    public void Probe_KeraLuaLibrary_Passes()
    {
        // The fallback: the library KeraLua ships beside the assembly.
        var handle = NativeLibrary.Load("lua54", typeof(LuaStrategy).Assembly, null);

        Assert.Null(LuaLibrary.Probe(handle));
    }

    [Fact]
    public void Probe_LibraryThatIsNotLua_NamesTheMissingExport()
    {
        var handle = NativeLibrary.Load("libm.so.6");
        try
        {
            Assert.Equal("not a Lua 5.4 library: it has no 'lua_newstate'", LuaLibrary.Probe(handle));
        }
        finally
        {
            NativeLibrary.Free(handle);
        }
    }

    [Fact]
    public void SystemCandidates_Always_ExcludeTheCppBuild()
    {
        // The C++ build raises errors as C++ exceptions, which must never unwind through the host's managed frames.
        Assert.DoesNotContain(LuaLibrary.SystemCandidates, static name => name.Contains("c++", StringComparison.Ordinal));
    }

    [Fact]
    public void RequiredExports_Always_CoverEveryImportTheHostBinds()
    {
        var imported = typeof(LuaApi).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Select(static m => (Method: m, Import: (LibraryImportAttribute?)m.GetCustomAttributes(typeof(LibraryImportAttribute), false).SingleOrDefault()))
            .Where(static m => m.Import is not null)
            .Select(static m => m.Import!.EntryPoint ?? m.Method.Name)
            .ToList();

        Assert.NotEmpty(imported);
        Assert.All(imported, name => Assert.Contains(name, LuaLibrary.RequiredExports));
    }
}
