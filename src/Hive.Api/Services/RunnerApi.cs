using Grpc.Core;
using Hive.Api.V1;
using Hive.Grains.Placement;
using Hive.Grains.Runners;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans;
using GrainDefinition = Hive.Grains.Runners.RunnerDefinition;
using GrainEventKind = Hive.Grains.Runners.RunnerEventKind;
using ProtoEvent = Hive.Api.V1.RunnerEvent;
using ProtoEventKind = Hive.Api.V1.RunnerEventKind;

namespace Hive.Api.Services;

/// <summary><c>hive.v1.RunnerService</c> on the runner registry and the runner grains.</summary>
internal sealed class RunnerApi(IGrainFactory grains, HiveQueries queries, IOptions<HiveApiOptions> options, TimeProvider time, IHostApplicationLifetime lifetime) : RunnerService.RunnerServiceBase
{
    private const string DefaultSource = "runners.yaml";

    private IRunnerRegistryGrain Registry => grains.GetGrain<IRunnerRegistryGrain>(IRunnerRegistryGrain.DefaultKey);

    public override async Task<AddRunnersResponse> AddRunners(AddRunnersRequest request, ServerCallContext context)
    {
        var definitions = Parse(request);
        var existing = await Registry.GetDefinitionsAsync().ConfigureAwait(false);
        foreach (var definition in definitions)
        {
            if (existing.FirstOrDefault(d => d.RunnerId == definition.RunnerId) is { } other)
            {
                throw new RpcException(new Status(StatusCode.AlreadyExists, $"runner '{other.RunnerId}' already exists ({other.Symbol}, {other.Strategy})"));
            }
        }

        var response = new AddRunnersResponse();
        foreach (var definition in definitions)
        {
            var status = await Registry.AddRunnerAsync(definition).ConfigureAwait(false);
            response.Runners.Add(ApiMapping.ToProto(status, definition.Account));
        }

        return response;
    }

    public override Task<Runner> GetRunner(RunnerRequest request, ServerCallContext context) =>
        queries.RunnerAsync(request.Id);

    public override async Task<ListRunnersResponse> ListRunners(ListRunnersRequest request, ServerCallContext context)
    {
        var response = new ListRunnersResponse();
        foreach (var runner in await queries.RunnersAsync().ConfigureAwait(false))
        {
            if ((request.Symbol.Length == 0 || string.Equals(request.Symbol, runner.Symbol, StringComparison.OrdinalIgnoreCase))
                && (request.State == V1.RunnerState.Unspecified || request.State == runner.State)
                && (request.Health == V1.RunnerHealth.Unspecified || request.Health == runner.Health))
            {
                response.Runners.Add(runner);
            }
        }

        return response;
    }

    public override async Task<RemoveRunnerResponse> RemoveRunner(RunnerRequest request, ServerCallContext context) =>
        new() { Id = await queries.RemoveRunnerAsync(request.Id).ConfigureAwait(false) };

    public override Task<Runner> PauseRunner(RunnerRequest request, ServerCallContext context) =>
        queries.ActAsync(request.Id, RunnerAction.Pause);

    public override Task<Runner> ResumeRunner(RunnerRequest request, ServerCallContext context) =>
        queries.ActAsync(request.Id, RunnerAction.Resume);

    public override Task<Runner> RestartRunner(RunnerRequest request, ServerCallContext context) =>
        queries.ActAsync(request.Id, RunnerAction.Restart);

    public override Task<Runner> ReloadRunner(RunnerRequest request, ServerCallContext context) =>
        queries.ActAsync(request.Id, RunnerAction.Reload);

    public override async Task Watch(WatchRequest request, IServerStreamWriter<ProtoEvent> responseStream, ServerCallContext context)
    {
        var id = HiveQueries.RequireRunnerId(request.Id);

        // A watch lasts until the client goes or the host stops; it must not hold the host's shutdown.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        var cancel = stopping.Token;
        var status = await Registry.GetRunnerAsync(id).ConfigureAwait(false);
        var runner = grains.GetGrain<IRunnerGrain>(id);

        // The runner's log starts with the first watch: start it before the snapshot, so that nothing between the two
        // is lost (an event in between arrives after the snapshot, which is the order it happened in).
        var batch = await WatchOnceAsync(runner, status.Symbol, string.Empty, 0, TimeSpan.Zero, cancel).ConfigureAwait(false);
        var activation = batch.Activation;
        long after = batch.Events.Count == 0 ? 0 : batch.Events[^1].Sequence;
        status = await Registry.GetRunnerAsync(id).ConfigureAwait(false);
        await responseStream.WriteAsync(new ProtoEvent
        {
            RunnerId = id,
            Kind = ProtoEventKind.Snapshot,
            Message = $"{status.State}, {status.Health}, position {ApiMapping.Text(status.PositionQuantity)}, {status.OrdersFilled} orders filled",
            TimeMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
            MarketTimeMs = status.LastEventTime,
            State = ApiMapping.ToProto(status.State),
            Health = ApiMapping.ToProto(status.Health),
            Runner = ApiMapping.ToProto(status, await queries.AccountOfAsync(id).ConfigureAwait(false)),
        }, cancel).ConfigureAwait(false);

        while (!batch.Removed)
        {
            batch = await WatchOnceAsync(runner, status.Symbol, activation, after, options.Value.WatchPollWait, cancel).ConfigureAwait(false);
            if (!string.Equals(batch.Activation, activation, StringComparison.Ordinal))
            {
                await WriteGapAsync(responseStream, id, "the runner moved to a new activation; events in between are not known", cancel).ConfigureAwait(false);
                activation = batch.Activation;
                after = 0;
            }

            foreach (var e in batch.Events)
            {
                if (e.Sequence != after + 1 && after != 0)
                {
                    await WriteGapAsync(responseStream, id, $"{e.Sequence - after - 1} events were dropped (the watcher fell behind)", cancel).ConfigureAwait(false);
                }

                after = e.Sequence;
                await responseStream.WriteAsync(ToProto(id, e), cancel).ConfigureAwait(false);
            }

            if (batch.Removed && (batch.Events.Count == 0 || batch.Events[^1].Kind != GrainEventKind.Removed))
            {
                await responseStream.WriteAsync(new ProtoEvent
                {
                    RunnerId = id,
                    Kind = ProtoEventKind.Removed,
                    Message = "removed",
                    TimeMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
                    State = V1.RunnerState.Stopped,
                    Health = V1.RunnerHealth.Unhealthy,
                }, cancel).ConfigureAwait(false);
            }
        }
    }

