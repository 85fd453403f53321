using System.Diagnostics;
using System.Globalization;
using Hive.Commands.Backtest;
using Hive.Grains.Feeds;
using Hive.Grains.Gateway;
using Hive.Grains.Hosting;
using Hive.Grains.Runners;
using Hive.Postgres;
using Hive.Trading.History;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Runtime;
using Spectre.Console;

namespace Hive.Commands.Run;

/// <summary>
/// One <c>hive run</c>: checks the runners file and the data, starts the embedded three-silo cluster on the data
/// directory, resumes the runners the registry already holds and adds the others, starts one feed per symbol, shows
/// the console view until Ctrl-C, SIGTERM or the end of <c>--duration</c>, then drains (feeds stop, silos stop, grains
/// persist) and prints the final table.
/// </summary>
internal sealed class RunSession(IAnsiConsole console, StrategyCatalog catalog, TimeProvider time)
{
    private static readonly TimeSpan RefreshPeriod = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan SummaryPeriod = TimeSpan.FromSeconds(5);

    public async Task<RunOutcome> RunAsync(RunArguments args, CancellationToken commandToken)
    {
        var configs = LoadRunners(args);
        var fileRunners = configs.Select(c => c.RunnerId).ToHashSet(StringComparer.Ordinal);
        FeedPlan.Create(configs.Select(c => c.Symbol), args.DataFolder, args.Speed);

        using var stop = new StopSignal(commandToken, args.Duration, time, static () => Environment.Exit(ExitCodes.Cancelled));
        Directory.CreateDirectory(args.DataDirectory);
        using var logs = new FileLoggerProvider(Path.GetFullPath(Path.Combine(args.DataDirectory, "hive.log")), time);
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Information));
        var store = args.Postgres is { } postgres ? new PostgresClusterStore(postgres, loggerFactory: loggerFactory) : null;
        console.MarkupLine(store is null
            ? $"Starting the embedded cluster (control, live, data) on [blue]{Markup.Escape(Path.GetFullPath(args.DataDirectory))}[/]"
            : $"Starting the embedded cluster (control, live, data) on [blue]{Markup.Escape(store.Description)}[/]");
        EmbeddedCluster cluster;
        try
        {
            cluster = await EmbeddedCluster.StartAsync(
                new EmbeddedClusterOptions { DataDirectory = args.DataDirectory, TimeProvider = time, LoggerFactory = loggerFactory, Store = store }, commandToken);
        }
        catch (Exception ex) when (store is not null && ex is NpgsqlException or InvalidOperationException)
        {
            throw new CliException($"--postgres: cannot use {store.Description}: {ex.Message}", ExitCodes.Failed);
        }

        try
        {
            var factory = cluster.GrainFactory;
            var registry = factory.GetGrain<IRunnerRegistryGrain>(IRunnerRegistryGrain.DefaultKey);
            var removed = await RemoveRunnersAsync(registry, args);
            if (configs.RemoveAll(c => removed.Contains(c.RunnerId)) > 0)
            {
                console.MarkupLine(Markup.Escape($"note: the removed runners in {args.RunnersFile} are not added in this run; the next run without --remove-runner adds them again"));
            }

            var stored = (await registry.GetDefinitionsAsync()).ToDictionary(d => d.RunnerId, StringComparer.Ordinal);

            var resumed = new List<RunnerStatus>();
            var added = new List<string>();
            foreach (var config in configs)
            {
                var definition = RunnerDefinition.FromConfig(config, args.Account);
                if (stored.TryGetValue(config.RunnerId, out var existing))
                {
                    if (!SameRunner(existing, definition))
                    {
                        console.MarkupLine($"[yellow]warning:[/] runner '{Markup.Escape(config.RunnerId)}' in {Markup.Escape(args.RunnersFile)} differs from the one stored in the data directory; the stored runner is resumed (use a fresh --data-dir to apply the file)");
                    }

                    continue;
                }

                try
                {
                    await registry.AddRunnerAsync(definition);
                }
                catch (RunnerRegistryException ex)
                {
                    throw new CliException($"{args.RunnersFile}: {ex.Message}");
                }

                added.Add(config.RunnerId);
            }

            foreach (var definition in stored.Values.OrderBy(d => d.RunnerId, StringComparer.Ordinal))
            {
                RunnerStatus status;
                try
                {
                    status = await registry.GetRunnerAsync(definition.RunnerId);
                }
                catch (RunnerRegistryException ex)
                {
                    // One runner that cannot resume (its state file is corrupt) does not stop the others.
                    console.MarkupLine($"[red]could not resume[/] {Markup.Escape(definition.RunnerId)} on {Markup.Escape(definition.Symbol)}: {Markup.Escape(ex.Message)}");
                    continue;
                }

                resumed.Add(status);
                console.MarkupLine(Markup.Escape(DescribeResumed(status, fileRunners.Contains(status.RunnerId) ? null : args.RunnersFile)));
            }

            if (added.Count > 0)
            {
                console.MarkupLine(Markup.Escape($"added {added.Count} runner{(added.Count == 1 ? "" : "s")}: {string.Join(", ", added)}"));
            }

            var symbols = stored.Values.Select(d => d.Symbol).Concat(configs.Select(c => c.Symbol));
            var plan = FeedPlan.Create(symbols, args.DataFolder, args.Speed);
            ReportRepeatedBars(args, plan);
            foreach (var symbol in plan.SymbolsWithoutData)
            {
                var idle = stored.Values.Select(d => (d.RunnerId, d.Symbol)).Concat(configs.Select(c => (c.RunnerId, c.Symbol)))
                    .Where(r => r.Symbol == symbol).Select(r => r.RunnerId).Distinct(StringComparer.Ordinal);
                console.MarkupLine($"[yellow]no data for {Markup.Escape(symbol)}[/] in {Markup.Escape(args.DataFolder ?? "")}: {Markup.Escape(string.Join(", ", idle))} stay idle");
            }

            foreach (var feed in plan.Feeds)
            {
                await factory.GetGrain<IMarketFeedGrain>(feed.Symbol).StartAsync(feed);
            }

            console.MarkupLine(Markup.Escape(DescribeFeeds(plan, args)));

            var started = time.GetTimestamp();
            stop.StartDuration();
            var last = await ShowAsync(factory, plan, args, started, stop);

            console.MarkupLine($"Draining ({Markup.Escape(stop.Reason ?? "stopped")}): feeds stop, runners take what was published, silos stop and persist their state…");

            // The feeds drain (they resume after their last event on the next run, as the runners resume) before the
            // silos stop, so that no runner misses a bar its feed published.
            string? feedProblem = null;
            try
            {
                await cluster.DrainFeedsAsync(plan.Feeds.Select(f => f.Symbol), CancellationToken.None);
            }
            catch (AggregateException ex)
            {
                feedProblem = string.Join("; ", ex.InnerExceptions.Select(e => e.Message));
            }

            var final = await TrySnapshotAsync(factory, plan, args, started) ?? last;
            try
            {
                await cluster.StopAsync(CancellationToken.None);
                if (feedProblem is not null)
                {
                    throw new AggregateException(new InvalidOperationException(feedProblem));
                }
            }
            catch (AggregateException ex)
            {
                throw new CliException($"the drain failed: {string.Join("; ", ex.InnerExceptions.Select(e => e.Message))}", ExitCodes.Failed);
            }

            WriteFinal(final, cluster, logs.Path);
            return new RunOutcome(resumed, added, final, stop.Reason ?? "stopped", cluster.DataDirectory);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    // The replay feeds keep a repeated bar once, as hive backtest does; say so here, where the user reads, with the count
    // and the first place, rather than let it pass silently.
    private void ReportRepeatedBars(RunArguments args, FeedPlan plan)
    {
        if (args.DataFolder is null || plan.Feeds.Count == 0)
        {
            return;
        }

        var replayed = plan.Feeds.Select(static f => f.Symbol).ToHashSet(StringComparer.Ordinal);
        foreach (var series in CandleHistory.LoadFolder(args.DataFolder))
        {
            if (replayed.Contains(series.Symbol) && series.DuplicateReport is { } report)
            {
                console.MarkupLine($"[yellow]warning:[/] {Markup.Escape($"--data {args.DataFolder}: {report}")}");
            }
        }
    }

    // Runners named by --remove-runner leave the registry (and the gateway revokes them) before anything starts.
    private async Task<HashSet<string>> RemoveRunnersAsync(IRunnerRegistryGrain registry, RunArguments args)
    {
        var removed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in args.RemoveRunners ?? [])
        {
            try
            {
                await registry.RemoveRunnerAsync(id);
            }
            catch (RunnerRegistryException ex)
            {
                throw new CliException($"--remove-runner {id}: {ex.Message}");
            }

            removed.Add(id);
            console.MarkupLine(Markup.Escape($"removed runner {id} from {(args.Postgres is null ? Path.GetFullPath(args.DataDirectory) : "the database")}"));
        }

        return removed;
    }

    private List<RunnerConfig> LoadRunners(RunArguments args)
    {
        var configs = RunnersFile.Load(args.RunnersFile, RunnerConfig.DefaultInitialEquity);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var config in configs)
        {
            if (!seen.Add(config.RunnerId))
            {
                throw new CliException($"{args.RunnersFile}: duplicate runner ID '{config.RunnerId}': every runner needs its own ID");
            }

            try
            {
                catalog.Create(config.Strategy, config.Parameters);
            }
            catch (Exception ex) when (ex is StrategyConfigurationException or StrategyException)
            {
                throw new CliException($"{args.RunnersFile}: runner '{config.RunnerId}': {ex.Message}");
            }
        }

        return configs;
    }

    private async Task<RunSnapshot> ShowAsync(IGrainFactory factory, FeedPlan plan, RunArguments args, long started, StopSignal signal)
    {
        var stop = signal.Token;
        var snapshot = await TrySnapshotAsync(factory, plan, args, started) ?? Empty(plan, args, started);
        if (!Console.IsOutputRedirected && console.Profile.Capabilities.Interactive)
        {
            await console.Live(RunView.Build(snapshot, Title(args), console.Profile.Width)).AutoClear(true).StartAsync(async context =>
            {
                while (!stop.IsCancellationRequested)
                {
                    await Delay(RefreshPeriod, stop);
                    snapshot = await TrySnapshotAsync(factory, plan, args, started) ?? snapshot;
                    CheckReplayFinished(snapshot, plan, signal);
                    context.UpdateTarget(RunView.Build(snapshot, Title(args), console.Profile.Width));
                    context.Refresh();
                }
            });
            return snapshot;
        }

        var lastLine = time.GetTimestamp();
        console.WriteLine(RunView.SummaryLine(snapshot));
        while (!stop.IsCancellationRequested)
        {
            await Delay(RefreshPeriod, stop);
            snapshot = await TrySnapshotAsync(factory, plan, args, started) ?? snapshot;
            CheckReplayFinished(snapshot, plan, signal);
            if (time.GetElapsedTime(lastLine) >= SummaryPeriod)
            {
                lastLine = time.GetTimestamp();
                console.WriteLine(RunView.SummaryLine(snapshot));
            }
        }

        return snapshot;
    }

    // A replay that reached the end of every file has nothing more to publish: the run drains by itself.
    private static void CheckReplayFinished(RunSnapshot snapshot, FeedPlan plan, StopSignal signal)
    {
        if (plan.Feeds.Count > 0
            && plan.Feeds.All(f => f.Source == FeedSourceKind.Replay)
            && snapshot.Feeds.Count == plan.Feeds.Count
            && snapshot.Feeds.All(f => !f.Running))
        {
            signal.Drain(snapshot.Feeds.Any(f => f.Error is not null)
                ? "replay failed: " + string.Join("; ", snapshot.Feeds.Where(f => f.Error is not null).Select(f => $"{f.Symbol}: {f.Error}"))
                : "replay finished");
        }
    }

    private async Task Delay(TimeSpan period, CancellationToken stop)
    {
        try
        {
            await Task.Delay(period, time, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping: the caller's loop ends.
        }
    }

    private async Task<RunSnapshot?> TrySnapshotAsync(IGrainFactory factory, FeedPlan plan, RunArguments args, long started)
    {
        try
        {
            var runners = await factory.GetGrain<IRunnerRegistryGrain>(IRunnerRegistryGrain.DefaultKey).HealthCheckAsync();
            var gateway = await factory.GetGrain<IGatewayGrain>(args.Account).GetStatusAsync();
            var feeds = new List<FeedStatus>(plan.Feeds.Count);
            foreach (var feed in plan.Feeds)
            {
                feeds.Add(await factory.GetGrain<IMarketFeedGrain>(feed.Symbol).GetStatusAsync());
            }

            return new RunSnapshot(time.GetElapsedTime(started), args.Duration, runners, gateway, feeds, plan.SymbolsWithoutData);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException or InvalidOperationException)
        {
            Debug.WriteLine($"hive run: snapshot failed: {ex.Message}");
            return null;
        }
    }

    private RunSnapshot Empty(FeedPlan plan, RunArguments args, long started) =>
        new(time.GetElapsedTime(started), args.Duration, [], null, [], plan.SymbolsWithoutData);

    private void WriteFinal(RunSnapshot final, EmbeddedCluster cluster, string log)
    {
        console.Write(RunView.Build(final, "hive run: final state", console.Profile.Width));
        console.MarkupLine(cluster.Storage is null
            ? $"Drained. Ledger and state: [blue]{Markup.Escape(cluster.StoreDescription)}[/], log: [blue]{Markup.Escape(log)}[/]"
            : $"Drained. Ledger: [blue]{Markup.Escape(cluster.LedgerDirectory)}[/], state: [blue]{Markup.Escape(cluster.StateDirectory)}[/], log: [blue]{Markup.Escape(log)}[/]");
    }

    private static string Title(RunArguments args) =>
        $"hive run: {Path.GetFileName(args.RunnersFile)}, account {args.Account} (Ctrl-C to drain and stop)";

    private static string DescribeFeeds(FeedPlan plan, RunArguments args)
    {
        if (plan.Feeds.Count == 0)
        {
            return "no feeds: every runner stays idle";
        }

        var symbols = string.Join(", ", plan.Feeds.Select(f => f.Symbol));
        var speed = args.Speed == 0 ? "full speed" : args.Speed.ToString("0.###", CultureInfo.InvariantCulture) + "x real time";
        return args.DataFolder is null
            ? $"feeds: simulated random walk for {symbols}, one-minute bars at {speed}"
            : $"feeds: replaying {symbols} from {args.DataFolder} at {speed}";
    }

    private static string DescribeResumed(RunnerStatus status, string? notInFile)
    {
        var position = status.PositionQuantity switch
        {
            > 0 => string.Create(CultureInfo.InvariantCulture, $"long {status.PositionQuantity} @ {status.EntryPrice}"),
            < 0 => string.Create(CultureInfo.InvariantCulture, $"short {-status.PositionQuantity} @ {status.EntryPrice}"),
            _ => "flat",
        };
        var extra = notInFile is null ? "" : $" (kept from the data directory; not in {notInFile})";

        // A runner that a limit or an error stopped stays stopped until an operator restarts or removes it: say why.
        var stopped = status.State == RunnerState.Stopped && status.Health != RunnerHealth.Paused && status.StoppedReason is { } reason
            ? $" ({reason}; remove it with --remove-runner {status.RunnerId})"
            : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"resumed {status.RunnerId} on {status.Symbol}: {position}, realized P&L {status.RealizedPnl:0.00}, {status.OrdersFilled} orders filled so far, {status.State}{stopped}{extra}");
    }

    private static bool SameRunner(RunnerDefinition a, RunnerDefinition b) =>
        a.Symbol == b.Symbol
        && string.Equals(a.Strategy, b.Strategy, StringComparison.Ordinal)
        && a.Account == b.Account
        && a.Quantity == b.Quantity
        && a.Parameters.Count == b.Parameters.Count
        && a.Parameters.All(p => b.Parameters.TryGetValue(p.Key, out var v) && v == p.Value);
}
