namespace Hive.Runtime.Invocation;

/// <summary>A grain interface known to the runtime: its proxy factory and one request factory per method.</summary>
internal sealed record GrainInterfaceInfo(
    Type InterfaceType,
    string Name,
    Func<GrainReferenceShared, GrainId, object> CreateProxy,
    IReadOnlyList<Func<GrainRequest>> CreateRequest);
