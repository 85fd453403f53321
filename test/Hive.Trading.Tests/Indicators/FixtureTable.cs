using System.Globalization;

namespace Hive.Trading.Tests.Indicators;

/// <summary>
/// A reference CSV read as text, independent of the product's loaders, so an oracle test checks the indicators and
/// not the parser. Empty cells and <c>NaN</c> read as <c>null</c>.
/// </summary>
internal sealed class FixtureTable
{
    private readonly Dictionary<string, int> _columns;
    private readonly List<string[]> _rows = [];

    public FixtureTable(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        _columns = header.Select((name, index) => (name.Trim(), index)).ToDictionary(p => p.Item1, p => p.index, StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            if (line.Length > 0)
            {
                _rows.Add(line.Split(','));
            }
        }

        Name = Path.GetFileName(path);
    }

    public string Name { get; }

    public int Count => _rows.Count;

    public bool Has(string column) => _columns.ContainsKey(column);

    public string Text(int row, string column) => _rows[row][_columns[column]];

    public FixtureCell? Cell(int row, string column)
    {
        var index = _columns.TryGetValue(column, out var i) ? i : throw new KeyNotFoundException($"{Name} has no column '{column}'");
        var text = index < _rows[row].Length ? _rows[row][index].Trim() : string.Empty;
        if (text.Length == 0 || text.Equals("NaN", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

        // A cell printed with d decimals (and no exponent) stands for anything within half a unit of its last digit.
        var point = text.IndexOf('.', StringComparison.Ordinal);
        var exponent = text.IndexOfAny(['e', 'E']) >= 0;
        var rounding = exponent ? 0 : 0.5 * Math.Pow(10, -(point < 0 ? 0 : text.Length - point - 1));
        return new FixtureCell(value, rounding);
    }

    public double Number(int row, string column) =>
        Cell(row, column)?.Value ?? throw new InvalidOperationException($"{Name} row {row + 2}: column '{column}' is empty");
}

/// <summary>A reference value and the rounding its printed precision allows (half a unit of its last digit).</summary>
internal readonly record struct FixtureCell(double Value, double Rounding);
