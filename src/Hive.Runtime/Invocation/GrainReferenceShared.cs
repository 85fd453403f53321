using Hive.Runtime.Core;

namespace Hive.Runtime.Invocation;

/// <summary>What every generated proxy of one silo shares: the runtime it calls through. Created by the runtime only.</summary>
public sealed class GrainReferenceShared
{
    internal GrainReferenceShared(SiloRuntime runtime)
    {
        Runtime = runtime;
    }

    internal SiloRuntime Runtime { get; }
}
