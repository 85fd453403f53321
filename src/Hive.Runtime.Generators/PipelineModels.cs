using Microsoft.CodeAnalysis;

namespace Hive.Runtime.Generators;

/// <summary>A diagnostic to report, kept as values so it compares by content.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, Location? Location, EquatableArray<string> Arguments)
{
    public Diagnostic ToDiagnostic() => Diagnostic.Create(Descriptor, Location, [.. Arguments]);
}

/// <summary>One <c>if (type == typeof(X))</c> block of the generated JSON context.</summary>
internal sealed record JsonBlock(string Key, string Body);

/// <summary>What the generator produces for one grain interface.</summary>
internal sealed record InterfaceResult(
    string FullName,
    string? Source,
    string? Registration,
    EquatableArray<JsonBlock> JsonBlocks,
    EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>What the generator produces for one grain class.</summary>
internal sealed record ClassResult(string FullName, string? Registration, EquatableArray<DiagnosticInfo> Diagnostics);
