namespace Hive.Lua;

/// <summary>Limits and hooks of one Lua strategy VM.</summary>
public sealed record LuaStrategyOptions
{
    /// <summary>Default options: one million instructions per call, an 8 MiB memory cap, <c>print</c> discarded.</summary>
    public static LuaStrategyOptions Default { get; } = new();

    /// <summary>Lua VM instructions one step (or the script's top level at load) may run before it is stopped.</summary>
    public int InstructionBudget { get; init; } = 1_000_000;

    /// <summary>Bytes the VM may hold (script, tables, strings, garbage not yet collected) before allocations fail.</summary>
    public long MemoryLimitBytes { get; init; } = 8L * 1024 * 1024;

    /// <summary>Receives what the script passes to <c>print</c>; <c>null</c> discards it.</summary>
    public Action<string>? Log { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(InstructionBudget);
        ArgumentOutOfRangeException.ThrowIfLessThan(MemoryLimitBytes, 64 * 1024);
    }
}
