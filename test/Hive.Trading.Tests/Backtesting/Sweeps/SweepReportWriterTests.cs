using System.Text.Json;
using Hive.Trading.Backtesting.Sweeps;

namespace Hive.Trading.Tests.Backtesting.Sweeps;

public sealed class SweepReportWriterTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hive-sweep-writer-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static SweepReport Report(bool split, params string[] sweeps)
    {
        var plan = SweepPlan.Create([.. sweeps.Select(SweepParameter.Parse)]);
        var objective = SweepObjective.Parse("sharpe");
        var results = plan.Points.Select(p => p.Index == 1
            ? new SweepPointResult(p, null, null, "strategy 'x': rejected, \"badly\"")
            : new SweepPointResult(p, SweepObjectiveTests.Metrics(p.Index), split ? SweepObjectiveTests.Metrics(-p.Index) : null, null)
            {
                InSampleTrades = "abc" + p.Index,
                Silo = "data0",
            });
        return new SweepReport("r", "BTCUSDT", "ema-cross", new Dictionary<string, string> { ["slow"] = "40" }, plan, objective,
            split ? 1_767_225_600_000 : null, 4000, split ? 2000 : 0, SweepReport.Rank(results, objective), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void Write_TwoParameters_WritesCsvJsonAndHeatMap()
    {
        var sut = Report(split: false, "fast=5,10", "slow=20..60:20");

        var paths = SweepReportWriter.Write(sut, _folder);

        Assert.Equal(["sweep.csv", "sweep.json", "sweep.html"], paths.Select(Path.GetFileName));
        var csv = File.ReadAllLines(paths[0]);
        Assert.Equal("rank,point,fast,slow,return,cagr,sharpe,sortino,max_drawdown,profit_factor,win_rate,trades,exposure,net_profit,fees,final_equity,trades_digest,silo,error", csv[0]);
        Assert.Equal(7, csv.Length);
        Assert.StartsWith("1,5,10,60,", csv[1], StringComparison.Ordinal);
        Assert.EndsWith(",\"strategy 'x': rejected, \"\"badly\"\"\"", csv[6], StringComparison.Ordinal);
        Assert.StartsWith(",1,5,40,", csv[6], StringComparison.Ordinal);

        using var json = JsonDocument.Parse(File.ReadAllText(paths[1]));
        var points = json.RootElement.GetProperty("points");
        Assert.Equal("sharpe", json.RootElement.GetProperty("objective").GetString());
        Assert.Equal(6, points.GetArrayLength());
        Assert.Equal(1, points[0].GetProperty("rank").GetInt32());
        Assert.Equal("60", points[0].GetProperty("parameters").GetProperty("slow").GetString());
        Assert.Equal(5.0, points[0].GetProperty("inSample").GetProperty("sharpe").GetDouble());
        Assert.False(points[5].TryGetProperty("rank", out _));
        Assert.Contains("rejected", points[5].GetProperty("error").GetString(), StringComparison.Ordinal);

        var html = File.ReadAllText(paths[2]);
        Assert.Contains("<table class=\"map\">", html, StringComparison.Ordinal);
        Assert.Contains("fast \\ slow", html, StringComparison.Ordinal);
        Assert.Contains("title=\"strategy &#39;x&#39;: rejected, &quot;badly&quot;\">×</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Out of sample", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_SplitData_GivesInAndOutColumnsAndTwoMaps()
    {
        var sut = Report(split: true, "fast=5,10", "slow=20,40");

        var paths = SweepReportWriter.Write(sut, _folder);

        var header = File.ReadLines(paths[0]).First();
        Assert.Contains("in_sharpe", header, StringComparison.Ordinal);
        Assert.Contains("out_sharpe", header, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(paths[1]));
        Assert.Equal(-3.0, json.RootElement.GetProperty("points")[0].GetProperty("outOfSample").GetProperty("sharpe").GetDouble());
        Assert.Equal(2000, json.RootElement.GetProperty("outOfSampleBars").GetInt64());
        Assert.Contains("Out of sample", File.ReadAllText(paths[2]), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_OneParameter_WritesNoHeatMap()
    {
        var paths = SweepReportWriter.Write(Report(split: false, "fast=5,10,15"), _folder);

        Assert.Equal(["sweep.csv", "sweep.json"], paths.Select(Path.GetFileName));
        Assert.False(File.Exists(Path.Combine(_folder, SweepReportWriter.HtmlFileName)));
    }
}
