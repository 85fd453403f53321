using System.CommandLine;
using System.Diagnostics;
using Hive.Commands;

namespace Hive.Tests.Commands;

public sealed class IndicatorsCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hive-indicators-" + Guid.NewGuid().ToString("N"));

    public IndicatorsCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder is harmless
        }
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    internal static string[] Invoke(params string[] args)
    {
        var root = new RootCommand { IndicatorsCommand.Create() };
        using var output = new StringWriter();
        var exitCode = root.Parse(["indicators", .. args]).Invoke(new InvocationConfiguration { Output = output, Error = new StringWriter(), EnableDefaultExceptionHandler = false });
        Assert.Equal(0, exitCode);
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void Invoke_PlainCsv_WritesTimeThenOneColumnPerOutputBlankUntilReady()
    {
        var input = Write("x.csv", "time,open,high,low,close\n2024-01-01,1,2,0.5,1\n2024-01-02,2,3,1.5,2\n2024-01-03,3,4,2.5,3\n2024-01-04,4,5,3.5,6\n");

        var sut = Invoke("--input", input, "--indicator", "sma:2", "--indicator", "ema:3", "--indicator", "rsi:2", "--indicator", "atr:2", "--indicator", "bb:2,2", "--indicator", "macd:2,3,2");

        Assert.Equal("time,sma_2,ema_3,rsi_2,atr_2,bb_upper_2_2,bb_middle_2_2,bb_lower_2_2,bb_width_2_2,bb_pctb_2_2,macd_2_3_2,macd_signal_2_3_2,macd_hist_2_3_2", sut[0]);
        Assert.Equal(5, sut.Length);
        Assert.Equal("2024-01-01T00:00:00Z,,,,,,,,,,,,", sut[1]);

        // sma (1+2)/2; bands over 1,2: middle 1.5, σ 0.5, upper 2.5, lower 0.5, width 2/1.5, %B (2−0.5)/2
        Assert.Equal("2024-01-02T00:00:00Z,1.5,,,,2.5,1.5,0.5,1.3333333333333333,0.75,,,", sut[2]);

        // ema seed (1+2+3)/3 = 2; rsi: gains 1,1 → 100; atr: TRs max(1.5, |3 − 1|) = 2 twice → 2; macd line 2.5 − 2 = 0.5
        Assert.Equal("2024-01-03T00:00:00Z,2.5,2,100,2,3.5,2.5,1.5,0.8,0.75,0.5,,", sut[3]);

        // sma (3 + 6)/2; macd: fast 2.5 + 2/3·3.5 = 4.8333, slow 2 + 0.5·4 = 4 → line 0.8333; signal seed (0.5 + 0.8333)/2 = 0.6667
        var cells = sut[4].Split(',');
        Assert.Equal("4.5", cells[1]);
        Assert.Equal(5.0 / 6, double.Parse(cells[10], System.Globalization.CultureInfo.InvariantCulture), 1e-12);
        Assert.Equal(2.0 / 3, double.Parse(cells[11], System.Globalization.CultureInfo.InvariantCulture), 1e-12);
        Assert.Equal(1.0 / 6, double.Parse(cells[12], System.Globalization.CultureInfo.InvariantCulture), 1e-12);
    }

    [Fact]
    public void Invoke_BinanceArchive_WritesIsoTimesWithMillisecondsWhenPresent()
    {
        var input = Write("NEARUSDT-1m-2026-02.csv", "1769904000000,1,2,0.5,1.5,10,1769904059999,0,0,0,0,0\n1769904060500,1,2,0.5,1.5,10,1769904119999,0,0,0,0,0\n");

        var sut = Invoke("--input", input, "--indicator", "high:2", "--indicator", "low:2");

        Assert.Equal(["time,high_2,low_2", "2026-02-01T00:00:00Z,,", "2026-02-01T00:01:00.5Z,2,0.5"], sut);
    }

    [Theory]
    [InlineData("foo:3", "--indicator foo:3: unknown indicator 'foo'")]
    [InlineData("sma:0", "--indicator sma:0: the period must be a positive integer, not '0'")]
    [InlineData("rsi:-2", "--indicator rsi:-2: the period must be a positive integer, not '-2'")]
    [InlineData("ema:x", "--indicator ema:x: the period must be a positive integer, not 'x'")]
    [InlineData("sma", "--indicator sma: sma takes 1 parameter (sma:N), got 0")]
    [InlineData("macd:12,26", "--indicator macd:12,26: macd takes 3 parameters (macd:FAST,SLOW,SIGNAL), got 2")]
    [InlineData("macd:26,12,9", "--indicator macd:26,12,9: the fast period (26) must be less than the slow period (12)")]
    [InlineData("bb:20", "--indicator bb:20: bb takes 2 parameters (bb:N,K), got 1")]
    [InlineData("bb:20,0", "--indicator bb:20,0: the width K must be a positive number of standard deviations, not '0'")]
    public void Run_BadIndicator_ThrowsCliExceptionNamingIt(string spec, string expected)
    {
        var input = Write("x.csv", "time,close\n2024-01-01,1\n");

        var ex = Assert.Throws<CliException>(() => IndicatorsCommand.Run(input, [spec], TextWriter.Null));

        Assert.StartsWith(expected, ex.Message);
        Assert.Equal(ExitCodes.BadInput, ex.ExitCode);
    }

    [Fact]
    public void Run_SameIndicatorTwice_Throws()
    {
        var input = Write("x.csv", "time,close\n2024-01-01,1\n");

        var ex = Assert.Throws<CliException>(() => IndicatorsCommand.Run(input, ["sma:3", "sma:3"], TextWriter.Null));

        Assert.Equal("--indicator sma:3 is given twice", ex.Message);
    }

    [Fact]
    public void Run_MissingFile_ThrowsNamingIt()
    {
        var missing = Path.Combine(_folder, "missing.csv");

        var ex = Assert.Throws<CliException>(() => IndicatorsCommand.Run(missing, ["sma:3"], TextWriter.Null));

        Assert.Equal($"input file not found: {missing}", ex.Message);
    }

    [Fact]
    public void Run_MalformedRow_ThrowsNamingFileAndLine()
    {
        var input = Write("bad.csv", "time,open,high,low,close\n2024-01-01,1,2,0.5,1\n2024-01-02,1,2,0.5,abc\n");

        var ex = Assert.Throws<CliException>(() => IndicatorsCommand.Run(input, ["sma:3"], TextWriter.Null));

        Assert.Equal("bad.csv line 3: column 'close' is 'abc', not a number", ex.Message);
    }

    [Fact]
    public void Executable_BadInput_ExitsNonZeroWithOneErrorLineAndNoStackTrace()
    {
        var input = Write("bad.csv", "time,open,high,low,close\n2024-01-01,1,2,0.5,1\n2024-01-02,1,2,0.5,abc\n");

        var (exitCode, stdout, stderr) = RunHive("indicators", "--input", input, "--indicator", "sma:3");

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("bad.csv line 3: column 'close' is 'abc'", stderr.Replace("\n", " ", StringComparison.Ordinal));
        Assert.DoesNotContain(" at Hive.", stderr);
        Assert.DoesNotContain("Exception", stderr);
    }

    [Fact]
    public void Executable_UnknownIndicator_ExitsNonZeroWithoutStackTrace()
    {
        var input = Write("x.csv", "time,close\n2024-01-01,1\n");

        var (exitCode, _, stderr) = RunHive("indicators", "--input", input, "--indicator", "vwap:3");

        Assert.Equal(2, exitCode);
        Assert.Contains("unknown indicator 'vwap'", stderr);
        Assert.DoesNotContain("Exception", stderr);
    }

    [Fact]
    public void Executable_GoodInput_WritesCsvToStdoutAndExitsZero()
    {
        var input = Write("x.csv", "time,close\n2024-01-01,1\n2024-01-02,3\n");

        var (exitCode, stdout, stderr) = RunHive("indicators", "--input", input, "--indicator", "sma:2");

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, stderr);
        Assert.Equal("time,sma_2\n2024-01-01T00:00:00Z,\n2024-01-02T00:00:00Z,2\n", stdout);
    }

    private static (int ExitCode, string Stdout, string Stderr) RunHive(params string[] args)
    {
        var hive = typeof(CliException).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(hive);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the hive executable");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("hive did not exit within a minute");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
