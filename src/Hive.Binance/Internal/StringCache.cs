using System.Text;

namespace Hive.Binance.Internal;

/// <summary>
/// Maps the UTF-8 bytes of a symbol or an interval to one cached string, so a parsed message does not allocate its
/// symbol. Not thread-safe: each parser owns one.
/// </summary>
internal sealed class StringCache
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly bool _upperCase;

    public StringCache(bool upperCase)
    {
        _upperCase = upperCase;
        _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length <= 64)
        {
            Span<char> chars = stackalloc char[64];
            var ascii = true;
            for (var i = 0; i < utf8.Length; i++)
            {
                var b = utf8[i];
                if (b >= 0x80)
                {
                    ascii = false;
                    break;
                }

                chars[i] = _upperCase && b is >= (byte)'a' and <= (byte)'z' ? (char)(b - 32) : (char)b;
            }

            if (ascii)
            {
                var key = chars[..utf8.Length];
                if (_lookup.TryGetValue(key, out var cached))
                {
                    return cached;
                }

                var created = new string(key);
                _strings[created] = created;
                return created;
            }
        }

        var text = Encoding.UTF8.GetString(utf8);
        return _upperCase ? text.ToUpperInvariant() : text;
    }
}
