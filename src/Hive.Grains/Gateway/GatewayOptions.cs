using Hive.Trading.Risk;

namespace Hive.Grains.Gateway;

/// <summary>Configuration of the gateways of a silo (registered by <c>AddHiveGateway</c>).</summary>
public sealed class GatewayOptions
{
    /// <summary>Client order IDs whose first answer a gateway activation remembers by default.</summary>
    public const int DefaultIdempotencyCapacity = 10_000;

    /// <summary>Account-level limits of every account without an entry in <see cref="AccountLimits"/> (default: none).</summary>
    public RiskLimits DefaultAccountLimits { get; set; } = RiskLimits.None;

    /// <summary>Account-level limits per account.</summary>
    public IDictionary<string, RiskLimits> AccountLimits { get; } = new Dictionary<string, RiskLimits>(StringComparer.Ordinal);

    /// <summary>
    /// How many client order IDs (the most recent) a gateway remembers with their first answer; a resubmission of an
    /// older one is checked again (and the broker's own idempotency still absorbs it). Memory is about 200 bytes each.
    /// </summary>
    public int IdempotencyCapacity { get; set; } = DefaultIdempotencyCapacity;

    /// <summary>How often a gateway re-reads its lease to notice that a newer activation took it (default 5 s).</summary>
    public TimeSpan LeaseCheckPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a gateway asks the broker about orders whose outcome is unknown (default 5 s).</summary>
    public TimeSpan ReconcilePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How old the gateway's last confirmation of its lease may be when an order arrives (default 1 s): an older one is
    /// read again from storage first. Keep it below the cluster's failure-detection time, so that an activation on a
    /// silo that was paused long enough to be declared dead re-reads its lease before it forwards anything.
    /// </summary>
    public TimeSpan LeaseTtl { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many recent fencing rejections <see cref="GatewayStatus.RecentFenced"/> lists.</summary>
    public int RecentFencedCapacity { get; set; } = 20;

    /// <summary>The account limits of <paramref name="account"/>.</summary>
    public RiskLimits LimitsFor(string account) =>
        AccountLimits.TryGetValue(account, out var limits) ? limits : DefaultAccountLimits;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        if (IdempotencyCapacity <= 0)
        {
            throw new ArgumentException($"Gateway option {nameof(IdempotencyCapacity)} must be positive, got {IdempotencyCapacity}.");
        }

        if (LeaseCheckPeriod <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Gateway option {nameof(LeaseCheckPeriod)} must be positive, got {LeaseCheckPeriod}.");
        }

        if (ReconcilePeriod <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Gateway option {nameof(ReconcilePeriod)} must be positive, got {ReconcilePeriod}.");
        }

        if (LeaseTtl <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Gateway option {nameof(LeaseTtl)} must be positive, got {LeaseTtl}.");
        }

        if (RecentFencedCapacity <= 0)
        {
            throw new ArgumentException($"Gateway option {nameof(RecentFencedCapacity)} must be positive, got {RecentFencedCapacity}.");
        }

        DefaultAccountLimits.Validate();
        foreach (var limits in AccountLimits.Values)
        {
            limits.Validate();
        }
    }
}
