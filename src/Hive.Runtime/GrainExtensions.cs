using System.Globalization;

namespace Hive.Runtime;

/// <summary>Key accessors on grains and grain references, as in Orleans.</summary>
public static class GrainExtensions
{
    /// <summary>The grain's identity.</summary>
    public static GrainId GetGrainId(this IAddressable grain)
    {
        ArgumentNullException.ThrowIfNull(grain);
        return grain.GrainId;
    }

    /// <summary>The string key.</summary>
    public static string GetPrimaryKeyString(this IAddressable grain) => grain.GetGrainId().Key;

    /// <summary>The Guid key; throws when the key is not a Guid.</summary>
    public static Guid GetPrimaryKey(this IAddressable grain)
    {
        var id = grain.GetGrainId();
        return Guid.TryParseExact(id.Key, "D", out var key)
            ? key
            : throw new InvalidOperationException($"Grain {id} does not have a Guid key.");
    }

    /// <summary>The integer key; throws when the key is not an integer.</summary>
    public static long GetPrimaryKeyLong(this IAddressable grain)
    {
        var id = grain.GetGrainId();
        return long.TryParse(id.Key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var key)
            ? key
            : throw new InvalidOperationException($"Grain {id} does not have an integer key.");
    }
}
