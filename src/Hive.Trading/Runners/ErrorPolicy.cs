namespace Hive.Trading.Runners;

/// <summary>What a runner does when its strategy throws or returns an illegal action (DESIGN §4).</summary>
public enum ErrorPolicy : byte
{
    /// <summary>Record the error and stop the runner (<see cref="RunnerState.Stopped"/>) until it is resumed.</summary>
    Production,

    /// <summary>Record the error, skip this update and carry on with the next.</summary>
    Development,
}
