using Hive.Trading.Market;

namespace Hive.Lua.Tests;

/// <summary>Script builders and sample inputs shared by the tests.</summary>
internal static class Scripts
{
    public static readonly MarketData Bar = new("BTCUSDT", 1_700_000_000_000, 100, 110, 95, 105, 12.5, 104.5, 105.5, 3, 1);

    /// <summary>A script whose three steps return nil, with <paramref name="body"/> prepended.</summary>
    public static string Quiet(string body = "") => body + """

        function detect_opportunity(market_data, context, indicators) return nil end
        function filter_commitment(market_data, context, indicators) return nil end
        function manage_position(market_data, context, indicators) return nil end
        """;

    /// <summary>A script whose <paramref name="step"/> runs <paramref name="body"/>; the other steps return nil.</summary>
    public static string WithStep(string step, string body)
    {
        var steps = new[] { "detect_opportunity", "filter_commitment", "manage_position" };
        return string.Join('\n', steps.Select(s => s == step
            ? $"function {s}(market_data, context, indicators)\n{body}\nend"
            : $"function {s}(market_data, context, indicators) return nil end"));
    }
}
