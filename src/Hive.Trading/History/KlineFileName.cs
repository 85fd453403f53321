using System.Text.RegularExpressions;

namespace Hive.Trading.History;

/// <summary>
/// Binance's archive file naming, <c>SYMBOL-INTERVAL-YYYY-MM.csv</c> (monthly) or <c>SYMBOL-INTERVAL-YYYY-MM-DD.csv</c>
/// (daily), for example <c>NEARUSDT-1m-2026-02.csv</c>; <c>.zip</c> archives are named the same way.
/// </summary>
/// <param name="Symbol">Symbol in upper case.</param>
/// <param name="Interval">Kline interval as Binance writes it (<c>1m</c>, <c>1h</c>, <c>1d</c>…).</param>
/// <param name="Period">The month or day the file covers (<c>2026-02</c>).</param>
public sealed partial record KlineFileName(string Symbol, string Interval, string Period)
{
    /// <summary>Reads the naming from a path's file name; <c>false</c> when it does not follow it.</summary>
    public static bool TryParse(string path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out KlineFileName? name)
    {
        var match = Pattern().Match(Path.GetFileName(path));
        name = match.Success
            ? new KlineFileName(match.Groups["symbol"].Value.ToUpperInvariant(), match.Groups["interval"].Value, match.Groups["period"].Value)
            : null;
        return name is not null;
    }

    /// <summary>
    /// The symbol a file's name implies: the Binance naming's symbol, or else the leading run of letters and digits of
    /// the name in upper case (<c>spy_with_indicators.txt</c> → <c>SPY</c>).
    /// </summary>
    public static string SymbolOf(string path)
    {
        if (TryParse(path, out var name))
        {
            return name.Symbol;
        }

        var file = Path.GetFileName(path);
        var length = 0;
        while (length < file.Length && char.IsAsciiLetterOrDigit(file[length]))
        {
            length++;
        }

        return length == 0 ? "UNKNOWN" : file[..length].ToUpperInvariant();
    }

    [GeneratedRegex(@"^(?<symbol>[A-Za-z0-9]+)-(?<interval>\d+[smhdwM])-(?<period>\d{4}-\d{2}(-\d{2})?)\.(csv|zip)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
