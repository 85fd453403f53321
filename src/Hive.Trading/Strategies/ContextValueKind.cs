namespace Hive.Trading.Strategies;

/// <summary>The type of a value stored in a <see cref="StrategyContext"/>.</summary>
public enum ContextValueKind : byte
{
    /// <summary>A double-precision number.</summary>
    Number,

    /// <summary>A 64-bit integer.</summary>
    Integer,

    /// <summary>A string.</summary>
    String,

    /// <summary>A boolean.</summary>
    Boolean,
}
