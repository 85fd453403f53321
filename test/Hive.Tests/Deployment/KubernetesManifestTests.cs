using System.Diagnostics;
using System.Globalization;

namespace Hive.Tests.Deployment;

/// <summary>
/// Checks the properties of <c>infra/kubernetes</c> that a wrong edit breaks silently: roles and node pools, probes and
/// the silo's health endpoints, ports and the silo's options, identity from the downward API, secrets never inline.
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly Dictionary<string, (string? Pool, string? Tag)> Roles = new(StringComparer.Ordinal)
    {
        ["control"] = (null, null),
        ["live"] = ("low-latency", "low_latency"),
        ["data"] = ("high-ram", "high_ram"),
    };

    private readonly KubernetesManifests _manifests = KubernetesManifests.Load();

    [Fact]
    public void Kustomization_ListsEveryManifestFile()
    {
        var kustomization = File.ReadAllLines(Path.Combine(_manifests.Folder, "kustomization.yaml"))
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("- ", StringComparison.Ordinal) && l.EndsWith(".yaml", StringComparison.Ordinal))
            .Select(l => l[2..])
            .ToHashSet(StringComparer.Ordinal);
        var files = Directory.EnumerateFiles(_manifests.Folder, "*.yaml").Select(Path.GetFileName)
            .Where(f => f != "kustomization.yaml").ToHashSet(StringComparer.Ordinal);

        Assert.Equal(files.Order(StringComparer.Ordinal), kustomization.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SiloDeployments_OnePerRole_PinnedToTheRolesPool()
    {
        var silos = Silos().ToList();

        Assert.Equal(Roles.Keys.Order(StringComparer.Ordinal), silos.Select(s => s.Role).Order(StringComparer.Ordinal));
        foreach (var (deployment, role, args) in silos)
        {
            Assert.Equal(role, Option(args, "--role"));
            var (pool, tag) = Roles[role];
            Assert.Equal(tag, Option(args, "--tag"));
            var terms = Manifest.Maps(deployment.Get("spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms"));
            var pools = terms.SelectMany(t => Manifest.Maps(t.GetValueOrDefault("matchExpressions")))
                .Where(e => (string)e["key"] == "hive.trading/pool")
                .SelectMany(e => ((List<object>)e["values"]).Cast<string>()).ToList();
            if (pool is null)
            {
                Assert.Empty(pools);
                continue;
            }

            Assert.Equal([pool], pools);
            var tolerations = Manifest.Maps(deployment.Get("spec.template.spec.tolerations"));
            Assert.Contains(tolerations, t => (string)t["key"] == "hive.trading/pool" && (string)t["value"] == pool);
        }
    }

    [Fact]
    public void SiloDeployments_ProbesAndPortsMatchTheSiloOptions()
    {
        foreach (var (deployment, _, args) in Silos())
        {
            var container = Container(deployment);
            var ports = Manifest.Maps(container["ports"]).ToDictionary(p => (string)p["name"], p => Convert.ToInt32(p["containerPort"], CultureInfo.InvariantCulture));
            Assert.Equal(Port(args, "--silo-port"), ports["silo"]);
            Assert.Equal(Port(args, "--gateway-port"), ports["gateway"]);
            Assert.Equal(Port(args, "--http-port"), ports["http"]);
            Assert.Equal(Port(args, "--api-port"), ports["api"]);

            Assert.Equal("/health/live", Manifest.Get(container, "startupProbe.httpGet.path"));
            Assert.Equal("/health/live", Manifest.Get(container, "livenessProbe.httpGet.path"));
            Assert.Equal("/health/ready", Manifest.Get(container, "readinessProbe.httpGet.path"));
            foreach (var probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
            {
                Assert.Equal("http", Manifest.Get(container, $"{probe}.httpGet.port"));
            }

            Assert.Equal("true", deployment.Get("spec.template.metadata.annotations", "prometheus.io/scrape"));
            Assert.Equal(ports["http"].ToString(CultureInfo.InvariantCulture), deployment.Get("spec.template.metadata.annotations", "prometheus.io/port"));
            Assert.Equal("/metrics", deployment.Get("spec.template.metadata.annotations", "prometheus.io/path"));
        }
    }

    [Fact]
    public void SiloDeployments_IdentityFromTheDownwardApi_SecretsFromTheSecret()
    {
        foreach (var (deployment, _, _) in Silos())
        {
            var env = Manifest.Maps(Container(deployment)["env"]).ToDictionary(e => (string)e["name"]);
            Assert.Equal("metadata.name", Manifest.Get(env["POD_NAME"], "valueFrom.fieldRef.fieldPath"));
            Assert.Equal("status.podIP", Manifest.Get(env["POD_IP"], "valueFrom.fieldRef.fieldPath"));
            foreach (var secret in new[] { "HIVE_POSTGRES", "HIVE_API_TOKEN" })
            {
                Assert.False(env[secret].ContainsKey("value"), $"{deployment}: {secret} is written inline");
                Assert.Equal("hive-secrets", Manifest.Get(env[secret], "valueFrom.secretKeyRef.name"));
            }

            var configMaps = Manifest.Maps(Container(deployment)["envFrom"]).Select(e => Manifest.Get(e, "configMapRef.name"));
            Assert.Contains("hive-cluster", configMaps);
        }

        var config = Assert.Single(_manifests.OfKind("ConfigMap"), c => c.Name == "hive-cluster");
        Assert.NotNull(config.Get("data.Hive__Silo__ClusterId"));
        Assert.NotNull(config.Get("data.Hive__Silo__ServiceId"));
        Assert.Empty(_manifests.OfKind("Secret"));
    }

    [Fact]
    public void SiloDeployments_GraceLongerThanTheDrain_ResourcesSet_DisruptionBudgeted()
    {
        var budgets = _manifests.OfKind("PodDisruptionBudget").ToList();
        foreach (var (deployment, role, _) in Silos())
        {
            var grace = Convert.ToDouble(deployment.Get("spec.template.spec.terminationGracePeriodSeconds"), CultureInfo.InvariantCulture);
            Assert.True(grace > Hive.Silo.SiloHost.DrainTimeout.TotalSeconds, $"{deployment}: grace {grace} s is not longer than the drain");
            var container = Container(deployment);
            Assert.NotNull(Manifest.Get(container, "resources.requests.cpu"));
            Assert.NotNull(Manifest.Get(container, "resources.requests.memory"));
            Assert.NotNull(Manifest.Get(container, "resources.limits.memory"));
            Assert.Contains(budgets, b => (string?)b.Get("spec.selector.matchLabels", "hive.trading/role") == role);
            Assert.Equal("true", deployment.Get("spec.template.spec.securityContext.runAsNonRoot"));
        }
    }

    [Fact]
    public void Services_NeverCarrySiloToSiloTraffic()
    {
        var siloPorts = Silos().SelectMany(s => new[] { Port(s.Args, "--silo-port"), Port(s.Args, "--gateway-port") }).ToHashSet();

        foreach (var service in _manifests.OfKind("Service").Where(s => s.Name != "hive-postgres"))
        {
            foreach (var port in Manifest.Maps(service.Get("spec.ports")))
            {
                Assert.DoesNotContain(Convert.ToInt32(port["port"], CultureInfo.InvariantCulture), siloPorts);
                Assert.NotEqual("silo", port.GetValueOrDefault("targetPort"));
                Assert.NotEqual("gateway", port.GetValueOrDefault("targetPort"));
            }
        }
    }

    [KubectlFact]
    public async Task KubectlKustomize_RendersEveryObject()
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", _manifests.Folder]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(process.ExitCode == 0, await error);
        var rendered = (await output).Split('\n').Count(l => l.StartsWith("kind: ", StringComparison.Ordinal));
        Assert.Equal(_manifests.Documents.Count, rendered);
    }

    private IEnumerable<(Manifest Deployment, string Role, List<string> Args)> Silos() =>
        _manifests.OfKind("Deployment")
            .Where(d => (string?)d.Get("spec.template.metadata.labels", "app.kubernetes.io/name") == "hive-silo")
            .Select(d => (d, d.Text("spec.template.metadata.labels", "hive.trading/role"), ((List<object>)Container(d)["args"]).Cast<string>().ToList()));

    private static Dictionary<object, object> Container(Manifest deployment) =>
        Manifest.Maps(deployment.Get("spec.template.spec.containers")).Single(c => (string)c["name"] == "silo");

    private static string? Option(List<string> args, string name)
    {
        var i = args.IndexOf(name);
        return i >= 0 && i + 1 < args.Count ? args[i + 1] : null;
    }

    private static int Port(List<string> args, string name) =>
        int.Parse(Option(args, name) ?? throw new KeyNotFoundException($"no {name} in the silo's args"), CultureInfo.InvariantCulture);

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, program)));

    /// <summary>Runs where kubectl is installed, and is reported skipped with the reason elsewhere (the checks above do not need it).</summary>
    private sealed class KubectlFactAttribute : FactAttribute
    {
        public KubectlFactAttribute()
        {
            if (!OnPath("kubectl"))
            {
                Skip = "kubectl is not installed (Debian's kubectl renders the manifests with kubectl kustomize)";
            }
        }
    }
}
