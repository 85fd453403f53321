using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Hive.Binance.Internal;

/// <summary>
/// Reads Binance's numbers, which come as JSON strings (<c>"0.0010"</c>) or numbers, straight from the UTF-8 bytes
/// without allocating a string.
/// </summary>
internal static class JsonRead
{
    public static double Double(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.GetDouble();
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected a number or a numeric string, got {reader.TokenType}");
        }

        var span = reader.HasValueSequence || reader.ValueIsEscaped ? Unescaped(ref reader) : reader.ValueSpan;
        if (!double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new JsonException($"'{Encoding.UTF8.GetString(span)}' is not a number");
        }

        return value;
    }

    public static decimal Decimal(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.GetDecimal();
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected a number or a numeric string, got {reader.TokenType}");
        }

        var span = reader.HasValueSequence || reader.ValueIsEscaped ? Unescaped(ref reader) : reader.ValueSpan;
        if (!decimal.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new JsonException($"'{Encoding.UTF8.GetString(span)}' is not a number");
        }

        return value;
    }

    public static long Int64(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.GetInt64();
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected an integer, got {reader.TokenType}");
        }

        var span = reader.HasValueSequence || reader.ValueIsEscaped ? Unescaped(ref reader) : reader.ValueSpan;
        if (!Utf8Parser.TryParse(span, out long value, out var consumed) || consumed != span.Length)
        {
            throw new JsonException($"'{Encoding.UTF8.GetString(span)}' is not an integer");
        }

        return value;
    }

    /// <summary>Reads a string value (allocates), naming <paramref name="field"/> when the token is not a string.</summary>
    public static string String(ref Utf8JsonReader reader, string field) => reader.TokenType == JsonTokenType.String
        ? reader.GetString()!
        : throw new JsonException($"'{field}' must be a string, got {reader.TokenType}");

    public static bool Boolean(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw new JsonException($"expected true or false, got {reader.TokenType}"),
    };

    /// <summary>The single-byte name of a property (Binance event fields are one letter), or 0 for longer names.</summary>
    public static byte ShortName(ref Utf8JsonReader reader)
    {
        var span = reader.ValueSpan;
        return span.Length == 1 && !reader.ValueIsEscaped ? span[0] : (byte)0;
    }

    /// <summary>Moves to the value of the current property.</summary>
    public static void Value(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("truncated message");
        }
    }

    private static byte[] Unescaped(ref Utf8JsonReader reader) => Encoding.UTF8.GetBytes(reader.GetString() ?? string.Empty);
}
