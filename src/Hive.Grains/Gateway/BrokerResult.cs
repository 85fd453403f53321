using Hive.Trading.Execution;

namespace Hive.Grains.Gateway;

/// <summary>A broker's answer to one order.</summary>
/// <param name="Status">How it was settled.</param>
/// <param name="Fills">The executions, in order (empty unless <see cref="BrokerOrderStatus.Filled"/>).</param>
/// <param name="Reason">Why it was refused or not filled entirely, with the numbers.</param>
/// <param name="Duplicate">Whether the broker had seen the client order ID before (the first answer is returned).</param>
public sealed record BrokerResult(BrokerOrderStatus Status, IReadOnlyList<BrokerFill> Fills, string? Reason, bool Duplicate = false)
{
    /// <summary>A refusal.</summary>
    public static BrokerResult Refused(BrokerOrderStatus status, string reason) => new(status, [], reason);

    /// <summary>The fills as one: total quantity, volume-weighted price, total fee, time of the last execution.</summary>
    public Fill Total()
    {
        if (Fills.Count == 0)
        {
            throw new InvalidOperationException("the order has no fill");
        }

        if (Fills.Count == 1)
        {
            return Fills[0].Fill;
        }

        decimal quantity = 0, notional = 0, fee = 0;
        long time = 0;
        foreach (var f in Fills)
        {
            quantity += f.Fill.Quantity;
            notional += f.Fill.Quantity * f.Fill.Price;
            fee += f.Fill.Fee;
            time = Math.Max(time, f.Fill.Timestamp);
        }

        var first = Fills[0].Fill;
        return first with { Quantity = quantity, Price = quantity == 0 ? first.Price : notional / quantity, Fee = fee, Timestamp = time };
    }
}
