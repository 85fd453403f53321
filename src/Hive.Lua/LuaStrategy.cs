using Hive.Trading.Market;
using Hive.Trading.Strategies;

namespace Hive.Lua;

/// <summary>
/// A strategy written in Lua (DESIGN §3): the script defines <c>detect_opportunity</c>, <c>filter_commitment</c> and
/// <c>manage_position</c>, each called with <c>(market_data, context, indicators)</c>. One native Lua 5.4 VM per
/// instance, so one per runner; sandboxed, with an instruction budget and a library work budget per call, a wall-clock
/// watchdog, a memory cap per VM and a host quota for what the script makes the runner keep (see
/// <see cref="LuaStrategyOptions"/>). The script
/// reads the runner's parameters from the global <c>params</c> table. Not thread-safe, like a runner.
/// </summary>
public sealed class LuaStrategy : IStrategy, IDisposable
{
    private readonly StrategyParameters _parameters;
    private readonly LuaQuota _quota;
    private LuaVm _vm;

    private LuaStrategy(string name, string? path, StrategyParameters parameters, LuaStrategyOptions options, LuaQuota quota, LuaVm vm)
    {
        _quota = quota;
        Name = name;
        ScriptPath = path;
        _parameters = parameters;
        Options = options;
        _vm = vm;
    }

    /// <summary>The script's file name (or the name given to <see cref="FromSource"/>), used in every error.</summary>
    public string Name { get; }

    /// <summary>The file the script was loaded from, or <c>null</c> when it came from text.</summary>
    public string? ScriptPath { get; }

    /// <summary>The VM's limits.</summary>
    public LuaStrategyOptions Options { get; }

    /// <summary>How many times the script was reloaded successfully.</summary>
    public int ReloadCount { get; private set; }

    /// <summary>Bytes the Lua VM holds now (script, tables, strings, garbage not yet collected).</summary>
    public long MemoryUsed => _vm.MemoryUsed;

    /// <summary>Loads a script file. Throws <see cref="LuaScriptException"/> naming the file, and the line or the function, when it cannot.</summary>
    public static LuaStrategy LoadFile(string path, StrategyParameters? parameters = null, LuaStrategyOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var name = Path.GetFileName(path);
        var source = ReadScript(path, name);
        return Create(name, path, source, parameters, options);
    }

    /// <summary>Loads a script from text; <paramref name="name"/> stands for the file name in errors.</summary>
    public static LuaStrategy FromSource(string name, string source, StrategyParameters? parameters = null, LuaStrategyOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(source);
        return Create(name, null, source, parameters, options);
    }

    private static LuaStrategy Create(string name, string? path, string source, StrategyParameters? parameters, LuaStrategyOptions? options)
    {
        options ??= LuaStrategyOptions.Default;
        options.Validate();
        parameters ??= StrategyParameters.Empty;
        var quota = new LuaQuota();
        var vm = LuaVm.Load(name, source, parameters, options, quota);
        return new LuaStrategy(name, path, parameters, options, quota, vm);
    }

    /// <inheritdoc />
    public StrategyAction DetectOpportunity(in MarketData data, StrategyContext context, IIndicatorProvider indicators) =>
        _vm.Call(LuaVm.Detect, data, context, indicators);

    /// <inheritdoc />
    public StrategyAction FilterCommitment(in MarketData data, StrategyContext context, IIndicatorProvider indicators) =>
        _vm.Call(LuaVm.Filter, data, context, indicators);

    /// <inheritdoc />
    public StrategyAction ManagePosition(in MarketData data, StrategyContext context, IIndicatorProvider indicators) =>
        _vm.Call(LuaVm.Manage, data, context, indicators);

    /// <summary>
    /// Reloads the script from its file in a new VM. The runner's context and position live outside the VM and are kept;
    /// Lua globals and upvalues of the old script are not. When the new script fails to load, the old one keeps running
    /// and the <see cref="LuaScriptException"/> says why. Call it between updates, on the runner's own turn.
    /// </summary>
    public void Reload()
    {
        var path = ScriptPath ?? throw new InvalidOperationException($"{Name} was loaded from text; reload it with Reload(source).");
        Reload(ReadScript(path, Name));
    }

    /// <summary>Reloads from new source text; on failure the old script keeps running and the exception says why.</summary>
    public void Reload(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var fresh = LuaVm.Load(Name, source, _parameters, Options, _quota);
        var old = _vm;
        _vm = fresh;
        old.Dispose();
        ReloadCount++;
    }

    /// <summary>Like <see cref="Reload()"/>, but reports a failure instead of throwing it.</summary>
    public bool TryReload(out LuaScriptException? error)
    {
        try
        {
            Reload();
            error = null;
            return true;
        }
        catch (LuaScriptException ex)
        {
            error = ex;
            return false;
        }
    }

    /// <summary>Closes the VM and frees its native memory.</summary>
    public void Dispose() => _vm.Dispose();

    private static string ReadScript(string path, string name)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LuaScriptException(name, "load", LuaErrorKind.Unreadable, $"cannot read '{path}': {ex.Message}", innerException: ex);
        }
    }
}
