namespace Hive.Postgres.Tests;

public sealed class CounterState
{
    public int Value { get; set; }
}
