namespace Hive.Benchmarks.Streams;

/// <summary>The benchmark event: a sequence number (a value type, immutable, as market events should be).</summary>
[GenerateSerializer]
[Immutable]
[Alias("hive.bench.streams.BenchTick")]
public readonly record struct BenchTick([property: Id(0)] int Sequence);
