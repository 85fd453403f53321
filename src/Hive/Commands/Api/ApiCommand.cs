using System.CommandLine;
using Grpc.Core;
using Spectre.Console;

namespace Hive.Commands.Api;

/// <summary>Runs a control command's call against the API, turning a failed call into its one-line error and exit code.</summary>
internal static class ApiCommand
{
    public static void SetAction(Command command, ApiClientOptions api, IAnsiConsole? console,
        Func<ApiConnection, ParseResult, IAnsiConsole, bool, CancellationToken, Task<int>> action)
    {
        api.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var connection = api.Connect(parse);
            try
            {
                return await action(connection, parse, console ?? CliConsole.Default(), parse.GetValue(api.Json), cancellationToken);
            }
            catch (RpcException ex) when (ex.StatusCode != StatusCode.Cancelled || !cancellationToken.IsCancellationRequested)
            {
                throw connection.Fail(ex);
            }
        });
    }
}
