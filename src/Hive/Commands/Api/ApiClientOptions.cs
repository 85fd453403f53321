using System.CommandLine;
using Hive.Api;

namespace Hive.Commands.Api;

/// <summary>The options every control command shares: where the API is, the token, and the output form.</summary>
internal sealed class ApiClientOptions
{
    public Option<string?> Server { get; } = new("--server")
    {
        HelpName = "URL",
        Description = "The Hive API (http://HOST:PORT or https://…); default: the hive run on --data-dir (its <data-dir>/api-endpoint).",
    };

    public Option<string?> Token { get; } = new("--api-token")
    {
        HelpName = "TOKEN",
        Description = $"Bearer token; default: ${HiveApiOptions.TokenVariable}, else <data-dir>/api-token of the local hive run.",
    };

    public Option<string> DataDirectory { get; } = new("--data-dir")
    {
        HelpName = "DIR",
        Description = "Data directory of the local hive run, where its API address and token are found.",
        DefaultValueFactory = _ => RunCommand.DefaultDataDirectory,
    };

    public Option<bool> Json { get; } = new("--json") { Description = "Print JSON (the API's messages in proto3 JSON form) instead of tables." };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Server);
        command.Options.Add(Token);
        command.Options.Add(DataDirectory);
        command.Options.Add(Json);
    }

    /// <summary>Connects as the parsed options say.</summary>
    public ApiConnection Connect(ParseResult parse) =>
        ApiConnection.Create(parse.GetValue(Server), parse.GetValue(Token), parse.GetValue(DataDirectory)!);
}
