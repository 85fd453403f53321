using System.Globalization;

namespace Hive.Trading.History;

/// <summary>
/// Parses the plain decimals of market data (<c>1.2060</c>, <c>95149</c>) from UTF-8 quickly, falling back to
/// <see cref="double.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider, out double)"/> for anything else
/// (signs, exponents, long mantissas). The fast path is exact: when the digits form an integer m ≤ 2^53 and there are
/// at most 22 decimals, both m and 10^k are exact doubles and IEEE division rounds m / 10^k correctly, so the result
/// is the double nearest the decimal, the same as the full parser's.
/// </summary>
internal static class Utf8Number
{
    private const ulong MaxExactMantissa = 1UL << 53;

    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    public static bool TryParse(ReadOnlySpan<byte> text, out double value)
    {
        ulong mantissa = 0;
        var digits = 0;
        var decimals = -1;
        foreach (var b in text)
        {
            var digit = (uint)(b - '0');
            if (digit <= 9)
            {
                if (mantissa > (MaxExactMantissa - 9) / 10)
                {
                    return Fallback(text, out value);
                }

                mantissa = (mantissa * 10) + digit;
                digits++;
                if (decimals >= 0)
                {
                    decimals++;
                }
            }
            else if (b == '.' && decimals < 0)
            {
                decimals = 0;
            }
            else
            {
                return Fallback(text, out value);
            }
        }

        if (digits == 0 || decimals >= PowersOfTen.Length)
        {
            return Fallback(text, out value);
        }

        value = decimals <= 0 ? mantissa : mantissa / PowersOfTen[decimals];
        return true;
    }

    private static bool Fallback(ReadOnlySpan<byte> text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