    private static async Task<RunnerEventBatch> WatchOnceAsync(IRunnerGrain runner, string symbol, string activation, long after, TimeSpan wait, CancellationToken cancel)
    {
        // A watch that reactivates the runner places it next to its symbol's feed, as the registry does.
        using var affinity = PlacementAffinity.ForSymbol(symbol);
        return await runner.WatchAsync(activation, after, wait).WaitAsync(cancel).ConfigureAwait(false);
    }

    private Task WriteGapAsync(IServerStreamWriter<ProtoEvent> stream, string id, string message, CancellationToken cancel) =>
        stream.WriteAsync(new ProtoEvent { RunnerId = id, Kind = ProtoEventKind.Gap, Message = message, TimeMs = time.GetUtcNow().ToUnixTimeMilliseconds() }, cancel);

    private static ProtoEvent ToProto(string id, Hive.Grains.Runners.RunnerEvent e) => new()
    {
        RunnerId = id,
        Kind = e.Kind switch
        {
            GrainEventKind.Signal => ProtoEventKind.Signal,
            GrainEventKind.Transition => ProtoEventKind.Transition,
            GrainEventKind.Order => ProtoEventKind.Order,
            GrainEventKind.Fill => ProtoEventKind.Fill,
            GrainEventKind.Denial => ProtoEventKind.Denial,
            GrainEventKind.Fenced => ProtoEventKind.Fenced,
            GrainEventKind.Error => ProtoEventKind.Error,
            GrainEventKind.Health => ProtoEventKind.Health,
            GrainEventKind.Removed => ProtoEventKind.Removed,
            _ => ProtoEventKind.Unspecified,
        },
        Message = e.Message,
        TimeMs = e.Time,
        MarketTimeMs = e.MarketTime,
        State = ApiMapping.ToProto(e.State),
        Health = ApiMapping.ToProto(e.Health),
        Price = double.IsFinite(e.Price) ? e.Price : 0,
        Sequence = e.Sequence,
    };

    // Everything the request names, parsed and checked before anything is added: a bad runner anywhere adds none.
    private static List<GrainDefinition> Parse(AddRunnersRequest request)
    {
        var account = string.IsNullOrWhiteSpace(request.Account) ? GrainDefinition.DefaultAccount : request.Account.Trim();
        var source = string.IsNullOrWhiteSpace(request.SourceName) ? DefaultSource : request.SourceName;
        var definitions = new List<(GrainDefinition Definition, string Where)>();
        if (!string.IsNullOrWhiteSpace(request.RunnersYaml))
        {
            var baseDirectory = string.IsNullOrWhiteSpace(request.BaseDirectory) ? null : request.BaseDirectory;
            foreach (var config in RunnersYaml.Parse(request.RunnersYaml, source, baseDirectory, RunnerConfig.DefaultInitialEquity))
            {
                definitions.Add((GrainDefinition.FromConfig(config, account), source));
            }
        }

        foreach (var spec in request.Specs)
        {
            definitions.Add((GrainDefinition.FromConfig(RunnerSpecs.Parse(spec, RunnerConfig.DefaultInitialEquity), account), $"--runner '{spec}'"));
        }

        foreach (var runner in request.Runners)
        {
            definitions.Add((ApiMapping.ToDefinition(runner, account), "runners[]"));
        }

        if (definitions.Count == 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "no runners: give runners_yaml, specs or runners"));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (definition, where) in definitions)
        {
            if (!seen.Add(definition.RunnerId))
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"{where}: duplicate runner ID '{definition.RunnerId}' in the request: every runner needs its own ID"));
            }

            try
            {
                RunnerDefinitions.Validate(definition, StrategyCatalog.Default);
            }
            catch (ArgumentException ex)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"{where}: {ex.Message}"));
            }
        }

        return [.. definitions.Select(static d => d.Definition)];
    }
}
