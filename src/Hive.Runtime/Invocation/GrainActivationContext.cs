using System.ComponentModel;
using Hive.Runtime.Core;
using Hive.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Hive.Runtime.Invocation;

/// <summary>What a generated grain factory uses to build constructor arguments.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GrainActivationContext
{
    private readonly ActivationData _activation;

    internal GrainActivationContext(ActivationData activation)
    {
        _activation = activation;
    }

    /// <summary>The grain being activated.</summary>
    public GrainId GrainId => _activation.GrainId;

    /// <summary>Resolves a constructor parameter from the silo's services.</summary>
    public T GetRequiredService<T>()
        where T : notnull => _activation.Runtime.Services.GetRequiredService<T>();

    /// <summary>Creates the persistent state for a <see cref="PersistentStateAttribute"/> parameter.</summary>
    public IPersistentState<TState> GetPersistentState<TState>(string stateName, string? storageName)
        where TState : new() => _activation.CreatePersistentState<TState>(stateName, storageName);
}
