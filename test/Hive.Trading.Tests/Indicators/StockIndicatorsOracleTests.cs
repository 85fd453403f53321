using System.Text.Json;
using Hive.Testing;
using Hive.Trading.Indicators;

namespace Hive.Trading.Tests.Indicators;

/// <summary>
/// Oracle checks against the Skender Stock.Indicators regression fixtures in
/// <c>../shared/data/indicators/stock-indicators</c>: the full expected series <c>{sma,ema,rsi,macd,bb,atr}.standard.json</c>
/// over <c>default.csv</c> (502 daily bars), within their published tolerance 0.00005. Their JSON values are not
/// rounded (full double precision), so no allowance for printed precision is needed.
/// </summary>
public sealed class StockIndicatorsOracleTests
{
    private const double Tolerance = 0.00005;

    private static FixtureTable Quotes() => new(SharedData.PathOf("indicators", "stock-indicators", "default.csv"));

    private static JsonElement[] Expected(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(SharedData.PathOf("indicators", "stock-indicators", name)));
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    private static FixtureCell? Field(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? new FixtureCell(value.GetDouble(), 0) : null;

    private static void AssertSameDates(FixtureTable quotes, JsonElement[] expected)
    {
        Assert.Equal(quotes.Count, expected.Length);
        Assert.StartsWith(quotes.Text(0, "date"), expected[0].GetProperty("timestamp").GetString());
        Assert.StartsWith(quotes.Text(quotes.Count - 1, "date"), expected[^1].GetProperty("timestamp").GetString());
    }

    [SharedDataFact]
    public void Sma20_MatchesStockIndicators()
    {
        var quotes = Quotes();
        var expected = Expected("sma.standard.json");
        AssertSameDates(quotes, expected);
        var sma = new SimpleMovingAverage(20);
        var sut = new OracleComparison("sma.standard.json");
        for (var row = 0; row < quotes.Count; row++)
        {
            sma.Update(quotes.Number(row, "close"));
            Assert.Equal(Field(expected[row], "sma") is not null, sma.IsReady);
            sut.Check("sma", row + 1, Field(expected[row], "sma"), sma.Value, sma.IsReady, Tolerance);
        }

        sut.AssertAll(480);
    }

    [SharedDataFact]
    public void Ema20_MatchesStockIndicators()
    {
        var quotes = Quotes();
        var expected = Expected("ema.standard.json");
        AssertSameDates(quotes, expected);
        var ema = new ExponentialMovingAverage(20);
        var sut = new OracleComparison("ema.standard.json");
        for (var row = 0; row < quotes.Count; row++)
        {
            ema.Update(quotes.Number(row, "close"));
            Assert.Equal(Field(expected[row], "ema") is not null, ema.IsReady);
            sut.Check("ema", row + 1, Field(expected[row], "ema"), ema.Value, ema.IsReady, Tolerance);
        }

        sut.AssertAll(480);
    }

    [SharedDataFact]
    public void Rsi14_MatchesStockIndicators()
    {
        var quotes = Quotes();
        var expected = Expected("rsi.standard.json");
        AssertSameDates(quotes, expected);
        var rsi = new RelativeStrengthIndex(14);
        var sut = new OracleComparison("rsi.standard.json");
        for (var row = 0; row < quotes.Count; row++)
        {
            rsi.Update(quotes.Number(row, "close"));
            Assert.Equal(Field(expected[row], "rsi") is not null, rsi.IsReady);
            sut.Check("rsi", row + 1, Field(expected[row], "rsi"), rsi.Value, rsi.IsReady, Tolerance);
        }

        sut.AssertAll(480);
    }

    [SharedDataFact]
    public void Macd12And26And9_MatchesStockIndicators()
    {
        var quotes = Quotes();
        var expected = Expected("macd.standard.json");
        AssertSameDates(quotes, expected);
        var macd = new Macd(12, 26, 9);
        var sut = new OracleComparison("macd.standard.json");
        for (var row = 0; row < quotes.Count; row++)
        {
            macd.Update(quotes.Number(row, "close"));
            Assert.Equal(Field(expected[row], "macd") is not null, macd.IsLineReady);
            Assert.Equal(Field(expected[row], "signal") is not null, macd.IsReady);
            sut.Check("macd", row + 1, Field(expected[row], "macd"), macd.Line, macd.IsLineReady, Tolerance);
            sut.Check("signal", row + 1, Field(expected[row], "signal"), macd.Signal, macd.IsReady, Tolerance);
            sut.Check("histogram", row + 1, Field(expected[row], "histogram"), macd.Histogram, macd.IsReady, Tolerance);
        }

        sut.AssertAll(1_400);
    }

    [SharedDataFact]
    public void Bollinger20And2_MatchesStockIndicators()
    {
        var quotes = Quotes();
        var expected = Expected("bb.standard.json");
        AssertSameDates(quotes, expected);
        var bands = new BollingerBands(20, 2);
        var sut = new OracleComparison("bb.standard.json");
        for (var row = 0; row < quotes.Count; row++)
        {
            var close = quotes.Number(row, "close");
            bands.Update(close);
            var e = expected[row];
            Assert.Equal(Field(e, "sma") is not null, bands.IsReady);
            sut.Check("sma", row + 1, Field(e, "sma"), bands.Middle, bands.IsReady, Tolerance);
            sut.Check("upperBand", row + 1, Field(e, "upperBand"), bands.Upper, bands.IsReady, Tolerance);
            sut.Check("lowerBand", row + 1, Field(e, "lowerBand"), bands.Lower, bands.IsReady, Tolerance);
            sut.Check("percentB", row + 1, Field(e, "percentB"), bands.PercentB, bands.IsReady, Tolerance);

            // Stock.Indicators' width is a fraction, like ours
            sut.Check("width", row + 1, Field(e, "width"), bands.Bandwidth, bands.IsReady, Tolerance);
            sut.Check("zScore", row + 1, Field(e, "zScore"), (close - bands.Middle) / bands.StandardDeviation, bands.IsReady, Tolerance);
        }

        sut.AssertAll(2_850);
    }

    [SharedDataFact]
    public void Atr14_MatchesStockIndicators()
    {
        var quotes = Quotes();
        var expected = Expected("atr.standard.json");
        AssertSameDates(quotes, expected);
        var atr = new AverageTrueRange(14);
        var sut = new OracleComparison("atr.standard.json");
        for (var row = 0; row < quotes.Count; row++)
        {
            var close = quotes.Number(row, "close");
            atr.Update(quotes.Number(row, "high"), quotes.Number(row, "low"), close);
            var e = expected[row];
            Assert.Equal(Field(e, "atr") is not null, atr.IsReady);
            sut.Check("tr", row + 1, Field(e, "tr"), atr.TrueRange, row > 0, Tolerance);
            sut.Check("atr", row + 1, Field(e, "atr"), atr.Value, atr.IsReady, Tolerance);
            sut.Check("atrp", row + 1, Field(e, "atrp"), atr.Value / close * 100, atr.IsReady, Tolerance);
        }

        sut.AssertAll(1_450);
    }
}
