using System.CommandLine;
using System.Net.Http;
using Hive.Commands.Run;

namespace Hive.Commands;

/// <summary>
/// <c>hive health</c>: asks a silo's health endpoint once and turns the answer into an exit code, for container health
/// checks where no curl is installed (the image's <c>HEALTHCHECK</c>). 0 healthy; 3 the silo answered unhealthy;
/// 4 nothing answered within the timeout.
/// </summary>
internal static class HealthCommand
{
    public const string DefaultUrl = "http://127.0.0.1:8080/health/live";

    public static Command Create()
    {
        var url = new Option<string>("--url")
        {
            Description = "The health endpoint to ask (/health/live or /health/ready of a silo's HTTP port).",
            DefaultValueFactory = _ => DefaultUrl,
        };
        var timeout = new Option<string>("--timeout")
        {
            Description = "How long to wait for the answer, e.g. 3s.",
            DefaultValueFactory = _ => "3s",
        };

        var command = new Command("health", "Ask a silo's health endpoint once; exit 0 when healthy.");
        command.Options.Add(url);
        command.Options.Add(timeout);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var text = parse.GetValue(timeout)!;
            if (!DurationParser.TryParse(text, out var wait))
            {
                throw new CliException($"--timeout '{text}' is not a duration ({DurationParser.Format})");
            }

            return await CheckAsync(parse.GetValue(url)!, wait, parse.InvocationConfiguration.Output, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    internal static async Task<int> CheckAsync(string url, TimeSpan timeout, TextWriter output, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliException($"--url must be an absolute http(s) URL, not '{url}'");
        }

        using var http = new HttpClient { Timeout = timeout };
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"no answer from {uri} within {timeout.TotalSeconds:0.#} s: {ex.Message}", ExitCodes.Unavailable);
        }

        using (response)
        {
            var body = (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim();
            await output.WriteLineAsync($"{(int)response.StatusCode} {body}").ConfigureAwait(false);
            return response.IsSuccessStatusCode ? ExitCodes.Success : ExitCodes.Failed;
        }
    }
}
