using System.Text.Json;
using Hive.Trading.Market;

namespace Hive.Grains.Tests.Platform;

public sealed class MarketEventJsonConverterTests
{
    public static TheoryData<string> Kinds => ["candle", "quote", "trade", "gap"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Serialize_EveryKind_RoundTripsEveryField(string kind)
    {
        var sut = kind switch
        {
            "candle" => MarketEvent.FromCandle(new Candle("BTCUSDT", 1_000, 60_999, 1.5, 2.25, 1.125, 2.0, 12.5, IsClosed: false)),
            "quote" => MarketEvent.FromQuote(new Quote("BTCUSDT", 61_000, 1.99, 3, 2.01, 4)),
            "trade" => MarketEvent.FromTrade(new TradeTick("BTCUSDT", 61_500, 42, 2.005, 0.5, BuyerIsMaker: true)),
            _ => MarketEvent.FromGap("BTCUSDT", 62_000, "reconnected"),
        };

        var json = JsonSerializer.Serialize(sut, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var back = JsonSerializer.Deserialize<MarketEvent>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web));

        Assert.Equal(sut.Kind, back.Kind);
        Assert.Equal(sut.Symbol, back.Symbol);
        Assert.Equal(sut.Timestamp, back.Timestamp);
        Assert.Equal(sut.Candle, back.Candle);
        Assert.Equal(sut.Quote, back.Quote);
        Assert.Equal(sut.Trade, back.Trade);
        Assert.Equal(sut.GapReason, back.GapReason);
    }
}
