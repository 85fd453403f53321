using Grpc.Core;
using Hive.Api.V1;
using Hive.Grains.Backtests;
using Hive.Grains.Feeds;
using Hive.Grains.Gateway;
using Hive.Grains.Placement;
using Hive.Grains.Runners;
using Hive.Trading.Backtesting;
using Hive.Trading.Runners;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;
using GrainDefinition = Hive.Grains.Runners.RunnerDefinition;
using GrainGatewayStatus = Hive.Grains.Gateway.GatewayStatus;
using GrainResult = Hive.Grains.Backtests.BacktestResult;
using ProtoGatewayStatus = Hive.Api.V1.GatewayStatus;
using ProtoKillSwitch = Hive.Api.V1.KillSwitchLevel;
using ProtoProgress = Hive.Api.V1.BacktestProgress;
using ProtoResult = Hive.Api.V1.BacktestResult;
using TradingKillSwitch = Hive.Trading.Risk.KillSwitchLevel;

namespace Hive.Api.Services;

/// <summary>
/// The grain queries and actions behind <c>hive.v1</c>, in one place for every front end: the gRPC services and the
/// dashboard's JSON both call these, so both show the same cluster, runners, feeds, gateway and backtests. Bad input
/// is an <see cref="RpcException"/> with <see cref="StatusCode.InvalidArgument"/> or <see cref="StatusCode.NotFound"/>.
/// </summary>
internal sealed class HiveQueries(IGrainFactory grains, IServiceProvider services, TimeProvider time)
{
    private readonly ISiloMetadataCache? _metadata = services.GetService<ISiloMetadataCache>();

    private IRunnerRegistryGrain Registry => grains.GetGrain<IRunnerRegistryGrain>(IRunnerRegistryGrain.DefaultKey);

