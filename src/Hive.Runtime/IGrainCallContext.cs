namespace Hive.Runtime;

/// <summary>What a call filter sees of a grain call.</summary>
public interface IGrainCallContext
{
    /// <summary>The target grain.</summary>
    GrainId TargetId { get; }

    /// <summary>Full name of the grain interface, for example <c>Hive.Grains.IRunnerGrain</c>.</summary>
    string InterfaceName { get; }

    /// <summary>The method name.</summary>
    string MethodName { get; }

    /// <summary>The arguments (boxed; filters are off the allocation-free path).</summary>
    IReadOnlyList<object?> Arguments { get; }

    /// <summary>The result once <see cref="Invoke"/> completed; filters may replace it. Null for methods without a result.</summary>
    object? Result { get; set; }

    /// <summary>Runs the next filter or the call itself. Exceptions of the call surface here.</summary>
    Task Invoke();
}
