using Hive.Grains.Placement;
using Hive.Trading.Backtesting;
using Hive.Trading.Backtesting.Sweeps;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;
using Orleans;
using Orleans.Runtime;

namespace Hive.Grains.Backtests;

/// <summary>
/// Runs <see cref="Backtester"/> on a <c>data</c> silo with the inputs and options of <c>hive backtest</c>
/// (<see cref="BacktestInputs"/>), so that the same request gives the same report as the command line. Data paths are
/// read on the data silo and kept in memory there (<see cref="DatasetCache"/>) for the next backtest on the same data;
/// callers set <see cref="PlacementAffinity.ForDataset"/> to be placed there. A sweep sends batches of points to many
/// such grains at once (<see cref="SweepRunner"/>); each batch loads its data once and runs its points in turn.
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
        BacktestReport report;
        try
        {
            report = new Backtester(StrategyCatalog.Default, options).Run(candles, configs);
        }
        catch (StrategyConfigurationException ex)
        {
            throw new ArgumentException(ex.Message, ex);
        }

        // One run per activation: the grain goes away; the dataset stays in this silo's cache, reported above.
        DeactivateOnIdle();
        var stopped = report.Runners.Where(r => r.StoppedReason is not null).Select(r => $"{r.RunnerId}: {r.StoppedReason}").ToArray();
        return new BacktestResult(BacktestReportWriter.ToJson(report), silo.Name, report.Bars, stopped);
    }

    public async Task<SweepBatchResult> RunSweepAsync(SweepBatchRequest request, ISweepObserver? observer)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Runner);
        if (request.Points is null || request.Points.Count == 0 || request.Parameters is null || request.Parameters.Count == 0)
        {
            throw new ArgumentException("A sweep batch needs swept parameters and at least one point.");
        }

        if ((request.Data?.Count ?? 0) == 0 && (request.Generate?.Count ?? 0) == 0)
        {
            throw new ArgumentException("A sweep needs data: data paths or generated series (SYMBOL:BARS[:SEED]).");
        }

        var options = BacktestInputs.Options(request.FeeBps, request.SlippageBps, request.KeepOpen);
        var config = request.Runner.ToConfig();
        config.Validate();
        var candles = BacktestInputs.Load(request.Data ?? [], request.Generate ?? [], datasets.Load);
        if (!candles.ContainsKey(config.Symbol))
        {
            throw new ArgumentException(
                $"Runner '{config.RunnerId}' trades {config.Symbol}, but the data gives only {string.Join(", ", candles.Keys.Order(StringComparer.Ordinal))}.");
        }

        await GrainFactory.GetGrain<IDatasetDirectoryGrain>(IDatasetDirectoryGrain.DefaultKey).SetAsync(silo.SiloAddress, datasets.Datasets());
        var evaluator = new SweepEvaluator(new Backtester(StrategyCatalog.Default, options), config, request.Parameters, candles, request.TrainUntil);
        var outcomes = new List<SweepPointOutcome>(request.Points.Count);
        foreach (var point in request.Points)
        {
            var result = evaluator.Run(new SweepPoint(point.Index, point.Values));
            outcomes.Add(new SweepPointOutcome(point.Index, result.InSample, result.OutOfSample, result.InSampleTrades, result.OutOfSampleTrades, result.Error));
            if (observer is not null)
            {
                await observer.PointDoneAsync(point.Index);
            }
        }

        // The batch's activation goes away; the dataset stays in this silo's cache for the next batch.
        DeactivateOnIdle();
        return new SweepBatchResult(outcomes, silo.Name, evaluator.InSampleBars, evaluator.OutOfSampleBars);
    }
}
