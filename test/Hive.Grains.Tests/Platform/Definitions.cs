using Hive.Grains.Runners;
using Hive.Trading.Runners;

namespace Hive.Grains.Tests.Platform;

/// <summary>Runner definitions for the tests.</summary>
internal static class Definitions
{
    public static RunnerDefinition Runner(string id, string symbol, string strategy, string? parameters = null,
        ErrorPolicy policy = ErrorPolicy.Production, string account = "paper", decimal? quantity = 1m)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (parameters is not null)
        {
            foreach (var pair in parameters.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = pair.Split('=');
                values[parts[0]] = parts[1];
            }
        }

        return new RunnerDefinition(id, symbol, strategy, values, account, Quantity: quantity, ErrorPolicy: policy);
    }
}
