using System.Globalization;
using System.Text;
using System.Text.Json;
using Hive.Trading.Market;

namespace Hive.Trading.History;

/// <summary>
/// Parses Binance REST kline JSON: an array of arrays <c>[openTime, "open", "high", "low", "close", "volume",
/// closeTime, …]</c> with prices as strings (numbers are accepted too) and times in epoch milliseconds; fields after
/// the close time are ignored. Reads with <see cref="Utf8JsonReader"/>, no allocation per field.
/// </summary>
internal static class KlineJsonParser
{
    private static readonly string[] FieldNames = ["open time", "open", "high", "low", "close", "volume", "close time"];

    public static ParsedCandles Parse(ReadOnlySpan<byte> content, string fileName, string symbol)
    {
        var reader = new Utf8JsonReader(content, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var sequence = new CandleSequence(content.Count((byte)'\n') / 12 + 1);
        sequence.BeginSource(fileName);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                throw Error(content, reader, fileName, "expected a JSON array of klines");
            }

            var index = 0;
            var lines = new LineCounter();
            Span<double> values = stackalloc double[5];
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                index++;
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw Error(content, reader, fileName, $"kline {index} is not an array");
                }

                var line = lines.LineAt(content, reader.TokenStartIndex);
                long openTime = 0, closeTime = 0;
                var field = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject)
                    {
                        reader.Skip();
                    }
                    else if (field == 0 || field == 6)
                    {
                        var time = Integer(content, ref reader, fileName, index, field);
                        if (field == 0)
                        {
                            openTime = time;
                        }
                        else
                        {
                            closeTime = time;
                        }
                    }
                    else if (field <= 5)
                    {
                        values[field - 1] = Number(content, ref reader, fileName, index, field);
                    }

                    field++;
                }

                if (field < 7)
                {
                    throw CandleDataError.Create(fileName, line, $"kline {index} has {field} fields, expected at least 7 (open time, open, high, low, close, volume, close time)");
                }

                if (values[1] < values[2])
                {
                    throw CandleDataError.Create(fileName, line, $"kline {index}: high {values[1].ToString(CultureInfo.InvariantCulture)} is below low {values[2].ToString(CultureInfo.InvariantCulture)}");
                }

                sequence.Add(new Candle(symbol, openTime, closeTime, values[0], values[1], values[2], values[3], values[4]), fileName, line);
            }
        }
        catch (JsonException ex)
        {
            throw CandleDataError.Create(fileName, (int)(ex.LineNumber ?? 0) + 1, $"not valid JSON ({ex.Message})", ex);
        }

        if (sequence.Count == 0)
        {
            throw CandleDataError.Create(fileName, 0, "the file holds no klines");
        }

        return sequence.ToParsed(fileName);
    }

    private static long Integer(ReadOnlySpan<byte> content, ref Utf8JsonReader reader, string fileName, int index, int field)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) && value >= 0)
        {
            return value >= 100_000_000_000_000 ? value / 1000 : value;
        }

        throw Error(content, reader, fileName, $"kline {index} field '{FieldNames[field]}' is {Text(reader)}, not an epoch time in milliseconds");
    }

    private static double Number(ReadOnlySpan<byte> content, ref Utf8JsonReader reader, string fileName, int index, int field)
    {
        double value;
        var ok = reader.TokenType switch
        {
            JsonTokenType.String when !reader.HasValueSequence && !reader.ValueIsEscaped =>
                Utf8Number.TryParse(reader.ValueSpan, out value),
            JsonTokenType.String => double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value),
            JsonTokenType.Number => reader.TryGetDouble(out value),
            _ => (value = 0) != 0,
        };
        if (!ok || !double.IsFinite(value) || value < 0)
        {
            throw Error(content, reader, fileName, $"kline {index} field '{FieldNames[field]}' is {Text(reader)}, not a finite non-negative number");
        }

        return value;
    }

    private static string Text(in Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => $"'{Encoding.UTF8.GetString(reader.ValueSpan)}'",
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
        _ => reader.TokenType.ToString().ToLowerInvariant(),
    };

    private static InvalidDataException Error(ReadOnlySpan<byte> content, in Utf8JsonReader reader, string fileName, string problem) =>
        CandleDataError.Create(fileName, LineOf(content, reader.TokenStartIndex), problem);

    private static int LineOf(ReadOnlySpan<byte> content, long offset) =>
        content[..(int)Math.Min(offset, content.Length)].Count((byte)'\n') + 1;

    /// <summary>Line numbers of increasing offsets, counting each newline once (a count from the start per kline would be quadratic).</summary>
    private struct LineCounter
    {
        private int _offset;
        private int _line;

        public int LineAt(ReadOnlySpan<byte> content, long offset)
        {
            var end = (int)Math.Min(offset, content.Length);
            if (_line == 0)
            {
                _line = 1;
            }

            _line += content[_offset..end].Count((byte)'\n');
            _offset = end;
            return _line;
        }
    }
}
