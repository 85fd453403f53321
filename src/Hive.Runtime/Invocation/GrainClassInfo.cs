using System.Reflection;
using Hive.Runtime.Placement;

namespace Hive.Runtime.Invocation;

/// <summary>A grain class known to the runtime, with the attributes that drive activation, read once at registration.</summary>
internal sealed class GrainClassInfo
{
    public GrainClassInfo(Type grainClass, Func<GrainActivationContext, Grain> create, IReadOnlyList<Type> interfaces)
    {
        GrainClass = grainClass;
        Create = create;
        Interfaces = interfaces;
        TypeName = grainClass.GetCustomAttribute<GrainTypeAttribute>()?.Name ?? GrainId.TypeNameOf(grainClass);
        IsReentrant = grainClass.IsDefined(typeof(ReentrantAttribute), inherit: true);
        KeepAlive = grainClass.IsDefined(typeof(KeepAliveAttribute), inherit: true);
        CollectionAge = grainClass.GetCustomAttribute<CollectionAgeLimitAttribute>(inherit: true)?.Age;
        Placement = grainClass.GetCustomAttribute<PlacementAttribute>(inherit: true)?.PlacementStrategy ?? RandomPlacement.Singleton;
    }

    public Type GrainClass { get; }

    public Func<GrainActivationContext, Grain> Create { get; }

    public IReadOnlyList<Type> Interfaces { get; }

    public string TypeName { get; }

    public bool IsReentrant { get; }

    public bool KeepAlive { get; }

    public TimeSpan? CollectionAge { get; }

    public PlacementStrategy Placement { get; }
}
