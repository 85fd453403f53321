using Hive.Binance;
using Hive.Grains.Gateway;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Hive.Grains.Exchange;

/// <summary>
/// Which broker the gateways use and which market data the feeds read, from configuration (section
/// <see cref="Section"/>, the same keys for <c>hive run</c> and <c>hive silo</c>):
/// <list type="table">
/// <item><term><c>Hive:Exchange:Broker</c></term><description><c>paper</c> (default) or <c>binance</c>: where orders go.</description></item>
/// <item><term><c>Hive:Exchange:Production</c></term><description><c>true</c> for Binance production; the spot testnet otherwise.</description></item>
/// <item><term><c>Hive:Exchange:BaseUrl</c></term><description>REST base URL, overriding the testnet's or production's.</description></item>
/// <item><term><c>Hive:Exchange:StreamUrl</c></term><description>WebSocket base URL, overriding the testnet's or production's.</description></item>
/// </list>
/// The API key and secret come only from the environment (<see cref="ApiKeyVariable"/>, <see cref="ApiSecretVariable"/>),
/// so they never sit in a configuration file, a state file or a log.
/// </summary>
public sealed class ExchangeSettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Hive:Exchange";

    /// <summary>Environment variable holding the Binance API key.</summary>
    public const string ApiKeyVariable = "BINANCE_API_KEY";

    /// <summary>Environment variable holding the Binance API secret.</summary>
    public const string ApiSecretVariable = "BINANCE_API_SECRET";

    /// <summary><c>paper</c> or <c>binance</c>.</summary>
    public string Broker { get; init; } = "paper";

    /// <summary>Whether Binance means production (real money) rather than the spot testnet.</summary>
    public bool Production { get; init; }

    /// <summary>REST base URL override.</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>WebSocket base URL override.</summary>
    public Uri? StreamUrl { get; init; }

    /// <summary>Whether orders go to Binance.</summary>
    public bool IsBinance => string.Equals(Broker, "binance", StringComparison.OrdinalIgnoreCase);

    /// <summary>The REST base URL in effect.</summary>
    public Uri RestUrl => BaseUrl ?? (Production ? BinanceOptions.ProductionRestUrl : BinanceOptions.TestnetRestUrl);

    /// <summary>The WebSocket base URL in effect.</summary>
    public Uri WebSocketUrl => StreamUrl ?? (Production ? BinanceOptions.ProductionStreamUrl : BinanceOptions.TestnetStreamUrl);

    /// <summary>Reads the section; throws <see cref="ArgumentException"/> naming the key of a bad value.</summary>
    public static ExchangeSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var broker = section["Broker"] ?? "paper";
        if (!string.Equals(broker, "paper", StringComparison.OrdinalIgnoreCase) && !string.Equals(broker, "binance", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"{Section}:Broker must be paper or binance, got '{broker}'.");
        }

        var production = false;
        if (section["Production"] is { } text && !bool.TryParse(text, out production))
        {
            throw new ArgumentException($"{Section}:Production must be true or false, got '{text}'.");
        }

        return new ExchangeSettings
        {
            Broker = broker.ToLowerInvariant(),
            Production = production,
            BaseUrl = Url(section["BaseUrl"], "BaseUrl", "http", "https"),
            StreamUrl = Url(section["StreamUrl"], "StreamUrl", "ws", "wss"),
        };
    }

    /// <summary>
    /// The Binance client options: these URLs and the keys from <paramref name="environment"/> (a variable reader,
    /// <see cref="Environment.GetEnvironmentVariable(string)"/> by default).
    /// </summary>
    public BinanceOptions ClientOptions(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var options = Production ? BinanceOptions.Production() : BinanceOptions.Testnet();
        options.RestBaseUrl = RestUrl;
        options.StreamBaseUrl = WebSocketUrl;
        options.ApiKey = environment(ApiKeyVariable);
        options.ApiSecret = environment(ApiSecretVariable);
        return options;
    }

    /// <summary>
    /// The broker these settings name: a new <see cref="PaperBroker"/>, or a <see cref="BinanceBroker"/> (which needs
    /// <see cref="ApiKeyVariable"/> and <see cref="ApiSecretVariable"/>; an <see cref="ArgumentException"/> names the
    /// missing one).
    /// </summary>
    public IBroker CreateBroker(TimeProvider? time = null, ILoggerFactory? loggerFactory = null, Func<string, string?>? environment = null)
    {
        if (!IsBinance)
        {
            return new PaperBroker();
        }

        var client = ClientOptions(environment);
        if (string.IsNullOrEmpty(client.ApiKey))
        {
            throw new ArgumentException($"{Section}:Broker is binance but {ApiKeyVariable} is not set.");
        }

        if (string.IsNullOrEmpty(client.ApiSecret))
        {
            throw new ArgumentException($"{Section}:Broker is binance but {ApiSecretVariable} is not set.");
        }

        return new BinanceBroker(new BinanceBrokerOptions { Client = client, Production = Production }, time, loggerFactory?.CreateLogger<BinanceBroker>());
    }

    private static Uri? Url(string? text, string key, params string[] schemes)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && schemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase)
            ? uri
            : throw new ArgumentException($"{Section}:{key} must be an absolute {string.Join(" or ", schemes)} URL, got '{text}'.");
    }
}
