using Hive.Trading.Risk;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;
using Orleans;

namespace Hive.Grains.Runners;

/// <summary>
/// A runner's configuration as it crosses grain calls and is persisted: the serializable twin of
/// <see cref="RunnerConfig"/>, plus the broker account whose gateway the runner trades through.
/// </summary>
/// <param name="RunnerId">Unique runner ID (<c>btc_ema_prod</c>).</param>
/// <param name="Symbol">Exchange symbol; the runner subscribes to the stream <c>market/SYMBOL</c>.</param>
/// <param name="Strategy">A compiled strategy name (<c>ema-cross</c>) or a path to a <c>.lua</c> script.</param>
/// <param name="Parameters">Strategy parameters.</param>
/// <param name="Account">Broker account, the key of the <c>GatewayGrain</c> that receives the runner's orders.</param>
/// <param name="WindowSize">Bars kept for indicators.</param>
/// <param name="Quantity">Units per entry; <c>null</c> sizes entries to equity × <paramref name="Allocation"/>.</param>
/// <param name="Allocation">Fraction of equity per entry when no quantity is set.</param>
/// <param name="InitialEquity">Starting equity of the runner's virtual account.</param>
/// <param name="Risk">Per-runner pre-trade limits; <c>null</c> for none.</param>
/// <param name="ErrorPolicy">Production stops the runner on a strategy error; development logs and skips the update.</param>
[GenerateSerializer]
[Alias("hive.runner-definition")]
public sealed record RunnerDefinition(
    string RunnerId,
    string Symbol,
    string Strategy,
    IReadOnlyDictionary<string, string> Parameters,
    string Account = RunnerDefinition.DefaultAccount,
    int WindowSize = RunnerConfig.DefaultWindowSize,
    decimal? Quantity = null,
    decimal Allocation = 1m,
    decimal InitialEquity = RunnerConfig.DefaultInitialEquity,
    RiskLimits? Risk = null,
    ErrorPolicy ErrorPolicy = ErrorPolicy.Production)
{
    /// <summary>The account runners trade through unless configured otherwise.</summary>
    public const string DefaultAccount = "paper";

    /// <summary>The trading core's configuration for this runner.</summary>
    public RunnerConfig ToConfig() => new()
    {
        RunnerId = RunnerId,
        Symbol = Symbol,
        Strategy = Strategy,
        Parameters = new StrategyParameters(Parameters),
        WindowSize = WindowSize,
        DefaultQuantity = Quantity,
        AllocationFraction = Allocation,
        InitialEquity = InitialEquity,
        Risk = Risk ?? RiskLimits.None,
        ErrorPolicy = ErrorPolicy,
    };

    /// <summary>The definition of a runner configured with <paramref name="config"/>, trading through <paramref name="account"/>.</summary>
    public static RunnerDefinition FromConfig(RunnerConfig config, string account = DefaultAccount)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new RunnerDefinition(
            config.RunnerId, config.Symbol, config.Strategy,
            new Dictionary<string, string>(config.Parameters.Values, StringComparer.OrdinalIgnoreCase),
            account, config.WindowSize, config.DefaultQuantity, config.AllocationFraction, config.InitialEquity,
            config.Risk.IsEmpty ? null : config.Risk, config.ErrorPolicy);
    }
}
