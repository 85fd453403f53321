using System.Globalization;
using Hive.Trading.Indicators;
using Hive.Trading.Market;

namespace Hive.Commands;

/// <summary>
/// One <c>--indicator NAME:PARAMS</c> of <c>hive indicators</c>: parses the spec, names its output columns, and keeps its
/// indicator updated bar by bar, writing blank cells until the indicator is ready.
/// </summary>
internal sealed class IndicatorSpec
{
    public const string Known = "sma:N, ema:N, rsi:N, macd:FAST,SLOW,SIGNAL, bb:N,K, atr:N, high:N, low:N";

    private readonly SimpleMovingAverage? _sma;
    private readonly ExponentialMovingAverage? _ema;
    private readonly RelativeStrengthIndex? _rsi;
    private readonly Macd? _macd;
    private readonly BollingerBands? _bands;
    private readonly AverageTrueRange? _atr;
    private readonly RollingMaximum? _high;
    private readonly RollingMinimum? _low;

    private IndicatorSpec(string text, string[] columns, object indicator)
    {
        Text = text;
        Columns = columns;
        _sma = indicator as SimpleMovingAverage;
        _ema = indicator as ExponentialMovingAverage;
        _rsi = indicator as RelativeStrengthIndex;
        _macd = indicator as Macd;
        _bands = indicator as BollingerBands;
        _atr = indicator as AverageTrueRange;
        _high = indicator as RollingMaximum;
        _low = indicator as RollingMinimum;
    }

    /// <summary>The spec as given.</summary>
    public string Text { get; }

    /// <summary>Output column names, in order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Parses <c>NAME:PARAMS</c>; a bad spec is a <see cref="CliException"/> naming it.</summary>
    public static IndicatorSpec Parse(string text)
    {
        var trimmed = text.Trim();
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        var name = (colon < 0 ? trimmed : trimmed[..colon]).Trim().ToLowerInvariant();
        var parameters = colon < 0 || trimmed[(colon + 1)..].Trim().Length == 0
            ? []
            : trimmed[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries);

        switch (name)
        {
            case "sma":
            case "ema":
            case "rsi":
            case "atr":
            case "high":
            case "low":
            {
                Arity(text, name, parameters, 1, "N");
                var n = Period(text, parameters[0], "period");
                object indicator = name switch
                {
                    "sma" => new SimpleMovingAverage(n),
                    "ema" => new ExponentialMovingAverage(n),
                    "rsi" => new RelativeStrengthIndex(n),
                    "atr" => new AverageTrueRange(n),
                    "high" => new RollingMaximum(n),
                    _ => new RollingMinimum(n),
                };
                return new IndicatorSpec(text, [$"{name}_{n}"], indicator);
            }

            case "macd":
            {
                Arity(text, name, parameters, 3, "FAST,SLOW,SIGNAL");
                var fast = Period(text, parameters[0], "fast period");
                var slow = Period(text, parameters[1], "slow period");
                var signal = Period(text, parameters[2], "signal period");
                if (fast >= slow)
                {
                    throw new CliException($"--indicator {text}: the fast period ({fast}) must be less than the slow period ({slow})");
                }

                var suffix = $"{fast}_{slow}_{signal}";
                return new IndicatorSpec(text, [$"macd_{suffix}", $"macd_signal_{suffix}", $"macd_hist_{suffix}"], new Macd(fast, slow, signal));
            }

            case "bb":
            case "bollinger":
            {
                Arity(text, name, parameters, 2, "N,K");
                var n = Period(text, parameters[0], "period");
                if (!double.TryParse(parameters[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var k) || !(k > 0) || double.IsInfinity(k))
                {
                    throw new CliException($"--indicator {text}: the width K must be a positive number of standard deviations, not '{parameters[1]}'");
                }

                var suffix = $"{n}_{k.ToString(CultureInfo.InvariantCulture)}";
                return new IndicatorSpec(
                    text,
                    [$"bb_upper_{suffix}", $"bb_middle_{suffix}", $"bb_lower_{suffix}", $"bb_width_{suffix}", $"bb_pctb_{suffix}"],
                    new BollingerBands(n, k));
            }

            default:
                throw new CliException($"--indicator {text}: unknown indicator '{name}'; known: {Known}");
        }
    }

    /// <summary>Feeds the next bar.</summary>
    public void Update(in Candle candle)
    {
        var close = candle.Close;
        _sma?.Update(close);
        _ema?.Update(close);
        _rsi?.Update(close);
        _macd?.Update(close);
        _bands?.Update(close);
        _atr?.Update(candle.High, candle.Low, close);
        _high?.Update(candle.High);
        _low?.Update(candle.Low);
    }

    /// <summary>Writes <c>,value</c> per column, the value blank until ready, in invariant culture and round-trip precision.</summary>
    public void WriteCells(TextWriter output)
    {
        if (_sma is not null)
        {
            Cell(output, _sma.IsReady, _sma.Value);
        }
        else if (_ema is not null)
        {
            Cell(output, _ema.IsReady, _ema.Value);
        }
        else if (_rsi is not null)
        {
            Cell(output, _rsi.IsReady, _rsi.Value);
        }
        else if (_macd is not null)
        {
            Cell(output, _macd.IsLineReady, _macd.Line);
            Cell(output, _macd.IsReady, _macd.Signal);
            Cell(output, _macd.IsReady, _macd.Histogram);
        }
        else if (_bands is not null)
        {
            Cell(output, _bands.IsReady, _bands.Upper);
            Cell(output, _bands.IsReady, _bands.Middle);
            Cell(output, _bands.IsReady, _bands.Lower);
            Cell(output, _bands.IsReady, _bands.Bandwidth);
            Cell(output, _bands.IsReady, _bands.PercentB);
        }
        else if (_atr is not null)
        {
            Cell(output, _atr.IsReady, _atr.Value);
        }
        else if (_high is not null)
        {
            Cell(output, _high.IsReady, _high.Value);
        }
        else if (_low is not null)
        {
            Cell(output, _low.IsReady, _low.Value);
        }
    }

    private static void Cell(TextWriter output, bool ready, double value)
    {
        output.Write(',');
        if (!ready || !double.IsFinite(value))
        {
            return;
        }

        Span<char> buffer = stackalloc char[32];
        if (value.TryFormat(buffer, out var written, "R", CultureInfo.InvariantCulture))
        {
            output.Write(buffer[..written]);
        }
        else
        {
            output.Write(value.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    private static void Arity(string text, string name, string[] parameters, int count, string shape)
    {
        if (parameters.Length != count)
        {
            throw new CliException(
                $"--indicator {text}: {name} takes {count} parameter{(count == 1 ? string.Empty : "s")} ({name}:{shape}), got {parameters.Length}");
        }
    }

    private static int Period(string text, string value, string what)
    {
        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var period) || period <= 0)
        {
            throw new CliException($"--indicator {text}: the {what} must be a positive integer, not '{value}'");
        }

        return period;
    }
}
