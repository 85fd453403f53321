using System.Globalization;
using System.Net;
using System.Text;
using Hive.Trading.Market;
using Hive.Trading.Metrics;
using Hive.Trading.Portfolio;
using Hive.Trading.Strategies;

namespace Hive.Trading.Backtesting;

/// <summary>Renders a <see cref="BacktestReport"/> as one self-contained HTML page with inline SVG charts.</summary>
internal static class BacktestReportHtml
{
    private const int MaxCandlesPerChart = 600;
    private const int MaxEquityPoints = 1500;
    private const int MaxTradesListed = 500;
    private const int MaxTradesMarked = 400;

    private static readonly string[] Palette =
        ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#be185d", "#4d7c0f", "#7c3aed", "#b45309"];

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(BacktestReport report)
    {
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Hive backtest report</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:24px;color:#111}table{border-collapse:collapse;font-size:13px}")
            .Append("th,td{border:1px solid #ddd;padding:4px 8px;text-align:right;white-space:nowrap}th{background:#f3f4f6}td.l,th.l{text-align:left}")
            .Append("tr.total td{font-weight:600;background:#f9fafb}svg{background:#fff;border:1px solid #e5e7eb;margin:8px 0;max-width:100%;height:auto}.scroll{overflow-x:auto}")
            .Append(".legend span{display:inline-block;margin-right:14px;font-size:13px}.legend i{display:inline-block;width:12px;height:3px;margin-right:4px;vertical-align:middle}")
            .Append("h2{margin-top:32px}.muted{color:#6b7280}</style></head><body>");
        html.Append("<h1>Hive backtest report</h1><p class=\"muted\">")
            .Append(Text(FormatTime(report.StartTime))).Append(" → ").Append(Text(FormatTime(report.EndTime)))
            .Append(" · ").Append(report.Bars.ToString("N0", Inv)).Append(" bars · ")
            .Append(report.Runners.Count.ToString(Inv)).Append(" runners · initial equity ")
            .Append(report.InitialEquityPerRunner.ToString(Inv)).Append(" per runner</p>");

        var colours = report.Runners.Select((r, i) => (r.RunnerId, Colour: Palette[i % Palette.Length]))
            .ToDictionary(x => x.RunnerId, x => x.Colour, StringComparer.Ordinal);

        AppendSummary(html, report);

        html.Append("<h2>Equity</h2>");
        AppendLegend(html, report.Runners.Select(r => (r.RunnerId, colours[r.RunnerId])).Prepend(("total", "#111")));
        AppendEquityChart(html, report, colours);

        foreach (var (symbol, candles) in report.Prices.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var runners = report.Runners.Where(r => r.Symbol == symbol).ToList();
            html.Append("<h2>").Append(Text(symbol)).Append("</h2>");
            AppendLegend(html, runners.Select(r => (r.RunnerId, colours[r.RunnerId])));
            html.Append("<p class=\"muted\">▲ long entry · ▼ short entry · ● exit (hover for details)");
            if (runners.Any(static r => r.Trades.Count > MaxTradesMarked))
            {
                html.Append(" · runners with more than ").Append(MaxTradesMarked.ToString(Inv))
                    .Append(" trades have about that many evenly spaced trades marked; all are in report.json");
            }

            html.Append("</p>");
            AppendPriceChart(html, candles, runners, colours);
        }

        html.Append("<h2>Trades</h2>");
        foreach (var runner in report.Runners)
        {
            AppendTrades(html, runner);
        }

        html.Append("</body></html>");
        return html.ToString();
    }

