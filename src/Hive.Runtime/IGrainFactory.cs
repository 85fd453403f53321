namespace Hive.Runtime;

/// <summary>Creates references to grains. A reference is a proxy: obtaining one activates nothing.</summary>
public interface IGrainFactory
{
    /// <summary>Returns a reference to the grain with a string key.</summary>
    TGrainInterface GetGrain<TGrainInterface>(string primaryKey)
        where TGrainInterface : IGrainWithStringKey;

    /// <summary>Returns a reference to the grain with a <see cref="Guid"/> key.</summary>
    TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey)
        where TGrainInterface : IGrainWithGuidKey;

    /// <summary>Returns a reference to the grain with an integer key.</summary>
    TGrainInterface GetGrain<TGrainInterface>(long primaryKey)
        where TGrainInterface : IGrainWithIntegerKey;

    /// <summary>Returns a reference of interface <typeparamref name="TGrainInterface"/> to the grain <paramref name="grainId"/>.</summary>
    TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IGrain;
}
