using System.Globalization;
using Hive.Testing;

namespace Hive.Tests.Commands;

/// <summary>
/// <c>hive indicators</c> against the LEAN fixtures: it reproduces SMA14, EMA14, <c>RSI 14 Wilder</c> and
/// <c>MACD 12 26</c> of spy_with_indicators.txt and the 20/2 bands of spy_bollinger_bands.txt, comparing where the
/// reference cell is non-empty and our cell is not blank, within LEAN's tolerances widened by the cell's printed
/// rounding (a cell printed as 13657.04 promises only ±0.005).
/// </summary>
public sealed class IndicatorsCommandOracleTests
{
    // The reference's MACD 12 26 column scatters by up to ±1.9e-4 around the exact definition (see the note in
    // Hive.Trading.Tests' LeanOracleTests), so it is compared within 2.5e-4 rather than 1e-4.
    private const double SpyWithIndicatorsMacdTolerance = 2.5e-4;

    [SharedDataFact]
    public void Invoke_SpyWithIndicators_ReproducesLeanColumns()
    {
        var input = SharedData.PathOf("indicators", "lean", "spy_with_indicators.txt");

        var output = IndicatorsCommandTests.Invoke("--input", input, "--indicator", "sma:14", "--indicator", "ema:14", "--indicator", "rsi:14", "--indicator", "macd:12,26,9");

        var compared = Compare(input, output, [
            ("SMA14", "sma_14", 1e-2, 1),
            ("EMA14", "ema_14", 1e-3, 1),
            ("RSI 14 Wilder", "rsi_14", 1e-3, 1),
            ("MACD 12 26", "macd_12_26_9", SpyWithIndicatorsMacdTolerance, 1),
        ]);
        Assert.True(compared > 1_900, $"only {compared} cells compared");
    }

    [SharedDataFact]
    public void Invoke_SpyBollingerBands_ReproducesLeanBands()
    {
        var input = SharedData.PathOf("indicators", "lean", "spy_bollinger_bands.txt");

        var output = IndicatorsCommandTests.Invoke("--input", input, "--indicator", "bb:20,2");

        // LEAN's BandWidth is ×100, ours a fraction
        var compared = Compare(input, output, [
            ("Moving Average 20", "bb_middle_20_2", 1e-3, 1),
            ("Bollinger Bands® 20 2 Top", "bb_upper_20_2", 1e-3, 1),
            ("Bollinger Bands® 20 2 Bottom", "bb_lower_20_2", 1e-3, 1),
            ("BandWidth", "bb_width_20_2", 1e-3, 100),
            ("%B", "bb_pctb_20_2", 1e-3, 1),
        ]);
        Assert.True(compared > 2_000, $"only {compared} cells compared");
    }

    private static int Compare(string referencePath, string[] output, (string Reference, string Ours, double Tolerance, double Scale)[] columns)
    {
        var reference = File.ReadAllLines(referencePath).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        var ours = output.Select(l => l.Split(',')).ToArray();
        Assert.Equal(reference.Length, ours.Length);
        var mismatches = new List<string>();
        var compared = 0;
        foreach (var (referenceName, ourName, tolerance, scale) in columns)
        {
            var r = Array.IndexOf(reference[0], referenceName);
            var o = Array.IndexOf(ours[0], ourName);
            Assert.True(r >= 0 && o >= 0, $"column {referenceName} or {ourName} missing");
            for (var row = 1; row < reference.Length; row++)
            {
                var expectedText = reference[row][r];
                var actualText = ours[row][o];
                if (expectedText.Length == 0 || actualText.Length == 0)
                {
                    continue;
                }

                var expected = double.Parse(expectedText, CultureInfo.InvariantCulture);
                var actual = double.Parse(actualText, CultureInfo.InvariantCulture) * scale;
                var point = expectedText.IndexOf('.', StringComparison.Ordinal);
                var rounding = expectedText.Contains('E', StringComparison.OrdinalIgnoreCase) ? 0 : 0.5 * Math.Pow(10, -(point < 0 ? 0 : expectedText.Length - point - 1));
                compared++;
                if (Math.Abs(expected - actual) > tolerance + rounding)
                {
                    mismatches.Add($"{ourName} row {row}: expected {expected}, got {actual}");
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches.Take(20)));
        return compared;
    }
}
