using System.Text.Json;

namespace Hive.Runtime.Core;

internal static class SerializerOptionsFactory
{
    public static JsonSerializerOptions Create(bool allowReflection, Func<GrainFactory> grainFactory)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = new RegistryJsonResolver(allowReflection),
        };
        options.Converters.Add(new GrainReferenceConverterFactory(grainFactory));
        options.MakeReadOnly();
        return options;
    }
}
