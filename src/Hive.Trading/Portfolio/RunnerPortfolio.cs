using Hive.Trading.Execution;
using Hive.Trading.Strategies;

namespace Hive.Trading.Portfolio;

/// <summary>
/// One runner's own position and P&amp;L in <see cref="decimal"/>. Several runners on one symbol each have a
/// portfolio, so their positions never mix. Accounting: a fill that opens or adds to the position averages the
/// entry price and books its fee as an open entry fee; a fill that reduces it realizes
/// <c>(exit − entry) × quantity</c> (sign-adjusted for shorts) minus the matching share of the entry fee and the
/// exit fee, and records a <see cref="ClosedTrade"/>; a fill larger than the position closes it and opens the
/// remainder the other way. <see cref="UnrealizedPnl"/> is the open position marked at a price minus its entry fees
/// (before exit fees), so <c>equity = initial + realized + unrealized</c> at every moment.
/// </summary>
public sealed class RunnerPortfolio
{
    private readonly List<ClosedTrade> _trades = [];

    /// <summary>Creates a flat portfolio holding <paramref name="initialEquity"/> in quote currency.</summary>
    public RunnerPortfolio(string runnerId, string symbol, decimal initialEquity)
    {
        ArgumentException.ThrowIfNullOrEmpty(runnerId);
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialEquity);
        RunnerId = runnerId;
        Symbol = symbol;
        InitialEquity = initialEquity;
    }

    /// <summary>The owning runner.</summary>
    public string RunnerId { get; }

    /// <summary>The traded symbol.</summary>
    public string Symbol { get; }

    /// <summary>Equity at the start.</summary>
    public decimal InitialEquity { get; }

    /// <summary>Signed position: positive long, negative short, zero flat.</summary>
    public decimal Quantity { get; private set; }

    /// <summary>Long, short or flat.</summary>
    public PositionSide Side => Quantity > 0 ? PositionSide.Long : Quantity < 0 ? PositionSide.Short : PositionSide.Flat;

    /// <summary>Average entry price of the open position; 0 when flat.</summary>
    public decimal AverageEntryPrice { get; private set; }

    /// <summary>When the open position was opened (Unix ms); 0 when flat.</summary>
    public long EntryTime { get; private set; }

    /// <summary>Entry fees of the open position not yet realized.</summary>
    public decimal OpenEntryFees { get; private set; }

    /// <summary>Realized P&amp;L after fees of all closed trades.</summary>
    public decimal RealizedPnl { get; private set; }

    /// <summary>All fees paid, entries and exits.</summary>
    public decimal TotalFees { get; private set; }

    /// <summary>Closed trades in exit order.</summary>
    public IReadOnlyList<ClosedTrade> Trades => _trades;

    /// <summary>The open position marked at <paramref name="price"/>, minus its entry fees; 0 when flat.</summary>
    public decimal UnrealizedPnl(decimal price) =>
        Quantity == 0 ? 0 : ((price - AverageEntryPrice) * Quantity) - OpenEntryFees;

    /// <summary>Initial equity plus realized and unrealized P&amp;L at <paramref name="price"/>.</summary>
    public decimal Equity(decimal price) => InitialEquity + RealizedPnl + UnrealizedPnl(price);

    /// <summary>Books a fill. Returns the trade it closed, or <c>null</c> when it only opened or added.</summary>
    /// <param name="fill">The fill.</param>
    /// <param name="exitReason">Recorded on the closed trade: <c>strategy</c>, <c>stop_loss</c>, <c>take_profit</c>, <c>end_of_data</c>.</param>
    public ClosedTrade? Apply(in Fill fill, string exitReason)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fill.Quantity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fill.Price);
        var signed = fill.Side == OrderSide.Buy ? fill.Quantity : -fill.Quantity;
        TotalFees += fill.Fee;

        if (Quantity == 0 || Math.Sign(Quantity) == Math.Sign(signed))
        {
            Open(signed, fill.Price, fill.Fee, fill.Timestamp);
            return null;
        }

        var held = Math.Abs(Quantity);
        var closed = Math.Min(fill.Quantity, held);
        var entryFee = closed == held ? OpenEntryFees : OpenEntryFees * closed / held;
        var exitFee = closed == fill.Quantity ? fill.Fee : fill.Fee * closed / fill.Quantity;
        var side = Side;
        var gross = (fill.Price - AverageEntryPrice) * closed * Math.Sign(Quantity);
        var pnl = gross - entryFee - exitFee;
        var trade = new ClosedTrade(RunnerId, Symbol, side, closed, EntryTime, AverageEntryPrice, fill.Timestamp, fill.Price,
            entryFee + exitFee, pnl, exitReason);
        _trades.Add(trade);
        RealizedPnl += pnl;
        OpenEntryFees -= entryFee;
        Quantity += Math.Sign(signed) * closed;

        if (Quantity == 0)
        {
            AverageEntryPrice = 0;
            EntryTime = 0;
            OpenEntryFees = 0;
            var remainder = fill.Quantity - closed;
            if (remainder > 0)
            {
                Open(Math.Sign(signed) * remainder, fill.Price, fill.Fee - exitFee, fill.Timestamp);
            }
        }

        return trade;
    }

    /// <summary>
    /// Restores a persisted position and P&amp;L into a fresh portfolio (a reactivated runner). Closed trades are not
    /// restored: they live in the ledger.
    /// </summary>
    public void Restore(decimal quantity, decimal averageEntryPrice, long entryTime, decimal openEntryFees, decimal realizedPnl, decimal totalFees)
    {
        if (Quantity != 0 || _trades.Count != 0 || TotalFees != 0)
        {
            throw new InvalidOperationException($"Runner '{RunnerId}': a portfolio that has traded cannot be restored.");
        }

        if (quantity != 0)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(averageEntryPrice);
        }

        ArgumentOutOfRangeException.ThrowIfNegative(openEntryFees);
        ArgumentOutOfRangeException.ThrowIfNegative(totalFees);
        Quantity = quantity;
        AverageEntryPrice = quantity == 0 ? 0 : averageEntryPrice;
        EntryTime = quantity == 0 ? 0 : entryTime;
        OpenEntryFees = quantity == 0 ? 0 : openEntryFees;
        RealizedPnl = realizedPnl;
        TotalFees = totalFees;
    }

    private void Open(decimal signed, decimal price, decimal fee, long timestamp)
    {
        if (Quantity == 0)
        {
            EntryTime = timestamp;
            AverageEntryPrice = price;
        }
        else
        {
            var held = Math.Abs(Quantity);
            var add = Math.Abs(signed);
            AverageEntryPrice = ((AverageEntryPrice * held) + (price * add)) / (held + add);
        }

        Quantity += signed;
        OpenEntryFees += fee;
    }
}
