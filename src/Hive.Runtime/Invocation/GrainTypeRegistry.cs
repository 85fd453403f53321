using System.Collections.Concurrent;
using System.ComponentModel;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;

namespace Hive.Runtime.Invocation;

/// <summary>
/// Process-wide registry the generated code of every grain assembly fills from a module initializer: grain interfaces
/// (proxy and invokers), grain classes (factory) and System.Text.Json metadata for cross-silo payloads.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GrainTypeRegistry
{
    private static readonly ConcurrentDictionary<Type, GrainInterfaceInfo> InterfacesByType = new();
    private static readonly ConcurrentDictionary<string, GrainInterfaceInfo> InterfacesByName = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, GrainClassInfo> ClassesByTypeName = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<Type, GrainClassInfo> ClassesByType = new();
    private static readonly ConcurrentQueue<IJsonTypeInfoResolver> Resolvers = new();

    /// <summary>Registers a grain interface (generated code).</summary>
    public static void AddInterface(Type interfaceType, string name, Func<GrainReferenceShared, GrainId, object> createProxy, Func<GrainRequest>[] createRequest)
    {
        var info = new GrainInterfaceInfo(interfaceType, name, createProxy, createRequest);
        InterfacesByType[interfaceType] = info;
        InterfacesByName[name] = info;
    }

    /// <summary>Registers a grain class (generated code).</summary>
    public static void AddClass(Type grainClass, Func<GrainActivationContext, Grain> create, Type[] interfaces)
    {
        var info = new GrainClassInfo(grainClass, create, interfaces);
        if (ClassesByTypeName.TryGetValue(info.TypeName, out var existing) && existing.GrainClass != grainClass)
        {
            throw new InvalidOperationException(
                $"Grain classes {existing.GrainClass.FullName} and {grainClass.FullName} both have grain type name '{info.TypeName}'; give one a [GrainType] name.");
        }

        ClassesByTypeName[info.TypeName] = info;
        ClassesByType[grainClass] = info;
    }

    /// <summary>Registers generated System.Text.Json metadata (generated code).</summary>
    public static void AddJsonResolver(IJsonTypeInfoResolver resolver) => Resolvers.Enqueue(resolver);

    /// <summary>Runs the module initializer of <paramref name="assembly"/> so its generated registrations are present.</summary>
    public static void EnsureRegistered(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
    }

    internal static IEnumerable<IJsonTypeInfoResolver> JsonResolvers => Resolvers;

    internal static GrainInterfaceInfo? FindInterface(string name) => InterfacesByName.GetValueOrDefault(name);

    internal static GrainClassInfo? FindClass(string typeName) => ClassesByTypeName.GetValueOrDefault(typeName);

    internal static GrainInterfaceInfo GetInterface(Type interfaceType) =>
        InterfacesByType.TryGetValue(interfaceType, out var info)
            ? info
            : throw new GrainCallException(
                $"Unknown grain interface {interfaceType.FullName}: no generated proxy is registered. Grain interfaces must derive from IGrainWithStringKey, IGrainWithGuidKey or IGrainWithIntegerKey in a project that references the Hive.Runtime generator.");

    internal static GrainClassInfo GetImplementation(Type interfaceType)
    {
        GrainClassInfo? found = null;
        foreach (var info in ClassesByType.Values)
        {
            if (!interfaceType.IsAssignableFrom(info.GrainClass))
            {
                continue;
            }

            if (found is not null)
            {
                throw new GrainCallException(
                    $"Grain interface {interfaceType.FullName} is implemented by both {found.GrainClass.FullName} and {info.GrainClass.FullName}; Hive needs exactly one implementation.");
            }

            found = info;
        }

        return found ?? throw new GrainCallException($"No grain class implements grain interface {interfaceType.FullName}.");
    }
}
