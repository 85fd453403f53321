using System.Globalization;
using System.Text;
using Hive.Trading.Market;

namespace Hive.Trading.History;

/// <summary>
/// Parses candle CSV from UTF-8 bytes without allocating per field: Binance kline archives (USD-M futures with the
/// header <c>open_time,open,high,low,close,volume,close_time,…</c>; spot without a header; spot from 2025 with times in
/// microseconds, told apart from milliseconds by magnitude and normalised to milliseconds) and plain CSV with a header
/// naming a time column (<c>time</c>, <c>date</c>, <c>datetime</c>, <c>timestamp</c>) and <c>open,high,low,close[,volume]</c>
/// in any order, other columns ignored. A plain CSV's time is an ISO-8601 date or date-time (UTC unless it carries an
/// offset), a US <c>M/d/yyyy h:mm:ss tt</c> date as in LEAN's fixtures, or epoch seconds, milliseconds or
/// microseconds (by magnitude). A file with only a close column gets open = high = low = close.
/// </summary>
internal static class CandleCsvParser
{
    private enum Role : byte
    {
        None,
        OpenTime,
        Open,
        High,
        Low,
        Close,
        Volume,
        CloseTime,
    }

    // Epoch magnitudes: below 1e11 is seconds (1e11 ms is 1973), below 1e14 milliseconds, below 1e17 microseconds.
    private const long SecondsLimit = 100_000_000_000;
    private const long MillisecondsLimit = 100_000_000_000_000;
    private const long MicrosecondsLimit = 100_000_000_000_000_000;
    private const long MaxMilliseconds = 253_402_300_799_999;

    public static ParsedCandles Parse(ReadOnlySpan<byte> content, string fileName, string symbol)
    {
        var lines = new LineReader(content);
        if (!lines.TryRead(out var first, out var firstNumber))
        {
            throw CandleDataError.Create(fileName, 0, "the file holds no candles");
        }

        Role[] roles;
        bool binary;
        var columnsNeeded = 0;
        var hasHeader = !StartsLikeNumber(first);
        if (hasHeader)
        {
            (roles, binary) = RolesFromHeader(first, fileName, firstNumber);
        }
        else
        {
            var columns = CountFields(first);
            if (columns < 7)
            {
                throw CandleDataError.Create(fileName, firstNumber,
                    $"no header row, and {columns} columns is not Binance's kline layout (open_time,open,high,low,close,volume,close_time,…); add a header such as time,open,high,low,close,volume");
            }

            roles = [Role.OpenTime, Role.Open, Role.High, Role.Low, Role.Close, Role.Volume, Role.CloseTime];
            binary = true;
        }

        for (var i = 0; i < roles.Length; i++)
        {
            if (roles[i] != Role.None)
            {
                columnsNeeded = i + 1;
            }
        }

        var hasOhl = Array.IndexOf(roles, Role.Open) >= 0 && Array.IndexOf(roles, Role.High) >= 0 && Array.IndexOf(roles, Role.Low) >= 0;
        var hasVolume = Array.IndexOf(roles, Role.Volume) >= 0;
        var hasCloseTime = Array.IndexOf(roles, Role.CloseTime) >= 0;
        // One candle per line, less the header: usually exact, so the candles need no copy at the end.
        var rows = content.Count((byte)'\n') + (content.Length > 0 && content[^1] != (byte)'\n' ? 1 : 0) - (hasHeader ? 1 : 0);
        var sequence = new CandleSequence(Math.Max(rows, 1));
        sequence.BeginSource(fileName);
        var line = first;
        var number = firstNumber;
        var haveLine = !hasHeader || lines.TryRead(out line, out number);
        while (haveLine)
        {
            ReadOnlySpan<byte> openTimeText = default, openText = default, highText = default, lowText = default, closeText = default, volumeText = default, closeTimeText = default;
            var column = 0;
            var rest = line;
            while (true)
            {
                var comma = rest.IndexOf((byte)',');
                var field = comma < 0 ? rest : rest[..comma];
                if (column < roles.Length)
                {
                    switch (roles[column])
                    {
                        case Role.OpenTime: openTimeText = field; break;
                        case Role.Open: openText = field; break;
                        case Role.High: highText = field; break;
                        case Role.Low: lowText = field; break;
                        case Role.Close: closeText = field; break;
                        case Role.Volume: volumeText = field; break;
                        case Role.CloseTime: closeTimeText = field; break;
                        default: break;
                    }
                }

                column++;
                if (comma < 0 || column == columnsNeeded)
                {
                    // The columns after the last one used (five of a kline row's twelve) are never scanned.
                    break;
                }

                rest = rest[(comma + 1)..];
            }

            if (column < columnsNeeded)
            {
                throw CandleDataError.Create(fileName, number, $"has {column} columns, expected at least {columnsNeeded}");
            }

            var openTime = binary ? ParseEpoch(openTimeText, "open_time", fileName, number) : ParseTime(openTimeText, fileName, number);
            var closeTime = hasCloseTime
                ? (binary ? ParseEpoch(closeTimeText, "close_time", fileName, number) : ParseTime(closeTimeText, fileName, number))
                : -1;
            var close = ParsePrice(closeText, "close", fileName, number);
            double open = close, high = close, low = close, volume = 0;
            if (hasOhl)
            {
                open = ParsePrice(openText, "open", fileName, number);
                high = ParsePrice(highText, "high", fileName, number);
                low = ParsePrice(lowText, "low", fileName, number);
                if (high < low)
                {
                    throw CandleDataError.Create(fileName, number, $"high {high.ToString(CultureInfo.InvariantCulture)} is below low {low.ToString(CultureInfo.InvariantCulture)}");
                }
            }

            if (hasVolume)
            {
                volume = ParsePrice(volumeText, "volume", fileName, number);
            }

            if (hasCloseTime && closeTime < openTime)
            {
                throw CandleDataError.Create(fileName, number, $"close time {CandleSequence.Iso(closeTime)} is before open time {CandleSequence.Iso(openTime)}");
            }

            sequence.Add(new Candle(symbol, openTime, closeTime, open, high, low, close, volume), fileName, number);
            haveLine = lines.TryRead(out line, out number);
        }

        if (sequence.Count == 0)
        {
            throw CandleDataError.Create(fileName, 0, "the file holds a header but no candles");
        }

        var parsed = sequence.ToParsed(fileName);
        if (!hasCloseTime)
        {
            InferCloseTimes(parsed.Candles);
        }

        return parsed;
    }