    private static void AppendSummary(StringBuilder html, BacktestReport report)
    {
        html.Append("<h2>Summary</h2><div class=\"scroll\"><table><tr><th class=\"l\">Runner</th><th class=\"l\">Symbol</th><th class=\"l\">Strategy</th>")
            .Append("<th>Trades</th><th>Net profit</th><th>Return</th><th>CAGR</th><th>Sharpe</th><th>Sortino</th><th>Max DD</th>")
            .Append("<th>Win rate</th><th>Profit factor</th><th>Exposure</th><th>Fees</th><th>Denied</th><th class=\"l\">Stopped</th></tr>");
        foreach (var r in report.Runners)
        {
            var strategy = r.Parameters.Count == 0 ? r.Strategy : $"{r.Strategy} ({string.Join(", ", r.Parameters.Select(p => $"{p.Key}={p.Value}"))})";
            html.Append("<tr><td class=\"l\">").Append(Text(r.RunnerId)).Append("</td><td class=\"l\">").Append(Text(r.Symbol))
                .Append("</td><td class=\"l\">").Append(Text(strategy)).Append("</td>");
            AppendMetricCells(html, r.Metrics);
            html.Append("<td>").Append(r.RiskDenials.ToString(Inv)).Append("</td><td class=\"l\">")
                .Append(Text(r.StoppedReason ?? "")).Append("</td></tr>");
        }

        html.Append("<tr class=\"total\"><td class=\"l\">total</td><td class=\"l\"></td><td class=\"l\"></td>");
        AppendMetricCells(html, report.Total);
        html.Append("<td>").Append(report.Runners.Sum(r => r.RiskDenials).ToString(Inv)).Append("</td><td></td></tr></table></div>");
    }

    private static void AppendMetricCells(StringBuilder html, PerformanceMetrics m)
    {
        html.Append("<td>").Append(m.TradeCount.ToString(Inv)).Append("</td>")
            .Append("<td>").Append(m.NetProfit.ToString("0.00", Inv)).Append("</td>")
            .Append("<td>").Append(Percent(m.TotalReturn)).Append("</td>")
            .Append("<td>").Append(Percent(m.Cagr)).Append("</td>")
            .Append("<td>").Append(m.Sharpe.ToString("0.00", Inv)).Append("</td>")
            .Append("<td>").Append(m.Sortino.ToString("0.00", Inv)).Append("</td>")
            .Append("<td>").Append(Percent(m.MaxDrawdown)).Append("</td>")
            .Append("<td>").Append(Percent(m.WinRate)).Append("</td>")
            .Append("<td>").Append(double.IsPositiveInfinity(m.ProfitFactor) ? "∞" : m.ProfitFactor.ToString("0.00", Inv)).Append("</td>")
            .Append("<td>").Append(Percent(m.ExposureTime)).Append("</td>")
            .Append("<td>").Append(m.TotalFees.ToString("0.00", Inv)).Append("</td>");
    }

    private static void AppendLegend(StringBuilder html, IEnumerable<(string Name, string Colour)> entries)
    {
        html.Append("<div class=\"legend\">");
        foreach (var (name, colour) in entries)
        {
            html.Append("<span><i style=\"background:").Append(colour).Append("\"></i>").Append(Text(name)).Append("</span>");
        }

        html.Append("</div>");
    }

    private static void AppendEquityChart(StringBuilder html, BacktestReport report, Dictionary<string, string> colours)
    {
        var series = report.Runners.Select(r => (Points: r.Equity, Colour: colours[r.RunnerId], Width: 1.2))
            .Prepend((Points: report.TotalEquity, Colour: "#111", Width: 2.0))
            .Where(s => s.Points.Count > 0)
            .ToList();
        if (series.Count == 0)
        {
            html.Append("<p class=\"muted\">No equity recorded.</p>");
            return;
        }

        // Runners are drawn as returns on one axis with the total, so that one large runner does not flatten the rest.
        var normalised = series.Select(s => (Points: Downsample(s.Points, MaxEquityPoints).Select(p => (p.Timestamp, Value: (double)(p.Equity / s.Points[0].Equity) - 1)).ToList(), s.Colour, s.Width)).ToList();
        var x0 = normalised.Min(s => s.Points[0].Timestamp);
        var x1 = Math.Max(x0 + 1, normalised.Max(s => s.Points[^1].Timestamp));
        var y0 = Math.Min(0, normalised.Min(s => s.Points.Min(p => p.Value)));
        var y1 = Math.Max(0, normalised.Max(s => s.Points.Max(p => p.Value)));
        var chart = new SvgFrame(1100, 320, x0, x1, y0, y1);
        chart.Open(html, v => Percent(v));
        chart.HorizontalLine(html, 0, "#9ca3af");
        foreach (var (points, colour, width) in normalised)
        {
            chart.Polyline(html, points.Select(p => (p.Timestamp, p.Value)), colour, width);
        }

        html.Append("</svg>");
    }

