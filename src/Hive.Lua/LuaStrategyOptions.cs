using System.Globalization;

namespace Hive.Lua;

/// <summary>
/// Limits and hooks of one Lua strategy VM. Every limit holds whatever the script does: the instruction budget and the
/// library work budget bound each call's CPU, the watchdog bounds its wall-clock time, the memory cap bounds the VM, and
/// the host quota bounds what the script makes the host keep (indicator instances, context values, text).
/// </summary>
public sealed record LuaStrategyOptions
{
    /// <summary>Prefix of the environment variables <see cref="FromEnvironment()"/> reads (<c>HIVE_LUA_INSTRUCTION_BUDGET</c>, ...).</summary>
    public const string EnvironmentPrefix = "HIVE_LUA_";

    /// <summary>Default options: the values documented on each property, <c>print</c> discarded.</summary>
    public static LuaStrategyOptions Default { get; } = new();

    /// <summary>
    /// Lua VM instructions one step (or the script's top level at load) may run before it is stopped. Default 1,000,000.
    /// By default the budget counts from the moment the watchdog finds the step running, within
    /// 10 ms of its start: a step always gets at least the budget, and at most
    /// the budget plus what it ran before the watchdog looked. Steps shorter than that, which is nearly all of them,
    /// run without Lua's instruction hook. See <see cref="ExactInstructionBudget"/>.
    /// </summary>
    public int InstructionBudget { get; init; } = 1_000_000;

    /// <summary>
    /// Counts the budget from every step's first instruction, so that a script stops on the same instruction on every
    /// machine and under any load. Stock Lua 5.4 then runs its hook dispatcher before every instruction of every step,
    /// which costs a fifth to a quarter of a short step. Default false. Environment: <c>HIVE_LUA_EXACT_INSTRUCTION_BUDGET=true</c>.
    /// </summary>
    public bool ExactInstructionBudget { get; init; }

    /// <summary>
    /// Work units one step may spend inside the C library functions whose cost depends on their input (pattern matching,
    /// <c>string.rep</c>, <c>table.concat</c>, <c>table.sort</c>, ...): each call is charged its worst case (for a
    /// pattern, subject length times pattern length times subject length per quantifier) before it runs, and a call that
    /// would pass the budget is refused. One unit is about one step of a C loop. Default 10,000,000.
    /// </summary>
    public long LibraryBudget { get; init; } = 10_000_000;

    /// <summary>Wall-clock time one step (or the load) may take before the watchdog interrupts it. Default 1 s.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Bytes the VM may hold (script, tables, strings, garbage not yet collected) before allocations fail. Default 8 MiB.</summary>
    public long MemoryLimitBytes { get; init; } = 8L * 1024 * 1024;

    /// <summary>Distinct indicator instances (one per kind and parameters) a runner's script may create. Default 64.</summary>
    public int MaxIndicators { get; init; } = 64;

    /// <summary>Largest period one indicator may ask for. Default 10,000 bars.</summary>
    public int MaxIndicatorPeriod { get; init; } = 10_000;

    /// <summary>Sum of the periods of all the indicator instances a runner's script created (each period costs up to 16 bytes of history). Default 100,000.</summary>
    public int MaxIndicatorPeriodTotal { get; init; } = 100_000;

    /// <summary>Keys the runner's context may hold. Default 256.</summary>
    public int MaxContextKeys { get; init; } = 256;

    /// <summary>Longest context key, in characters. Default 64.</summary>
    public int MaxContextKeyLength { get; init; } = 64;

    /// <summary>Longest string a context value (or a field of an opportunity) may hold, in characters. Default 4,096.</summary>
    public int MaxContextStringLength { get; init; } = 4096;

    /// <summary>
    /// Size of the whole context, in characters (each key's length plus each value's: a string's length, 8 for any other
    /// value). The persisted runner state is the context plus a fixed part, so this bounds it too. Default 65,536.
    /// </summary>
    public int MaxContextSize { get; init; } = 65_536;

    /// <summary>Longest text the host keeps from the script (an action's <c>reason</c>, a <c>print</c> line, an error message); longer text is cut. Default 1,024.</summary>
    public int MaxTextLength { get; init; } = 1024;

    /// <summary><c>print</c> lines one step may log; the rest of that step's lines are dropped. Default 100.</summary>
    public int MaxLogLinesPerCall { get; init; } = 100;

