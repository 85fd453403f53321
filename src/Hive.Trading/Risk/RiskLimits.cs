namespace Hive.Trading.Risk;

/// <summary>
/// Pre-trade limits of one scope (a runner, or the account all runners share). A <c>null</c> limit is not checked.
/// Quantities are in base asset, notionals in quote currency.
/// </summary>
public sealed record RiskLimits
{
    /// <summary>No limits.</summary>
    public static RiskLimits None { get; } = new();

    /// <summary>Largest quantity of one order.</summary>
    public decimal? MaxOrderQuantity { get; init; }

    /// <summary>Largest notional (price × quantity) of one order.</summary>
    public decimal? MaxOrderNotional { get; init; }

    /// <summary>Largest absolute position, in base asset, after an order.</summary>
    public decimal? MaxPositionQuantity { get; init; }

    /// <summary>Largest total notional exposure (Σ |position| × price) after an order.</summary>
    public decimal? MaxExposureNotional { get; init; }

    /// <summary>Most orders accepted in any one-second window of event time.</summary>
    public int? MaxOrdersPerSecond { get; init; }

    /// <summary>Whether no limit is set.</summary>
    public bool IsEmpty => MaxOrderQuantity is null && MaxOrderNotional is null && MaxPositionQuantity is null
        && MaxExposureNotional is null && MaxOrdersPerSecond is null;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first limit that is not positive.</summary>
    public void Validate()
    {
        Check(MaxOrderQuantity, nameof(MaxOrderQuantity));
        Check(MaxOrderNotional, nameof(MaxOrderNotional));
        Check(MaxPositionQuantity, nameof(MaxPositionQuantity));
        Check(MaxExposureNotional, nameof(MaxExposureNotional));
        if (MaxOrdersPerSecond is <= 0)
        {
            throw new ArgumentException($"Risk limit {nameof(MaxOrdersPerSecond)} must be positive, got {MaxOrdersPerSecond}.");
        }

        static void Check(decimal? value, string name)
        {
            if (value is <= 0)
            {
                throw new ArgumentException($"Risk limit {name} must be positive, got {value}.");
            }
        }
    }
}
