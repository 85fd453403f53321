using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Hive.Runtime.Generators;

/// <summary>
/// Emits, for every grain interface of the compilation, a proxy class and one invoker per method; for every grain
/// class, a factory; System.Text.Json metadata for the primitive argument and result types; and a module initializer
/// registering all of it with the runtime. Misuse is reported as compile errors (HIVE001–HIVE006).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class GrainGenerator : IIncrementalGenerator
{
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private static readonly HashSet<string> MarkerInterfaces =
    [
        "Hive.Runtime.IGrain",
        "Hive.Runtime.IGrainWithStringKey",
        "Hive.Runtime.IGrainWithGuidKey",
        "Hive.Runtime.IGrainWithIntegerKey",
    ];

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var interfaces = context.SyntaxProvider.CreateSyntaxProvider(
                static (node, _) => node is InterfaceDeclarationSyntax { BaseList: not null },
                static (ctx, ct) => ctx.SemanticModel.GetDeclaredSymbol(ctx.Node, ct) as INamedTypeSymbol)
            .Where(static s => s is not null && IsGrainInterface(s))
            .Select(static (s, _) => BuildInterface(s!));
        var classes = context.SyntaxProvider.CreateSyntaxProvider(
                static (node, _) => node is ClassDeclarationSyntax { BaseList: not null },
                static (ctx, ct) => ctx.SemanticModel.GetDeclaredSymbol(ctx.Node, ct) as INamedTypeSymbol)
            .Where(static s => s is not null && !s.IsAbstract && !s.IsGenericType && DerivesFromGrain(s))
            .Select(static (s, _) => BuildClass(s!));
        var all = interfaces.Collect().Combine(classes.Collect()).Combine(context.CompilationProvider.Select(static (c, _) => c.AssemblyName ?? "Assembly"));
        context.RegisterSourceOutput(all, static (spc, input) => Emit(spc, input.Left.Left, input.Left.Right, input.Right));
    }

    private static DiagnosticInfo Info(DiagnosticDescriptor descriptor, Location? location, params object?[] arguments) =>
        new(descriptor, location, EquatableArray<string>.From(arguments.Select(a => a?.ToString() ?? string.Empty)));

    private static InterfaceResult BuildInterface(INamedTypeSymbol symbol)
    {
        var fullName = symbol.ToDisplayString();
        var model = AnalyzeInterface(symbol);
        if (model.Diagnostics.Count != 0)
        {
            return new InterfaceResult(fullName, null, null, default, EquatableArray<DiagnosticInfo>.From(model.Diagnostics));
        }

        var inherited = symbol.AllInterfaces.Where(IsGrainInterface).Select(AnalyzeInterface).Where(m => m.Diagnostics.Count == 0).ToList();
        var jsonTypes = new Dictionary<string, ITypeSymbol>();
        var source = EmitInterface(model, inherited, jsonTypes);
        var registration = new StringBuilder()
            .Append("        global::Hive.Runtime.Invocation.GrainTypeRegistry.AddInterface(typeof(")
            .Append(symbol.ToDisplayString(TypeFormat)).Append("), \"").Append(fullName).Append("\", static (shared, id) => new ")
            .Append(ProxyName(symbol)).Append("(shared, id), new global::System.Func<global::Hive.Runtime.Invocation.GrainRequest>[] { ")
            .Append(string.Join(", ", model.Methods.Select(m => "static () => new " + InvokerName(symbol, m) + "()")))
            .AppendLine(" });")
            .ToString();
        return new InterfaceResult(fullName, source, registration, EquatableArray<JsonBlock>.From(JsonMetadataEmitter.EmitBlocks(jsonTypes.Values)), default);
    }

    private static ClassResult BuildClass(INamedTypeSymbol symbol)
    {
        var model = AnalyzeClass(symbol);
        var fullName = symbol.ToDisplayString();
        if (model.Diagnostics.Count != 0 || model.Constructor is null)
        {
            return new ClassResult(fullName, null, EquatableArray<DiagnosticInfo>.From(model.Diagnostics));
        }

        var arguments = model.Constructor.Parameters.Select(p =>
        {
            var state = p.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "Hive.Runtime.Storage.PersistentStateAttribute");
            if (state is not null && p.Type is INamedTypeSymbol { TypeArguments.Length: 1 } stateType)
            {
                var stateName = state.ConstructorArguments[0].Value as string ?? p.Name;
                var storage = state.ConstructorArguments.Length > 1 ? state.ConstructorArguments[1].Value as string : null;
                return $"ctx.GetPersistentState<{stateType.TypeArguments[0].ToDisplayString(TypeFormat)}>({Literal(stateName)}, {(storage is null ? "null" : Literal(storage))})";
            }

            return $"ctx.GetRequiredService<{p.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(TypeFormat)}>()";
        });
        var grainInterfaces = symbol.AllInterfaces.Where(IsGrainInterface).Select(i => "typeof(" + i.ToDisplayString(TypeFormat) + ")");
        var registration = new StringBuilder()
            .Append("        global::Hive.Runtime.Invocation.GrainTypeRegistry.AddClass(typeof(")
            .Append(symbol.ToDisplayString(TypeFormat)).Append("), static ctx => new ").Append(symbol.ToDisplayString(TypeFormat))
            .Append('(').Append(string.Join(", ", arguments)).Append("), new global::System.Type[] { ")
            .Append(string.Join(", ", grainInterfaces)).AppendLine(" });")
            .ToString();
        return new ClassResult(fullName, registration, default);
    }

    private static bool IsGrainInterface(INamedTypeSymbol symbol) =>
        symbol.TypeKind == TypeKind.Interface
        && !MarkerInterfaces.Contains(symbol.ToDisplayString())
        && symbol.AllInterfaces.Any(i => i.ToDisplayString() == "Hive.Runtime.IGrain");

    private static bool DerivesFromGrain(INamedTypeSymbol symbol)
    {
        for (var t = symbol.BaseType; t is not null; t = t.BaseType)
        {
            if (t.ToDisplayString() == "Hive.Runtime.Grain")
            {
                return true;
            }
        }

        return false;
    }

    private static InterfaceModel AnalyzeInterface(INamedTypeSymbol symbol)
    {
        var model = new InterfaceModel(symbol);
        if (symbol.IsGenericType)
        {
            model.Diagnostics.Add(Info(Diagnostics.UnsupportedInterface, symbol.Locations.FirstOrDefault(), symbol.ToDisplayString(), "generic grain interfaces are not supported"));
            return model;
        }

        var index = 0;
        foreach (var method in symbol.GetMembers().OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary && m.IsAbstract))
        {
            var m = AnalyzeMethod(symbol, method, index++, model.Diagnostics);
            if (m is not null)
            {
                model.Methods.Add(m);
            }
        }

        foreach (var member in symbol.GetMembers().Where(m => m is IPropertySymbol or IEventSymbol && m.IsAbstract))
        {
            model.Diagnostics.Add(Info(Diagnostics.UnsupportedInterface, member.Locations.FirstOrDefault(), symbol.ToDisplayString(), $"member '{member.Name}' is a property or event; grain interfaces have methods only"));
        }

        return model;
    }

    private static MethodModel? AnalyzeMethod(INamedTypeSymbol owner, IMethodSymbol method, int index, List<DiagnosticInfo> diagnostics)
    {
        var location = method.Locations.FirstOrDefault();
        var ownerName = owner.Name;
        if (method.TypeParameters.Length != 0)
        {
            diagnostics.Add(Info(Diagnostics.GenericMethod, location, ownerName, method.Name));
            return null;
        }

        var returnType = method.ReturnType;
        var returnName = returnType.ToDisplayString();
        ReturnKind kind;
        ITypeSymbol? resultType = null;
        var original = returnType.OriginalDefinition.ToDisplayString();
        switch (original)
        {
            case "System.Threading.Tasks.Task":
                kind = ReturnKind.Task;
                break;
            case "System.Threading.Tasks.ValueTask":
                kind = ReturnKind.ValueTask;
                break;
            case "System.Threading.Tasks.Task<TResult>":
                kind = ReturnKind.TaskOfT;
                resultType = ((INamedTypeSymbol)returnType).TypeArguments[0];
                break;
            case "System.Threading.Tasks.ValueTask<TResult>":
                kind = ReturnKind.ValueTaskOfT;
                resultType = ((INamedTypeSymbol)returnType).TypeArguments[0];
                break;
            default:
                diagnostics.Add(Info(Diagnostics.InvalidReturnType, location, ownerName, method.Name, method.ReturnsVoid ? "void" : returnName));
                return null;
        }

        var ok = true;
        var isOneWay = HasAttribute(method, "Hive.Runtime.OneWayAttribute");
        if (isOneWay && resultType is not null)
        {
            diagnostics.Add(Info(Diagnostics.OneWayWithResult, location, ownerName, method.Name, returnName));
            ok = false;
        }

        if (resultType is not null && SerializationProblem(resultType, topLevel: true) is { } resultProblem)
        {
            diagnostics.Add(Info(Diagnostics.NotSerializable, location, ownerName, method.Name, "the result", resultType.ToDisplayString(), resultProblem));
            ok = false;
        }

        foreach (var parameter in method.Parameters.Where(p => !IsCancellationToken(p.Type)))
        {
            var problem = parameter.RefKind is RefKind.Ref or RefKind.Out ? "ref and out parameters cannot cross silos" : SerializationProblem(parameter.Type, topLevel: true);
            if (problem is not null)
            {
                diagnostics.Add(Info(Diagnostics.NotSerializable, parameter.Locations.FirstOrDefault() ?? location, ownerName, method.Name, $"parameter '{parameter.Name}'", parameter.Type.ToDisplayString(), problem));
                ok = false;
            }
        }

        if (!ok)
        {
            return null;
        }

        long? timeoutTicks = null;
        var timeout = method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "Hive.Runtime.ResponseTimeoutAttribute");
        if (timeout is { ConstructorArguments.Length: 1 } && timeout.ConstructorArguments[0].Value is string text)
        {
            if (System.TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span))
            {
                timeoutTicks = span.Ticks;
            }
            else
            {
                diagnostics.Add(Info(Diagnostics.UnsupportedInterface, location, owner.ToDisplayString(), $"[ResponseTimeout(\"{text}\")] on '{method.Name}' is not a time span like \"00:00:05\""));
                return null;
            }
        }

        return new MethodModel(
            method,
            index,
            kind,
            resultType,
            isOneWay,
            HasAttribute(method, "Hive.Runtime.AlwaysInterleaveAttribute"),
            timeoutTicks);
    }

    private static string? SerializationProblem(ITypeSymbol type, bool topLevel)
    {
        switch (type)
        {
            case ITypeParameterSymbol:
                return "an open generic type parameter has no serialization metadata";
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                return "pointers cannot be serialized";
            case IArrayTypeSymbol array:
                return SerializationProblem(array.ElementType, topLevel: false);
            case IDynamicTypeSymbol:
                return "dynamic has no serialization metadata";
        }

        if (type.TypeKind == TypeKind.Delegate)
        {
            return "delegates cannot be serialized";
        }

        if (type.IsRefLikeType)
        {
            return "ref structs cannot be serialized";
        }

        if (type is INamedTypeSymbol named)
        {
            if (type.TypeKind == TypeKind.Interface)
            {
                var isGrain = named.AllInterfaces.Any(i => i.ToDisplayString() == "Hive.Runtime.IGrain");
                if (isGrain)
                {
                    return topLevel ? null : "grain references are supported as arguments and results, not inside collections";
                }

                if (!IsCollectionInterface(named))
                {
                    return "an interface that is not a grain interface has no concrete type to deserialize";
                }
            }

            foreach (var argument in named.TypeArguments)
            {
                if (SerializationProblem(argument, topLevel: false) is { } problem)
                {
                    return problem;
                }
            }
        }

        return null;
    }

    private static bool IsCollectionInterface(INamedTypeSymbol type) => type.OriginalDefinition.ToDisplayString() switch
    {
        "System.Collections.Generic.IEnumerable<T>" or "System.Collections.Generic.IReadOnlyList<T>" or "System.Collections.Generic.IReadOnlyCollection<T>"
            or "System.Collections.Generic.IList<T>" or "System.Collections.Generic.ICollection<T>" or "System.Collections.Generic.ISet<T>"
            or "System.Collections.Generic.IReadOnlySet<T>" or "System.Collections.Generic.IDictionary<TKey, TValue>"
            or "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>" => true,
        _ => false,
    };

    private static bool HasAttribute(ISymbol symbol, string name) => symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == name);

    private static ClassModel AnalyzeClass(INamedTypeSymbol symbol)
    {
        var model = new ClassModel(symbol);
        for (ISymbol? s = symbol; s is INamedTypeSymbol t; s = t.ContainingType)
        {
            if (t.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
            {
                model.Diagnostics.Add(Info(Diagnostics.InaccessibleGrainClass, symbol.Locations.FirstOrDefault(), symbol.ToDisplayString()));
                return model;
            }
        }

        model.Constructor = symbol.InstanceConstructors
            .Where(c => c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal)
            .OrderByDescending(c => c.Parameters.Length)
            .FirstOrDefault();
        if (model.Constructor is null)
        {
            model.Diagnostics.Add(Info(Diagnostics.InaccessibleGrainClass, symbol.Locations.FirstOrDefault(), symbol.ToDisplayString()));
        }

        return model;
    }

    private static void Emit(SourceProductionContext context, ImmutableArray<InterfaceResult> interfaces, ImmutableArray<ClassResult> classes, string assemblyName)
    {
        var registrations = new StringBuilder();
        var jsonBlocks = new Dictionary<string, string>();
        var seen = new HashSet<string>();
        foreach (var result in interfaces)
        {
            if (!seen.Add(result.FullName))
            {
                continue;
            }

            foreach (var diagnostic in result.Diagnostics)
            {
                context.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            if (result.Source is null)
            {
                continue;
            }

            context.AddSource(SafeName(result.FullName) + ".Grain.g.cs", result.Source);
            registrations.Append(result.Registration);
            foreach (var block in result.JsonBlocks)
            {
                jsonBlocks[block.Key] = block.Body;
            }
        }

        var seenClasses = new HashSet<string>();
        foreach (var result in classes)
        {
            if (!seenClasses.Add(result.FullName))
            {
                continue;
            }

            foreach (var diagnostic in result.Diagnostics)
            {
                context.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            registrations.Append(result.Registration);
        }

        if (registrations.Length == 0)
        {
            return;
        }

        var resolver = JsonMetadataEmitter.Wrap(jsonBlocks.OrderBy(b => b.Key, System.StringComparer.Ordinal).Select(b => new JsonBlock(b.Key, b.Value)));
        var safeAssembly = SafeName(assemblyName);
        context.AddSource("HiveGrainRegistration.g.cs", $$"""
            // <auto-generated/>
            #nullable enable
            namespace Hive.Generated
            {
                /// <summary>Registers the grains of {{assemblyName}} with the Hive runtime.</summary>
                internal static class HiveGrainRegistration_{{safeAssembly}}
                {
                    [global::System.Runtime.CompilerServices.ModuleInitializer]
                    internal static void Register()
                    {
                        global::Hive.Runtime.Invocation.GrainTypeRegistry.AddJsonResolver(new HiveJsonContext_{{safeAssembly}}());
            {{registrations}}
                    }
                }

                /// <summary>System.Text.Json metadata for the grain method arguments and results of {{assemblyName}}, without reflection.</summary>
                internal sealed class HiveJsonContext_{{safeAssembly}} : global::System.Text.Json.Serialization.JsonSerializerContext, global::System.Text.Json.Serialization.Metadata.IJsonTypeInfoResolver
                {
                    public HiveJsonContext_{{safeAssembly}}() : base(null) { }

                    protected override global::System.Text.Json.JsonSerializerOptions? GeneratedSerializerOptions => null;

                    public override global::System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(global::System.Type type) => GetTypeInfo(type, Options);

                    global::System.Text.Json.Serialization.Metadata.JsonTypeInfo? global::System.Text.Json.Serialization.Metadata.IJsonTypeInfoResolver.GetTypeInfo(global::System.Type type, global::System.Text.Json.JsonSerializerOptions options) => GetTypeInfo(type, options);

            {{resolver}}
                }
            }
            """);
    }

    private static string EmitInterface(InterfaceModel model, IReadOnlyList<InterfaceModel> inherited, Dictionary<string, ITypeSymbol> jsonTypes)
    {
        var iface = model.Symbol.ToDisplayString(TypeFormat);
        var fullName = model.Symbol.ToDisplayString();
        var sb = new StringBuilder();
        sb.AppendLine("// <auto-generated/>").AppendLine("#nullable enable").AppendLine("namespace Hive.Generated").AppendLine("{");
        foreach (var method in model.Methods)
        {
            foreach (var p in method.Symbol.Parameters.Where(p => !IsCancellationToken(p.Type)))
            {
                jsonTypes[p.Type.ToDisplayString(TypeFormat)] = p.Type;
            }

            if (method.ResultType is not null)
            {
                jsonTypes[method.ResultType.ToDisplayString(TypeFormat)] = method.ResultType;
            }

            EmitInvoker(sb, model.Symbol, fullName, iface, method);
        }

        sb.Append("    [global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]\n");
        sb.Append("    internal sealed class ").Append(ProxyName(model.Symbol)).Append(" : global::Hive.Runtime.Invocation.GrainReference, ").Append(iface).AppendLine();
        sb.AppendLine("    {");
        sb.Append("        public ").Append(ProxyName(model.Symbol)).AppendLine("(global::Hive.Runtime.Invocation.GrainReferenceShared shared, global::Hive.Runtime.GrainId grainId) : base(shared, grainId) { }");
        var implemented = new List<(INamedTypeSymbol Owner, MethodModel Method)>();
        implemented.AddRange(model.Methods.Select(m => (model.Symbol, m)));
        foreach (var inheritedModel in inherited)
        {
            implemented.AddRange(inheritedModel.Methods.Select(m => (inheritedModel.Symbol, m)));
        }

        foreach (var (owner, method) in implemented)
        {
            var m = method.Symbol;
            var parameters = string.Join(", ", m.Parameters.Select((p, i) => (p.RefKind == RefKind.In ? "in " : "") + p.Type.ToDisplayString(TypeFormat) + " p" + i));
            sb.Append("        ").Append(m.ReturnType.ToDisplayString(TypeFormat)).Append(' ').Append(owner.ToDisplayString(TypeFormat)).Append('.')
                .Append(m.Name).Append('(').Append(parameters).AppendLine(")");
            sb.AppendLine("        {");
            sb.Append("            var request = ").Append(InvokerName(owner, method)).AppendLine(".Rent();");
            for (var i = 0; i < m.Parameters.Length; i++)
            {
                sb.Append("            request.Arg").Append(i).Append(" = p").Append(i).AppendLine(";");
            }

            if (method.IsOneWay)
            {
                sb.AppendLine("            InvokeOneWay(request);");
                sb.AppendLine(method.Kind == ReturnKind.Task ? "            return global::System.Threading.Tasks.Task.CompletedTask;" : "            return default;");
            }
            else
            {
                sb.AppendLine(method.Kind switch
                {
                    ReturnKind.Task => "            return InvokeVoidAsync(request).AsTask();",
                    ReturnKind.ValueTask => "            return InvokeVoidAsync(request);",
                    ReturnKind.TaskOfT => "            return InvokeAsync(request).AsTask();",
                    _ => "            return InvokeAsync(request);",
                });
            }

            sb.AppendLine("        }");
        }

        sb.AppendLine("    }").AppendLine("}");
        return sb.ToString();
    }

    private static void EmitInvoker(StringBuilder sb, INamedTypeSymbol owner, string fullName, string iface, MethodModel method)
    {
        var name = InvokerName(owner, method);
        var m = method.Symbol;
        var result = method.ResultType?.ToDisplayString(TypeFormat) ?? "global::Hive.Runtime.Invocation.VoidResult";
        sb.AppendLine("    [global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        sb.Append("    internal sealed class ").Append(name).Append(" : global::Hive.Runtime.Invocation.GrainRequest<").Append(result).AppendLine(">");
        sb.AppendLine("    {");
        sb.Append("        [global::System.ThreadStatic] private static ").Append(name).AppendLine("? s_pool;");
        for (var i = 0; i < m.Parameters.Length; i++)
        {
            sb.Append("        public ").Append(m.Parameters[i].Type.ToDisplayString(TypeFormat)).Append(" Arg").Append(i).AppendLine(" = default!;");
        }

        sb.Append("        public static ").Append(name).Append(" Rent() { var r = s_pool; if (r is null) { return new ").Append(name).AppendLine("(); } s_pool = null; return r; }");
        sb.Append("        protected override void Release() { ");
        for (var i = 0; i < m.Parameters.Length; i++)
        {
            sb.Append("Arg").Append(i).Append(" = default!; ");
        }

        sb.AppendLine("s_pool = this; }");
        sb.Append("        public override string InterfaceName => ").Append(Literal(fullName)).AppendLine(";");
        sb.Append("        public override string MethodName => ").Append(Literal(m.Name)).AppendLine(";");
        sb.Append("        public override int MethodId => ").Append(method.Index).AppendLine(";");
        if (method.IsOneWay)
        {
            sb.AppendLine("        public override bool IsOneWay => true;");
        }

        if (method.IsAlwaysInterleave)
        {
            sb.AppendLine("        public override bool IsAlwaysInterleave => true;");
        }

        if (method.TimeoutTicks is { } ticks)
        {
            sb.Append("        public override global::System.TimeSpan? ResponseTimeout => global::System.TimeSpan.FromTicks(").Append(ticks).AppendLine("L);");
        }

        sb.Append("        public override int ArgumentCount => ").Append(m.Parameters.Length).AppendLine(";");
        sb.Append("        public override object? GetArgument(int index) => index switch { ");
        for (var i = 0; i < m.Parameters.Length; i++)
        {
            sb.Append(i).Append(" => Arg").Append(i).Append(", ");
        }

        sb.AppendLine("_ => throw new global::System.ArgumentOutOfRangeException(nameof(index)) };");
        sb.AppendLine("        public override void WriteArguments(global::System.Text.Json.Utf8JsonWriter writer, global::System.Text.Json.JsonSerializerOptions options)");
        sb.AppendLine("        {");
        sb.AppendLine("            writer.WriteStartArray();");
        for (var i = 0; i < m.Parameters.Length; i++)
        {
            if (!IsCancellationToken(m.Parameters[i].Type))
            {
                sb.Append("            Write(writer, Arg").Append(i).AppendLine(", options);");
            }
        }

        sb.AppendLine("            writer.WriteEndArray();");
        sb.AppendLine("        }");
        sb.AppendLine("        public override void ReadArguments(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.JsonSerializerOptions options)");
        sb.AppendLine("        {");
        for (var i = 0; i < m.Parameters.Length; i++)
        {
            // A CancellationToken stays local: the callee on another silo gets CancellationToken.None.
            if (!IsCancellationToken(m.Parameters[i].Type))
            {
                sb.Append("            Arg").Append(i).Append(" = Read<").Append(m.Parameters[i].Type.ToDisplayString(TypeFormat)).AppendLine(">(ref reader, options);");
            }
        }

        sb.AppendLine("            ReadEnd(ref reader);");
        sb.AppendLine("        }");
        var call = "((" + iface + ")grain)." + m.Name + "(" + string.Join(", ", m.Parameters.Select((_, i) => "Arg" + i)) + ")";
        sb.Append("        protected override global::System.Threading.Tasks.ValueTask<").Append(result).Append("> InvokeCore(object grain) => ");
        sb.Append(method.Kind switch
        {
            ReturnKind.Task => "global::Hive.Runtime.Invocation.GrainRequestHelpers.FromTask(" + call + ")",
            ReturnKind.ValueTask => "global::Hive.Runtime.Invocation.GrainRequestHelpers.FromValueTask(" + call + ")",
            ReturnKind.TaskOfT => "new global::System.Threading.Tasks.ValueTask<" + result + ">(" + call + ")",
            _ => call,
        }).AppendLine(";");
        sb.AppendLine("    }");
    }

    private static bool IsCancellationToken(ITypeSymbol type) => type.ToDisplayString() == "System.Threading.CancellationToken";

    private static string ProxyName(INamedTypeSymbol symbol) => SafeName(symbol.ToDisplayString()) + "_Proxy";

    private static string InvokerName(INamedTypeSymbol owner, MethodModel method) =>
        SafeName(owner.ToDisplayString()) + "_" + method.Symbol.Name + "_" + method.Index.ToString(CultureInfo.InvariantCulture) + "_Invoker";

    internal static string SafeName(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            sb.Append(char.IsLetterOrDigit(c) ? c : '_');
        }

        return sb.ToString();
    }

    internal static string Literal(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private enum ReturnKind
    {
        Task,
        ValueTask,
        TaskOfT,
        ValueTaskOfT,
    }

    private sealed class InterfaceModel(INamedTypeSymbol symbol)
    {
        public INamedTypeSymbol Symbol { get; } = symbol;

        public List<MethodModel> Methods { get; } = [];

        public List<DiagnosticInfo> Diagnostics { get; } = [];
    }

    private sealed class MethodModel(IMethodSymbol symbol, int index, ReturnKind kind, ITypeSymbol? resultType, bool isOneWay, bool isAlwaysInterleave, long? timeoutTicks)
    {
        public IMethodSymbol Symbol { get; } = symbol;

        public int Index { get; } = index;

        public ReturnKind Kind { get; } = kind;

        public ITypeSymbol? ResultType { get; } = resultType;

        public bool IsOneWay { get; } = isOneWay;

        public bool IsAlwaysInterleave { get; } = isAlwaysInterleave;

        public long? TimeoutTicks { get; } = timeoutTicks;
    }

    private sealed class ClassModel(INamedTypeSymbol symbol)
    {
        public INamedTypeSymbol Symbol { get; } = symbol;

        public IMethodSymbol? Constructor { get; set; }

        public List<DiagnosticInfo> Diagnostics { get; } = [];
    }
}
