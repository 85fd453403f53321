using Hive.Trading.Execution;

namespace Hive.Grains.Gateway;

/// <summary>The paper broker's answer to one order.</summary>
/// <param name="Status">Filled, rejected, or refused as coming from a stale gateway.</param>
/// <param name="Fill">The fill when <paramref name="Status"/> is <see cref="PaperBrokerStatus.Filled"/>.</param>
/// <param name="Reason">Why it was refused, with the numbers.</param>
/// <param name="Duplicate">Whether the client order ID had been received before (the first answer is returned).</param>
public readonly record struct PaperBrokerResult(PaperBrokerStatus Status, Fill Fill, string? Reason, bool Duplicate = false);
