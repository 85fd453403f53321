namespace Hive.Postgres;

/// <summary>
/// How Hive retries a PostgreSQL operation that failed with an error Npgsql marks transient
/// (<see cref="Npgsql.NpgsqlException.IsTransient"/>: a dropped connection, a server restarting or shutting down, a
/// serialization failure or deadlock). Any other error surfaces at once.
/// </summary>
public sealed class PostgresRetryOptions
{
    /// <summary>Retries after the first attempt (default 6; with the default delays about 6 s in all).</summary>
    public int MaxRetryAttempts { get; set; } = 6;

    /// <summary>The first retry's delay; each further one doubles it, with jitter (default 100 ms).</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest delay between two attempts (default 2 s).</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(2);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetryAttempts, nameof(MaxRetryAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(BaseDelay, TimeSpan.Zero, nameof(BaseDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, BaseDelay, nameof(MaxDelay));
    }
}
