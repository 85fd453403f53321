namespace Hive.Runtime.Storage;

internal static class StorageEtags
{
    public static void Check(string stateName, GrainId grainId, string? stored, string? expected)
    {
        if (!string.Equals(stored, expected, StringComparison.Ordinal))
        {
            throw new InconsistentStateException(
                $"State '{stateName}' of grain {grainId} was written by someone else: stored ETag is '{stored ?? "(none)"}', the write was based on '{expected ?? "(none)"}'.",
                stored,
                expected);
        }
    }
}
