using System.Globalization;
using Hive.Api.V1;
using Hive.Trading.Risk;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;
using GrainDefinition = Hive.Grains.Runners.RunnerDefinition;
using GrainHealth = Hive.Grains.Runners.RunnerHealth;
using GrainStatus = Hive.Grains.Runners.RunnerStatus;
using ProtoDefinition = Hive.Api.V1.RunnerDefinition;
using ProtoHealth = Hive.Api.V1.RunnerHealth;
using ProtoLimits = Hive.Api.V1.RiskLimits;
using ProtoState = Hive.Api.V1.RunnerState;
using TradingState = Hive.Trading.Runners.RunnerState;

namespace Hive.Api.Services;

/// <summary>Conversions between the grains' types and the messages of <c>hive.v1</c>.</summary>
internal static class ApiMapping
{
    public static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static Runner ToProto(GrainStatus s, string account) => new()
    {
        Id = s.RunnerId,
        Symbol = s.Symbol,
        Strategy = s.Strategy,
        Account = account,
        State = ToProto(s.State),
        Health = ToProto(s.Health),
        Position = Text(s.PositionQuantity),
        EntryPrice = Text(s.EntryPrice),
        RealizedPnl = Text(s.RealizedPnl),
        UnrealizedPnl = Text(s.UnrealizedPnl),
        Equity = Text(s.Equity),
        Trades = s.Trades,
        OrdersFilled = s.OrdersFilled,
        OrdersDenied = s.OrdersDenied,
        OrdersFenced = s.OrdersFenced,
        BarsProcessed = s.BarsProcessed,
        LastEventTimeMs = s.LastEventTime,
        StartedAtMs = s.StartedAt.ToUnixTimeMilliseconds(),
        Silo = s.Silo,
        DeploymentEpoch = s.Deployment.Epoch,
        DeploymentActivation = s.Deployment.Activation ?? string.Empty,
        StoppedReason = s.StoppedReason ?? string.Empty,
        LastError = s.LastError ?? string.Empty,
    };

    public static ProtoState ToProto(TradingState state) => state switch
    {
        TradingState.Idle => ProtoState.Idle,
        TradingState.Analyzing => ProtoState.Analyzing,
        TradingState.InPosition => ProtoState.InPosition,
        TradingState.Stopped => ProtoState.Stopped,
        _ => ProtoState.Unspecified,
    };

    public static ProtoHealth ToProto(GrainHealth health) => health switch
    {
        GrainHealth.Healthy => ProtoHealth.Healthy,
        GrainHealth.Degraded => ProtoHealth.Degraded,
        GrainHealth.Unhealthy => ProtoHealth.Unhealthy,
        GrainHealth.Paused => ProtoHealth.Paused,
        _ => ProtoHealth.Unspecified,
    };

    public static ProtoLimits ToProto(Hive.Trading.Risk.RiskLimits? limits)
    {
        var result = new ProtoLimits();
        if (limits is null)
        {
            return result;
        }

        result.MaxOrderQuantity = limits.MaxOrderQuantity is { } q ? Text(q) : string.Empty;
        result.MaxOrderNotional = limits.MaxOrderNotional is { } n ? Text(n) : string.Empty;
        result.MaxPosition = limits.MaxPositionQuantity is { } p ? Text(p) : string.Empty;
        result.MaxExposure = limits.MaxExposureNotional is { } e ? Text(e) : string.Empty;
        result.MaxOrdersPerSecond = limits.MaxOrdersPerSecond ?? 0;
        return result;
    }

    /// <summary>
    /// The grains' definition of <paramref name="d"/>; throws <see cref="FormatException"/> naming the runner and the
    /// field that does not parse or validate.
    /// </summary>
    public static GrainDefinition ToDefinition(ProtoDefinition d, string account)
    {
        var where = $"runner '{d.Id}'";
        if (string.IsNullOrWhiteSpace(d.Id) || string.IsNullOrWhiteSpace(d.Symbol) || string.IsNullOrWhiteSpace(d.Strategy))
        {
            throw new FormatException($"runners[]: {where}: id, symbol and strategy are required");
        }

        var config = new RunnerConfig
        {
            RunnerId = d.Id.Trim(),
            Symbol = d.Symbol.Trim().ToUpperInvariant(),
            Strategy = d.Strategy.Trim(),
            Parameters = new StrategyParameters(d.Parameters),
            WindowSize = d.Window == 0 ? RunnerConfig.DefaultWindowSize : d.Window,
            DefaultQuantity = Decimal(d.Quantity, where, "quantity"),
            AllocationFraction = Decimal(d.Allocation, where, "allocation") ?? 1m,
            InitialEquity = Decimal(d.InitialEquity, where, "initial_equity") ?? RunnerConfig.DefaultInitialEquity,
            ErrorPolicy = d.Policy == V1.ErrorPolicy.Development ? Hive.Trading.Runners.ErrorPolicy.Development : Hive.Trading.Runners.ErrorPolicy.Production,
            Risk = d.Risk is null ? Hive.Trading.Risk.RiskLimits.None : new Hive.Trading.Risk.RiskLimits
            {
                MaxOrderQuantity = Decimal(d.Risk.MaxOrderQuantity, where, "risk.max_order_quantity"),
                MaxOrderNotional = Decimal(d.Risk.MaxOrderNotional, where, "risk.max_order_notional"),
                MaxPositionQuantity = Decimal(d.Risk.MaxPosition, where, "risk.max_position"),
                MaxExposureNotional = Decimal(d.Risk.MaxExposure, where, "risk.max_exposure"),
                MaxOrdersPerSecond = d.Risk.MaxOrdersPerSecond == 0 ? null : d.Risk.MaxOrdersPerSecond,
            },
        };

        try
        {
            config.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"runners[]: {ex.Message}", ex);
        }

        return GrainDefinition.FromConfig(config, string.IsNullOrWhiteSpace(d.Account) ? account : d.Account.Trim());
    }

    /// <summary>A decimal field: empty is <c>null</c>; anything else must be a number.</summary>
    public static decimal? Decimal(string text, string where, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{where}: '{field}' must be a decimal number, got '{text}'");
    }
}
