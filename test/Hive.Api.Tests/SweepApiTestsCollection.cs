namespace Hive.Api.Tests;

/// <summary>Runs <see cref="SweepApiTests"/> after the classes that run in parallel.</summary>
[CollectionDefinition(nameof(SweepApiTests), DisableParallelization = true)]
public sealed class SweepApiTestsCollection;
