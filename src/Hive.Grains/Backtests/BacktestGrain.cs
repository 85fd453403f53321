using Hive.Grains.Placement;
using Hive.Trading.Backtesting;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Runtime;

namespace Hive.Grains.Backtests;

/// <summary>
/// Runs <see cref="Backtester"/> on a <c>data</c> silo with the inputs and options of <c>hive backtest</c>
/// (<see cref="BacktestInputs"/>), so that the same request gives the same report as the command line. Data paths are
/// read on the data silo and kept in memory there (<see cref="DatasetCache"/>) for the next backtest on the same data;
/// callers set <see cref="PlacementAffinity.ForDataset"/> to be placed there.
/// </summary>
[DataPlacement]
internal sealed class BacktestGrain(ILocalSiloDetails silo, DatasetCache datasets) : Grain, IBacktestGrain
{
    public async Task<BacktestResult> RunAsync(BacktestRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Runners is null || request.Runners.Count == 0)
        {
            throw new ArgumentException("A backtest needs at least one runner.");
        }

        var options = BacktestInputs.Options(request.FeeBps, request.SlippageBps, request.KeepOpen);
        var configs = new List<RunnerConfig>(request.Runners.Count);
        foreach (var definition in request.Runners)
        {
            var config = definition.ToConfig();
            try
            {
                config.Validate();
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException(ex.Message, ex);
            }

            configs.Add(config);
        }

        if ((request.Data?.Count ?? 0) == 0 && (request.Generate?.Count ?? 0) == 0)
        {
            throw new ArgumentException("A backtest needs data: data paths or generated series (SYMBOL:BARS[:SEED]).");
        }

        var candles = BacktestInputs.Load(request.Data ?? [], request.Generate ?? [], datasets.Load);
        await GrainFactory.GetGrain<IDatasetDirectoryGrain>(IDatasetDirectoryGrain.DefaultKey).SetAsync(silo.SiloAddress, datasets.Datasets());
        // A silo that is draining (SIGTERM) stops the replay at once and says so, rather than keep the drain waiting
        // until it gives up on the activation and the caller never hears back: the backtest fails and can run again on
        // another data silo; it is never reported complete with part of its data.
        var stopping = ServiceProvider.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        BacktestReport report;
        try
        {
            report = new Backtester(StrategyCatalog.Default, options).Run(candles, configs, cancellationToken: stopping);
        }
        catch (StrategyConfigurationException ex)
        {
            throw new ArgumentException(ex.Message, ex);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            DeactivateOnIdle();
            throw new InvalidOperationException($"Backtest interrupted: data silo {silo.Name} is shutting down; run it again (another data silo takes it).");
        }

        // One run per activation: the grain goes away; the dataset stays in this silo's cache, reported above.
        DeactivateOnIdle();
        var stopped = report.Runners.Where(r => r.StoppedReason is not null).Select(r => $"{r.RunnerId}: {r.StoppedReason}").ToArray();
        return new BacktestResult(BacktestReportWriter.ToJson(report), silo.Name, report.Bars, stopped);
    }
}
