using Hive.Binance;

namespace Hive.Grains.Exchange;

/// <summary>Settings of a <see cref="BinanceBroker"/>.</summary>
public sealed class BinanceBrokerOptions
{
    /// <summary>Addresses, keys and connection settings of the exchange (spot testnet, production, or a local fake).</summary>
    public required BinanceOptions Client { get; init; }

    /// <summary>Whether this is the production exchange (real money); only used to describe the broker.</summary>
    public bool Production { get; init; }

    /// <summary>
    /// How long an order's outcome is awaited (execution reports, then queries) before the order is handed back as
    /// unresolved to be reconciled later (default 20 s: under Orleans' 30 s response timeout, so that the runner's call
    /// to the gateway gets the gateway's answer rather than a timeout).
    /// </summary>
    public TimeSpan OrderOutcomeTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How long the user data stream may stay silent about a working order before the order is queried (default 1 s).</summary>
    public TimeSpan QueryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Request weight per minute (<c>X-MBX-USED-WEIGHT-1M</c>) at or above which no order is sent (default 5000, under
    /// the spot limit of 6000 so that queries and reconciliation keep room).
    /// </summary>
    public int MaxUsedWeightPerMinute { get; init; } = 5000;

    /// <summary>Orders per 10 s (<c>X-MBX-ORDER-COUNT-10S</c>) at or above which no order is sent (default 90, under the spot limit of 100).</summary>
    public int MaxOrdersPer10Seconds { get; init; } = 90;

    /// <summary>How long starting (server time, user data stream) may take before the exchange counts as unreachable (default 10 s).</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The share of a bought quantity that commissions charged in the base asset may take off the account's balance;
    /// the start-up position check tolerates that much less than the ledger says (default 0.002, twice the taker fee).
    /// </summary>
    public decimal BaseCommissionTolerance { get; init; } = 0.002m;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Client);
        Client.Validate();
        if (string.IsNullOrEmpty(Client.ApiKey) || string.IsNullOrEmpty(Client.ApiSecret))
        {
            throw new ArgumentException("the Binance broker needs an API key and secret (BINANCE_API_KEY, BINANCE_API_SECRET)");
        }

        if (OrderOutcomeTimeout <= TimeSpan.Zero || QueryInterval <= TimeSpan.Zero || StartTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(OrderOutcomeTimeout)}, {nameof(QueryInterval)} and {nameof(StartTimeout)} must be positive");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxUsedWeightPerMinute, nameof(MaxUsedWeightPerMinute));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxOrdersPer10Seconds, nameof(MaxOrdersPer10Seconds));
        ArgumentOutOfRangeException.ThrowIfNegative(BaseCommissionTolerance, nameof(BaseCommissionTolerance));
    }
}
