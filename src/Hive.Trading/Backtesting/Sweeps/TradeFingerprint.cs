using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hive.Trading.Portfolio;

namespace Hive.Trading.Backtesting.Sweeps;

/// <summary>
/// A short hash of a run's trades (every field of every trade, in order), so a sweep can show that a point traded
/// exactly as a single <c>hive backtest</c> with the same parameters without carrying the trades themselves.
/// </summary>
public static class TradeFingerprint
{
    /// <summary>The first 16 hex digits of the SHA-256 of the trades' fields in invariant text.</summary>
    public static string Of(IReadOnlyList<ClosedTrade> trades)
    {
        ArgumentNullException.ThrowIfNull(trades);
        var text = new StringBuilder(trades.Count * 96);
        foreach (var t in trades)
        {
            // Decimals print without trailing zeros so that a trade read back from report.json hashes alike.
            text.Append(CultureInfo.InvariantCulture,
                $"{t.RunnerId}|{t.Symbol}|{t.Side}|{N(t.Quantity)}|{t.EntryTime}|{N(t.EntryPrice)}|{t.ExitTime}|{N(t.ExitPrice)}|{N(t.Fees)}|{N(t.Pnl)}|{t.ExitReason}\n");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private static string N(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}
