using Microsoft.CodeAnalysis;

namespace Hive.Runtime.Generators;

/// <summary>Diagnostics of the grain generator.</summary>
public static class Diagnostics
{
    private const string Category = "Hive.Runtime";

    /// <summary>HIVE001: a grain method must return Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt;.</summary>
    public static readonly DiagnosticDescriptor InvalidReturnType = new(
        "HIVE001",
        "Grain method has an invalid return type",
        "Grain method '{0}.{1}' returns '{2}'; grain methods must return Task, Task<T>, ValueTask or ValueTask<T>",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>HIVE002: an argument or result type cannot be serialized to cross silos.</summary>
    public static readonly DiagnosticDescriptor NotSerializable = new(
        "HIVE002",
        "Grain method uses a type that cannot cross silos",
        "Grain method '{0}.{1}': {2} of type '{3}' cannot be serialized to cross silos ({4})",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>HIVE003: generic grain methods are not supported.</summary>
    public static readonly DiagnosticDescriptor GenericMethod = new(
        "HIVE003",
        "Generic grain methods are not supported",
        "Grain method '{0}.{1}' is generic; Hive grain methods cannot have type parameters",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>HIVE004: a one-way method cannot return a result.</summary>
    public static readonly DiagnosticDescriptor OneWayWithResult = new(
        "HIVE004",
        "One-way grain method returns a result",
        "Grain method '{0}.{1}' is [OneWay] but returns '{2}'; one-way methods must return Task or ValueTask",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>HIVE005: a grain class the generated code cannot reach.</summary>
    public static readonly DiagnosticDescriptor InaccessibleGrainClass = new(
        "HIVE005",
        "Grain class is not accessible",
        "Grain class '{0}' must be public or internal (and not nested in a private type) so the generated factory can create it",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>HIVE006: a grain interface the generated proxy cannot implement.</summary>
    public static readonly DiagnosticDescriptor UnsupportedInterface = new(
        "HIVE006",
        "Grain interface is not supported",
        "Grain interface '{0}' is not supported: {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);
}
