using Orleans;

namespace Hive.Grains.Storage;

/// <summary>A grain's stored state could not be read back; the message names the file and what is wrong with it.</summary>
[GenerateSerializer]
[Alias("hive.grain-state-corrupt-exception")]
public sealed class GrainStateCorruptException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GrainStateCorruptException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public GrainStateCorruptException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public GrainStateCorruptException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The state file <paramref name="path"/> is unreadable because of <paramref name="problem"/>.</summary>
    public GrainStateCorruptException(string path, string problem, Exception? innerException = null)
        : base($"state file {path} is corrupt: {problem}", innerException)
    {
        Path = path;
    }

    /// <summary>The state file.</summary>
    [Id(0)]
    public string? Path { get; init; }
}
