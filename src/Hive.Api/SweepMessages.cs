using Hive.Api.V1;
using Hive.Trading.Backtesting.Sweeps;
using Hive.Trading.Metrics;
using PointResult = Hive.Trading.Backtesting.Sweeps.SweepPointResult;
using ProtoPointResult = Hive.Api.V1.SweepPointResult;

namespace Hive.Api;

/// <summary>
/// A finished sweep as <c>hive.v1.SweepResult</c> and back: the API sends a <see cref="SweepReport"/> with
/// <see cref="ToProto"/>, the <c>hive</c> tool rebuilds it with <see cref="ToReport"/> and writes it with the same
/// <see cref="SweepReportWriter"/> as a local sweep, so both give the same files. Metrics go as doubles (exact) and
/// decimal strings (scale kept).
/// </summary>
public static class SweepMessages
{
    /// <summary>
    /// <paramref name="report"/> as the result of sweep <paramref name="id"/>: every point, or the best
    /// <paramref name="top"/> (those that ran) when it is positive.
    /// </summary>
    public static SweepResult ToProto(SweepReport report, string id, int top = 0)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(id);
        var result = new SweepResult
        {
            Id = id,
            RunnerId = report.RunnerId,
            Symbol = report.Symbol,
            Strategy = report.Strategy,
            Objective = report.Objective.Name,
            LowerIsBetter = report.Objective.LowerIsBetter,
            GridSize = report.Plan.GridSize,
            Sampled = report.Plan.Sampled,
            InSampleBars = report.InSampleBars,
            OutOfSampleBars = report.OutOfSampleBars,
            ElapsedSeconds = report.Elapsed.TotalSeconds,
            TotalPoints = report.Ranked.Count,
        };
        result.Seed = report.Seed ?? 0;
        result.TrainUntilMs = report.TrainUntil ?? 0;

        foreach (var (name, value) in report.BaseParameters)
        {
            result.BaseParameters[name] = value;
        }

        foreach (var parameter in report.Plan.Parameters)
        {
            result.Axes.Add(new SweepAxis { Name = parameter.Name, Values = { parameter.Values } });
        }

        var rank = 0;
        foreach (var point in report.Ranked)
        {
            if (top > 0 && (point.InSample is null || rank >= top))
            {
                break;
            }

            var proto = new ProtoPointResult
            {
                Point = point.Point.Index,
                Values = { point.Point.Values },
                Silo = point.Silo ?? string.Empty,
                Error = point.Error ?? string.Empty,
            };
            if (point.InSample is { } inSample)
            {
                proto.Rank = ++rank;
                proto.Objective = report.Objective.ValueOf(inSample);
                proto.InSample = ToMessage(inSample, point.InSampleTrades);
            }

            if (point.OutOfSample is { } outOfSample)
            {
                proto.OutOfSample = ToMessage(outOfSample, point.OutOfSampleTrades);
            }

            result.Points.Add(proto);
        }

        return result;
    }

    /// <summary>
    /// The report a <see cref="SweepResult"/> describes, its points in the order sent. The plan is drawn again from the
    /// axes (and the seed of a sample) with <see cref="SweepPlan.Create"/>; a point whose values differ from the plan's
    /// is a <see cref="FormatException"/> naming it, as is an unknown objective or a malformed decimal.
    /// </summary>
    public static SweepReport ToReport(SweepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var parameters = result.Axes.Select(static a => new SweepParameter(a.Name, [.. a.Values])).ToList();
        var plan = SweepPlan.Create(parameters, result.Sampled ? result.TotalPoints : null, result.Seed);
        var ranked = new List<PointResult>(result.Points.Count);
        foreach (var proto in result.Points)
        {
            if (proto.Point < 0 || proto.Point >= plan.Points.Count || !plan.Points[proto.Point].Values.SequenceEqual(proto.Values, StringComparer.Ordinal))
            {
                throw new FormatException($"sweep {result.Id}: point {proto.Point} ({string.Join(", ", proto.Values)}) is not point {proto.Point} of the sweep's axes");
            }

            ranked.Add(new PointResult(
                plan.Points[proto.Point],
                proto.InSample is null ? null : ToMetrics(proto.InSample, result.Id),
                proto.OutOfSample is null ? null : ToMetrics(proto.OutOfSample, result.Id),
                proto.Error.Length == 0 ? null : proto.Error)
            {
                InSampleTrades = proto.InSample is { TradesDigest.Length: > 0 } i ? i.TradesDigest : null,
                OutOfSampleTrades = proto.OutOfSample is { TradesDigest.Length: > 0 } o ? o.TradesDigest : null,
                Silo = proto.Silo.Length == 0 ? null : proto.Silo,
            });
        }

        return new SweepReport(
            result.RunnerId, result.Symbol, result.Strategy, new Dictionary<string, string>(result.BaseParameters), plan, SweepObjective.Parse(result.Objective),
            result.TrainUntilMs == 0 ? null : result.TrainUntilMs, result.InSampleBars, result.OutOfSampleBars, ranked, TimeSpan.FromSeconds(result.ElapsedSeconds))
        {
            Seed = result.Sampled ? result.Seed : null,
        };
    }

    private static SweepMetrics ToMessage(PerformanceMetrics m, string? trades) => new()
    {
        TotalReturn = m.TotalReturn,
        Cagr = m.Cagr,
        Sharpe = m.Sharpe,
        Sortino = m.Sortino,
        MaxDrawdown = m.MaxDrawdown,
        Trades = m.TradeCount,
        WinRate = m.WinRate,
        ProfitFactor = m.ProfitFactor,
        ExposureTime = m.ExposureTime,
        NetProfit = Text(m.NetProfit),
        TotalFees = Text(m.TotalFees),
        InitialEquity = Text(m.InitialEquity),
        FinalEquity = Text(m.FinalEquity),
        TradesDigest = trades ?? string.Empty,
    };

    private static PerformanceMetrics ToMetrics(SweepMetrics m, string id) => new(
        Decimal(m.InitialEquity, id, "initial_equity"), Decimal(m.FinalEquity, id, "final_equity"), m.TotalReturn, m.Cagr, m.Sharpe, m.Sortino,
        m.MaxDrawdown, m.Trades, m.WinRate, m.ProfitFactor, m.ExposureTime, Decimal(m.NetProfit, id, "net_profit"), Decimal(m.TotalFees, id, "total_fees"));

    private static string Text(decimal value) => Services.ApiMapping.Text(value);

    private static decimal Decimal(string text, string id, string field) =>
        Services.ApiMapping.Decimal(text, $"sweep {id}", field) ?? throw new FormatException($"sweep {id}: '{field}' is empty");
}
