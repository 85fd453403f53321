using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Hive.Lua.Native;
using Hive.Trading.Market;
using Hive.Trading.Strategies;
using static Hive.Lua.Native.LuaApi;

namespace Hive.Lua;

/// <summary>
/// One native Lua 5.4 VM running one strategy script: sandbox, allocator with a cap, instruction budget, and the
/// conversion of market data, context, indicators and actions. Not thread-safe: a runner calls it from one turn at a
/// time. Errors never unwind through managed frames: host callbacks record what went wrong and arm a count hook that
/// is Lua's own <c>lua_error</c>, so the error is raised by native code on the script's next instruction.
/// </summary>
internal sealed unsafe partial class LuaVm : IDisposable
{
    internal const int Detect = 0;
    internal const int Filter = 1;
    internal const int Manage = 2;

    private const int StepCallSlots = 32;

    internal static readonly string[] StepNames = ["detect_opportunity", "filter_commitment", "manage_position"];

    private static readonly IntPtr LuaErrorAddress;
    private static readonly IntPtr TimeoutHookAddress = (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, IntPtr, void>)&TimeoutHook;
    private static readonly IntPtr CountHookAddress = (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, IntPtr, void>)&CountHook;
    private static readonly IntPtr OpenBase;
    private static readonly IntPtr OpenString;
    private static readonly IntPtr OpenTable;
    private static readonly IntPtr OpenMath;

    private readonly string _script;
    private readonly LuaStrategyOptions _options;
    private readonly AllocState* _alloc;
    private readonly LuaQuota _quota;
    private readonly Dictionary<nint, string> _keys = [];
    private readonly int[] _stepRefs = new int[3];
    private GCHandle _self;
    private IntPtr _l;
    private int _marketRef;
    private int _contextRef;
    private int _contextMetaRef;
    private int _contextCopyRef;
    private StrategyContext? _copied;
    private long _copiedVersion;
    private int _indicatorsRef;
    private int _positionRef;
    private int _anchorsRef;
    private int _callRef;
    private readonly int[] _indicatorCacheRefs = new int[8];
    private readonly List<(Indicator Kind, int Period)> _cachedIndicators = [];
    private IIndicatorProvider? _cachedProvider;
    private int _indicatorCachesRef;
    private int _indicatorsMetaRef;
    private int _callInPositionRef;
    private int _longRef;
    private int _shortRef;
    private bool _positionShown;
    private string? _symbol;
    private LuaWatchdog.Slot? _watch;
    private long _libraryLeft;
    private int _logLines;

    private StrategyContext? _context;
    private IIndicatorProvider? _indicators;
    private LuaErrorKind? _abortKind;
    private string? _abortMessage;
    private int _abortLine;

    static LuaVm()
    {
        LuaErrorAddress = LuaLibrary.Export("lua_error");
        OpenBase = LuaLibrary.Export("luaopen_base");
        OpenString = LuaLibrary.Export("luaopen_string");
        OpenTable = LuaLibrary.Export("luaopen_table");
        OpenMath = LuaLibrary.Export("luaopen_math");
    }

    private LuaVm(string script, LuaStrategyOptions options, LuaQuota quota)
    {
        _script = script;
        _options = options;
        _quota = quota;
        _alloc = (AllocState*)NativeMemory.AllocZeroed((nuint)sizeof(AllocState));
        _alloc->Limit = options.MemoryLimitBytes;
        _alloc->HostDepth = 1;
    }

    /// <summary>Bytes the VM holds now.</summary>
    public long MemoryUsed => _l == IntPtr.Zero ? 0 : _alloc->Used;

    /// <summary>Creates a VM, runs the sandbox prelude and the script, and checks the three step functions exist.</summary>
    public static LuaVm Load(string script, string source, StrategyParameters parameters, LuaStrategyOptions options, LuaQuota quota)
    {
        var vm = new LuaVm(script, options, quota);
        try
        {
            vm.Initialize(parameters);
            vm.LoadScript(source);
            return vm;
        }
        catch
        {
            vm.Dispose();
            throw;
        }
    }

