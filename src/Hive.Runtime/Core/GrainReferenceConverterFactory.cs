using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hive.Runtime.Core;

/// <summary>Serializes grain references (values typed as a grain interface) as their grain ID; reads them back as proxies of the receiving silo.</summary>
internal sealed class GrainReferenceConverterFactory(Func<GrainFactory> factory) : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsInterface && typeof(IGrain).IsAssignableFrom(typeToConvert);

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter?)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert), factory);

    private sealed class Converter<T>(Func<GrainFactory> factory) : JsonConverter<T>
        where T : class, IGrain
    {
        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? null : factory().GetGrain<T>(GrainId.Parse(reader.GetString()!));

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            if (value is not IAddressable addressable)
            {
                throw new NotSupportedException($"Only grain references can cross silos as {typeof(T).Name}, not a {value.GetType().Name}.");
            }

            writer.WriteStringValue(addressable.GrainId.ToString());
        }
    }
}
