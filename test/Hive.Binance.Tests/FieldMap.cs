using System.Globalization;
using System.Text.Json;

namespace Hive.Binance.Tests;

/// <summary>
/// Compares a JSON object (read with a DOM, in tests only) to a parsed model through an explicit map from JSON
/// property name to model value, and fails when the object has a property the map does not cover, so a field the
/// parser drops fails the test. A map value that is an <see cref="Action{JsonElement}"/> checks a nested value.
/// </summary>
internal static class FieldMap
{
    public static void AssertObject<T>(JsonElement json, T model, IReadOnlyDictionary<string, Func<T, object?>> map, string where)
    {
        Assert.Equal(JsonValueKind.Object, json.ValueKind);
        foreach (var property in json.EnumerateObject())
        {
            Assert.True(map.TryGetValue(property.Name, out var get), $"{where}: the field map does not cover '{property.Name}'");
            AssertValue(property.Value, get!(model), $"{where}.{property.Name}");
        }
    }

    public static void AssertArray<T>(JsonElement json, IReadOnlyList<T> models, IReadOnlyDictionary<string, Func<T, object?>> map, string where)
    {
        Assert.Equal(JsonValueKind.Array, json.ValueKind);
        Assert.Equal(json.GetArrayLength(), models.Count);
        var i = 0;
        foreach (var item in json.EnumerateArray())
        {
            AssertObject(item, models[i], map, $"{where}[{i}]");
            i++;
        }
    }

    public static void AssertValue(JsonElement expected, object? actual, string where)
    {
        switch (actual)
        {
            case Action<JsonElement> nested:
                nested(expected);
                return;
            case decimal d:
                var text = expected.ValueKind == JsonValueKind.String ? expected.GetString()! : expected.GetRawText();
                Assert.True(decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) == d, $"{where}: expected {text}, parsed {d}");
                return;
            case double x:
                var raw = expected.ValueKind == JsonValueKind.String ? expected.GetString()! : expected.GetRawText();
                Assert.True(double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture) == x, $"{where}: expected {raw}, parsed {x}");
                return;
            case IEnumerable<string> strings:
                Assert.Equal(expected.EnumerateArray().Select(e => e.GetString()), strings);
                return;
            default:
                break;
        }

        object? want = expected.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String => expected.GetString(),
            JsonValueKind.Number => expected.GetInt64(),
            _ => throw new InvalidOperationException($"{where}: unexpected {expected.ValueKind}"),
        };
        var got = actual switch
        {
            int n => (long)n,
            _ => actual,
        };
        Assert.True(Equals(want, got), $"{where}: expected '{want}', parsed '{got}'");
    }
}