    private void Initialize(StrategyParameters parameters)
    {
        _l = lua_newstate(&Allocate, (IntPtr)_alloc);
        if (_l == IntPtr.Zero)
        {
            throw new OutOfMemoryException("Cannot create a Lua state.");
        }

        _self = GCHandle.Alloc(this, GCHandleType.Weak);
        *(IntPtr*)((byte*)_l - IntPtr.Size) = GCHandle.ToIntPtr(_self);
        var l = _l;

        // A step call pushes up to 20 values (the call function, the step, 7 position and 11 market arguments), all
        // the free slots Lua guarantees the host; make room for more, and Lua keeps the stack this large from now on.
        if (lua_checkstack(l, StepCallSlots) == 0)
        {
            throw new OutOfMemoryException("Cannot grow the Lua stack.");
        }

        _watch = _options.ExactInstructionBudget
            ? LuaWatchdog.Add(l, TimeoutHookAddress, _options.CallTimeout, IntPtr.Zero, 0)
            : LuaWatchdog.Add(l, TimeoutHookAddress, _options.CallTimeout, CountHookAddress, _options.InstructionBudget);

        OpenLibrary(l, "_G"u8, OpenBase);
        OpenLibrary(l, "string"u8, OpenString);
        OpenLibrary(l, "table"u8, OpenTable);
        OpenLibrary(l, "math"u8, OpenMath);

        lua_createtable(l, 0, 16);
        _anchorsRef = luaL_ref(l, RegistryIndex);

        lua_createtable(l, 0, 12);
        _marketRef = luaL_ref(l, RegistryIndex);

        lua_createtable(l, 0, 8);
        _positionRef = luaL_ref(l, RegistryIndex);

        // context: an empty proxy; only 'position' is raw. Reads go to the VM's copy of the runner's StrategyContext
        // (a plain table, the metatable's __index, refreshed when the context changes outside the VM), so reading
        // costs no call into the host; the prelude's __newindex sends writes that change something to the host
        // (ContextNewIndex), which checks the quota and updates the copy.
        lua_createtable(l, 0, 0);
        lua_pushvalue(l, -1);
        _contextCopyRef = luaL_ref(l, RegistryIndex);
        lua_createtable(l, 0, 1);
        lua_createtable(l, 0, 3);
        lua_pushvalue(l, -1);
        _contextMetaRef = luaL_ref(l, RegistryIndex);
        lua_rotate(l, -3, -1);
        SetField(l, "__index"u8);
        lua_pushboolean(l, 0);
        SetField(l, "__metatable"u8);
        lua_setmetatable(l, -2);
        _contextRef = luaL_ref(l, RegistryIndex);

        lua_createtable(l, 0, 10);
        lua_pushcclosure(l, &IndicatorSma, 0);
        SetField(l, "sma"u8);
        lua_pushcclosure(l, &IndicatorEma, 0);
        SetField(l, "ema"u8);
        lua_pushcclosure(l, &IndicatorRsi, 0);
        SetField(l, "rsi"u8);
        lua_pushcclosure(l, &IndicatorMacd, 0);
        SetField(l, "macd"u8);
        lua_pushcclosure(l, &IndicatorBollinger, 0);
        SetField(l, "bollinger"u8);
        lua_pushcclosure(l, &IndicatorAtr, 0);
        SetField(l, "atr"u8);
        lua_pushcclosure(l, &IndicatorHigh, 0);
        SetField(l, "highest"u8);
        lua_pushcclosure(l, &IndicatorLow, 0);
        SetField(l, "lowest"u8);
        lua_createtable(l, 0, 3);
        lua_pushvalue(l, -1);
        _indicatorsMetaRef = luaL_ref(l, RegistryIndex);
        lua_pushcclosure(l, &IndicatorsIndex, 0);
        SetField(l, "__index"u8);
        lua_pushboolean(l, 0);
        SetField(l, "__metatable"u8);
        lua_setmetatable(l, -2);
        _indicatorsRef = luaL_ref(l, RegistryIndex);

        // The wrappers' value tables, by indicator name (see CacheIndicator).
        lua_createtable(l, 0, 6);
        foreach (var (kind, name) in new[] { (Indicator.Sma, "sma"), (Indicator.Ema, "ema"), (Indicator.Rsi, "rsi"), (Indicator.Atr, "atr"), (Indicator.High, "highest"), (Indicator.Low, "lowest") })
        {
            PushString(l, name);
            lua_createtable(l, 0, 4);
            lua_pushvalue(l, -1);
            _indicatorCacheRefs[(int)kind] = luaL_ref(l, RegistryIndex);
            lua_rawset(l, -3);
        }

        _indicatorCachesRef = luaL_ref(l, RegistryIndex);

        PushParameters(l, parameters);
        fixed (byte* name = "params"u8)
        {
            lua_setglobal(l, name);
        }

        RunChunk(LuaPrelude.Source, "=hive", PushPreludeArguments, 11, 2);
        _callInPositionRef = luaL_ref(l, RegistryIndex);
        _callRef = luaL_ref(l, RegistryIndex);
        PushString(l, "long");
        _longRef = luaL_ref(l, RegistryIndex);
        PushString(l, "short");
        _shortRef = luaL_ref(l, RegistryIndex);
    }

