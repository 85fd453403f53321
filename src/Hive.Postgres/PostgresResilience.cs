using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Hive.Postgres;

/// <summary>The retry policy of Hive's own PostgreSQL work (migrations and the ledger).</summary>
public static class PostgresResilience
{
    /// <summary>
    /// A pipeline that retries an operation only while it fails with an <see cref="NpgsqlException"/> whose
    /// <see cref="NpgsqlException.IsTransient"/> is true, at most <see cref="PostgresRetryOptions.MaxRetryAttempts"/>
    /// times with exponential backoff and jitter; every other exception surfaces from the first attempt.
    /// </summary>
    /// <param name="options">Attempts and delays; the defaults when null.</param>
    /// <param name="logger">Where each retry is reported (the error and the attempt).</param>
    /// <param name="onRetry">Called before each retry (tests count retries with it).</param>
    /// <param name="timeProvider">The clock of the delays; the system clock when null.</param>
    public static ResiliencePipeline CreatePipeline(
        PostgresRetryOptions? options = null, ILogger? logger = null, Action<Exception>? onRetry = null, TimeProvider? timeProvider = null)
    {
        options ??= new PostgresRetryOptions();
        options.Validate();
        logger ??= NullLogger.Instance;
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider ?? TimeProvider.System };
        if (options.MaxRetryAttempts == 0)
        {
            return builder.Build();
        }

        return builder.AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(static e => e.IsTransient),
            MaxRetryAttempts = options.MaxRetryAttempts,
            Delay = options.BaseDelay,
            MaxDelay = options.MaxDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            OnRetry = args =>
            {
                var error = args.Outcome.Exception!;
                logger.LogWarning(error, "PostgreSQL: transient error ({Message}); retry {Attempt} in {Delay} ms.",
                    error.Message, args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds);
                onRetry?.Invoke(error);
                return ValueTask.CompletedTask;
            },
        }).Build();
    }
}
