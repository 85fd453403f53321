namespace Hive.Grains.Ledger;

/// <summary>Reads a stream as lines of bytes split on <c>\n</c>, telling whether each line was terminated and where it ends.</summary>
internal sealed class BinaryLineReader(Stream stream) : IDisposable
{
    private readonly MemoryStream _line = new();
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _count;
    private int _offset;
    private long _position;
    private bool _eof;

    /// <summary>Whether nothing is left after the last line returned.</summary>
    public bool AtEnd
    {
        get
        {
            Fill();
            return _offset >= _count && _eof;
        }
    }

    /// <summary>Reads the next line (without its newline); <paramref name="end"/> is the stream offset after it.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line, out bool terminated, out long end)
    {
        _line.SetLength(0);
        while (true)
        {
            Fill();
            if (_offset >= _count)
            {
                terminated = false;
                end = _position;
                line = _line.GetBuffer().AsSpan(0, (int)_line.Length);
                return _line.Length > 0;
            }

            var span = _buffer.AsSpan(_offset, _count - _offset);
            var newline = span.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _line.Write(span[..newline]);
                _offset += newline + 1;
                _position += newline + 1;
                terminated = true;
                end = _position;
                line = _line.GetBuffer().AsSpan(0, (int)_line.Length);
                return true;
            }

            _line.Write(span);
            _position += span.Length;
            _offset = _count;
        }
    }

    public void Dispose() => _line.Dispose();

    private void Fill()
    {
        if (_offset < _count || _eof)
        {
            return;
        }

        _count = stream.Read(_buffer, 0, _buffer.Length);
        _offset = 0;
        _eof = _count == 0;
    }
}
