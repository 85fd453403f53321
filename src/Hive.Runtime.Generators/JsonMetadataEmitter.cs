using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Hive.Runtime.Generators;

/// <summary>
/// Emits System.Text.Json metadata (<c>JsonMetadataServices</c>) for the grain method argument and result types the
/// generator can describe without reflection: primitives, strings, Guid, dates, enums' underlying primitives, and
/// arrays of those. Other types fall through to the next resolver in the silo's chain.
/// </summary>
internal static class JsonMetadataEmitter
{
    private static readonly Dictionary<string, string> Converters = new()
    {
        ["bool"] = "BooleanConverter",
        ["byte"] = "ByteConverter",
        ["sbyte"] = "SByteConverter",
        ["short"] = "Int16Converter",
        ["ushort"] = "UInt16Converter",
        ["int"] = "Int32Converter",
        ["uint"] = "UInt32Converter",
        ["long"] = "Int64Converter",
        ["ulong"] = "UInt64Converter",
        ["float"] = "SingleConverter",
        ["double"] = "DoubleConverter",
        ["decimal"] = "DecimalConverter",
        ["string"] = "StringConverter",
        ["char"] = "CharConverter",
        ["global::System.Guid"] = "GuidConverter",
        ["global::System.DateTime"] = "DateTimeConverter",
        ["global::System.DateTimeOffset"] = "DateTimeOffsetConverter",
        ["global::System.TimeSpan"] = "TimeSpanConverter",
        ["global::System.DateOnly"] = "DateOnlyConverter",
        ["global::System.TimeOnly"] = "TimeOnlyConverter",
        ["byte[]"] = "ByteArrayConverter",
    };

    public static string Emit(IEnumerable<ITypeSymbol> types)
    {
        var sb = new StringBuilder();
        sb.AppendLine("        public global::System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(global::System.Type type, global::System.Text.Json.JsonSerializerOptions options)");
        sb.AppendLine("        {");
        var emitted = new HashSet<string>();
        foreach (var type in types)
        {
            var name = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            var key = name.Replace("global::System.String", "string");
            if (Converters.TryGetValue(key, out var converter) && emitted.Add(name))
            {
                sb.Append("            if (type == typeof(").Append(name).Append(")) return global::System.Text.Json.Serialization.Metadata.JsonMetadataServices.CreateValueInfo<")
                    .Append(name).Append(">(options, global::System.Text.Json.Serialization.Metadata.JsonMetadataServices.").Append(converter).AppendLine(");");
            }
            else if (type is IArrayTypeSymbol { Rank: 1 } array && key != "byte[]")
            {
                var element = array.ElementType.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
                if (Converters.ContainsKey(element) && emitted.Add(name))
                {
                    sb.Append("            if (type == typeof(").Append(name).Append(")) return global::System.Text.Json.Serialization.Metadata.JsonMetadataServices.CreateArrayInfo<")
                        .Append(element).Append(">(options, new global::System.Text.Json.Serialization.Metadata.JsonCollectionInfoValues<").Append(name)
                        .Append(">());").AppendLine();
                }
            }
        }

        sb.AppendLine("            return null;");
        sb.AppendLine("        }");
        return sb.ToString();
    }
}
