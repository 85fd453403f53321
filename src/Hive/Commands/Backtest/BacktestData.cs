using Hive.Trading.Backtesting;
using Hive.Trading.Market;

namespace Hive.Commands.Backtest;

/// <summary>Loads <c>--data</c> and <c>--generate</c> through <see cref="BacktestInputs"/> (shared with the backtest grain); errors become <see cref="CliException"/>.</summary>
internal static class BacktestData
{
    public const string GenerateFormat = BacktestInputs.GenerateFormat;

    public static Dictionary<string, IReadOnlyList<Candle>> Load(IReadOnlyList<string> data, IReadOnlyList<string> generate, Action<string>? warn = null)
    {
        try
        {
            return BacktestInputs.Load(data, generate, warn: warn);
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ex.Message);
        }
    }
}
