using Hive.Testing;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Hive.Tests.Deployment;

/// <summary>The documents of <c>infra/kubernetes</c>, parsed as plain YAML trees, with paths into them.</summary>
internal sealed class KubernetesManifests
{
    private KubernetesManifests(string folder, IReadOnlyList<Manifest> documents)
    {
        Folder = folder;
        Documents = documents;
    }

    public string Folder { get; }

    public IReadOnlyList<Manifest> Documents { get; }

    public static KubernetesManifests Load()
    {
        var folder = Path.Combine(SharedData.RepositoryRoot, "infra", "kubernetes");
        var deserializer = new DeserializerBuilder().Build();
        var documents = new List<Manifest>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(file) == "kustomization.yaml")
            {
                continue;
            }

            using var reader = new StreamReader(file);
            var parser = new Parser(reader);
            parser.Consume<StreamStart>();
            while (parser.Accept<DocumentStart>(out _))
            {
                var tree = deserializer.Deserialize<Dictionary<object, object>>(parser)
                    ?? throw new InvalidDataException($"{file}: an empty document");
                documents.Add(new Manifest(Path.GetFileName(file), tree));
            }
        }

        return new KubernetesManifests(folder, documents);
    }

    public IEnumerable<Manifest> OfKind(string kind) => Documents.Where(d => d.Kind == kind);
}
