using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Hive.Runtime.Invocation;

namespace Hive.Runtime.Core;

internal static class SerializerOptionsFactory
{
    public static JsonSerializerOptions Create(bool allowReflection, Func<GrainFactory> grainFactory)
    {
        var resolvers = GrainTypeRegistry.JsonResolvers.ToList();
        if (allowReflection)
        {
            resolvers.Add(new DefaultJsonTypeInfoResolver());
        }

        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine([.. resolvers]),
        };
        options.Converters.Add(new GrainReferenceConverterFactory(grainFactory));
        options.MakeReadOnly();
        return options;
    }
}
