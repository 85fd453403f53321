using System.Collections.Concurrent;
using Hive.Runtime.Invocation;

namespace Hive.Runtime.Core;

/// <summary>The silo's <see cref="IGrainFactory"/>: builds generated proxies; activates nothing.</summary>
internal sealed class GrainFactory(GrainReferenceShared shared) : IGrainFactory
{
    private readonly ConcurrentDictionary<Type, (GrainInterfaceInfo Interface, string TypeName)> _bindings = new();

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey)
        where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(primaryKey);
        return Create<TGrainInterface>(primaryKey);
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey)
        where TGrainInterface : IGrainWithGuidKey => Create<TGrainInterface>(GrainId.FormatKey(primaryKey));

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey)
        where TGrainInterface : IGrainWithIntegerKey => Create<TGrainInterface>(GrainId.FormatKey(primaryKey));

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IGrain
    {
        var info = GrainTypeRegistry.GetInterface(typeof(TGrainInterface));
        return (TGrainInterface)info.CreateProxy(shared, grainId);
    }

    private TGrainInterface Create<TGrainInterface>(string key)
    {
        var binding = _bindings.GetOrAdd(typeof(TGrainInterface), static type =>
        {
            var info = GrainTypeRegistry.GetInterface(type);
            return (info, GrainTypeRegistry.GetImplementation(type).TypeName);
        });
        return (TGrainInterface)binding.Interface.CreateProxy(shared, new GrainId(binding.TypeName, key));
    }
}
