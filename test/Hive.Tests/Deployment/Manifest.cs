using System.Globalization;

namespace Hive.Tests.Deployment;

/// <summary>One Kubernetes object from a manifest file, navigated by dotted paths (<c>spec.template.spec</c>).</summary>
internal sealed record Manifest(string File, Dictionary<object, object> Tree)
{
    public string Kind => Text("kind");

    public string Name => Text("metadata.name");

    /// <summary>The node at <paramref name="path"/>, then at the literal key <paramref name="key"/> (labels and annotations have dots).</summary>
    public object? Get(string path, string? key = null) => Get(Tree, path, key);

    public string Text(string path, string? key = null) =>
        Get(path, key)?.ToString() ?? throw new KeyNotFoundException($"{File} {Describe()}: no {path} {key}");

    public override string ToString() => $"{File} {Describe()}";

    public static object? Get(object? node, string path, string? key = null)
    {
        node = Walk(node, path);
        return key is null ? node : (node as Dictionary<object, object>)?.GetValueOrDefault(key);
    }

    private static object? Walk(object? node, string path)
    {
        foreach (var key in path.Split('.'))
        {
            node = node switch
            {
                Dictionary<object, object> map => map.GetValueOrDefault(key),
                List<object> list when int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < list.Count => list[i],
                _ => null,
            };
        }

        return node;
    }

    public static IEnumerable<Dictionary<object, object>> Maps(object? node) =>
        node is List<object> list ? list.OfType<Dictionary<object, object>>() : [];

    private string Describe() => $"{Tree.GetValueOrDefault("kind")}/{Get(Tree, "metadata.name")}";
}
