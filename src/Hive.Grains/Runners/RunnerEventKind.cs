namespace Hive.Grains.Runners;

/// <summary>What a <see cref="RunnerEvent"/> reports.</summary>
public enum RunnerEventKind : byte
{
    /// <summary>The strategy or the core marked a signal (entry, exit, stop, risk denial).</summary>
    Signal,

    /// <summary>The state machine moved.</summary>
    Transition,

    /// <summary>An order was sent to the gateway.</summary>
    Order,

    /// <summary>The gateway filled an order.</summary>
    Fill,

    /// <summary>Pre-trade risk or the gateway denied an order.</summary>
    Denial,

    /// <summary>The gateway fenced an order: this activation is stale.</summary>
    Fenced,

    /// <summary>The strategy failed, or an order was rejected.</summary>
    Error,

    /// <summary>The runner's health changed, or an operator acted on it.</summary>
    Health,

    /// <summary>The runner was removed; no more events follow.</summary>
    Removed,
}
