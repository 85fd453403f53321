namespace Hive.Trading.Risk;

/// <summary>
/// The answer of pre-trade risk: accepted, or denied with a reason code and a message carrying the numbers
/// (<c>NotionalExceedsMaximum: 1520.4 &gt; 1000</c>). Acceptance allocates nothing.
/// </summary>
/// <param name="Reason">Why the order was denied; <see cref="RiskReason.None"/> when accepted.</param>
/// <param name="Message">The reason code followed by the numbers, or <c>null</c> when accepted.</param>
/// <param name="Scope">Which limits denied: <c>runner</c> or <c>account</c>; <c>null</c> when accepted.</param>
public readonly record struct RiskDecision(RiskReason Reason, string? Message, string? Scope)
{
    /// <summary>The accepting decision.</summary>
    public static RiskDecision Accepted => default;

    /// <summary>Whether the order may be sent.</summary>
    public bool IsAccepted => Reason == RiskReason.None;

    /// <summary>A denial; the message starts with the reason code.</summary>
    public static RiskDecision Deny(RiskReason reason, string detail, string scope) => new(reason, $"{reason}: {detail}", scope);

    /// <inheritdoc />
    public override string ToString() => IsAccepted ? "Accepted" : $"{Message} ({Scope})";
}