    /// <summary>A bar without a close time closes 1 ms before the next bar opens; the last spans as long as the one before.</summary>
    private static void InferCloseTimes(Candle[] candles)
    {
        for (var i = 0; i < candles.Length; i++)
        {
            long closeTime;
            if (i + 1 < candles.Length)
            {
                closeTime = candles[i + 1].OpenTime - 1;
            }
            else if (i > 0)
            {
                closeTime = candles[i].OpenTime + (candles[i].OpenTime - candles[i - 1].OpenTime) - 1;
            }
            else
            {
                closeTime = candles[i].OpenTime;
            }

            candles[i] = candles[i] with { CloseTime = closeTime };
        }
    }

    private static (Role[] Roles, bool Binance) RolesFromHeader(ReadOnlySpan<byte> header, string fileName, int lineNumber)
    {
        var names = new List<string>();
        foreach (var range in header.Split((byte)','))
        {
            names.Add(Encoding.UTF8.GetString(Unquote(header[range].Trim((byte)' '))).Trim());
        }

        var roles = new Role[names.Count];
        var binance = names.Exists(n => n.Equals("open_time", StringComparison.OrdinalIgnoreCase));
        for (var i = 0; i < names.Count; i++)
        {
            var role = names[i].ToLowerInvariant() switch
            {
                "open_time" or "opentime" or "open time" or "time" or "date" or "datetime" or "date_time" or "timestamp" => Role.OpenTime,
                "open" => Role.Open,
                "high" => Role.High,
                "low" => Role.Low,
                "close" => Role.Close,
                "volume" => Role.Volume,
                "close_time" or "closetime" => Role.CloseTime,
                _ => Role.None,
            };

            // the first column of a role wins (a Binance header has open_time; "time" elsewhere is the same role)
            if (role != Role.None && Array.IndexOf(roles, role) < 0)
            {
                roles[i] = role;
            }
        }

        if (Array.IndexOf(roles, Role.OpenTime) < 0)
        {
            throw CandleDataError.Create(fileName, lineNumber,
                $"the header ({string.Join(',', names)}) has no time column: name one time, date, datetime, timestamp or open_time");
        }

        if (Array.IndexOf(roles, Role.Close) < 0)
        {
            throw CandleDataError.Create(fileName, lineNumber, $"the header ({string.Join(',', names)}) has no close column");
        }

        var prices = new[] { Role.Open, Role.High, Role.Low }.Count(r => Array.IndexOf(roles, r) >= 0);
        if (prices is 1 or 2)
        {
            throw CandleDataError.Create(fileName, lineNumber,
                $"the header ({string.Join(',', names)}) names only some of open, high and low: give all three, or only close");
        }

        return (roles, binance);
    }

