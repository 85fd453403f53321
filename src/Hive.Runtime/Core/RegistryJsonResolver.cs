using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Hive.Runtime.Invocation;

namespace Hive.Runtime.Core;

/// <summary>
/// Resolves metadata from the generated contexts registered so far (a grain assembly may register after the silo
/// started), then from the reflection resolver when allowed. System.Text.Json caches the answer per type.
/// </summary>
internal sealed class RegistryJsonResolver(bool allowReflection) : IJsonTypeInfoResolver
{
    private readonly DefaultJsonTypeInfoResolver? _reflection = allowReflection ? new DefaultJsonTypeInfoResolver() : null;

    public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options)
    {
        foreach (var resolver in GrainTypeRegistry.JsonResolvers)
        {
            if (resolver.GetTypeInfo(type, options) is { } info)
            {
                return info;
            }
        }

        return _reflection?.GetTypeInfo(type, options);
    }
}
