using Hive.Runtime.Cluster;
using Hive.Runtime.Invocation;
using Hive.Runtime.Placement;
using Microsoft.Extensions.DependencyInjection;

namespace Hive.Runtime.Core;

/// <summary>Applies the grain class's placement strategy: filters active silos by the director's requirements, honours hints, asks the director.</summary>
internal sealed class PlacementService
{
    private readonly SiloRuntime _runtime;
    private readonly Dictionary<Type, IPlacementDirector> _directors = [];

    public PlacementService(SiloRuntime runtime, IServiceProvider services)
    {
        _runtime = runtime;
        _directors[typeof(RandomPlacement)] = new RandomPlacementDirector();
        _directors[typeof(PreferLocalPlacement)] = new PreferLocalPlacementDirector();
        _directors[typeof(HashBasedPlacement)] = new HashBasedPlacementDirector();
        _directors[typeof(ActivationCountBasedPlacement)] = new ActivationCountPlacementDirector();
        foreach (var registration in services.GetServices<PlacementDirectorRegistration>())
        {
            _directors[registration.StrategyType] = (IPlacementDirector)ActivatorUtilities.GetServiceOrCreateInstance(services, registration.DirectorType);
        }
    }

    public async ValueTask<SiloAddress> PlaceAsync(GrainId grainId, GrainClassInfo classInfo)
    {
        var strategy = classInfo.Placement;
        if (!_directors.TryGetValue(strategy.GetType(), out var director))
        {
            throw new PlacementException(
                $"Cannot place grain {grainId}: no placement director is registered for strategy {strategy.Name} in silo {_runtime.Metadata.Name}. Register one with AddPlacementDirector.");
        }

        var target = new PlacementTarget(grainId, classInfo.GrainClass, _runtime.Address);
        var requirements = director.GetRequirements(strategy, target);
        var active = _runtime.Membership.ActiveSilos
            .Select(e => new SiloInfo(e.Silo, e.Metadata, e.Silo == _runtime.Address ? _runtime.CurrentLoad() : _runtime.LoadTable.Get(e.Silo) ?? new SiloLoad()))
            .OrderBy(s => s.Address.ToString(), StringComparer.Ordinal)
            .ToList();
        var compatible = active.Where(requirements.IsSatisfiedBy).ToList();
        if (compatible.Count == 0)
        {
            var known = active.Count == 0 ? "none" : string.Join("; ", active.Select(s => s.Metadata.ToString()));
            throw new PlacementException(
                $"Cannot place grain {grainId} with {strategy.Name}: no active silo with {requirements}. Active silos: {known}.");
        }

        if (RequestContext.Get(PlacementHint.Key) is { } hint)
        {
            var pinned = active.FirstOrDefault(s => s.Address.ToString() == hint)
                ?? throw new PlacementException($"Cannot place grain {grainId}: the placement hint names silo {hint}, which is not active.");
            return requirements.IsSatisfiedBy(pinned)
                ? pinned.Address
                : throw new PlacementException(
                    $"Cannot place grain {grainId} with {strategy.Name} on hinted silo {pinned.Metadata}: it does not satisfy {requirements}.");
        }

        var chosen = await director.OnAddActivation(strategy, target, new Context(_runtime.Address, compatible)).ConfigureAwait(false);
        return compatible.Any(s => s.Address == chosen)
            ? chosen
            : throw new PlacementException($"Placement director for {strategy.Name} chose silo {chosen}, which is not among the compatible active silos.");
    }

    private sealed record Context(SiloAddress LocalSilo, IReadOnlyList<SiloInfo> CompatibleSilos) : IPlacementContext;
}
