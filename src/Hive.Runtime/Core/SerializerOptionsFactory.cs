using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Hive.Runtime.Invocation;

namespace Hive.Runtime.Core;

internal static class SerializerOptionsFactory
{
    public static JsonSerializerOptions Create(bool allowReflection)
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
        options.MakeReadOnly();
        return options;
    }
}
