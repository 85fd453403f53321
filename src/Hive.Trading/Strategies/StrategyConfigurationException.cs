namespace Hive.Trading.Strategies;

/// <summary>
/// A strategy cannot be created: its name is unknown, or a parameter is missing, unknown or malformed. The message
/// names the strategy and the parameter (and lists the known strategies for an unknown name). Derives from
/// <see cref="ArgumentException"/>: it is always a configuration error, never a bug.
/// </summary>
public sealed class StrategyConfigurationException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public StrategyConfigurationException(string strategy, string message, Exception? innerException = null)
        : base(message, innerException) => Strategy = strategy;

    /// <summary>The strategy name as requested.</summary>
    public string Strategy { get; }
}