    private static void AppendPriceChart(StringBuilder html, IReadOnlyList<Candle> candles, List<RunnerReport> runners, Dictionary<string, string> colours)
    {
        if (candles.Count == 0)
        {
            html.Append("<p class=\"muted\">No prices.</p>");
            return;
        }

        var bars = Aggregate(candles, MaxCandlesPerChart);
        var chart = new SvgFrame(1100, 380, bars[0].OpenTime, Math.Max(bars[0].OpenTime + 1, bars[^1].CloseTime),
            bars.Min(b => b.Low), bars.Max(b => b.High));
        chart.Open(html, v => v.ToString("G5", Inv));
        var slot = chart.PlotWidth * Math.Max(1, bars[0].CloseTime + 1 - bars[0].OpenTime) / Math.Max(1, bars[^1].CloseTime + 1 - bars[0].OpenTime);
        foreach (var bar in bars)
        {
            var x = chart.X((bar.OpenTime + bar.CloseTime) / 2);
            var colour = bar.Close >= bar.Open ? "#16a34a" : "#dc2626";
            html.Append("<line x1=\"").Append(F(x)).Append("\" x2=\"").Append(F(x)).Append("\" y1=\"").Append(F(chart.Y(bar.High)))
                .Append("\" y2=\"").Append(F(chart.Y(bar.Low))).Append("\" stroke=\"").Append(colour).Append("\" stroke-width=\"0.8\"/>");
            var top = chart.Y(Math.Max(bar.Open, bar.Close));
            var height = Math.Max(0.8, chart.Y(Math.Min(bar.Open, bar.Close)) - top);
            html.Append("<rect x=\"").Append(F(x - Math.Max(0.4, slot * 0.35))).Append("\" y=\"").Append(F(top))
                .Append("\" width=\"").Append(F(Math.Max(0.8, slot * 0.7))).Append("\" height=\"").Append(F(height))
                .Append("\" fill=\"").Append(colour).Append("\"/>");
        }

        foreach (var runner in runners)
        {
            var colour = colours[runner.RunnerId];
            // A chart of a few hundred bars cannot show tens of thousands of markers; beyond the limit every k-th
            // trade is marked, which keeps the page small and its density readable.
            var step = (runner.Trades.Count + MaxTradesMarked - 1) / MaxTradesMarked;
            for (var i = 0; i < runner.Trades.Count; i += Math.Max(1, step))
            {
                var trade = runner.Trades[i];
                var tip = $"{runner.RunnerId} {trade.Side} {trade.Quantity} @ {trade.EntryPrice} → {trade.ExitPrice} ({trade.ExitReason}), P&L {trade.Pnl:0.####}";
                Marker(html, chart, trade.EntryTime, (double)trade.EntryPrice, trade.Side == PositionSide.Long ? "up" : "down", colour, $"entry: {tip}");
                Marker(html, chart, trade.ExitTime, (double)trade.ExitPrice, "dot", colour, $"exit: {tip}");
            }
        }

        html.Append("</svg>");
    }

    private static void Marker(StringBuilder html, SvgFrame chart, long time, double price, string shape, string colour, string tip)
    {
        var x = chart.X(time);
        var y = chart.Y(price);
        html.Append("<g><title>").Append(Text(tip)).Append("</title>");
        switch (shape)
        {
            case "up":
                html.Append("<path d=\"M").Append(F(x)).Append(',').Append(F(y - 6)).Append(" l5,9 h-10 z\"");
                break;
            case "down":
                html.Append("<path d=\"M").Append(F(x)).Append(',').Append(F(y + 6)).Append(" l5,-9 h-10 z\"");
                break;
            default:
                html.Append("<circle cx=\"").Append(F(x)).Append("\" cy=\"").Append(F(y)).Append("\" r=\"3.5\"");
                break;
        }

        html.Append(" fill=\"").Append(colour).Append("\" stroke=\"#fff\" stroke-width=\"0.8\"/></g>");
    }