    /// <summary>The silos (membership, activation counts, CPU and memory, role and tags) and where the runners are.</summary>
    public async Task<ClusterStatus> ClusterStatusAsync(bool includeInactive)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: !includeInactive).ConfigureAwait(false);
        var active = hosts.Where(static h => h.Status == SiloStatus.Active).Select(static h => h.SiloAddress).ToArray();
        var statistics = active.Length == 0 ? [] : await management.GetRuntimeStatistics(active).ConfigureAwait(false);
        var bySilo = new Dictionary<SiloAddress, SiloRuntimeStatistics>();
        for (var i = 0; i < active.Length && i < statistics.Length; i++)
        {
            bySilo[active[i]] = statistics[i];
        }

        var runners = await Registry.HealthCheckAsync().ConfigureAwait(false);
        var result = new ClusterStatus { RunnerCount = runners.Count };
        foreach (var host in hosts.OrderBy(static h => h.SiloName, StringComparer.Ordinal))
        {
            var silo = new V1.Silo
            {
                Name = host.SiloName ?? string.Empty,
                Address = host.SiloAddress.ToParsableString(),
                Status = host.Status.ToString(),
                CpuPercent = -1,
            };

            if (_metadata?.GetSiloMetadata(host.SiloAddress).Metadata is { } metadata)
            {
                foreach (var (key, value) in metadata)
                {
                    if (key == SiloRoles.RoleKey)
                    {
                        silo.Role = value;
                    }
                    else
                    {
                        silo.Tags[key] = value;
                    }
                }
            }

            if (bySilo.TryGetValue(host.SiloAddress, out var stats))
            {
                silo.Activations = stats.ActivationCount;
                silo.CpuPercent = stats.EnvironmentStatistics.FilteredCpuUsagePercentage;
                silo.MemoryBytes = stats.EnvironmentStatistics.FilteredMemoryUsageBytes;
                silo.AvailableMemoryBytes = stats.EnvironmentStatistics.FilteredAvailableMemoryBytes;
            }

            silo.Runners.AddRange(runners.Where(r => r.Silo == silo.Name).Select(static r => r.RunnerId).Order(StringComparer.Ordinal));
            result.Silos.Add(silo);
        }

        return result;
    }

    /// <summary>Every runner of the registry, ordered by ID.</summary>
    public async Task<IReadOnlyList<Runner>> RunnersAsync()
    {
        var definitions = (await Registry.GetDefinitionsAsync().ConfigureAwait(false)).ToDictionary(d => d.RunnerId, StringComparer.Ordinal);
        var statuses = await Registry.HealthCheckAsync().ConfigureAwait(false);
        return [.. statuses.OrderBy(s => s.RunnerId, StringComparer.Ordinal)
            .Select(s => ApiMapping.ToProto(s, definitions.TryGetValue(s.RunnerId, out var d) ? d.Account : string.Empty))];
    }

    /// <summary>One runner; an unknown ID fails with the registry's error.</summary>
    public async Task<Runner> RunnerAsync(string requestId)
    {
        var id = RequireRunnerId(requestId);
        var status = await Registry.GetRunnerAsync(id).ConfigureAwait(false);
        return ApiMapping.ToProto(status, await AccountOfAsync(id).ConfigureAwait(false));
    }

    /// <summary>An operator's action on a runner through the registry, then the runner as it is after it.</summary>
    public async Task<Runner> ActAsync(string requestId, RunnerAction action)
    {
        var id = RequireRunnerId(requestId);
        await (action switch
        {
            RunnerAction.Pause => Registry.PauseRunnerAsync(id),
            RunnerAction.Resume => Registry.ResumeRunnerAsync(id),
            RunnerAction.Restart => Registry.RestartRunnerAsync(id),
            RunnerAction.Reload => Registry.ReloadRunnerAsync(id),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "not a runner action"),
        }).ConfigureAwait(false);
        var status = await Registry.GetRunnerAsync(id).ConfigureAwait(false);
        return ApiMapping.ToProto(status, await AccountOfAsync(id).ConfigureAwait(false));
    }

    /// <summary>Removes a runner from the registry (it stops, unsubscribes and loses its deployment).</summary>
    public async Task<string> RemoveRunnerAsync(string requestId)
    {
        var id = RequireRunnerId(requestId);
        await Registry.RemoveRunnerAsync(id).ConfigureAwait(false);
        return id;
    }

    /// <summary>The feeds of the symbols the registry's runners trade, with events per second since <paramref name="rates"/>' previous reading.</summary>
    public async Task<IReadOnlyList<Feed>> FeedsAsync(FeedRates rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        var definitions = await Registry.GetDefinitionsAsync().ConfigureAwait(false);
        var feeds = new List<Feed>();
        foreach (var group in definitions.GroupBy(static d => d.Symbol, StringComparer.Ordinal).OrderBy(static g => g.Key, StringComparer.Ordinal))
        {
            FeedStatus status;
            using (PlacementAffinity.ForSymbol(group.Key))
            {
                status = await grains.GetGrain<IMarketFeedGrain>(group.Key).GetStatusAsync().ConfigureAwait(false);
            }

            feeds.Add(new Feed
            {
                Symbol = status.Symbol,
                Source = status.Source.ToString(),
                Running = status.Running,
                EventsPublished = status.EventsPublished,
                LastEventTimeMs = status.LastEventTime,
                EventsPerSecond = rates.Rate(status.Symbol, status.EventsPublished),
                Silo = status.Silo,
                Error = status.Error ?? string.Empty,
                Runners = group.Count(),
            });
        }

        return feeds;
    }

    /// <summary>The gateway of <paramref name="account"/> (the default account when empty).</summary>
    public async Task<ProtoGatewayStatus> GatewayAsync(string account) =>
        ToProto(await grains.GetGrain<IGatewayGrain>(Account(account)).GetStatusAsync().ConfigureAwait(false));

    /// <summary>Sets the kill switch of <paramref name="account"/>; engaging it needs a reason (the ledger records it).</summary>
    public async Task<ProtoGatewayStatus> SetKillSwitchAsync(string account, ProtoKillSwitch requested, string reason)
    {
        var level = requested switch
        {
            ProtoKillSwitch.Off => TradingKillSwitch.Off,
            ProtoKillSwitch.Reducing => TradingKillSwitch.Reducing,
            ProtoKillSwitch.Halted => TradingKillSwitch.Halted,
            _ => throw new RpcException(new Status(StatusCode.InvalidArgument, "level: give OFF, REDUCING or HALTED")),
        };
        if (level != TradingKillSwitch.Off && string.IsNullOrWhiteSpace(reason))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "reason: say why the kill switch is engaged (it is recorded in the ledger and quoted in denials)"));
        }

        var gateway = grains.GetGrain<IGatewayGrain>(Account(account));
        await gateway.SetKillSwitchAsync(level, string.IsNullOrWhiteSpace(reason) ? "off" : reason.Trim()).ConfigureAwait(false);
        return ToProto(await gateway.GetStatusAsync().ConfigureAwait(false));
    }

    /// <summary>
    /// The runners of a backtest request (runners_yaml, then specs, then structured runners), each checked; an empty
    /// list, a duplicate ID or a bad equity is INVALID_ARGUMENT naming it. Sweeps take their runner the same way.
    /// </summary>
    internal static List<GrainDefinition> BacktestRunners(SubmitBacktestRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var initialEquity = ApiMapping.Decimal(request.InitialEquity, "backtest", "initial_equity") ?? RunnerConfig.DefaultInitialEquity;
        if (initialEquity <= 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"initial_equity must be positive, got {request.InitialEquity}"));
        }

        var runners = new List<GrainDefinition>();
        if (!string.IsNullOrWhiteSpace(request.RunnersYaml))
        {
            var source = string.IsNullOrWhiteSpace(request.SourceName) ? "runners.yaml" : request.SourceName;
            var baseDirectory = string.IsNullOrWhiteSpace(request.BaseDirectory) ? null : request.BaseDirectory;
            runners.AddRange(RunnersYaml.Parse(request.RunnersYaml, source, baseDirectory, initialEquity).Select(static c => GrainDefinition.FromConfig(c)));
        }

        runners.AddRange(request.Specs.Select(spec => GrainDefinition.FromConfig(RunnerSpecs.Parse(spec, initialEquity))));
        runners.AddRange(request.Runners.Select(static r => ApiMapping.ToDefinition(r, GrainDefinition.DefaultAccount)));
        if (runners.Count == 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "no runners: give specs, runners_yaml or runners"));
        }

        var duplicate = runners.GroupBy(static r => r.RunnerId, StringComparer.Ordinal).FirstOrDefault(static g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"duplicate runner ID '{duplicate.Key}': every runner needs its own ID"));
        }

        return runners;
    }

    /// <summary>Checks and submits a backtest to a data silo; returns its new ID.</summary>
    public async Task<string> SubmitBacktestAsync(SubmitBacktestRequest request)
    {
        var runners = BacktestRunners(request);
        var backtest = new Hive.Grains.Backtests.BacktestRequest(
            [.. request.Data], [.. request.Generate], runners,
            ApiMapping.Decimal(request.FeeBps, "backtest", "fee_bps") ?? 10m,
            ApiMapping.Decimal(request.SlippageBps, "backtest", "slippage_bps") ?? 0m,
            request.KeepOpen);
        var id = $"bt-{time.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..8]}";

        // On the data silo that holds the first data set in memory already, when one does.
        using var affinity = request.Data.Count > 0 ? PlacementAffinity.ForDataset(PlacementAffinity.DataDataset(request.Data[0])) : (PlacementAffinityScope?)null;
        await grains.GetGrain<IBacktestGrain>(id).SubmitAsync(backtest).ConfigureAwait(false);
        return id;
    }

    /// <summary>A backtest's progress; an unknown ID is <see cref="StatusCode.NotFound"/>.</summary>
    public async Task<ProtoProgress> BacktestProgressAsync(string id) =>
        ToProto(id, await Backtest(id).GetProgressAsync().ConfigureAwait(false));

    /// <summary>A finished backtest's result with its report; a backtest that failed on its input is <see cref="StatusCode.InvalidArgument"/>.</summary>
    public async Task<ProtoResult> BacktestResultAsync(string id)
    {
        var grain = Backtest(id);
        var progress = await grain.GetProgressAsync().ConfigureAwait(false);
        RequireKnown(id, progress);
        if (progress.State == BacktestJobState.Failed && progress.ErrorIsInput)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"backtest '{id}' failed: {progress.Error}"));
        }

        return ToProto(id, await grain.GetResultAsync().ConfigureAwait(false));
    }

    /// <summary>Cancels a backtest and returns its progress after it.</summary>
    public async Task<ProtoProgress> CancelBacktestAsync(string id)
    {
        var grain = Backtest(id);
        RequireKnown(id, await grain.GetProgressAsync().ConfigureAwait(false));
        await grain.CancelAsync().ConfigureAwait(false);
        return ToProto(id, await grain.GetProgressAsync().ConfigureAwait(false));
    }

    /// <summary>The account the registry's definition of runner <paramref name="id"/> trades for.</summary>
    public async Task<string> AccountOfAsync(string id) =>
        (await Registry.GetDefinitionsAsync().ConfigureAwait(false)).FirstOrDefault(d => d.RunnerId == id)?.Account ?? string.Empty;

    public static string RequireRunnerId(string id) =>
        string.IsNullOrWhiteSpace(id) ? throw new RpcException(new Status(StatusCode.InvalidArgument, "id: a runner ID is required")) : id.Trim();

    private IBacktestGrain Backtest(string id) =>
        string.IsNullOrWhiteSpace(id)
            ? throw new RpcException(new Status(StatusCode.InvalidArgument, "id: a backtest ID is required"))
            : grains.GetGrain<IBacktestGrain>(id.Trim());

    private static string Account(string account) =>
        string.IsNullOrWhiteSpace(account) ? GrainDefinition.DefaultAccount : account.Trim();

    private static void RequireKnown(string id, BacktestJobProgress progress)
    {
        if (progress.State == BacktestJobState.Unknown)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"backtest '{id}' does not exist"));
        }
    }

    private static ProtoGatewayStatus ToProto(GrainGatewayStatus s)
    {
        var result = new ProtoGatewayStatus
        {
            Account = s.Account,
            GatewayEpoch = s.GatewayEpoch,
            Authoritative = s.Authoritative,
            KillSwitch = s.KillSwitch switch
            {
                TradingKillSwitch.Reducing => ProtoKillSwitch.Reducing,
                TradingKillSwitch.Halted => ProtoKillSwitch.Halted,
                _ => ProtoKillSwitch.Off,
            },
            KillSwitchReason = s.KillSwitchReason ?? string.Empty,
            OrdersFilled = s.OrdersFilled,
            OrdersFenced = s.OrdersFenced,
            OrdersDenied = s.OrdersDenied,
            OrdersRejected = s.OrdersRejected,
            DuplicatesAbsorbed = s.DuplicatesAbsorbed,
            AccountLimits = ApiMapping.ToProto(s.AccountLimits),
        };
        result.Deployments.AddRange(s.Deployments.Select(static d => new Deployment { RunnerId = d.RunnerId, Epoch = d.Epoch, Activation = d.Activation ?? string.Empty }));
        result.RecentFenced.AddRange(s.RecentFenced);
        return result;
    }

    private static ProtoProgress ToProto(string id, BacktestJobProgress p)
    {
        RequireKnown(id, p);
        return new ProtoProgress
        {
            Id = id,
            State = p.State switch
            {
                BacktestJobState.Running => BacktestState.Running,
                BacktestJobState.Completed => BacktestState.Completed,
                BacktestJobState.Failed => BacktestState.Failed,
                BacktestJobState.Cancelled => BacktestState.Cancelled,
                _ => BacktestState.Unspecified,
            },
            BarsProcessed = p.BarsProcessed,
            TotalBars = p.TotalBars,
            Silo = p.Silo,
            Error = p.Error ?? string.Empty,
        };
    }

    private static ProtoResult ToProto(string id, GrainResult result)
    {
        var report = BacktestReportWriter.ParseJson(result.ReportJson, $"backtest '{id}'");
        var proto = new ProtoResult { Id = id, Silo = result.Silo, Bars = result.Bars, ReportJson = result.ReportJson };
        foreach (var runner in report.Runners)
        {
            proto.Runners.Add(new BacktestRunnerResult
            {
                Id = runner.RunnerId,
                Symbol = runner.Symbol,
                TotalReturn = runner.Metrics.TotalReturn,
                Sharpe = runner.Metrics.Sharpe,
                MaxDrawdown = runner.Metrics.MaxDrawdown,
                Trades = runner.Metrics.TradeCount,
                WinRate = runner.Metrics.WinRate,
                FinalEquity = ApiMapping.Text(runner.Metrics.FinalEquity),
                StoppedReason = runner.StoppedReason ?? string.Empty,
            });
        }

        return proto;
    }
}
