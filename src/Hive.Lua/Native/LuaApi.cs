using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Hive.Lua.Native;

/// <summary>
/// The slice of the Lua 5.4 C API that the strategy host uses, bound directly to the native library
/// <see cref="LuaLibrary"/> chose (the system's Lua 5.4, KeraLua's <c>liblua54</c>, or the one <c>HIVE_LUA_LIBRARY</c>
/// names). Only blittable
/// arguments, so every call is a plain native call with no marshalling. Functions that can neither allocate (the
/// allocator is managed code) nor run Lua code skip the GC transition.
/// </summary>
internal static unsafe partial class LuaApi
{
    private const string Library = "lua54";

    public const int RegistryIndex = -1_000_000 - 1000;
    public const int RidxGlobals = 2;
    public const int MaskCount = 1 << 3;
    public const int MultipleReturns = -1;

    public const int TypeNone = -1;
    public const int TypeNil = 0;
    public const int TypeBoolean = 1;
    public const int TypeLightUserData = 2;
    public const int TypeNumber = 3;
    public const int TypeString = 4;
    public const int TypeTable = 5;
    public const int TypeFunction = 6;

    public const int StatusOk = 0;
    public const int StatusErrorRun = 2;
    public const int StatusErrorSyntax = 3;
    public const int StatusErrorMemory = 4;

    /// <summary>Size of <c>lua_Debug</c> in Lua 5.4 on 64-bit platforms (136 bytes), rounded up.</summary>
    public const int DebugSize = 160;
    public const int DebugSourceOffset = 32;
    public const int DebugCurrentLineOffset = 48;
    public const int DebugLineDefinedOffset = 52;

    public static int UpvalueIndex(int i) => RegistryIndex - i;

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial IntPtr lua_newstate(delegate* unmanaged[Cdecl]<IntPtr, IntPtr, nuint, nuint, IntPtr> alloc, IntPtr ud);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void lua_close(IntPtr l);

    /// <summary>Makes room for <paramref name="n"/> more values on the stack (it may grow the stack, so with a GC transition).</summary>
    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int lua_checkstack(IntPtr l, int n);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void luaL_requiref(IntPtr l, byte* name, IntPtr openFunction, int global);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    public static partial int lua_gettop(IntPtr l);

    /// <summary>
    /// Without a GC transition: it neither allocates nor runs Lua code, because the host never marks a stack slot
    /// to-be-closed (<c>lua_toclose</c>), the one case where lua_settop runs <c>__close</c> metamethods.
    /// </summary>
    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    public static partial void lua_settop(IntPtr l, int index);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    public static partial void lua_pushvalue(IntPtr l, int index);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    public static partial void lua_rotate(IntPtr l, int index, int n);


    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    public static partial int lua_type(IntPtr l, int index);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    public static partial int lua_isinteger(IntPtr l, int index);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    public static partial double lua_tonumberx(IntPtr l, int index, int* isNumber);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    public static partial long lua_tointegerx(IntPtr l, int index, int* isNumber);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    public static partial int lua_toboolean(IntPtr l, int index);

    /// <summary>Only call on values that are strings already: on a number it converts in place and allocates.</summary>
    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial byte* lua_tolstring(IntPtr l, int index, nuint* length);

