using System.Diagnostics;
using System.Globalization;
using System.Net;
using Hive.Cluster.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Hive.Benchmarks.Cluster;

/// <summary>
/// Two <see cref="PlainSilo"/> processes (a control silo keeping the membership table, and a data silo) and a client
/// connected through the control silo's gateway only, so that the latency probe is placed there.
/// </summary>
internal sealed class PlainPair : IAsyncDisposable
{
    private readonly List<Process> _processes = [];
    private IHost? _client;

    private PlainPair()
    {
    }

    public IClusterClient Client => _client!.Services.GetRequiredService<IClusterClient>();

    /// <summary>The process IDs of the control and the data silo.</summary>
    public IReadOnlyList<int> Pids => [.. _processes.Select(p => p.Id)];

    public static async Task<PlainPair> StartAsync(string logDirectory, IReadOnlyList<string> addOns)
    {
        var pair = new PlainPair();
        try
        {
            var ports = SiloProcess.FreePorts(4);
            var clusterId = "plain-" + Guid.NewGuid().ToString("N")[..8];
            var control = pair.Launch("plain-control", "control", ports[0], ports[1], ports[0], clusterId, logDirectory, addOns);
            await control.WaitAsync(TimeSpan.FromSeconds(120));
            var data = pair.Launch("plain-data", "data", ports[2], ports[3], ports[0], clusterId, logDirectory, addOns);
            await data.WaitAsync(TimeSpan.FromSeconds(120));

            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.UseOrleansClient(client =>
            {
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = clusterId;
                    o.ServiceId = "plain";
                });
                client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, ports[1]));
                // A round of 20,000 calls under perf or a heavy load outlasts the default 30 s.
                client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(5));
            });
            pair._client = builder.Build();
            await pair._client.StartAsync();
            return pair;
        }
        catch
        {
            await pair.DisposeAsync();
            throw;
        }
    }

    // Starts one plain silo (this benchmark's own executable) and returns a task that completes at its READY line.
    private Task Launch(string name, string role, int siloPort, int gatewayPort, int primaryPort, string clusterId, string logDirectory, IReadOnlyList<string> addOns)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var info = new ProcessStartInfo(dotnet) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(typeof(PlainSilo).Assembly.Location);
        foreach (var argument in new[] { "plain-silo", role, name, Str(siloPort), Str(gatewayPort), Str(primaryPort), clusterId }.Concat(addOns))
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new StreamWriter(Path.Combine(logDirectory, name + ".log")) { AutoFlush = true };
        var sync = new Lock();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                ready.TrySetException(new InvalidOperationException($"plain silo {name} exited before it was ready; see {name}.log"));
                return;
            }

            lock (sync)
            {
                log.WriteLine(e.Data);
            }

            if (e.Data == PlainSilo.ReadyLine)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (sync)
                {
                    log.WriteLine(e.Data);
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
        return ready.Task;
    }

    private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            try
            {
                await _client.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or OrleansException)
            {
                // The silos may be gone already.
            }

            _client.Dispose();
        }

        foreach (var process in _processes)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
                // Exited meanwhile.
            }

            process.Dispose();
        }
    }
}