    private void PushPreludeArguments(IntPtr l)
    {
        lua_pushcclosure(l, &HostLog, 0);
        lua_rawgeti(l, RegistryIndex, _marketRef);
        lua_rawgeti(l, RegistryIndex, _contextRef);
        lua_rawgeti(l, RegistryIndex, _indicatorsRef);
        lua_pushcclosure(l, &Guard, 0);
        lua_rawgeti(l, RegistryIndex, _positionRef);
        lua_rawgeti(l, RegistryIndex, _contextMetaRef);
        lua_pushcclosure(l, &ContextNewIndex, 0);
        lua_pushinteger(l, _options.MaxContextKeyLength);
        lua_rawgeti(l, RegistryIndex, _indicatorCachesRef);
        lua_rawgeti(l, RegistryIndex, _indicatorsMetaRef);
    }

    private void LoadScript(string source)
    {
        RunChunk(source, "@" + _script, null, 0, 0);

        var l = _l;
        for (var i = 0; i < 3; i++)
        {
            var name = StepNames[i];
            var type = GetGlobal(l, name);
            if (type != TypeFunction)
            {
                Pop(l, 1);
                var message = type == TypeNil
                    ? $"missing function '{name}': a strategy script defines detect_opportunity, filter_commitment and manage_position"
                    : $"'{name}' must be a function, got {TypeName(type)}";
                throw new LuaScriptException(_script, "load", LuaErrorKind.MissingFunction, message, field: name);
            }

            _stepRefs[i] = luaL_ref(l, RegistryIndex);
        }
    }

    private static int GetGlobal(IntPtr l, string name)
    {
        lua_rawgeti(l, RegistryIndex, RidxGlobals);
        PushString(l, name);
        var type = lua_rawget(l, -2);
        lua_rotate(l, -2, -1);
        Pop(l, 1);
        return type;
    }

    /// <summary>Loads and runs a chunk under the budget and the cap; errors become <see cref="LuaScriptException"/>.</summary>
    private void RunChunk(string source, string chunkName, Action<IntPtr>? pushArgument, int argumentCount, int resultCount)
    {
        var l = _l;
        var bytes = System.Text.Encoding.UTF8.GetBytes(source);
        var nameBytes = System.Text.Encoding.UTF8.GetBytes(chunkName + "\0");
        int status;
        fixed (byte* buffer = bytes)
        fixed (byte* name = nameBytes)
        fixed (byte* mode = "t"u8)
        {
            status = luaL_loadbufferx(l, buffer, (nuint)bytes.Length, name, mode);
        }

        if (status != StatusOk)
        {
            var text = lua_type(l, -1) == TypeString ? ToText(l, -1, _options.MaxTextLength) : "cannot load the script";
            lua_settop(l, 0);
            var (line, detail) = SplitPosition(text);
            throw status == StatusErrorSyntax
                ? new LuaScriptException(_script, "load", LuaErrorKind.Syntax, "syntax error: " + detail, line)
                : new LuaScriptException(_script, "load", LuaErrorKind.MemoryLimit, MemoryMessage(), line);
        }

        pushArgument?.Invoke(l);
        status = ProtectedCall(l, argumentCount, resultCount);
        var error = TakeError(status, "load");
        if (error is not null)
        {
            lua_settop(l, 0);
            throw error;
        }
    }

