namespace Hive.Trading.Strategies;

/// <summary>Direction of a runner's position.</summary>
public enum PositionSide : byte
{
    /// <summary>No position.</summary>
    Flat,

    /// <summary>Long: bought, profits when the price rises.</summary>
    Long,

    /// <summary>Short: sold, profits when the price falls.</summary>
    Short,
}