    private static void AppendTrades(StringBuilder html, RunnerReport runner)
    {
        html.Append("<details><summary>").Append(Text(runner.RunnerId)).Append(" — ").Append(runner.Trades.Count.ToString(Inv))
            .Append(" trades</summary><table><tr><th class=\"l\">Side</th><th>Quantity</th><th class=\"l\">Entry</th><th>Entry price</th>")
            .Append("<th class=\"l\">Exit</th><th>Exit price</th><th>Fees</th><th>P&amp;L</th><th class=\"l\">Exit reason</th></tr>");
        foreach (var t in runner.Trades.Take(MaxTradesListed))
        {
            html.Append("<tr><td class=\"l\">").Append(t.Side).Append("</td><td>").Append(t.Quantity.ToString(Inv))
                .Append("</td><td class=\"l\">").Append(Text(FormatTime(t.EntryTime))).Append("</td><td>").Append(t.EntryPrice.ToString(Inv))
                .Append("</td><td class=\"l\">").Append(Text(FormatTime(t.ExitTime))).Append("</td><td>").Append(t.ExitPrice.ToString(Inv))
                .Append("</td><td>").Append(t.Fees.ToString("0.####", Inv)).Append("</td><td>").Append(t.Pnl.ToString("0.####", Inv))
                .Append("</td><td class=\"l\">").Append(Text(t.ExitReason)).Append("</td></tr>");
        }

        html.Append("</table>");
        if (runner.Trades.Count > MaxTradesListed)
        {
            html.Append("<p class=\"muted\">First ").Append(MaxTradesListed.ToString(Inv)).Append(" of ")
                .Append(runner.Trades.Count.ToString(Inv)).Append(" trades; all are in report.json.</p>");
        }

        if (runner.Errors.Count > 0)
        {
            html.Append("<p>Errors:</p><ul>");
            foreach (var error in runner.Errors.Take(50))
            {
                html.Append("<li>").Append(Text(error)).Append("</li>");
            }

            html.Append("</ul>");
        }

        html.Append("</details>");
    }

    /// <summary>
    /// Merges candles into OHLC bars of equal time spans, about <paramref name="maxBars"/> over the whole period. A bar
    /// never spans a gap in the data (a candle that does not open where the previous one closed starts a new bar), so
    /// the chart leaves gaps empty instead of drawing a candle across them.
    /// </summary>
    internal static Candle[] Aggregate(IReadOnlyList<Candle> candles, int maxBars)
    {
        if (candles.Count == 0)
        {
            return [];
        }

        var start = candles[0].OpenTime;
        var width = Math.Max(1, ((candles[^1].CloseTime + 1 - start) + maxBars - 1) / maxBars);
        var bars = new List<Candle>(Math.Min(candles.Count, maxBars + 16));
        var first = candles[0];
        double high = first.High, low = first.Low, volume = first.Volume;
        var last = first;
        for (var i = 1; i < candles.Count; i++)
        {
            var candle = candles[i];
            var gap = candle.OpenTime > last.CloseTime + 1;
            if (gap || (candle.OpenTime - start) / width != (first.OpenTime - start) / width)
            {
                bars.Add(new Candle(first.Symbol, first.OpenTime, last.CloseTime, first.Open, high, low, last.Close, volume));
                first = candle;
                high = candle.High;
                low = candle.Low;
                volume = candle.Volume;
            }
            else
            {
                high = Math.Max(high, candle.High);
                low = Math.Min(low, candle.Low);
                volume += candle.Volume;
            }

            last = candle;
        }

        bars.Add(new Candle(first.Symbol, first.OpenTime, last.CloseTime, first.Open, high, low, last.Close, volume));
        return [.. bars];
    }

