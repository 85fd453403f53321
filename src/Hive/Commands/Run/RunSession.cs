using System.Diagnostics;
using System.Globalization;
using Hive.Api;
using Hive.Api.Hosting;
using Hive.Commands.Api;
using Hive.Dashboard;
using Hive.Commands.Backtest;
using Hive.Grains.Exchange;
using Hive.Grains.Feeds;
using Hive.Grains.Gateway;
using Hive.Grains.Hosting;
using Hive.Grains.Runners;
using Hive.Hosting;
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
internal sealed class RunSession(IAnsiConsole console, StrategyCatalog catalog, TimeProvider time, Func<string, string?>? environment = null)
{
    private static readonly TimeSpan RefreshPeriod = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan SummaryPeriod = TimeSpan.FromSeconds(5);

    // The feeds of this run; runners added through the API during the run add theirs (StartNewFeedsAsync).
    private FeedPlan _plan = new([], []);

    public async Task<RunOutcome> RunAsync(RunArguments args, CancellationToken commandToken)
    {
        var configs = LoadRunners(args);
        var fileRunners = configs.Select(c => c.RunnerId).ToHashSet(StringComparer.Ordinal);
        var streamUrl = args.BinanceFeed ? args.Binance!.WebSocketUrl : null;
        FeedPlan.Create(configs.Select(c => c.Symbol), args.DataFolder, args.Speed, streamUrl);
        if (args.Binance is { } binance)
        {
            // Before any silo starts: a wrong address fails in seconds, not after a cluster came up.
            await ExchangeProbe.CheckAsync(binance, [.. configs.Select(c => c.Symbol).Distinct(StringComparer.Ordinal)], args.RunnersFile, commandToken);
        }

        using var stop = new StopSignal(commandToken, args.Duration, time, static () => Environment.Exit(ExitCodes.Cancelled));
        Directory.CreateDirectory(args.DataDirectory);
        using var logs = new FileLoggerProvider(Path.GetFullPath(Path.Combine(args.DataDirectory, "hive.log")), time);
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Information));
        var store = args.Postgres is { } postgres ? new PostgresClusterStore(postgres, loggerFactory: loggerFactory) : null;
        console.MarkupLine(store is null
            ? $"Starting the embedded cluster (control, live, data) on [blue]{Markup.Escape(Path.GetFullPath(args.DataDirectory))}[/]"
            : $"Starting the embedded cluster (control, live, data) on [blue]{Markup.Escape(store.Description)}[/]");
        await using var exchange = await StartExchangeAsync(args, loggerFactory, commandToken);
        EmbeddedCluster cluster;
        try
        {
            cluster = await EmbeddedCluster.StartAsync(
                new EmbeddedClusterOptions
                {
                    DataDirectory = args.DataDirectory, TimeProvider = time, LoggerFactory = loggerFactory, Store = store, ExchangeBroker = exchange?.Broker,
                    ConfigureSilo = static silo => silo.AddHiveOrleansDashboard(),
                }, commandToken);
        }
        catch (Exception ex) when (store is not null && ex is NpgsqlException or InvalidOperationException)
        {
            throw new CliException($"--postgres: cannot use {store.Description}: {ex.Message}", ExitCodes.Failed);
        }
        HiveApiServer? api = null;
        RunHttpHost? http = null;
        try
        {
            var token = args.Api?.Token ?? LocalApi.NewToken();
            api = await StartApiAsync(cluster, args, token, loggerFactory, commandToken);
            http = await StartHttpAsync(cluster, args, token, loggerFactory, commandToken);
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
            var plan = _plan = FeedPlan.Create(symbols, args.DataFolder, args.Speed, streamUrl, args.FormingCandles);
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
            await ReportPositionCheckAsync(factory, args);

            // Clients find the API through this file: it appears once the file's runners are added and their feeds
            // run, so that a client never sees the run half set up.
            if (api is not null)
            {
                LocalApi.WriteOwnerOnly(LocalApi.EndpointFile(cluster.DataDirectory), api.Address.ToString());
            }

            var started = time.GetTimestamp();
            stop.StartDuration();
            var last = await ShowAsync(factory, args, started, stop);
            plan = _plan;

            console.MarkupLine($"Draining ({Markup.Escape(stop.Reason ?? "stopped")}): feeds stop, runners take what was published, silos stop and persist their state…");

            // Control calls end before the drain: nothing adds or removes a runner while the silos stop.
            await StopApiAsync(api, cluster);
            api = null;

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
            await StopApiAsync(api, cluster);
            await cluster.DisposeAsync();
            if (http is not null)
            {
                File.Delete(HttpEndpointFile(cluster.DataDirectory));
                await http.DisposeAsync();
            }
        }
    }

    /// <summary>Where a running <c>hive run</c> writes the address of its health and metrics endpoints.</summary>
    public static string HttpEndpointFile(string dataDirectory) => Path.Combine(dataDirectory, "http-endpoint");

    // Health, metrics and the dashboard beside the silos for the whole run, the drain included (readiness goes down as
    // silos stop); metrics and the dashboard need the API's token.
    private async Task<RunHttpHost> StartHttpAsync(EmbeddedCluster cluster, RunArguments args, string token, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        RunHttpHost http;
        try
        {
            http = await RunHttpHost.StartAsync(cluster, args.HttpPort, token, loggerFactory, cancellationToken);
        }
        catch (IOException ex)
        {
            throw new CliException($"--http-port {args.HttpPort}: cannot listen there: {ex.Message}", ExitCodes.Unavailable);
        }

        File.WriteAllText(HttpEndpointFile(cluster.DataDirectory), http.Address.ToString());
        console.MarkupLine($"Health and metrics: [blue]{Markup.Escape(new Uri(http.Address, HiveHealth.ReadyPath).ToString())}[/], [blue]{Markup.Escape(new Uri(http.Address, HiveTelemetry.MetricsPath).ToString())}[/] (metrics with Authorization: Bearer TOKEN)");
        console.MarkupLine($"Dashboard: [blue]{Markup.Escape(http.Address.ToString())}[/] (log in with the API token)");
        return http;
    }

    // --exchange binance: the broker connects (server time, user data stream) before the cluster starts, so that an
    // unreachable exchange or missing keys end the run at once.
    private async Task<ExchangeConnection?> StartExchangeAsync(RunArguments args, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        if (!args.BinanceOrders)
        {
            return null;
        }

        var settings = args.Binance!;
        BinanceBroker broker;
        try
        {
            broker = (BinanceBroker)settings.CreateBroker(time, loggerFactory, environment);
        }
        catch (ArgumentException ex)
        {
            throw new CliException($"--exchange binance: {ex.Message.Replace(ExchangeSettings.Section + ":Broker is binance but ", string.Empty, StringComparison.Ordinal)}");
        }

        try
        {
            await broker.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or Hive.Binance.Rest.BinanceApiException)
        {
            await broker.DisposeAsync();
            throw new CliException($"cannot trade on Binance at {settings.RestUrl}: {ex.Message}", ExitCodes.Unavailable);
        }

        console.MarkupLine(Markup.Escape($"orders go to {broker.Name} (user data stream connected)"));
        return new ExchangeConnection(broker);
    }

    // A ledger that gives the runners positions the exchange account does not hold is reported before trading goes on.
    private async Task ReportPositionCheckAsync(IGrainFactory factory, RunArguments args)
    {
        if (!args.BinanceOrders)
        {
            return;
        }

        var gateway = await factory.GetGrain<IGatewayGrain>(args.Account).GetStatusAsync();
        if (gateway.PositionCheck is { } problem)
        {
            console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(problem)}");
        }
    }

    private sealed class ExchangeConnection(BinanceBroker broker) : IAsyncDisposable
    {
        public BinanceBroker Broker { get; } = broker;

        public ValueTask DisposeAsync() => Broker.DisposeAsync();
    }

    // The API beside the silos, in this process, calling the grains through the control silo.
    private async Task<HiveApiServer?> StartApiAsync(EmbeddedCluster cluster, RunArguments args, string token, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var settings = args.Api ?? new RunApiArguments(0, null, null, null);
        var endpoint = new HiveApiEndpointOptions { Port = settings.Port, Certificate = ApiCertificate.Load(settings.Certificate, settings.CertificateKey) };
        HiveApiServer server;
        try
        {
            server = await HiveApiServer.StartAsync(
                cluster.GrainFactory, endpoint, o => o.Token = token, cluster.ServicesOf(EmbeddedCluster.ControlSiloName), loggerFactory, cancellationToken);
        }
        catch (IOException ex)
        {
            throw new CliException($"--api-port {settings.Port}: the API cannot listen there: {ex.Message}", ExitCodes.Unavailable);
        }

        var tokenFile = LocalApi.TokenFile(cluster.DataDirectory);
        LocalApi.WriteOwnerOnly(tokenFile, token);
        console.MarkupLine($"API (gRPC hive.v1): [blue]{Markup.Escape(server.Address.ToString())}[/], token [blue]{Markup.Escape(token)}[/] (also in {Markup.Escape(tokenFile)})");
        return server;
    }

    private static async Task StopApiAsync(HiveApiServer? api, EmbeddedCluster cluster)
    {
        if (api is null)
        {
            return;
        }

        File.Delete(LocalApi.EndpointFile(cluster.DataDirectory));
        await api.DisposeAsync();
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

    private async Task<RunSnapshot> ShowAsync(IGrainFactory factory, RunArguments args, long started, StopSignal signal)
    {
        var stop = signal.Token;
        var snapshot = await TrySnapshotAsync(factory, _plan, args, started) ?? Empty(_plan, args, started);
        if (!Console.IsOutputRedirected && console.Profile.Capabilities.Interactive)
        {
            await console.Live(RunView.Build(snapshot, Title(args), console.Profile.Width)).AutoClear(true).StartAsync(async context =>
            {
                while (!stop.IsCancellationRequested)
                {
                    await Delay(RefreshPeriod, stop);
                    snapshot = await TrySnapshotAsync(factory, _plan, args, started) ?? snapshot;
                    await StartNewFeedsAsync(factory, snapshot, args);
                    CheckReplayFinished(snapshot, _plan, signal);
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
            snapshot = await TrySnapshotAsync(factory, _plan, args, started) ?? snapshot;
            await StartNewFeedsAsync(factory, snapshot, args);
            CheckReplayFinished(snapshot, _plan, signal);
            if (time.GetElapsedTime(lastLine) >= SummaryPeriod)
            {
                lastLine = time.GetTimestamp();
                console.WriteLine(RunView.SummaryLine(snapshot));
            }
        }

        return snapshot;
    }

    // A runner added through the API may trade a symbol without a feed yet: it gets one as the run's others were made
    // (simulated, or a replay of its files in --data), so that it trades within this run.
    private async Task StartNewFeedsAsync(IGrainFactory factory, RunSnapshot snapshot, RunArguments args)
    {
        var known = _plan.Feeds.Select(static f => f.Symbol).Concat(_plan.SymbolsWithoutData).ToHashSet(StringComparer.Ordinal);
        var fresh = snapshot.Runners.Select(static r => r.Symbol).Where(s => s.Length > 0 && !known.Contains(s)).Distinct(StringComparer.Ordinal).ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        var extra = FeedPlan.Create(fresh, args.DataFolder, args.Speed);
        foreach (var feed in extra.Feeds)
        {
            try
            {
                await factory.GetGrain<IMarketFeedGrain>(feed.Symbol).StartAsync(feed);
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException or InvalidOperationException or ArgumentException)
            {
                Debug.WriteLine($"hive run: feed {feed.Symbol} did not start: {ex.Message}");
                return;
            }
        }

        _plan = new FeedPlan([.. _plan.Feeds, .. extra.Feeds], [.. _plan.SymbolsWithoutData, .. extra.SymbolsWithoutData]);
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
        if (args.BinanceFeed)
        {
            return $"feeds: Binance live market data for {symbols} from {args.Binance!.WebSocketUrl} (closed one-minute bars, best bid/ask, trades); orders {(args.BinanceOrders ? "go to Binance" : "fill on paper at the live touch")}";
        }

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
