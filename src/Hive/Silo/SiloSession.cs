using System.Globalization;
using Hive.Commands;
using Hive.Commands.Backtest;
using Hive.Commands.Run;
using Hive.Grains.Feeds;
using Hive.Grains.Placement;
using Hive.Grains.Runners;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Hive.Silo;

/// <summary>
/// One <c>hive silo</c> process: checks that PostgreSQL answers (a clear error within seconds otherwise), starts the
/// web host with the silo, loads the runners file of a control silo, and runs until SIGTERM or Ctrl-C, when the host
/// stops gracefully: the silo deactivates its grains (feeds stop after what they published, runners and feeds persist)
/// and leaves the membership (ShuttingDown → Dead). Returns the exit code.
/// </summary>
internal sealed class SiloSession(TextWriter output, StrategyCatalog catalog)
{
    /// <summary>How long the PostgreSQL reachability check waits before failing the start.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    /// <summary>How long a control silo waits for live silos to take the runners of its file.</summary>
    public static readonly TimeSpan RunnersTimeout = TimeSpan.FromSeconds(60);

    public async Task<int> RunAsync(SiloSettings settings, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var runners = LoadRunners(settings);
        await CheckPostgresAsync(settings.Postgres, cancellationToken);

        var app = SiloHost.Build(settings, configuration);
        await using (app)
        {
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new CliException($"silo {settings.Name} could not start: {ex.Message}", ExitCodes.Unavailable);
            }

            var silo = app.Services.GetRequiredService<ILocalSiloDetails>();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"silo {settings.Name} ({settings.Role}{(settings.Tags.Count > 0 ? ", " + string.Join(", ", settings.Tags) : "")}) active in cluster {settings.ClusterId}: silo {silo.SiloAddress.Endpoint}, gateway {silo.GatewayAddress?.Endpoint.ToString() ?? "none"}, http {settings.HttpPort}"));
            output.Flush();

            if (runners is { } load)
            {
                await AddRunnersAsync(app.Services, settings, load, app.Lifetime.ApplicationStopping);
            }

            // SIGTERM and Ctrl-C stop the host (its console lifetime); the command's own token does the same.
            using var stop = cancellationToken.Register(static a => ((IHostApplicationLifetime)a!).StopApplication(), app.Lifetime);
            await app.WaitForShutdownAsync(CancellationToken.None);
            output.WriteLine($"silo {settings.Name} drained and left the cluster");
            output.Flush();
        }

        return ExitCodes.Success;
    }

    private async Task WaitForLiveSiloAsync(IServiceProvider services, CancellationToken stopping)
    {
        var membership = services.GetRequiredService<IClusterMembershipService>();
        var metadata = services.GetRequiredService<ISiloMetadataCache>();
        var started = TimeProvider.System.GetTimestamp();
        var said = false;
        while (!membership.CurrentSnapshot.Members.Values.Any(m =>
            m.Status == SiloStatus.Active
            && metadata.GetSiloMetadata(m.SiloAddress).Metadata.TryGetValue(SiloRoles.RoleKey, out var role)
            && role == SiloRoles.Live))
        {
            if (TimeProvider.System.GetElapsedTime(started) > RunnersTimeout)
            {
                throw new CliException($"no live silo joined cluster within {RunnersTimeout.TotalSeconds:0} s: the runners of --runners cannot be placed", ExitCodes.Unavailable);
            }

            if (!said)
            {
                output.WriteLine("waiting for a live silo to join before adding the runners");
                output.Flush();
                said = true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System, stopping);
        }
    }

    private static async Task CheckPostgresAsync(string connectionString, CancellationToken cancellationToken)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new CliException($"--postgres: not a valid PostgreSQL connection string: {ex.Message}");
        }

        var where = $"{builder.Host ?? "localhost"}:{builder.Port}, database {builder.Database ?? builder.Username ?? "(default)"}";
        builder.Timeout = (int)ConnectTimeout.TotalSeconds;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var reason = ex is OperationCanceledException ? $"no answer within {ConnectTimeout.TotalSeconds:0} s" : ex.Message;
            throw new CliException($"--postgres: cannot reach PostgreSQL at {where}: {reason}", ExitCodes.Unavailable);
        }
    }

    private (List<RunnerConfig> Runners, FeedPlan Feeds)? LoadRunners(SiloSettings settings)
    {
        if (settings.RunnersFile is not { } file)
        {
            return null;
        }

        var configs = RunnersFile.Load(file, RunnerConfig.DefaultInitialEquity);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var config in configs)
        {
            if (!seen.Add(config.RunnerId))
            {
                throw new CliException($"{file}: duplicate runner ID '{config.RunnerId}': every runner needs its own ID");
            }

            try
            {
                catalog.Create(config.Strategy, config.Parameters);
            }
            catch (Exception ex) when (ex is StrategyConfigurationException or StrategyException)
            {
                throw new CliException($"{file}: runner '{config.RunnerId}': {ex.Message}");
            }
        }

        var speed = settings.Speed == 0 && settings.DataFolder is null ? RunCommand.DefaultSpeed : settings.Speed;
        return (configs, FeedPlan.Create(configs.Select(c => c.Symbol), settings.DataFolder, speed));
    }

    // Runners already registered (a restart of the control silo, another control silo) are left as they are; the others
    // are added once a live silo is there to take them; then every feed starts (or resumes where it was).
    private async Task AddRunnersAsync(IServiceProvider services, SiloSettings settings, (List<RunnerConfig> Runners, FeedPlan Feeds) load, CancellationToken stopping)
    {
        await WaitForLiveSiloAsync(services, stopping);
        var grains = services.GetRequiredService<IGrainFactory>();
        var registry = grains.GetGrain<IRunnerRegistryGrain>(IRunnerRegistryGrain.DefaultKey);
        var known = (await registry.GetDefinitionsAsync()).Select(d => d.RunnerId).ToHashSet(StringComparer.Ordinal);
        var added = 0;
        var started = TimeProvider.System.GetTimestamp();
        foreach (var config in load.Runners.Where(c => !known.Contains(c.RunnerId)))
        {
            while (true)
            {
                try
                {
                    await registry.AddRunnerAsync(RunnerDefinition.FromConfig(config, settings.Account));
                    added++;
                    break;
                }
                catch (RunnerRegistryException ex) when (TimeProvider.System.GetElapsedTime(started) < RunnersTimeout && !stopping.IsCancellationRequested)
                {
                    // The file was checked before the start, so what fails here is the cluster that is still forming:
                    // a live silo that just joined is not yet in every silo's view of roles and grain types.
                    output.WriteLine($"runner {config.RunnerId} not placed yet ({ex.Message}); trying again");
                    output.Flush();
                    await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System, stopping);
                }
                catch (RunnerRegistryException ex)
                {
                    throw new CliException($"{settings.RunnersFile}: {ex.Message}", ExitCodes.Failed);
                }
            }
        }

        foreach (var feed in load.Feeds.Feeds)
        {
            await grains.GetGrain<IMarketFeedGrain>(feed.Symbol).StartAsync(feed);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"runners from {settings.RunnersFile}: {added} added, {load.Runners.Count - added} already registered; feeds: {string.Join(", ", load.Feeds.Feeds.Select(f => $"{f.Symbol} ({f.Source})"))}"));
        if (load.Feeds.SymbolsWithoutData.Count > 0)
        {
            output.WriteLine($"no data for {string.Join(", ", load.Feeds.SymbolsWithoutData)} in {settings.DataFolder}: their runners stay idle");
        }

        output.Flush();
    }
}
