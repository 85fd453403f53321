using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Hive.Runtime.Generators;

/// <summary>
/// Emits System.Text.Json metadata (<c>JsonMetadataServices</c>, the API the System.Text.Json source generator uses) for
/// the grain method argument and result types and the types reachable through their properties: primitives, strings,
/// Guid and dates, enums, nullable values, arrays, <c>List&lt;T&gt;</c>, <c>Dictionary&lt;string, T&gt;</c>, the
/// read-only and mutable collection and string-keyed dictionary interfaces, and
/// classes, records and structs built from public properties (settable, or bound to constructor parameters). A type it
/// cannot describe faithfully (System.Text.Json attributes, init-only properties outside the constructor, other interfaces,
/// abstract or generic user types) is left to the next resolver of the silo's chain.
/// </summary>
internal static class JsonMetadataEmitter
{
    private const string Services = "global::System.Text.Json.Serialization.Metadata.JsonMetadataServices";
    private const string Meta = "global::System.Text.Json.Serialization.Metadata";

    private static readonly SymbolDisplayFormat Format = SymbolDisplayFormat.FullyQualifiedFormat;

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
        ["object"] = "ObjectConverter",
        ["global::System.Guid"] = "GuidConverter",
        ["global::System.DateTime"] = "DateTimeConverter",
        ["global::System.DateTimeOffset"] = "DateTimeOffsetConverter",
        ["global::System.TimeSpan"] = "TimeSpanConverter",
        ["global::System.DateOnly"] = "DateOnlyConverter",
        ["global::System.TimeOnly"] = "TimeOnlyConverter",
        ["global::System.Uri"] = "UriConverter",
        ["global::System.Version"] = "VersionConverter",
        ["byte[]"] = "ByteArrayConverter",
    };

    /// <summary>The metadata blocks for <paramref name="roots"/> and the types reachable from them.</summary>
    public static List<JsonBlock> EmitBlocks(IEnumerable<ITypeSymbol> roots)
    {
        var blocks = new List<JsonBlock>();
        var seen = new HashSet<string>();
        var queue = new Queue<ITypeSymbol>(roots);
        while (queue.Count != 0)
        {
            var type = queue.Dequeue().WithNullableAnnotation(NullableAnnotation.NotAnnotated);
            var name = type.ToDisplayString(Format);
            if (!seen.Add(name))
            {
                continue;
            }

            var body = Describe(type, name, queue);
            if (body is not null)
            {
                blocks.Add(new JsonBlock(name, body));
            }
        }

        return blocks;
    }

    /// <summary>The context's lookup method over <paramref name="blocks"/>.</summary>
    public static string Wrap(IEnumerable<JsonBlock> blocks)
    {
        var sb = new StringBuilder();
        sb.AppendLine("        private static " + Meta + ".JsonTypeInfo? GetTypeInfo(global::System.Type type, global::System.Text.Json.JsonSerializerOptions options)");
        sb.AppendLine("        {");
        foreach (var block in blocks)
        {
            sb.Append("            if (type == typeof(").Append(block.Key).AppendLine("))");
            sb.AppendLine("            {");
            sb.Append(block.Body);
            sb.AppendLine("            }");
        }

        sb.AppendLine("            return null;");
        sb.AppendLine("        }");
        return sb.ToString();
    }

    private static string? Describe(ITypeSymbol type, string name, Queue<ITypeSymbol> queue)
    {
        if (Converters.TryGetValue(name, out var converter))
        {
            return $"                return {Services}.CreateValueInfo<{name}>(options, {Services}.{converter});\n";
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return $"                return {Services}.CreateValueInfo<{name}>(options, {Services}.GetEnumConverter<{name}>(options));\n";
        }

        if (type is IArrayTypeSymbol { Rank: 1 } array)
        {
            queue.Enqueue(array.ElementType);
            var element = array.ElementType.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(Format);
            return $"                return {Services}.CreateArrayInfo<{element}>(options, new {Meta}.JsonCollectionInfoValues<{element}[]>());\n";
        }

        if (type is not INamedTypeSymbol named || HasJsonAttributes(type))
        {
            return null;
        }

        var original = named.OriginalDefinition.ToDisplayString();
        if (original == "System.Nullable<T>")
        {
            queue.Enqueue(named.TypeArguments[0]);
            var inner = named.TypeArguments[0].ToDisplayString(Format);
            return $"                return {Services}.CreateValueInfo<{name}>(options, {Services}.GetNullableConverter<{inner}>(options));\n";
        }

        if (original == "System.Collections.Generic.List<T>")
        {
            queue.Enqueue(named.TypeArguments[0]);
            var element = named.TypeArguments[0].ToDisplayString(Format);
            return $"                return {Services}.CreateListInfo<{name}, {element}>(options, new {Meta}.JsonCollectionInfoValues<{name}> {{ ObjectCreator = static () => new {name}() }});\n";
        }

        if (original == "System.Collections.Generic.Dictionary<TKey, TValue>" && named.TypeArguments[0].SpecialType == SpecialType.System_String)
        {
            queue.Enqueue(named.TypeArguments[1]);
            var value = named.TypeArguments[1].ToDisplayString(Format);
            return $"                return {Services}.CreateDictionaryInfo<{name}, string, {value}>(options, new {Meta}.JsonCollectionInfoValues<{name}> {{ ObjectCreator = static () => new {name}() }});\n";
        }

        var factory = original switch
        {
            "System.Collections.Generic.IEnumerable<T>" or "System.Collections.Generic.IReadOnlyList<T>" or "System.Collections.Generic.IReadOnlyCollection<T>" => "CreateIEnumerableInfo",
            "System.Collections.Generic.IList<T>" => "CreateIListInfo",
            "System.Collections.Generic.ICollection<T>" => "CreateICollectionInfo",
            _ => null,
        };
        if (factory is not null)
        {
            queue.Enqueue(named.TypeArguments[0]);
            var element = named.TypeArguments[0].ToDisplayString(Format);
            return $"                return {Services}.{factory}<{name}, {element}>(options, new {Meta}.JsonCollectionInfoValues<{name}>());\n";
        }

        if (original is "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>" or "System.Collections.Generic.IDictionary<TKey, TValue>"
            && named.TypeArguments[0].SpecialType == SpecialType.System_String)
        {
            queue.Enqueue(named.TypeArguments[1]);
            var value = named.TypeArguments[1].ToDisplayString(Format);
            var create = original.StartsWith("System.Collections.Generic.IReadOnly", System.StringComparison.Ordinal) ? "CreateIReadOnlyDictionaryInfo" : "CreateIDictionaryInfo";
            return $"                return {Services}.{create}<{name}, string, {value}>(options, new {Meta}.JsonCollectionInfoValues<{name}>());\n";
        }

        if (named.IsGenericType || named.IsAbstract || named.TypeKind is not (TypeKind.Class or TypeKind.Struct)
            || named.DeclaringSyntaxReferences.IsEmpty || !IsAccessible(named))
        {
            return null;
        }

        return DescribeObject(named, name, queue);
    }

    private static string? DescribeObject(INamedTypeSymbol type, string name, Queue<ITypeSymbol> queue)
    {
        var properties = new List<IPropertySymbol>();
        for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object && t.SpecialType != SpecialType.System_ValueType; t = t.BaseType)
        {
            foreach (var p in t.GetMembers().OfType<IPropertySymbol>())
            {
                if (!p.IsStatic && !p.IsIndexer && p.DeclaredAccessibility == Accessibility.Public && p.GetMethod is { DeclaredAccessibility: Accessibility.Public }
                    && !properties.Any(q => q.Name == p.Name) && !(p.Name == "EqualityContract" && type.IsRecord))
                {
                    if (HasJsonAttributes(p))
                    {
                        return null;
                    }

                    properties.Add(p);
                }
            }
        }

        var constructors = type.InstanceConstructors.Where(c => c.DeclaredAccessibility == Accessibility.Public).ToList();
        var parameterless = constructors.FirstOrDefault(c => c.Parameters.Length == 0);
        var parameterized = constructors.Where(c => c.Parameters.Length != 0 && !(c.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(c.Parameters[0].Type, type))).ToList();
        IMethodSymbol? constructor = null;
        if (parameterless is null || type.TypeKind == TypeKind.Struct && parameterized.Count == 1)
        {
            if (parameterized.Count != 1)
            {
                return null;
            }

            constructor = parameterized[0];
            if (constructor.Parameters.Any(p => !properties.Any(q => string.Equals(q.Name, p.Name, System.StringComparison.OrdinalIgnoreCase))))
            {
                return null;
            }
        }

        bool BoundToConstructor(IPropertySymbol p) =>
            constructor is not null && constructor.Parameters.Any(c => string.Equals(c.Name, p.Name, System.StringComparison.OrdinalIgnoreCase));

        bool Settable(IPropertySymbol p) =>
            type.TypeKind == TypeKind.Class && p.SetMethod is { IsInitOnly: false, DeclaredAccessibility: Accessibility.Public };

        if (properties.Any(p => p.SetMethod is { IsInitOnly: true } && !BoundToConstructor(p)))
        {
            return null;
        }

        var sb = new StringBuilder();
        sb.AppendLine($"                var values = new {Meta}.JsonObjectInfoValues<{name}>");
        sb.AppendLine("                {");
        if (constructor is null)
        {
            sb.AppendLine($"                    ObjectCreator = static () => new {name}(),");
        }
        else
        {
            var args = string.Join(", ", constructor.Parameters.Select((p, i) => $"({p.Type.ToDisplayString(Format)})args[{i}]!"));
            sb.AppendLine($"                    ObjectWithParameterizedConstructorCreator = static args => new {name}({args}),");
            sb.AppendLine($"                    ConstructorParameterMetadataInitializer = static () => new {Meta}.JsonParameterInfoValues[]");
            sb.AppendLine("                    {");
            foreach (var p in constructor.Parameters)
            {
                var defaultValue = p.HasExplicitDefaultValue && p.ExplicitDefaultValue is not null ? $"({p.Type.ToDisplayString(Format)})({Literal(p.ExplicitDefaultValue)})" : "null";
                sb.AppendLine($"                        new() {{ Name = {GrainGenerator.Literal(p.Name)}, ParameterType = typeof({p.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(Format)}), Position = {p.Ordinal}, HasDefaultValue = {(p.HasExplicitDefaultValue ? "true" : "false")}, DefaultValue = {defaultValue} }},");
            }

            sb.AppendLine("                    },");
        }

        sb.AppendLine($"                    PropertyMetadataInitializer = _ => new {Meta}.JsonPropertyInfo[]");
        sb.AppendLine("                    {");
        foreach (var p in properties)
        {
            queue.Enqueue(p.Type);
            var propertyType = p.Type.ToDisplayString(Format);
            var setter = Settable(p) ? $"static (obj, value) => (({name})obj).{p.Name} = value!" : "null";
            sb.AppendLine($"                        {Services}.CreatePropertyInfo<{propertyType}>(options, new {Meta}.JsonPropertyInfoValues<{propertyType}>");
            sb.AppendLine($"                        {{ IsProperty = true, IsPublic = true, IsVirtual = {(p.IsVirtual || p.IsOverride ? "true" : "false")}, DeclaringType = typeof({name}), PropertyName = {GrainGenerator.Literal(p.Name)}, Getter = static obj => (({name})obj).{p.Name}, Setter = {setter} }}),");
        }

        sb.AppendLine("                    },");
        sb.AppendLine("                };");
        sb.AppendLine($"                return {Services}.CreateObjectInfo<{name}>(options, values);");
        return sb.ToString();
    }

    private static bool IsAccessible(INamedTypeSymbol type)
    {
        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (t.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasJsonAttributes(ISymbol symbol) =>
        symbol.GetAttributes().Any(a => a.AttributeClass?.ContainingNamespace?.ToDisplayString() == "System.Text.Json.Serialization");

    private static string Literal(object? value) => value switch
    {
        null => "null",
        string s => GrainGenerator.Literal(s),
        bool b => b ? "true" : "false",
        _ => System.Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) + (value is decimal ? "m" : value is long ? "L" : value is double ? "d" : value is float ? "f" : ""),
    };
}
