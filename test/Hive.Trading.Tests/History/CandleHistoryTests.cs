using System.IO.Compression;
using Hive.Trading.History;

namespace Hive.Trading.Tests.History;

public sealed class CandleHistoryTests : IDisposable
{
    private const string FuturesHeader = "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore\n";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Row(long openMs, double open, double high, double low, double close, double volume = 10, long scale = 1) =>
        $"{openMs * scale},{open},{high},{low},{close},{volume},{((openMs + 59_999) * scale) + (scale - 1)},123.4,5,1,2,0\n";

    [Fact]
    public void LoadFile_FuturesArchiveWithHeader_ReadsCandlesAndSymbolFromName()
    {
        var path = _folder.Write("NEARUSDT-1m-2026-02.csv", FuturesHeader + Row(1769904000000, 1.206, 1.206, 1.204, 1.205, 95149) + Row(1769904060000, 1.205, 1.21, 1.2, 1.209));

        var sut = CandleHistory.LoadFile(path);

        Assert.Equal(2, sut.Length);
        Assert.All(sut, c => Assert.Equal("NEARUSDT", c.Symbol));
        Assert.Equal(1769904000000, sut[0].OpenTime);
        Assert.Equal(1769904059999, sut[0].CloseTime);
        Assert.Equal(1.206, sut[0].Open);
        Assert.Equal(1.206, sut[0].High);
        Assert.Equal(1.204, sut[0].Low);
        Assert.Equal(1.205, sut[0].Close);
        Assert.Equal(95149, sut[0].Volume);
        Assert.True(sut[0].IsClosed);
    }

    [Fact]
    public void LoadFile_SpotArchiveWithoutHeaderInMilliseconds_ReadsCandles()
    {
        var path = _folder.Write("BTCUSDT-1m-2024-12.csv", Row(1733011200000, 96000, 96100, 95900, 96050) + Row(1733011260000, 96050, 96060, 96000, 96010));

        var sut = CandleHistory.LoadFile(path);

        Assert.Equal(2, sut.Length);
        Assert.Equal(1733011260000, sut[1].OpenTime);
        Assert.Equal(1733011319999, sut[1].CloseTime);
        Assert.Equal(96010, sut[1].Close);
        Assert.Equal("BTCUSDT", sut[1].Symbol);
    }