    /// <summary>
    /// <c>lua_tolstring</c> without a GC transition, for a value the caller has just checked is a string: then it only
    /// reads the string's address and length (a number would be converted in place, which allocates).
    /// </summary>
    [LibraryImport(Library, EntryPoint = "lua_tolstring")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    public static partial byte* lua_tostringchecked(IntPtr l, int index, nuint* length);


    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    public static partial void lua_pushnil(IntPtr l);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    public static partial void lua_pushnumber(IntPtr l, double n);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    public static partial void lua_pushinteger(IntPtr l, long n);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    public static partial void lua_pushboolean(IntPtr l, int b);


    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial byte* lua_pushlstring(IntPtr l, byte* s, nuint length);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void lua_pushcclosure(IntPtr l, delegate* unmanaged[Cdecl]<IntPtr, int> function, int upvalues);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void lua_createtable(IntPtr l, int arraySize, int hashSize);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void lua_setglobal(IntPtr l, byte* name);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    public static partial int lua_rawgeti(IntPtr l, int index, long n);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void lua_rawseti(IntPtr l, int index, long n);

    /// <summary>
    /// <c>lua_rawseti</c> without a GC transition, only for a key the table already holds and a value that is not
    /// collectable (a number or a boolean): then it overwrites a slot and neither allocates nor runs a collector step.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "lua_rawseti")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    public static partial void lua_rawsetexisting(IntPtr l, int index, long n);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int lua_rawget(IntPtr l, int index);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void lua_rawset(IntPtr l, int index);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int lua_setmetatable(IntPtr l, int index);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int lua_next(IntPtr l, int index);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int luaL_ref(IntPtr l, int table);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int lua_pcallk(IntPtr l, int nargs, int nresults, int errorFunction, IntPtr context, IntPtr continuation);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int luaL_loadbufferx(IntPtr l, byte* buffer, nuint size, byte* name, byte* mode);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    public static partial void lua_sethook(IntPtr l, IntPtr hook, int mask, int count);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int lua_getstack(IntPtr l, int level, byte* debug);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int lua_getinfo(IntPtr l, byte* what, byte* debug);

    public static void Pop(IntPtr l, int n) => lua_settop(l, -n - 1);

    public static int PCall(IntPtr l, int nargs, int nresults) => lua_pcallk(l, nargs, nresults, 0, IntPtr.Zero, IntPtr.Zero);

    /// <summary>Pushes UTF-8 text; short keys go through the stack, long text through a pooled buffer.</summary>
    public static void PushString(IntPtr l, string text)
    {
        var max = System.Text.Encoding.UTF8.GetMaxByteCount(text.Length);
        if (max <= 512)
        {
            var buffer = stackalloc byte[max];
            var n = System.Text.Encoding.UTF8.GetBytes(text, new Span<byte>(buffer, max));
            lua_pushlstring(l, buffer, (nuint)n);
            return;
        }

        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        fixed (byte* p = bytes)
        {
            lua_pushlstring(l, p, (nuint)bytes.Length);
        }
    }

    /// <summary>Reads a Lua string as .NET text; only call on values of type string.</summary>
    public static string ToManagedString(IntPtr l, int index)
    {
        nuint length;
        var p = lua_tolstring(l, index, &length);
        return p is null ? string.Empty : System.Text.Encoding.UTF8.GetString(p, (int)length);
    }

    /// <summary>
    /// Reads a Lua string as .NET text of at most <paramref name="maxBytes"/> bytes, marking a cut: text the host keeps
    /// from a script (errors, print lines) must not grow with what the script chose to put in it.
    /// </summary>
    public static string ToText(IntPtr l, int index, int maxBytes)
    {
        nuint length;
        var p = lua_tolstring(l, index, &length);
        if (p is null)
        {
            return string.Empty;
        }

        if (length <= (nuint)maxBytes)
        {
            return System.Text.Encoding.UTF8.GetString(p, (int)length);
        }

        return System.Text.Encoding.UTF8.GetString(p, maxBytes) + $"… (cut, {length:N0} bytes in all)";
    }

    /// <summary>The length in bytes of the string at <paramref name="index"/> (only call on values of type string).</summary>
    public static long StringLength(IntPtr l, int index)
    {
        nuint length;
        lua_tolstring(l, index, &length);
        return (long)length;
    }

    /// <summary>The raw bytes of a Lua string (valid while the value stays on the stack).</summary>
    public static ReadOnlySpan<byte> ToBytes(IntPtr l, int index)
    {
        nuint length;
        var p = lua_tolstring(l, index, &length);
        return p is null ? default : new ReadOnlySpan<byte>(p, (int)length);
    }

    /// <summary>The name of a Lua type, as Lua's <c>type()</c> reports it.</summary>
    public static string TypeName(int type) => type switch
    {
        TypeNil => "nil",
        TypeBoolean => "boolean",
        TypeLightUserData => "userdata",
        TypeNumber => "number",
        TypeString => "string",
        TypeTable => "table",
        TypeFunction => "function",
        7 => "userdata",
        8 => "thread",
        _ => "no value",
    };
}