    private static void OpenLibrary(IntPtr l, ReadOnlySpan<byte> name, IntPtr open)
    {
        fixed (byte* p = name)
        {
            luaL_requiref(l, p, open, 1);
        }

        Pop(l, 1);
    }

    /// <summary>
    /// Sets <c>t[key] = v</c> for the table t below the value v at the top, raw: the host fills tables the script can
    /// reach (market_data, context.position) outside the protected call, where a metamethod the script set must not run.
    /// </summary>
    private static void SetField(IntPtr l, ReadOnlySpan<byte> key)
    {
        fixed (byte* p = key)
        {
            lua_pushlstring(l, p, (nuint)key.Length);
        }

        lua_rotate(l, -2, 1);
        lua_rawset(l, -3);
    }

    private static void SetNumber(IntPtr l, ReadOnlySpan<byte> key, double value)
    {
        lua_pushnumber(l, value);
        SetField(l, key);
    }

    private static void PushParameters(IntPtr l, StrategyParameters parameters)
    {
        lua_createtable(l, 0, parameters.Values.Count);
        foreach (var (key, text) in parameters.Values)
        {
            PushString(l, key);
            if (long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var integer))
            {
                lua_pushinteger(l, integer);
            }
            else if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number))
            {
                lua_pushnumber(l, number);
            }
            else if (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase))
            {
                lua_pushboolean(l, text.Equals("true", StringComparison.OrdinalIgnoreCase) ? 1 : 0);
            }
            else
            {
                PushString(l, text);
            }

            lua_rawset(l, -3);
        }
    }

    /// <summary>Runs one step. The stack holds nothing between calls.</summary>
    public StrategyAction Call(int step, in MarketData data, StrategyContext context, IIndicatorProvider indicators)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(indicators);
        ObjectDisposedException.ThrowIf(_l == IntPtr.Zero, this);
        var l = _l;
        _context = context;
        _indicators = indicators;
        try
        {
            if (!ReferenceEquals(data.Symbol, _symbol))
            {
                SetSymbol(l, data.Symbol);
            }

            SyncContextCopy(l, context);
            if (_cachedIndicators.Count > 0)
            {
                RefreshIndicatorCache(l, indicators);
            }

            var position = context.Position;
            if (position is null && _positionShown)
            {
                HidePosition(l);
            }

            var arguments = PushStepCall(l, step, data, position);
            var status = ProtectedCall(l, arguments, 1);
            var error = TakeError(status, StepNames[step]);
            if (error is not null)
            {
                throw error;
            }

            return ReadAction(l, step);
        }
        finally
        {
            ClearStack(l);
            _context = null;
            _indicators = null;
        }
    }

    /// <summary>
    /// Pushes the call function, the step and its arguments. Kept out of <see cref="Call"/>'s try block, where the JIT
    /// would call every P/Invoke through a stub instead of inlining it.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int PushStepCall(IntPtr l, int step, in MarketData data, PositionInfo? position)
    {
        var arguments = 1;
        lua_rawgeti(l, RegistryIndex, position is null ? _callRef : _callInPositionRef);
        lua_rawgeti(l, RegistryIndex, _stepRefs[step]);
        if (position is { } held)
        {
            // call_step_in_position writes these into context.position before the step runs.
            lua_rawgeti(l, RegistryIndex, held.Side == PositionSide.Short ? _shortRef : _longRef);
            lua_pushnumber(l, held.EntryPrice);
            lua_pushnumber(l, held.Quantity);
            PushOptionalNumber(l, held.StopLoss);
            PushOptionalNumber(l, held.TakeProfit);
            lua_pushnumber(l, held.UnrealizedPnl);
            lua_pushinteger(l, held.EntryTime);
            arguments += 7;
            _positionShown = true;
        }

        lua_pushinteger(l, data.Timestamp);
        lua_pushnumber(l, data.Open);
        lua_pushnumber(l, data.High);
        lua_pushnumber(l, data.Low);
        lua_pushnumber(l, data.Close);
        lua_pushnumber(l, data.Volume);
        arguments += 6;
        if (!HasNoQuote(data))
        {
            lua_pushnumber(l, data.Bid);
            lua_pushnumber(l, data.Ask);
            lua_pushnumber(l, data.BidQuantity);
            lua_pushnumber(l, data.AskQuantity);
            lua_pushnumber(l, data.MidPrice);
            arguments += 5;
        }

        return arguments;
    }

    /// <summary>
    /// True for a bar without quotes (bid and ask are the close, bit for bit, and both quantities +0): the prelude fills
    /// those fields from the close (the mid price of such a bar is the close exactly), and the host pushes five values fewer.
    /// </summary>
    private static bool HasNoQuote(in MarketData data)
    {
        var close = BitConverter.DoubleToInt64Bits(data.Close);
        return Math.Abs(data.Close) < 1e300
            && BitConverter.DoubleToInt64Bits(data.Bid) == close
            && BitConverter.DoubleToInt64Bits(data.Ask) == close
            && BitConverter.DoubleToInt64Bits(data.BidQuantity) == 0
            && BitConverter.DoubleToInt64Bits(data.AskQuantity) == 0;
    }

    private static void PushOptionalNumber(IntPtr l, double? value)
    {
        if (value is { } v)
        {
            lua_pushnumber(l, v);
        }
        else
        {
            lua_pushnil(l);
        }
    }

    /// <summary>Empties the stack; a method of its own so that the P/Invoke is inlined (in a finally block it goes through a stub).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ClearStack(IntPtr l) => lua_settop(l, 0);

    // Not inlined into Call's try block, where its P/Invokes (lua_pcallk's GC transition included) would go through stubs.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int ProtectedCall(IntPtr l, int nargs, int nresults)
    {
        _abortKind = null;
        _abortMessage = null;
        _abortLine = 0;
        _alloc->Refused = 0;
        _libraryLeft = _options.LibraryBudget;
        _logLines = 0;
        if (_options.ExactInstructionBudget)
        {
            lua_sethook(l, CountHookAddress, MaskCount, _options.InstructionBudget);
        }

        // Otherwise the watchdog sets the budget's count hook on a call it finds running (see LuaWatchdog).
        var started = LuaMetrics.StartCall();
        _watch!.Enter();
        _alloc->HostDepth = 0;
        var status = PCall(l, nargs, nresults);
        _alloc->HostDepth = 1;
        _watch.Leave();
        LuaMetrics.RecordCall(started);
        lua_sethook(l, IntPtr.Zero, 0, 0);
        return status;
    }

    /// <summary>The error a protected call ended with, or null. The error value is left on the stack for the caller to clear.</summary>
    private LuaScriptException? TakeError(int status, string step)
    {
        var error = DescribeError(status, step);
        if (error is { IsLimitExceeded: true })
        {
            LuaMetrics.RecordLimit(error.Kind);
        }

        return error;
    }

    private LuaScriptException? DescribeError(int status, string step)
    {
        if (_abortKind is { } kind)
        {
            return new LuaScriptException(_script, step, kind, _abortMessage ?? kind.ToString(), _abortLine);
        }

        if (status == StatusOk)
        {
            return null;
        }

        if (status == StatusErrorMemory)
        {
            return new LuaScriptException(_script, step, LuaErrorKind.MemoryLimit, MemoryMessage());
        }

        var l = _l;
        var type = lua_type(l, -1);
        var text = type == TypeString ? ToText(l, -1, _options.MaxTextLength) : $"error object is a {TypeName(type)} value";
        var (line, detail) = SplitPosition(text);
        if (_alloc->Refused != 0 && detail.Contains("not enough memory", StringComparison.Ordinal))
        {
            // A memory error the script caught with pcall and raised again.
            return new LuaScriptException(_script, step, LuaErrorKind.MemoryLimit, MemoryMessage(), line);
        }

        var errorKind = detail.Contains("is not available in the Hive Lua sandbox", StringComparison.Ordinal)
            ? LuaErrorKind.Forbidden
            : LuaErrorKind.Runtime;
        return new LuaScriptException(_script, step, errorKind, detail, line);
    }

    private string MemoryMessage() =>
        $"memory cap of {_options.MemoryLimitBytes:N0} bytes exceeded (the VM holds {_alloc->Used:N0} bytes)";

    private (int? Line, string Detail) SplitPosition(string text)
    {
        // Lua prefixes errors with "chunk:line: "; keep the line when it is the script's own.
        var match = PositionPattern().Match(text);
        if (match.Success)
        {
            var chunk = match.Groups[1].Value;
            var line = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            var detail = match.Groups[3].Value;
            return chunk == _script || _script.EndsWith(chunk.TrimStart('.'), StringComparison.Ordinal)
                ? (line, detail)
                : (null, $"{chunk}:{line}: {detail}");
        }

        return (null, text);
    }

    [GeneratedRegex(@"^([^\n:]+):(\d+): (.*)$", RegexOptions.Singleline)]
    private static partial Regex PositionPattern();

    private void SetSymbol(IntPtr l, string? symbol)
    {
        _symbol = symbol;
        lua_rawgeti(l, RegistryIndex, _marketRef);
        PushString(l, symbol ?? string.Empty);
        SetField(l, "symbol"u8);
        Pop(l, 1);
    }

    /// <summary>Removes <c>context.position</c> (a raw field of the proxy) once the runner is flat.</summary>
    private void HidePosition(IntPtr l)
    {
        lua_rawgeti(l, RegistryIndex, _contextRef);
        fixed (byte* key = "position"u8)
        {
            lua_pushlstring(l, key, 8);
        }

        lua_pushnil(l);
        lua_rawset(l, -3);
        Pop(l, 1);
        _positionShown = false;
    }

    /// <summary>The .NET string for a Lua string key, cached by the interned string's address (and the string anchored so the address stays its own).</summary>
    private string KeyString(IntPtr l, int index) => KeyString(l, index, int.MaxValue)!;

    /// <summary>Like <see cref="KeyString(IntPtr, int)"/>, or null (nothing converted) when the key is longer than <paramref name="maxLength"/> bytes.</summary>
    private string? KeyString(IntPtr l, int index, int maxLength)
    {
        nuint length;
        var p = lua_tostringchecked(l, index, &length);
        if (length > (nuint)maxLength)
        {
            return null;
        }

        if (_keys.TryGetValue((nint)p, out var cached))
        {
            return cached;
        }

        var text = System.Text.Encoding.UTF8.GetString(p, (int)length);
        if (length <= 40 && _keys.Count < 1024)
        {
            index = index < 0 && index > RegistryIndex ? lua_gettop(l) + index + 1 : index;
            lua_rawgeti(l, RegistryIndex, _anchorsRef);
            lua_pushvalue(l, index);
            lua_pushboolean(l, 1);
            lua_rawset(l, -3);
            Pop(l, 1);
            _keys[(nint)p] = text;
        }

        return text;
    }

    private static LuaVm? FromState(IntPtr l)
    {
        var handle = *(IntPtr*)((byte*)l - IntPtr.Size);
        return handle == IntPtr.Zero ? null : GCHandle.FromIntPtr(handle).Target as LuaVm;
    }

    /// <summary>Records why the script must stop and arms a hook that makes Lua raise an error on its next instruction.</summary>
    private void Abort(IntPtr l, LuaErrorKind kind, string message, int level)
    {
        if (_abortKind is null)
        {
            _abortKind = kind;
            _abortMessage = message;
            _abortLine = CurrentLine(l, level);
        }

        RaiseOnNextInstruction(l, this);
    }

    /// <summary>Sets the hook that is Lua's own <c>lua_error</c>, after making sure the watchdog will not replace it.</summary>
    private static void RaiseOnNextInstruction(IntPtr l, LuaVm? vm)
    {
        vm?._watch?.Stop();
        lua_sethook(l, LuaErrorAddress, MaskCount, 1);
    }

    private static int CurrentLine(IntPtr l, int level)
    {
        var debug = stackalloc byte[DebugSize];
        fixed (byte* what = "Sl"u8)
        {
            if (lua_getstack(l, level, debug) != 0 && lua_getinfo(l, what, debug) != 0)
            {
                return ScriptLine(debug);
            }
        }

        return 0;
    }

    /// <summary>The current line of a filled <c>lua_Debug</c> when it is in the script (chunk names of files start with '@'), else 0.</summary>
    private static int ScriptLine(byte* debug)
    {
        var source = *(byte**)(debug + DebugSourceOffset);
        return source is not null && source[0] == (byte)'@' ? *(int*)(debug + DebugCurrentLineOffset) : 0;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static IntPtr Allocate(IntPtr ud, IntPtr ptr, nuint oldSize, nuint newSize)
    {
        var state = (AllocState*)ud;
        var old = ptr == IntPtr.Zero ? 0L : (long)oldSize;
        if (newSize == 0)
        {
            if (ptr != IntPtr.Zero)
            {
                NativeMemory.Free((void*)ptr);
                state->Used -= old;
            }

            return IntPtr.Zero;
        }

        var delta = (long)newSize - old;
        if (delta > 0 && state->HostDepth == 0 && state->Used + delta > state->Limit)
        {
            state->Refused = 1;
            return IntPtr.Zero;
        }

        void* block;
        try
        {
            block = NativeMemory.Realloc((void*)ptr, newSize);
        }
        catch (OutOfMemoryException)
        {
            return IntPtr.Zero;
        }

        state->Used += delta;
        if (state->Used > state->Peak)
        {
            state->Peak = state->Used;
        }

        return (IntPtr)block;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void CountHook(IntPtr l, IntPtr debug) => Abort(l, debug, LuaErrorKind.InstructionBudget);

    /// <summary>Ends the call the watchdog found running past its limit: run by Lua on the VM's thread before the next instruction.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void TimeoutHook(IntPtr l, IntPtr debug) => Abort(l, debug, LuaErrorKind.Timeout);

    // Records the first limit a call hit, with the script line it was on, and makes the next instruction raise the
    // error that ends the call (the message is built once, not per hook).
    private static void Abort(IntPtr l, IntPtr debug, LuaErrorKind kind)
    {
        var vm = FromState(l);
        if (vm is not null && vm._abortKind is null)
        {
            vm._abortKind = kind;
            vm._abortMessage = kind == LuaErrorKind.Timeout
                ? $"wall-clock limit of {vm._options.CallTimeout.TotalMilliseconds:N0} ms exceeded (the watchdog interrupted the call)"
                : $"instruction budget of {vm._options.InstructionBudget:N0} exceeded (an endless loop?)";
            fixed (byte* what = "Sl"u8)
            {
                if (lua_getinfo(l, what, (byte*)debug) != 0)
                {
                    vm._abortLine = ScriptLine((byte*)debug);
                }
            }
        }

        RaiseOnNextInstruction(l, vm);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int HostLog(IntPtr l)
    {
        var vm = FromState(l);
        if (vm?._options.Log is { } log && lua_type(l, 1) == TypeString)
        {
            if (++vm._logLines > vm._options.MaxLogLinesPerCall)
            {
                // One notice, then silence until the next call: a script cannot flood the host's log.
                if (vm._logLines == vm._options.MaxLogLinesPerCall + 1)
                {
                    log($"{vm._script}: more than {vm._options.MaxLogLinesPerCall:N0} print lines in one call; the rest of this call's lines are dropped");
                }

                return 0;
            }

            vm._alloc->HostDepth++;
            try
            {
                log(ToText(l, 1, vm._options.MaxTextLength));
            }
            catch (Exception ex)
            {
                vm.Abort(l, LuaErrorKind.Runtime, "print failed: " + ex.Message, 1);
            }
            finally
            {
                vm._alloc->HostDepth--;
            }
        }

        return 0;
    }

    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    ~LuaVm()
    {
        Release();
    }

    private void Release()
    {
        if (_watch is not null)
        {
            LuaWatchdog.Remove(_watch);
            _watch = null;
        }

        if (_l != IntPtr.Zero)
        {
            _alloc->HostDepth = 1;
            lua_close(_l);
            _l = IntPtr.Zero;
            NativeMemory.Free(_alloc);
        }

        if (_self.IsAllocated)
        {
            _self.Free();
        }
    }
}
