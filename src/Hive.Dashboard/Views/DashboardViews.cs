using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using Hive.Api.Services;
using Hive.Api.V1;
using Hive.Grains.Placement;
using Hive.Grains.Runners;
using Orleans;

namespace Hive.Dashboard.Views;

/// <summary>
/// The JSON of each view, from the shared grain queries of the API (<see cref="HiveQueries"/>): the API's messages in
/// their JSON form (lowerCamelCase fields, 64-bit integers as strings, enums by name, defaults written), so the
/// dashboard and <c>hive.v1</c> show one shape.
/// </summary>
internal sealed class DashboardViews(HiveQueries queries, IGrainFactory grains, BacktestLog backtests)
{
    private static readonly JsonFormatter Proto = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Its own rates: the feeds view reads them once per period, independently of the API's ListFeeds callers.
    private readonly FeedRates _rates = new(TimeProvider.System);

    public async Task<string> OverviewAsync() =>
        Proto.Format(await queries.ClusterStatusAsync(includeInactive: true).ConfigureAwait(false));

    public async Task<string> RunnersAsync()
    {
        var list = new ListRunnersResponse();
        list.Runners.AddRange(await queries.RunnersAsync().ConfigureAwait(false));
        return Proto.Format(list);
    }

    public async Task<string> FeedsAsync()
    {
        var list = new ListFeedsResponse();
        list.Feeds.AddRange(await queries.FeedsAsync(_rates).ConfigureAwait(false));
        return Proto.Format(list);
    }

    public async Task<string> GatewayAsync() => Proto.Format(await queries.GatewayAsync(string.Empty).ConfigureAwait(false));

    /// <summary>The runner with the part of its chart after <paramref name="since"/> (all of it when <c>null</c>).</summary>
    public async Task<(string Json, ChartCursor Cursor)> RunnerAsync(string id, ChartCursor? since)
    {
        var runner = await queries.RunnerAsync(id).ConfigureAwait(false);
        RunnerChart chart;
        using (PlacementAffinity.ForSymbol(runner.Symbol))
        {
            chart = await grains.GetGrain<IRunnerGrain>(runner.Id).GetChartAsync(
                since?.Activation ?? string.Empty, since?.Time ?? 0, since?.Marker ?? 0).ConfigureAwait(false);
        }

        var cursor = new ChartCursor(
            chart.Activation,
            chart.Candles.Count > 0 ? chart.Candles[^1].Time : since?.Time ?? 0,
            chart.Markers.Count > 0 ? chart.Markers[^1].Sequence : string.Equals(since?.Activation, chart.Activation, StringComparison.Ordinal) ? since!.Marker : 0);

        // A new activation starts its buffers anew: everything it has is new to the client.
        var json = new StringBuilder(256 + (chart.Candles.Count * 96));
        json.Append("{\"runner\":").Append(Proto.Format(runner))
            .Append(",\"chart\":").Append(JsonSerializer.Serialize(new ChartJson(
                chart.Activation,
                [.. chart.Candles.Select(static c => new CandleJson(c.Time / 1000, c.Open, c.High, c.Low, c.Close))],
                [.. chart.Equity.Select(static p => new PointJson(p.Time / 1000, p.Value))],
                [.. chart.Markers.Select(static m => new MarkerJson(m.Sequence, m.Time / 1000, Kind(m.Kind), m.Price, m.Text))]), Json))
            .Append('}');
        return (json.ToString(), cursor);
    }

    public async Task<string> BacktestsAsync()
    {
        var json = new StringBuilder("{\"backtests\":[");
        var first = true;
        foreach (var id in backtests.Ids())
        {
            string item;
            try
            {
                item = Proto.Format(await queries.BacktestProgressAsync(id).ConfigureAwait(false));
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
            {
                continue;
            }

            json.Append(first ? "" : ",").Append(item);
            first = false;
        }

        return json.Append("]}").ToString();
    }

    /// <summary>A backtest's progress, and its result with the report once it completed.</summary>
    public async Task<string> BacktestAsync(string id)
    {
        var progress = await queries.BacktestProgressAsync(id).ConfigureAwait(false);
        var json = new StringBuilder("{\"progress\":").Append(Proto.Format(progress));
        if (progress.State == BacktestState.Completed)
        {
            var result = await queries.BacktestResultAsync(id).ConfigureAwait(false);
            var report = result.ReportJson;
            result.ReportJson = string.Empty;
            json.Append(",\"result\":").Append(Proto.Format(result)).Append(",\"report\":").Append(report);
        }

        return json.Append('}').ToString();
    }

    private static string Kind(ChartMarkerKind kind) => kind switch
    {
        ChartMarkerKind.Entry => "entry",
        ChartMarkerKind.Exit => "exit",
        ChartMarkerKind.Stop => "stop",
        _ => "signal",
    };

    private sealed record ChartJson(string Activation, CandleJson[] Candles, PointJson[] Equity, MarkerJson[] Markers);

    // Times in seconds, as the chart library takes them.
    private sealed record CandleJson(long Time, double Open, double High, double Low, double Close);

    private sealed record PointJson(long Time, double Value);

    private sealed record MarkerJson(long Sequence, long Time, string Kind, double Price, string Text);
}
