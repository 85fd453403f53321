using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Grpc.Core;
using Hive.Api.V1;
using Hive.Commands;
using Hive.Trading.Backtesting;
using Hive.Trading.Backtesting.Sweeps;

namespace Hive.Api.Tests;

/// <summary>
/// <c>hive.v1.SweepService</c> on a running <c>hive run</c>, through the real <c>hive</c> executable
/// (<c>hive backtest --sweep … --server</c>) and through the gRPC client.
/// </summary>
/// <remarks>
/// Alone, not beside the other classes: their <c>hive run</c>s share this process's thread pool, which the sweeps'
/// CPU-bound batches fill, and on a loaded 2-core machine the other runs' calls then miss their deadlines.
/// </remarks>
[Collection(nameof(SweepApiTests))]
public sealed class SweepApiTests(HiveRunFixture fixture) : IClassFixture<HiveRunFixture>
{
    private const string Data = "ETHUSDT:4000:7";
    private const string Runner = "e:ETHUSDT:ema-cross";

    private HiveRun Run => fixture.Run;

    private SweepService.SweepServiceClient Sweeps => new(Run.Invoker);

    [Fact]
    public void BacktestSweep_ServerSampledAndSplit_SameRankedPointsAndFilesAsTheLocalSweep()
    {
        var remote = Path.Combine(fixture.Root, "sweep-remote");
        var local = Path.Combine(fixture.Root, "sweep-local");
        string[] sweep = ["--generate", Data, "--runner", Runner, "--sweep", "fast=4..12:4", "--sweep", "slow=20,30,40", "--samples", "5", "--seed", "3",
            "--objective", "sortino", "--train-until", MidDate(Data), "--top", "3"];

        var (code, stdout, stderr) = HiveCli.Run(fixture.Root, ["backtest", "--server", Run.Address.ToString(), "--api-token", Run.Token, .. sweep, "--out", remote]);
        var (localCode, _, localError) = HiveCli.Run(fixture.Root, ["backtest", .. sweep, "--out", local]);

        Assert.True(code == 0, stderr);
        Assert.True(localCode == 0, localError);
        Assert.Contains("sweep: 5/5 points", stdout, StringComparison.Ordinal);
        Assert.Contains("5 points of 9, best 3 by sortino", stdout, StringComparison.Ordinal);
        Assert.Contains("5 points in ", stdout, StringComparison.Ordinal);
        var remotePoints = Points(remote);
        Assert.Equal(5, remotePoints.Count);
        Assert.All(remotePoints, p => Assert.NotNull(p["outOfSample"]));
        Assert.Equal(Points(local).Select(static p => p.ToJsonString()), remotePoints.Select(static p => p.ToJsonString()));
        Assert.Equal(CsvWithoutSilo(local), CsvWithoutSilo(remote));
        Assert.True(File.Exists(Path.Combine(remote, SweepReportWriter.HtmlFileName)));
    }