    /// <summary>Receives what the script passes to <c>print</c>; <c>null</c> discards it.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>The defaults overridden by the <c>HIVE_LUA_*</c> environment variables that are set (see <see cref="FromEnvironment(Func{string, string?})"/>).</summary>
    public static LuaStrategyOptions FromEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable);

    /// <summary>
    /// The defaults overridden by the variables <paramref name="read"/> returns: <c>HIVE_LUA_INSTRUCTION_BUDGET</c>,
    /// <c>HIVE_LUA_LIBRARY_BUDGET</c>, <c>HIVE_LUA_CALL_TIMEOUT_MS</c>, <c>HIVE_LUA_MEMORY_LIMIT_BYTES</c>,
    /// <c>HIVE_LUA_MAX_INDICATORS</c>, <c>HIVE_LUA_MAX_INDICATOR_PERIOD</c>, <c>HIVE_LUA_MAX_INDICATOR_PERIOD_TOTAL</c>,
    /// <c>HIVE_LUA_MAX_CONTEXT_KEYS</c>, <c>HIVE_LUA_MAX_CONTEXT_KEY_LENGTH</c>, <c>HIVE_LUA_MAX_CONTEXT_STRING_LENGTH</c>,
    /// <c>HIVE_LUA_MAX_CONTEXT_SIZE</c>, <c>HIVE_LUA_MAX_TEXT_LENGTH</c>, <c>HIVE_LUA_MAX_LOG_LINES_PER_CALL</c>, and
    /// <c>HIVE_LUA_EXACT_INSTRUCTION_BUDGET</c> (true or false).
    /// </summary>
    /// <exception cref="ArgumentException">A variable is not a positive integer (or a boolean), or a value is out of its range; the message names the variable.</exception>
    public static LuaStrategyOptions FromEnvironment(Func<string, string?> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var d = Default;
        var options = new LuaStrategyOptions
        {
            InstructionBudget = (int)Read(read, "INSTRUCTION_BUDGET", d.InstructionBudget, int.MaxValue),
            LibraryBudget = Read(read, "LIBRARY_BUDGET", d.LibraryBudget, long.MaxValue),
            CallTimeout = TimeSpan.FromMilliseconds(Read(read, "CALL_TIMEOUT_MS", (long)d.CallTimeout.TotalMilliseconds, 3_600_000)),
            MemoryLimitBytes = Read(read, "MEMORY_LIMIT_BYTES", d.MemoryLimitBytes, long.MaxValue),
            MaxIndicators = (int)Read(read, "MAX_INDICATORS", d.MaxIndicators, int.MaxValue),
            MaxIndicatorPeriod = (int)Read(read, "MAX_INDICATOR_PERIOD", d.MaxIndicatorPeriod, int.MaxValue),
            MaxIndicatorPeriodTotal = (int)Read(read, "MAX_INDICATOR_PERIOD_TOTAL", d.MaxIndicatorPeriodTotal, int.MaxValue),
            MaxContextKeys = (int)Read(read, "MAX_CONTEXT_KEYS", d.MaxContextKeys, int.MaxValue),
            MaxContextKeyLength = (int)Read(read, "MAX_CONTEXT_KEY_LENGTH", d.MaxContextKeyLength, int.MaxValue),
            MaxContextStringLength = (int)Read(read, "MAX_CONTEXT_STRING_LENGTH", d.MaxContextStringLength, int.MaxValue),
            MaxContextSize = (int)Read(read, "MAX_CONTEXT_SIZE", d.MaxContextSize, int.MaxValue),
            MaxTextLength = (int)Read(read, "MAX_TEXT_LENGTH", d.MaxTextLength, int.MaxValue),
            MaxLogLinesPerCall = (int)Read(read, "MAX_LOG_LINES_PER_CALL", d.MaxLogLinesPerCall, int.MaxValue),
            ExactInstructionBudget = ReadFlag(read, "EXACT_INSTRUCTION_BUDGET", d.ExactInstructionBudget),
        };
        options.Validate();
        return options;
    }

    private static bool ReadFlag(Func<string, string?> read, string name, bool fallback)
    {
        var variable = EnvironmentPrefix + name;
        var text = read(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return text.Trim().ToLowerInvariant() switch
        {
            "true" or "1" or "yes" => true,
            "false" or "0" or "no" => false,
            _ => throw new ArgumentException($"{variable}={text}: expected true or false"),
        };
    }

    private static long Read(Func<string, string?> read, string name, long fallback, long max)
    {
        var variable = EnvironmentPrefix + name;
        var text = read(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= max
            ? value
            : throw new ArgumentException($"{variable}={text}: expected a positive integer up to {max.ToString("N0", CultureInfo.InvariantCulture)}");
    }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(InstructionBudget);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(LibraryBudget);
        ArgumentOutOfRangeException.ThrowIfLessThan(CallTimeout, TimeSpan.FromMilliseconds(1));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(CallTimeout, TimeSpan.FromHours(1));
        ArgumentOutOfRangeException.ThrowIfLessThan(MemoryLimitBytes, 64 * 1024);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxIndicators);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxIndicatorPeriod);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxIndicatorPeriodTotal);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxContextKeys);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxContextKeyLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxContextStringLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxContextSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTextLength, 64);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxLogLinesPerCall);
    }
}