    /// <summary>Keeps at most about <paramref name="maxPoints"/> points, keeping each bucket's extremes so drawdowns stay visible.</summary>
    internal static List<EquityPoint> Downsample(IReadOnlyList<EquityPoint> points, int maxPoints)
    {
        if (points.Count <= maxPoints)
        {
            return [.. points];
        }

        var per = (points.Count + maxPoints / 2 - 1) / (maxPoints / 2);
        var result = new List<EquityPoint>(maxPoints + 2);
        for (var from = 0; from < points.Count; from += per)
        {
            var to = Math.Min(points.Count, from + per);
            int lo = from, hi = from;
            for (var i = from; i < to; i++)
            {
                if (points[i].Equity < points[lo].Equity)
                {
                    lo = i;
                }

                if (points[i].Equity > points[hi].Equity)
                {
                    hi = i;
                }
            }

            result.Add(points[Math.Min(lo, hi)]);
            if (lo != hi)
            {
                result.Add(points[Math.Max(lo, hi)]);
            }
        }

        if (result[^1] != points[^1])
        {
            result.Add(points[^1]);
        }

        return result;
    }

    private static string FormatTime(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd HH:mm", Inv);

    private static string Percent(double value) => double.IsFinite(value) ? (value * 100).ToString("0.00", Inv) + " %" : "—";

    private static string F(double value) => value.ToString("0.##", Inv);

    private static string Text(string value) => WebUtility.HtmlEncode(value);

    /// <summary>Maps time and value to SVG coordinates inside margins, and draws the axes.</summary>
    private sealed class SvgFrame(int width, int height, long x0, long x1, double y0, double y1)
    {
        private const double Left = 70, Right = 12, Top = 12, Bottom = 28;
        private readonly double _y0 = y0 == y1 ? y0 - 1 : y0;
        private readonly double _y1 = y0 == y1 ? y1 + 1 : y1;

        public double PlotWidth => width - Left - Right;

        private double PlotHeight => height - Top - Bottom;

        public double X(long time) => Left + (time - x0) / (double)(x1 - x0) * PlotWidth;

        public double Y(double value) => Top + (1 - (value - _y0) / (_y1 - _y0)) * PlotHeight;

        public void Open(StringBuilder html, Func<double, string> label)
        {
            html.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(width).Append("\" height=\"").Append(height)
                .Append("\" viewBox=\"0 0 ").Append(width).Append(' ').Append(height).Append("\" font-size=\"11\" font-family=\"system-ui,sans-serif\">");
            for (var i = 0; i <= 4; i++)
            {
                var value = _y0 + (_y1 - _y0) * i / 4;
                var y = Y(value);
                html.Append("<line x1=\"").Append(F(Left)).Append("\" x2=\"").Append(F(width - Right)).Append("\" y1=\"").Append(F(y))
                    .Append("\" y2=\"").Append(F(y)).Append("\" stroke=\"#f3f4f6\"/><text x=\"").Append(F(Left - 6)).Append("\" y=\"")
                    .Append(F(y + 4)).Append("\" text-anchor=\"end\" fill=\"#6b7280\">").Append(Text(label(value))).Append("</text>");
            }

            for (var i = 0; i <= 5; i++)
            {
                var time = x0 + (x1 - x0) * i / 5;
                html.Append("<text x=\"").Append(F(X(time))).Append("\" y=\"").Append(height - 8).Append("\" text-anchor=\"middle\" fill=\"#6b7280\">")
                    .Append(Text(DateTimeOffset.FromUnixTimeMilliseconds(time).ToString("yyyy-MM-dd", Inv))).Append("</text>");
            }
        }

        public void HorizontalLine(StringBuilder html, double value, string colour)
        {
            var y = Y(value);
            html.Append("<line x1=\"").Append(F(Left)).Append("\" x2=\"").Append(F(width - Right)).Append("\" y1=\"").Append(F(y))
                .Append("\" y2=\"").Append(F(y)).Append("\" stroke=\"").Append(colour).Append("\" stroke-dasharray=\"4 3\"/>");
        }

        public void Polyline(StringBuilder html, IEnumerable<(long Time, double Value)> points, string colour, double strokeWidth)
        {
            html.Append("<polyline fill=\"none\" stroke=\"").Append(colour).Append("\" stroke-width=\"").Append(F(strokeWidth)).Append("\" points=\"");
            foreach (var (time, value) in points)
            {
                html.Append(F(X(time))).Append(',').Append(F(Y(value))).Append(' ');
            }

            html.Append("\"/>");
        }
    }
}