    [Theory]
    [InlineData("--sweep 'fast=50..5:5': the range of 'fast' runs backwards (50 > 5)", "fast=50..5:5", "")]
    [InlineData("--sweep 'fast=5..x': the end of 'fast' must be a number, got 'x'", "fast=5..x", "")]
    [InlineData("--objective 'calmar': unknown objective; known: sharpe", "fast=5,8", "calmar")]
    [InlineData("--sweep 'foo': strategy 'ema-cross' (runner 'e') has no parameter 'foo'; accepted: fast, slow", "foo=1..3", "")]
    [InlineData("a sweep needs at least one --sweep", null, "")]
    public async Task SubmitSweep_BadInput_InvalidArgumentNamingTheProblem(string expected, string? axis, string objective)
    {
        var request = Request(axis is null ? [] : [axis]);
        request.Objective = objective;

        var error = await Assert.ThrowsAsync<RpcException>(async () => await Sweeps.SubmitSweepAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(expected, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitSweep_TwoRunnersOrBadTrainUntil_InvalidArgumentNamingTheProblem()
    {
        var twoRunners = Request(["fast=5,8"]);
        twoRunners.Backtest.Specs.Add("f:ETHUSDT:ema-cross");
        var badDate = Request(["fast=5,8"]);
        badDate.TrainUntil = "soon";

        var runners = await Assert.ThrowsAsync<RpcException>(async () => await Sweeps.SubmitSweepAsync(twoRunners));
        var date = await Assert.ThrowsAsync<RpcException>(async () => await Sweeps.SubmitSweepAsync(badDate));

        Assert.Equal(StatusCode.InvalidArgument, runners.StatusCode);
        Assert.StartsWith("a sweep varies one runner, got 2 (e, f)", runners.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, date.StatusCode);
        Assert.StartsWith("--train-until 'soon': expected a UTC date", date.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SweepCalls_UnknownId_NotFoundNamingTheId()
    {
        var get = await Assert.ThrowsAsync<RpcException>(async () => await Sweeps.GetSweepResultAsync(new GetSweepResultRequest { Id = "sw-nope" }));
        var cancel = await Assert.ThrowsAsync<RpcException>(async () => await Sweeps.CancelSweepAsync(new SweepRequest { Id = "sw-nope" }));
        var watch = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = Sweeps.WatchSweep(new SweepRequest { Id = "sw-nope" });
            await call.ResponseStream.MoveNext(CancellationToken.None);
        });

        Assert.All([get, cancel, watch], e =>
        {
            Assert.Equal(StatusCode.NotFound, e.StatusCode);
            Assert.StartsWith("sweep 'sw-nope' does not exist", e.Status.Detail, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task SubmitSweep_MissingDataFile_FailsAndTheResultIsInvalidArgumentNamingTheFile()
    {
        var request = Request(["fast=5,8"]);
        request.Backtest.Generate.Clear();
        var missing = Path.Combine(fixture.Root, "no-such-candles.csv");
        request.Backtest.Data.Add("ETHUSDT=" + missing);

        var id = (await Sweeps.SubmitSweepAsync(request)).Id;
        var last = await LastProgressAsync(id);
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Sweeps.GetSweepResultAsync(new GetSweepResultRequest { Id = id }));

        Assert.Equal(SweepState.Failed, last.State);
        Assert.Contains(missing, last.Error, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(missing, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelSweep_Running_EndsCancelledBeforeEveryPointAndHasNoResult()
    {
        var request = Request(["fast=2..40:1", "slow=41..140:1"]);
        request.Backtest.Generate[0] = "ETHUSDT:30000:3";
        var submitted = await Sweeps.SubmitSweepAsync(request);
        using var call = Sweeps.WatchSweep(new SweepRequest { Id = submitted.Id });
        var started = await Eventually.UntilAsync(
            async () => await call.ResponseStream.MoveNext(CancellationToken.None) ? call.ResponseStream.Current : throw new InvalidOperationException("the watch ended"),
            static p => p.PointsDone > 0 || p.State != SweepState.Running, "the sweep runs its first points");

        var cancelled = await Sweeps.CancelSweepAsync(new SweepRequest { Id = submitted.Id });
        var result = await Assert.ThrowsAsync<RpcException>(async () => await Sweeps.GetSweepResultAsync(new GetSweepResultRequest { Id = submitted.Id }));
        var again = await Assert.ThrowsAsync<RpcException>(async () => await Sweeps.CancelSweepAsync(new SweepRequest { Id = submitted.Id }));

        Assert.Equal(3900, submitted.TotalPoints);
        Assert.Equal(SweepState.Running, started.State);
        Assert.Equal(SweepState.Cancelled, cancelled.State);
        Assert.InRange(cancelled.PointsDone, 1, submitted.TotalPoints - 1);
        Assert.Equal(SweepState.Cancelled, (await LastProgressAsync(submitted.Id)).State);
        Assert.Equal((StatusCode.FailedPrecondition, $"sweep '{submitted.Id}' was cancelled: cancelled"), (result.StatusCode, result.Status.Detail));
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
    }

    [Fact]
    public async Task GetSweepResult_Top_GivesTheBestPointsRankedWithBothMetrics()
    {
        var request = Request(["fast=4..12:4", "slow=20,30"]);
        request.TrainUntil = MidDate(Data);
        var id = (await Sweeps.SubmitSweepAsync(request)).Id;
        Assert.Equal(SweepState.Completed, (await LastProgressAsync(id)).State);

        var all = await Sweeps.GetSweepResultAsync(new GetSweepResultRequest { Id = id });
        var top = await Sweeps.GetSweepResultAsync(new GetSweepResultRequest { Id = id, Top = 2 });

        Assert.Equal(6, all.Points.Count);
        Assert.Equal(["fast", "slow"], all.Axes.Select(static a => a.Name));
        Assert.Equal("sharpe", all.Objective);
        Assert.Equal(Enumerable.Range(1, 6), all.Points.Select(static p => p.Rank));
        Assert.True(all.Points.Zip(all.Points.Skip(1)).All(static p => p.First.Objective >= p.Second.Objective));
        Assert.All(all.Points, p => Assert.Equal(p.Objective, p.InSample.Sharpe));
        Assert.All(all.Points, static p => Assert.True(p.OutOfSample is not null && p.Silo.Length > 0));
        Assert.True(all.InSampleBars > 0 && all.OutOfSampleBars > 0);
        Assert.Equal(all.Points.Take(2), top.Points);
        Assert.Equal(6, top.TotalPoints);
    }

    [Fact]
    public async Task SweepCalls_WithoutToken_Unauthenticated()
    {
        var anonymous = new SweepService.SweepServiceClient(Run.Channel);

        var submit = await Assert.ThrowsAsync<RpcException>(async () => await anonymous.SubmitSweepAsync(Request(["fast=5,8"])));
        var get = await Assert.ThrowsAsync<RpcException>(async () => await anonymous.GetSweepResultAsync(new GetSweepResultRequest { Id = "sw-any" }));
        var watch = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = anonymous.WatchSweep(new SweepRequest { Id = "sw-any" });
            await call.ResponseStream.MoveNext(CancellationToken.None);
        });
        var cancel = await Assert.ThrowsAsync<RpcException>(async () => await anonymous.CancelSweepAsync(new SweepRequest { Id = "sw-any" }));

        Assert.All([submit, get, watch, cancel], static e => Assert.Equal(StatusCode.Unauthenticated, e.StatusCode));
        Assert.StartsWith("missing bearer token", submit.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BacktestSweep_ServerCtrlC_CancelsTheSweepOnTheServer()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = fixture.Root };
        foreach (var arg in (string[])["exec", typeof(CliException).Assembly.Location, "backtest", "--server", Run.Address.ToString(), "--api-token", Run.Token,
            "--generate", "ETHUSDT:30000:3", "--runner", Runner, "--sweep", "fast=2..40:1", "--sweep", "slow=41..140:1", "--out", Path.Combine(fixture.Root, "sweep-interrupted")])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        try
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(Eventually.Deadline);
            var id = line?.Split(' ', ':')[1] ?? throw new InvalidOperationException($"hive printed nothing: {await stderr}");
            using (var watch = Sweeps.WatchSweep(new SweepRequest { Id = id }))
            {
                Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
                Assert.Equal(SweepState.Running, watch.ResponseStream.Current.State);
            }

            using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await interrupt.WaitForExitAsync();
            }

            await process.WaitForExitAsync().WaitAsync(Eventually.Deadline);
            var last = await LastProgressAsync(id);

            Assert.Equal(ExitCodes.Cancelled, process.ExitCode);
            Assert.Contains("cancelled", await stderr, StringComparison.Ordinal);
            Assert.Equal(SweepState.Cancelled, last.State);
            Assert.True(last.PointsDone < last.TotalPoints, $"{last.PointsDone} of {last.TotalPoints} points ran");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public void BacktestSweep_ServerWrongToken_UnauthenticatedExitCode5()
    {
        var (code, _, stderr) = HiveCli.Run(fixture.Root, "backtest", "--server", Run.Address.ToString(), "--api-token", "not-the-token",
            "--generate", Data, "--runner", Runner, "--sweep", "fast=5,8", "--out", Path.Combine(fixture.Root, "sweep-denied"));

        Assert.Equal(ExitCodes.Unauthenticated, code);
        Assert.StartsWith("error: UNAUTHENTICATED: invalid bearer token", stderr, StringComparison.Ordinal);
    }

    private static SubmitSweepRequest Request(string[] axes) => new()
    {
        Backtest = new SubmitBacktestRequest { Generate = { Data }, Specs = { Runner } },
        Axes = { axes },
    };

    private async Task<SweepProgress> LastProgressAsync(string id)
    {
        using var call = Sweeps.WatchSweep(new SweepRequest { Id = id }, deadline: DateTime.UtcNow.Add(Eventually.Deadline));
        SweepProgress? last = null;
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            last = call.ResponseStream.Current;
        }

        return last ?? throw new InvalidOperationException($"sweep {id}: no progress");
    }

    // A time in the middle of the generated series, so that both sides of the split have bars.
    private static string MidDate(string spec)
    {
        var (_, candles) = BacktestInputs.Generate(spec, 0);
        return DateTimeOffset.FromUnixTimeMilliseconds(candles[candles.Length / 2].OpenTime).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
    }

    // Every point of sweep.json without the silo that ran it (the local sweep's silo has another name).
    private static List<JsonObject> Points(string directory)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, SweepReportWriter.JsonFileName)))!;
        return [.. json["points"]!.AsArray().Select(static p =>
        {
            var point = p!.AsObject();
            Assert.True(point.Remove("silo"), "every point names its silo");
            return point;
        })];
    }

    private static List<string> CsvWithoutSilo(string directory)
    {
        var lines = File.ReadAllLines(Path.Combine(directory, SweepReportWriter.CsvFileName));
        var silo = Array.IndexOf(lines[0].Split(','), "silo");
        Assert.True(silo > 0, "sweep.csv has a silo column");
        return [.. lines.Select(l => string.Join(',', l.Split(',').Where((_, i) => i != silo)))];
    }
}