    [Fact]
    public void LoadFile_SpotArchiveInMicroseconds_NormalisesToMilliseconds()
    {
        var path = _folder.Write("BTCUSDT-1m-2025-01.csv", Row(1735689600000, 93500, 93600, 93400, 93550, scale: 1000) + Row(1735689660000, 93550, 93560, 93500, 93510, scale: 1000));

        var sut = CandleHistory.LoadFile(path);

        Assert.Equal(1735689600000, sut[0].OpenTime);
        Assert.Equal(1735689659999, sut[0].CloseTime);
        Assert.Equal(1735689660000, sut[1].OpenTime);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 1, 0, TimeSpan.Zero), sut[1].OpenTimeUtc);
    }

    [Fact]
    public void LoadFile_RestKlineJson_ReadsStringValues()
    {
        var path = _folder.Write("ETHUSDT-1m-2026-02.json", """
            [
              [1499040000000, "0.01634790", "0.80000000", "0.01575800", "0.01577100", "148976.11427815", 1499644799999, "2434.19055334", 308, "1756.87402397", "28.46694368", "0"],
              [1499644800000, "0.01577100", "0.02000000", "0.01500000", "0.01900000", "100.5", 1500249599999, "1", 2, "3", "4", "0"]
            ]
            """);

        var sut = CandleHistory.LoadFile(path, "ETHBTC");

        Assert.Equal(2, sut.Length);
        Assert.Equal("ETHBTC", sut[0].Symbol);
        Assert.Equal(1499040000000, sut[0].OpenTime);
        Assert.Equal(1499644799999, sut[0].CloseTime);
        Assert.Equal(0.0163479, sut[0].Open);
        Assert.Equal(0.8, sut[0].High);
        Assert.Equal(0.015758, sut[0].Low);
        Assert.Equal(0.015771, sut[0].Close);
        Assert.Equal(148976.11427815, sut[0].Volume);
        Assert.Equal(0.019, sut[1].Close);
    }

    [Fact]
    public void LoadFile_RestKlineJsonWithBadPrice_NamesLineKlineAndField()
    {
        var path = _folder.Write("k.json", "[\n  [1499040000000, \"1\", \"2\", \"0.5\", \"1.5\", \"10\", 1499040059999],\n  [1499040060000, \"1\", \"2\", \"0.5\", \"abc\", \"10\", 1499040119999]\n]");

        var ex = Assert.Throws<InvalidDataException>(() => CandleHistory.LoadFile(path));

        Assert.Equal("k.json line 3: kline 2 field 'close' is 'abc', not a finite non-negative number", ex.Message);
        Assert.Equal(3, CandleDataError.LineOf(ex));
    }

    [Fact]
    public void LoadFile_TruncatedJson_FailsWithLine()
    {
        var path = _folder.Write("k.json", "[\n  [1499040000000, \"1\", \"2\", \"0.5\", \"1.5\", \"10\", 1499040059999],\n  [1499040060000, \"1\"");

        var ex = Assert.Throws<InvalidDataException>(() => CandleHistory.LoadFile(path));

        Assert.StartsWith("k.json line 3: not valid JSON", ex.Message);
    }

    [Fact]
    public void LoadFile_PlainCsvWithIsoDates_InfersCloseTimesFromTheNextBar()
    {
        var path = _folder.Write("aapl.csv", "time,open,high,low,close,volume\n2024-01-02,10,11,9,10.5,100\n2024-01-03,10.5,12,10,11,200\n2024-01-04T00:00:00Z,11,11.5,10.5,11.2,300\n");

        var sut = CandleHistory.LoadFile(path);

        Assert.Equal(3, sut.Length);
        Assert.Equal("AAPL", sut[0].Symbol);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero), sut[0].OpenTimeUtc);
        Assert.Equal(sut[1].OpenTime - 1, sut[0].CloseTime);
        Assert.Equal(sut[2].OpenTime + 86_400_000 - 1, sut[2].CloseTime);
        Assert.Equal(300, sut[2].Volume);
    }

    [Theory]
    [InlineData("1704153600", 1704153600000)]
    [InlineData("1704153600000", 1704153600000)]
    [InlineData("1704153600000000", 1704153600000)]
    [InlineData("2024-01-02T00:00:00+01:00", 1704150000000)]
    [InlineData("2024-01-02 00:00:00", 1704153600000)]
    [InlineData("1/2/2024 12:00:00 AM", 1704153600000)]
    public void LoadFile_PlainCsvTimeShapes_ReadAsUtcMilliseconds(string time, long expected)
    {
        var path = _folder.Write("x.csv", $"Date,Open,High,Low,Close\n{time},1,2,0.5,1.5\n");

        var sut = CandleHistory.LoadFile(path);

        Assert.Equal(expected, sut[0].OpenTime);
    }

    [Fact]
    public void LoadFile_CloseOnlyWithExtraColumns_UsesCloseForEveryPrice()
    {
        var path = _folder.Write("spy_with_indicators.txt", "Date,SMA14,EMA14,Close\n1/9/2013 12:00:00 AM,,,13390.51\n1/10/2013 12:00:00 AM,,,13471.22\n");

        var sut = CandleHistory.LoadFile(path);

        Assert.Equal("SPY", sut[0].Symbol);
        Assert.Equal(13471.22, sut[1].Open);
        Assert.Equal(13471.22, sut[1].High);
        Assert.Equal(13471.22, sut[1].Low);
        Assert.Equal(0, sut[1].Volume);
    }

    [Theory]
    [InlineData("1769904000000,1.2,1.3,1.1,abc,5,1769904059999,0,0,0,0,0", "line 3: column 'close' is 'abc', not a number")]
    [InlineData("1769904000000,1.2,1.3,1.1,,5,1769904059999,0,0,0,0,0", "line 3: column 'close' is empty")]
    [InlineData("1769904000000,1.2,1.3,1.1", "line 3: has 4 columns, expected at least 7")]
    [InlineData("17699x4000000,1.2,1.3,1.1,1.2,5,1769904059999,0,0,0,0,0", "line 3: column 'open_time' is '17699x4000000', not an epoch time")]
    [InlineData("1769904000000,1.2,1.0,1.1,1.2,5,1769904059999,0,0,0,0,0", "line 3: high 1 is below low 1.1")]
    [InlineData("1769904000000,1.2,1.3,1.1,NaN,5,1769904059999,0,0,0,0,0", "line 3: column 'close' is 'NaN', not a finite non-negative number")]
    [InlineData("1769903940000,1.2,1.3,1.1,1.2,5,1769903999999,0,0,0,0,0", "line 3: open time 2026-01-31T23:59:00Z is before the previous bar's 2026-02-01T00:00:00Z")]
    [InlineData("1769904000000,1.3,1.3,1.1,1.2,5,1769904059999,0,0,0,0,0", "line 3: the bar opening at 2026-02-01T00:00:00Z differs from the one already read at line 2")]
    public void LoadFile_MalformedRow_FailsNamingFileLineAndProblem(string badRow, string expected)
    {
        var path = _folder.Write("NEARUSDT-1m-2026-02.csv", FuturesHeader + Row(1769904000000, 1.2, 1.3, 1.1, 1.2, 5) + badRow + "\n");

        var ex = Assert.Throws<InvalidDataException>(() => CandleHistory.LoadFile(path));

        Assert.StartsWith("NEARUSDT-1m-2026-02.csv " + expected, ex.Message);
        Assert.Equal(3, CandleDataError.LineOf(ex));
    }

    [Fact]
    public void LoadFile_IdenticalRepeatedRow_IsDropped()
    {
        var row = Row(1769904000000, 1.2, 1.3, 1.1, 1.2, 5);
        var path = _folder.Write("NEARUSDT-1m-2026-02.csv", FuturesHeader + row + row + Row(1769904060000, 1.2, 1.3, 1.1, 1.25, 5));

        var sut = CandleHistory.LoadFile(path);

        Assert.Equal(2, sut.Length);
        Assert.Equal(1.25, sut[1].Close);
    }

    [Fact]
    public void LoadSeries_IdenticalRepeatedRows_AreCountedWithTheFirstPlace()
    {
        var row = Row(1769904000000, 1.2, 1.3, 1.1, 1.2, 5);
        var path = _folder.Write("NEARUSDT-1m-2026-02.csv", FuturesHeader + row + row + row + Row(1769904060000, 1.2, 1.3, 1.1, 1.25, 5));

        var sut = CandleHistory.LoadSeries(path);

        Assert.Equal(2, sut.Candles.Count);
        Assert.Equal(2, sut.Duplicates);
        Assert.Equal("NEARUSDT: 2 duplicate bars (same open time, same values) read and kept once; first at NEARUSDT-1m-2026-02.csv line 3 (2026-02-01T00:00:00Z)", sut.DuplicateReport);
    }

    [Fact]
    public void LoadFile_BlankLinesAndCrLf_AreToleratedAndLinesCountedFromOne()
    {
        var path = _folder.Write("x.csv", "time,open,high,low,close\r\n\r\n2024-01-02,1,2,0.5,1.5\r\n2024-01-03,1,2,0.5,oops\r\n");

        var ex = Assert.Throws<InvalidDataException>(() => CandleHistory.LoadFile(path));

        Assert.Equal("x.csv line 4: column 'close' is 'oops', not a number", ex.Message);
    }

    [Theory]
    [InlineData("", "x.csv: the file holds no candles")]
    [InlineData("time,open,high,low,close\n", "x.csv: the file holds a header but no candles")]
    [InlineData("when,open,high,low,close\n2024-01-02,1,2,0.5,1.5\n", "x.csv line 1: the header (when,open,high,low,close) has no time column")]
    [InlineData("time,open,high,low\n2024-01-02,1,2,0.5\n", "x.csv line 1: the header (time,open,high,low) has no close column")]
    [InlineData("time,high,close\n2024-01-02,1,2\n", "x.csv line 1: the header (time,high,close) names only some of open, high and low")]
    [InlineData("2024-01-02,1,2,0.5,1.5\n", "x.csv line 1: no header row")]
    [InlineData("time,open,high,low,close\nyesterday,1,2,0.5,1.5\n", "x.csv line 2: column 'time' is 'yesterday', not an ISO-8601 date")]
    public void LoadFile_BadShape_FailsClearly(string content, string expected)
    {
        var path = _folder.Write("x.csv", content);

        var ex = Assert.Throws<InvalidDataException>(() => CandleHistory.LoadFile(path));

        Assert.StartsWith(expected, ex.Message);
    }

    [Fact]
    public void LoadFile_Utf8ByteOrderMark_IsSkipped()
    {
        var path = Path.Combine(_folder.Path, "bom.csv");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes("time,close\n2024-01-02,5\n")]);

        var sut = CandleHistory.LoadFile(path);

        Assert.Equal(5, Assert.Single(sut).Close);
    }

    [Fact]
    public void Parse_Bytes_UsesTheGivenSymbol()
    {
        var sut = CandleHistory.Parse("time,close\n2024-01-02,5\n2024-01-03,6\n"u8, "memory.csv", "XYZ");

        Assert.Equal(["XYZ", "XYZ"], sut.Select(c => c.Symbol));
    }

    [Fact]
    public void LoadFile_Missing_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => CandleHistory.LoadFile(Path.Combine(_folder.Path, "nope.csv")));
    }

    [Fact]
    public void LoadFile_ZipArchive_ReadsTheCsvInside()
    {
        var csv = _folder.Write("inner.csv", FuturesHeader + Row(1769904000000, 1.2, 1.3, 1.1, 1.2, 5));
        var zip = Path.Combine(_folder.Path, "LTCUSDT-1m-2026-02.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            archive.CreateEntryFromFile(csv, "LTCUSDT-1m-2026-02.csv");
        }

        var sut = CandleHistory.LoadFile(zip);

        Assert.Single(sut);
        Assert.Equal("LTCUSDT", sut[0].Symbol);
    }

    [Fact]
    public void LoadFolder_MonthlyFilesOfTwoSymbols_JoinsEachSymbolInTimeOrder()
    {
        // written out of order: the loader orders files by time, not by enumeration
        _folder.Write("NEARUSDT-1m-2026-03.csv", FuturesHeader + Row(1772323200000, 2, 2.1, 1.9, 2.05));
        _folder.Write("NEARUSDT-1m-2026-02.csv", FuturesHeader + Row(1769904000000, 1, 1.1, 0.9, 1.05) + Row(1769904060000, 1.05, 1.1, 1, 1.07));
        _folder.Write("ALGOUSDT-1m-2026-02.csv", Row(1769904000000, 0.1, 0.11, 0.09, 0.105));
        _folder.Write("notes.txt", "not a candle file");

        var sut = CandleHistory.LoadFolder(_folder.Path);

        Assert.Equal(["ALGOUSDT", "NEARUSDT"], sut.Select(s => s.Symbol));
        var near = sut[1];
        Assert.Equal(3, near.Candles.Count);
        Assert.Equal([1769904000000, 1769904060000, 1772323200000], near.Candles.Select(c => c.OpenTime));
        Assert.All(near.Candles, c => Assert.Equal("NEARUSDT", c.Symbol));
        Assert.Equal(["NEARUSDT-1m-2026-02.csv", "NEARUSDT-1m-2026-03.csv"], near.Sources);
    }

    [Fact]
    public void LoadFolder_OverlappingIdenticalBars_AreDeduplicated()
    {
        _folder.Write("NEARUSDT-1m-2026-02.csv", FuturesHeader + Row(1769904000000, 1, 1.1, 0.9, 1.05) + Row(1769904060000, 1.05, 1.1, 1, 1.07));
        _folder.Write("NEARUSDT-1m-2026-03.csv", FuturesHeader + Row(1769904060000, 1.05, 1.1, 1, 1.07) + Row(1769904120000, 1.07, 1.1, 1, 1.08));

        var sut = Assert.Single(CandleHistory.Load(_folder.Path));

        Assert.Equal([1769904000000, 1769904060000, 1769904120000], sut.Candles.Select(c => c.OpenTime));
        Assert.Equal(1, sut.Duplicates);
        Assert.Equal("NEARUSDT-1m-2026-03.csv line 2 (2026-02-01T00:01:00Z)", sut.FirstDuplicate);
    }

    [Fact]
    public void LoadFolder_OverlappingConflictingBars_FailNamingBothFiles()
    {
        _folder.Write("NEARUSDT-1m-2026-02.csv", FuturesHeader + Row(1769904000000, 1, 1.1, 0.9, 1.05) + Row(1769904060000, 1.05, 1.1, 1, 1.07));
        _folder.Write("NEARUSDT-1m-2026-03.csv", FuturesHeader + Row(1769904060000, 1.05, 1.1, 1, 1.09));

        var ex = Assert.Throws<InvalidDataException>(() => CandleHistory.LoadFolder(_folder.Path));

        Assert.StartsWith("NEARUSDT-1m-2026-03.csv line 2: the bar opening at 2026-02-01T00:01:00Z differs from the one already read at NEARUSDT-1m-2026-02.csv line 3", ex.Message);
    }

    [Fact]
    public void LoadFolder_MisnamedCsv_FailsNamingTheFile()
    {
        _folder.Write("NEARUSDT-1m-2026-02.csv", FuturesHeader + Row(1769904000000, 1, 1.1, 0.9, 1.05));
        _folder.Write("near.csv", FuturesHeader + Row(1769904000000, 1, 1.1, 0.9, 1.05));

        var ex = Assert.Throws<InvalidDataException>(() => CandleHistory.LoadFolder(_folder.Path));

        Assert.StartsWith("near.csv: cannot tell the symbol", ex.Message);
    }

    [Fact]
    public void LoadFolder_MixedIntervals_Fails()
    {
        _folder.Write("NEARUSDT-1m-2026-02.csv", FuturesHeader + Row(1769904000000, 1, 1.1, 0.9, 1.05));
        _folder.Write("NEARUSDT-5m-2026-02.csv", FuturesHeader + Row(1769904000000, 1, 1.1, 0.9, 1.05));

        var ex = Assert.Throws<InvalidDataException>(() => CandleHistory.LoadFolder(_folder.Path));

        Assert.Contains("mix intervals (1m, 5m)", ex.Message);
    }

    [Theory]
    [InlineData("NEARUSDT-1m-2026-02.csv", "NEARUSDT")]
    [InlineData("btcusdt-1h-2025-01-15.zip", "BTCUSDT")]
    [InlineData("spy_with_indicators.txt", "SPY")]
    [InlineData("default.csv", "DEFAULT")]
    public void SymbolOf_FileNames_FollowBinanceNamingOrLeadingWord(string file, string expected)
    {
        Assert.Equal(expected, KlineFileName.SymbolOf(Path.Combine("some", "dir", file)));
    }
}
