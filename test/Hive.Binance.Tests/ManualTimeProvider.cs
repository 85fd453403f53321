namespace Hive.Binance.Tests;

/// <summary>A clock the test sets; timers are not supported (tests that need delays use the system clock).</summary>
internal sealed class ManualTimeProvider(long unixMilliseconds) : TimeProvider
{
    private long _now = unixMilliseconds;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(Interlocked.Read(ref _now));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _now, (long)by.TotalMilliseconds);
}
