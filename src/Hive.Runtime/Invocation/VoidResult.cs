namespace Hive.Runtime.Invocation;

/// <summary>The result type of grain methods returning <see cref="Task"/> or <see cref="ValueTask"/>.</summary>
public readonly record struct VoidResult;
