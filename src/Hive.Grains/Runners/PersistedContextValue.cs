using Hive.Trading.Strategies;

namespace Hive.Grains.Runners;

/// <summary>One strategy context value as persisted (a <see cref="ContextValue"/> has no public constructor to bind).</summary>
internal sealed record PersistedContextValue(string Key, ContextValueKind Kind, double Number, long Integer, string? Text)
{
    public static PersistedContextValue From(string key, ContextValue value) => value.Kind switch
    {
        ContextValueKind.Number => new(key, value.Kind, value.AsNumber(), 0, null),
        ContextValueKind.Integer => new(key, value.Kind, 0, value.AsInteger(), null),
        ContextValueKind.String => new(key, value.Kind, 0, 0, value.AsString()),
        _ => new(key, value.Kind, 0, value.AsBoolean() ? 1 : 0, null),
    };

    public KeyValuePair<string, ContextValue> ToPair() => new(Key, Kind switch
    {
        ContextValueKind.Number => ContextValue.FromNumber(Number),
        ContextValueKind.Integer => ContextValue.FromInteger(Integer),
        ContextValueKind.String => ContextValue.FromString(Text ?? string.Empty),
        _ => ContextValue.FromBoolean(Integer != 0),
    });
}
