using Hive.Trading.Strategies;

namespace Hive.Lua;

/// <summary>
/// A Lua strategy failed to load or to run. The message names the script, the step (<c>load</c>,
/// <c>detect_opportunity</c>, <c>filter_commitment</c>, <c>manage_position</c>) and, when known, the line and the field.
/// </summary>
public sealed class LuaScriptException : StrategyException
{
    /// <summary>Creates the exception.</summary>
    public LuaScriptException(string script, string step, LuaErrorKind kind, string message, int? line = null, string? field = null, Exception? innerException = null)
        : base(script, step, line is { } l and > 0 ? $"line {l}: {message}" : message, innerException)
    {
        Kind = kind;
        Line = line is > 0 ? line : null;
        Field = field;
        Detail = message;
        IsLimitExceeded = kind is LuaErrorKind.InstructionBudget or LuaErrorKind.MemoryLimit or LuaErrorKind.Timeout or LuaErrorKind.HostQuota;
    }

    /// <summary>What went wrong.</summary>
    public LuaErrorKind Kind { get; }

    /// <summary>The script line the error happened on, when Lua knows it.</summary>
    public int? Line { get; }

    /// <summary>The action or context field at fault, for validation errors.</summary>
    public string? Field { get; }

    /// <summary>The message without the script, step and line prefix.</summary>
    public string Detail { get; }
}