    private static bool StartsLikeNumber(ReadOnlySpan<byte> line)
    {
        var trimmed = Unquote(line.TrimStart((byte)' '));
        return trimmed.Length > 0 && (char.IsAsciiDigit((char)trimmed[0]) || ((trimmed[0] == '-' || trimmed[0] == '+') && trimmed.Length > 1 && char.IsAsciiDigit((char)trimmed[1])));
    }

    private static int CountFields(ReadOnlySpan<byte> line) => line.Count((byte)',') + 1;

    private static ReadOnlySpan<byte> Unquote(ReadOnlySpan<byte> field) =>
        field.Length >= 2 && field[0] == '"' && field[^1] == '"' ? field[1..^1] : field;

    private static double ParsePrice(ReadOnlySpan<byte> field, string column, string fileName, int line)
    {
        var text = Unquote(field.Trim((byte)' '));
        if (text.IsEmpty)
        {
            throw CandleDataError.Create(fileName, line, $"column '{column}' is empty");
        }

        if (!Utf8Number.TryParse(text, out var value))
        {
            throw CandleDataError.Create(fileName, line, $"column '{column}' is '{Encoding.UTF8.GetString(text)}', not a number");
        }

        if (!double.IsFinite(value) || value < 0)
        {
            throw CandleDataError.Create(fileName, line, $"column '{column}' is '{Encoding.UTF8.GetString(text)}', not a finite non-negative number");
        }

        return value;
    }

    private static long ParseEpoch(ReadOnlySpan<byte> field, string column, string fileName, int line)
    {
        var text = Unquote(field.Trim((byte)' '));
        if (!TryParseDigits(text, out var value) && !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            throw CandleDataError.Create(fileName, line, $"column '{column}' is '{Encoding.UTF8.GetString(text)}', not an epoch time in milliseconds or microseconds");
        }

        return Normalise(value, column, fileName, line);
    }

    // Epoch times are plain digits in every kline file; this loop avoids the general parser's sign and culture handling
    // on two fields of every row. Anything else (signs, more than 18 digits) goes to long.TryParse.
    private static bool TryParseDigits(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 18)
        {
            return false;
        }

        foreach (var b in text)
        {
            var digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    private static long ParseTime(ReadOnlySpan<byte> field, string fileName, int line)
    {
        var text = Unquote(field.Trim((byte)' '));
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var epoch))
        {
            return Normalise(epoch, "time", fileName, line);
        }

        Span<char> chars = stackalloc char[64];
        if (text.Length <= chars.Length && Encoding.UTF8.TryGetChars(text, chars, out var written)
            && DateTimeOffset.TryParse(chars[..written], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time.ToUnixTimeMilliseconds();
        }

        throw CandleDataError.Create(fileName, line,
            $"column 'time' is '{Encoding.UTF8.GetString(text)}', not an ISO-8601 date or date-time, an M/d/yyyy date or an epoch time");
    }

    private static long Normalise(long value, string column, string fileName, int line)
    {
        var magnitude = Math.Abs(value);
        var milliseconds = magnitude < SecondsLimit ? value * 1000
            : magnitude < MillisecondsLimit ? value
            : magnitude < MicrosecondsLimit ? value / 1000
            : value / 1_000_000;
        if (milliseconds is < 0 or > MaxMilliseconds)
        {
            throw CandleDataError.Create(fileName, line, $"column '{column}' is {value}, outside the years 1970 to 9999");
        }

        return milliseconds;
    }

    /// <summary>Lines of UTF-8 text, skipping a byte-order mark and blank lines, with 1-based numbers.</summary>
    private ref struct LineReader
    {
        private ReadOnlySpan<byte> _rest;
        private int _number;

        public LineReader(ReadOnlySpan<byte> content) =>
            _rest = content.StartsWith("\uFEFF"u8) ? content[3..] : content;

        public bool TryRead(out ReadOnlySpan<byte> line, out int number)
        {
            while (!_rest.IsEmpty)
            {
                var end = _rest.IndexOf((byte)'\n');
                line = end < 0 ? _rest : _rest[..end];
                _rest = end < 0 ? default : _rest[(end + 1)..];
                _number++;
                if (!line.IsEmpty && line[^1] == '\r')
                {
                    line = line[..^1];
                }

                if (!line.Trim((byte)' ').IsEmpty)
                {
                    number = _number;
                    return true;
                }
            }

            line = default;
            number = _number;
            return false;
        }
    }
}
