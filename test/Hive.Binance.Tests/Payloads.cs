using System.Globalization;

namespace Hive.Binance.Tests;

/// <summary>Stream payloads written by the tests, shaped as Binance documents them.</summary>
internal static class Payloads
{
    public static string Kline(string symbol, long openTime, bool closed, double close = 100.5, string interval = "1m") => string.Create(
        CultureInfo.InvariantCulture,
        $$$"""{"e":"kline","E":{{{openTime + 59_000}}},"s":"{{{symbol}}}","k":{"t":{{{openTime}}},"T":{{{openTime + 59_999}}},"s":"{{{symbol}}}","i":"{{{interval}}}","f":1,"L":2,"o":"100.00000000","c":"{{{close:F8}}}","h":"101.00000000","l":"99.00000000","v":"10.00000000","n":2,"x":{{{(closed ? "true" : "false")}}},"q":"1000.00000000","V":"5.00000000","Q":"500.00000000","B":"0"}}""");

    public static string Trade(string symbol, long id, double price) => string.Create(
        CultureInfo.InvariantCulture,
        $$"""{"e":"trade","E":{{1_700_000_000_000 + id}},"s":"{{symbol}}","t":{{id}},"p":"{{price:F8}}","q":"1.00000000","b":1,"a":2,"T":{{1_700_000_000_000 + id}},"m":false,"M":true}""");

    public static string Depth(string symbol, long first, long final, string bids, string asks) =>
        $$"""{"e":"depthUpdate","E":{{1_700_000_000_000 + final}},"s":"{{symbol}}","U":{{first}},"u":{{final}},"b":{{bids}},"a":{{asks}}}""";
}
