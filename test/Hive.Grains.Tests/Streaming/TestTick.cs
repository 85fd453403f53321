namespace Hive.Grains.Tests.Streaming;

/// <summary>The item type of the test streams: a sequence number.</summary>
[GenerateSerializer]
[Immutable]
[Alias("hive.tests.streams.TestTick")]
public readonly record struct TestTick([property: Id(0)] int Sequence);
