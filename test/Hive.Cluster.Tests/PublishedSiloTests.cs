using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Hive.Testing;

namespace Hive.Cluster.Tests;

/// <summary>
/// The image without a Docker engine: the Dockerfile's build stage (its <c>COPY</c> lines, then its <c>RUN dotnet</c>
/// lines) runs in a scratch folder, and the published <c>hive</c> starts as the image's entry point would, with its
/// configuration from the environment as Kubernetes gives it.
/// </summary>
public sealed partial class PublishedSiloTests : IAsyncLifetime
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "hive-publish-" + Guid.NewGuid().ToString("N")[..8]);

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_scratch);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the folder is under the system's temporary folder.
        }

        return Task.CompletedTask;
    }

    [PostgresFact]
    public async Task Dockerfile_PublishedSilo_ServesHealthMetricsAndApi_DrainsOnSigterm()
    {
        var app = await BuildStageAsync();
        var executable = Path.Combine(app, "Hive");
        Assert.True(File.Exists(executable), $"the publish produced no {executable}");
        await using var database = await PostgresServer.CreateDatabaseAsync();
        var apiPort = SiloProcess.FreePorts(1)[0];
        using var silo = SiloProcess.StartPublished(
            executable, "published-control", "control", database.ConnectionString, "published-" + database.Database, _scratch,
            "--api-port", apiPort.ToString(CultureInfo.InvariantCulture), "--api-token", "published-test-token", "--log-format", "json");

        await silo.WaitReadyAsync(TimeSpan.FromMinutes(2));
        var live = await Http.GetAsync(new Uri($"http://127.0.0.1:{silo.HttpPort}/health/live"));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        // Metrics want the token as the dashboard does (Prometheus sends it as a bearer token from the Secret).
        using (var anonymous = await Http.GetAsync(new Uri($"http://127.0.0.1:{silo.HttpPort}/metrics")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using var scrape = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{silo.HttpPort}/metrics"));
        scrape.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "published-test-token");
        using var scraped = await Http.SendAsync(scrape);
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        var metrics = await scraped.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE orleans_catalog_activations gauge", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE dotnet_gc_collections_total counter", metrics, StringComparison.Ordinal);

        // The image's HEALTHCHECK command, with the published tool.
        Assert.Equal(0, await RunAsync(executable, ["health", "--url", $"http://127.0.0.1:{silo.HttpPort}/health/ready"], TimeSpan.FromSeconds(30)));

        // The API answers on its own port and wants the token (the gRPC health service does not).
        using var h2 = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"http://127.0.0.1:{apiPort}/hive.v1.RunnerService/ListRunners"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([0, 0, 0, 0, 0]),
        };
        request.Content.Headers.ContentType = new("application/grpc");
        using var unauthenticated = await h2.SendAsync(request);
        await unauthenticated.Content.ReadAsByteArrayAsync();
        var status = unauthenticated.Headers.TryGetValues("grpc-status", out var inHeaders) ? inHeaders.Single()
            : unauthenticated.TrailingHeaders.TryGetValues("grpc-status", out var inTrailers) ? inTrailers.Single() : null;
        Assert.True(status == "16", $"expected UNAUTHENTICATED (16), got HTTP {(int)unauthenticated.StatusCode} grpc-status '{status}': {unauthenticated.Headers} {unauthenticated.TrailingHeaders}");

        silo.Signal(SiloProcess.SigTerm);
        Assert.Equal(0, await silo.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        Assert.Contains("\"Category\"", silo.Tail(200), StringComparison.Ordinal);
    }

    // Copies what the build stage's COPY lines name into the scratch folder, runs its RUN dotnet lines there (the
    // publish output redirected from /app), and returns the publish folder.
    private async Task<string> BuildStageAsync()
    {
        var root = HiveBinary.RepositoryRoot;
        var lines = File.ReadAllLines(Path.Combine(root, "Dockerfile"));
        var stage = lines.SkipWhile(l => !l.StartsWith("FROM ", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => !l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        var source = Path.Combine(_scratch, "src-root");
        var app = Path.Combine(_scratch, "app");
        // Docker's rules for these lines: the destination is a folder under WORKDIR; a file goes into it by its name,
        // a folder's contents go into it.
        foreach (var line in stage.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal)))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];
            var target = Path.GetFullPath(Path.Combine(source, parts[^1]));
            foreach (var item in parts[..^1])
            {
                var from = Path.Combine(root, item);
                Copy(from, File.Exists(from) ? Path.Combine(target, Path.GetFileName(item)) : target);
            }
        }

        var runs = stage.Where(l => l.StartsWith("RUN dotnet ", StringComparison.Ordinal)).Select(l => l[4..]).ToList();
        Assert.Equal(2, runs.Count);
        foreach (var run in runs)
        {
            var arguments = run.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(a => a == "/app" ? app : a).ToList();
            var exit = await RunAsync("dotnet", arguments, TimeSpan.FromMinutes(12), source);
            Assert.True(exit == 0, $"`{run}` exited {exit}");
        }

        return app;
    }

    private static void Copy(string from, string to)
    {
        if (File.Exists(from))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to, overwrite: true);
            return;
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (BuildOutput().IsMatch(relative))
            {
                continue;
            }

            var destination = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
    }

    private static async Task<int> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout, string? directory = null)
    {
        var info = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (directory is not null)
        {
            info.WorkingDirectory = directory;
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', info.ArgumentList)} did not finish within {timeout.TotalMinutes:0} min:\n{await output}\n{await error}");
        }

        if (process.ExitCode != 0)
        {
            Console.WriteLine($"{program} {string.Join(' ', info.ArgumentList)}:\n{await output}\n{await error}");
        }

        return process.ExitCode;
    }

    [GeneratedRegex(@"(^|/)(bin|obj)(/|$)")]
    private static partial Regex BuildOutput();
}
