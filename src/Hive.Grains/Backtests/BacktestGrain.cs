using Hive.Grains.Placement;
using Hive.Grains.Runners;
using Hive.Trading.Backtesting;
using Hive.Trading.Backtesting.Sweeps;
using Hive.Trading.Market;
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
/// callers set <see cref="PlacementAffinity.ForDataset"/> to be placed there. A sweep sends batches of points to many
/// such grains at once (<see cref="SweepRunner"/>); each batch loads its data once and runs its points in turn.
/// </summary>
[DataPlacement]
internal sealed class BacktestGrain(ILocalSiloDetails silo, DatasetCache datasets) : Grain, IBacktestGrain
{
    private Task? _job;
    private CancellationTokenSource? _cancel;
    private BacktestJobState _state;
    private long _processed;
    private long _total;
    private string? _error;
    private bool _errorIsInput;
    private BacktestResult? _result;

    public async Task<BacktestResult> RunAsync(BacktestRequest request)
    {
        var configs = Validate(request);
        var candles = Load(request);

        // The directory learns of the dataset before the replay: the silo makes no grain call after it, so a drain
        // that interrupts the replay answers the caller at once.
        await PublishDatasetsAsync();
        var report = Replay(request, configs, candles, null, CancellationToken.None);

        // One run per activation: the grain goes away; the dataset stays in this silo's cache, reported above.
        DeactivateOnIdle();
        return Result(report);
    }

    public Task SubmitAsync(BacktestRequest request)
    {
        if (_state == BacktestJobState.Running)
        {
            throw new InvalidOperationException($"backtest '{this.GetPrimaryKeyString()}' is running already; cancel it or use another name");
        }

        var configs = Validate(request);
        _cancel?.Dispose();
        _cancel = new CancellationTokenSource();
        (_state, _processed, _total, _error, _errorIsInput, _result) = (BacktestJobState.Running, 0, 0, null, false, null);
        _job = RunJobAsync(request, configs, _cancel.Token);
        return Task.CompletedTask;
    }

    public Task<BacktestJobProgress> GetProgressAsync() =>
        Task.FromResult(new BacktestJobProgress(_state, Volatile.Read(ref _processed), Volatile.Read(ref _total), silo.Name, _error, _errorIsInput));

    public Task<BacktestResult> GetResultAsync() => _state switch
    {
        BacktestJobState.Completed => Task.FromResult(_result!),
        BacktestJobState.Running => throw new InvalidOperationException($"backtest '{this.GetPrimaryKeyString()}' is still running ({Volatile.Read(ref _processed)} of {Volatile.Read(ref _total)} bars)"),
        BacktestJobState.Failed => throw new InvalidOperationException($"backtest '{this.GetPrimaryKeyString()}' failed: {_error}"),
        BacktestJobState.Cancelled => throw new InvalidOperationException($"backtest '{this.GetPrimaryKeyString()}' was cancelled"),
        _ => throw new KeyNotFoundException($"backtest '{this.GetPrimaryKeyString()}' does not exist"),
    };

    public async Task CancelAsync()
    {
        if (_state != BacktestJobState.Running)
        {
            throw new InvalidOperationException($"backtest '{this.GetPrimaryKeyString()}' is not running ({_state})");
        }

        await _cancel!.CancelAsync();
    }

    // The replay runs on the thread pool, so that progress and cancel calls reach the activation meanwhile; what
    // follows it (the dataset directory, the state) runs on the activation again.
    private async Task RunJobAsync(BacktestRequest request, List<RunnerConfig> configs, CancellationToken cancellationToken)
    {
        try
        {
            var candles = await Task.Run(() => Load(request), cancellationToken);
            await PublishDatasetsAsync();
            var report = await Task.Run(() => Replay(request, configs, candles, p =>
            {
                Volatile.Write(ref _total, p.TotalBars);
                Volatile.Write(ref _processed, p.BarsProcessed);
            }, cancellationToken), cancellationToken);
            _result = Result(report);
            Volatile.Write(ref _processed, report.Bars);
            _state = BacktestJobState.Completed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _state = BacktestJobState.Cancelled;
            _error = "cancelled";
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or FormatException or InvalidDataException or UnauthorizedAccessException)
        {
            (_state, _error, _errorIsInput) = (BacktestJobState.Failed, ex.Message, true);
        }
        catch (Exception ex)
        {
            (_state, _error) = (BacktestJobState.Failed, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private static List<RunnerConfig> Validate(BacktestRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Runners is null || request.Runners.Count == 0)
        {
            throw new ArgumentException("A backtest needs at least one runner.");
        }

        _ = BacktestInputs.Options(request.FeeBps, request.SlippageBps, request.KeepOpen);
        var configs = new List<RunnerConfig>(request.Runners.Count);
        foreach (var definition in request.Runners)
        {
            var config = definition.ToConfig();
            try
            {
                // The strategy is resolved (a script loaded) here, so that a bad one fails the submission, not the job.
                RunnerDefinitions.Validate(definition, StrategyCatalog.Default);
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

        return configs;
    }

    private Dictionary<string, IReadOnlyList<Candle>> Load(BacktestRequest request) =>
        BacktestInputs.Load(request.Data ?? [], request.Generate ?? [], datasets.Load);

    private BacktestReport Replay(
        BacktestRequest request, List<RunnerConfig> configs, Dictionary<string, IReadOnlyList<Candle>> candles, Action<BacktestProgress>? progress, CancellationToken cancellationToken)
    {
        var options = BacktestInputs.Options(request.FeeBps, request.SlippageBps, request.KeepOpen);
        // A silo that is draining (SIGTERM) stops the replay at once and says so, rather than keep the drain waiting
        // until it gives up on the activation and the caller never hears back: the backtest fails and can run again on
        // another data silo; it is never reported complete with part of its data.
        var stopping = ServiceProvider.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
        try
        {
            return new Backtester(StrategyCatalog.Default, options).Run(candles, configs, progress, linked.Token);
        }
        catch (StrategyConfigurationException ex)
        {
            throw new ArgumentException(ex.Message, ex);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw new InvalidOperationException($"Backtest interrupted: data silo {silo.Name} is shutting down; run it again (another data silo takes it).");
        }
    }

    private Task PublishDatasetsAsync() =>
        GrainFactory.GetGrain<IDatasetDirectoryGrain>(IDatasetDirectoryGrain.DefaultKey).SetAsync(silo.SiloAddress, datasets.Datasets());

    private BacktestResult Result(BacktestReport report)
    {
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
