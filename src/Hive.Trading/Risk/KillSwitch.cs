namespace Hive.Trading.Risk;

/// <summary>
/// A two-level kill switch (DESIGN §2): <see cref="KillSwitchLevel.Halted"/> stops every new order;
/// <see cref="KillSwitchLevel.Reducing"/> lets only exposure-reducing orders through. Thread-safe: an operator can
/// engage it while runners are trading.
/// </summary>
public sealed class KillSwitch
{
    private volatile int _level;
    private volatile string? _reason;

    /// <summary>The current level.</summary>
    public KillSwitchLevel Level => (KillSwitchLevel)_level;

    /// <summary>Why it was engaged, or <c>null</c> when off.</summary>
    public string? Reason => _reason;

    /// <summary>Sets the level; <paramref name="reason"/> is kept for denial messages.</summary>
    public void Engage(KillSwitchLevel level, string? reason = null)
    {
        _reason = level == KillSwitchLevel.Off ? null : reason;
        _level = (int)level;
    }

    /// <summary>Back to <see cref="KillSwitchLevel.Off"/>.</summary>
    public void Reset() => Engage(KillSwitchLevel.Off);
}
