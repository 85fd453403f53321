namespace Hive.Trading.Risk;

/// <summary>Levels of the kill switch.</summary>
public enum KillSwitchLevel : byte
{
    /// <summary>Trading as usual.</summary>
    Off,

    /// <summary>Only orders that reduce exposure (exits, stop-loss, take-profit) are accepted.</summary>
    Reducing,

    /// <summary>Nothing new is sent, not even exits.</summary>
    Halted,
}
