using System.Globalization;
using Hive.Trading.Risk;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hive.Grains.Runners;

/// <summary>
/// Reads a runners YAML file: a list of runners (at the top level, or under <c>runners:</c>), each with <c>id</c>,
/// <c>symbol</c>, <c>strategy</c>, and optionally <c>parameters</c> (a map), <c>quantity</c>, <c>allocation</c>,
/// <c>initial_equity</c>, <c>window</c>, <c>policy</c> (production | development) and <c>risk</c> (a map of
/// <c>max_order_quantity</c>, <c>max_order_notional</c>, <c>max_position</c>, <c>max_exposure</c>,
/// <c>max_orders_per_second</c>). A strategy given as a file path relative to the runners file's folder (a Lua
/// script beside it) resolves against that folder. Errors are <see cref="FormatException"/>s naming the file, the
/// line and the field (<c>runners.yaml:3: runner 'x': …</c>). The <c>hive</c> command line reads files with it, and the
/// gRPC API reads the text a client sends.
/// </summary>
public static class RunnersYaml
{
    private static readonly string[] RunnerKeys = ["id", "symbol", "strategy", "parameters", "timeframe", "quantity", "allocation", "initial_equity", "window", "policy", "risk"];
    private static readonly string[] RiskKeys = ["max_order_quantity", "max_order_notional", "max_position", "max_exposure", "max_orders_per_second"];

    /// <summary>Reads the runners file at <paramref name="path"/>; a strategy path resolves against the file's folder.</summary>
    public static List<RunnerConfig> Load(string path, decimal defaultInitialEquity)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"--runners: file not found: {path}", path);
        }

        using var reader = new StreamReader(path);
        return Parse(reader, path, Path.GetDirectoryName(Path.GetFullPath(path)), defaultInitialEquity);
    }

    /// <summary>
    /// Reads runners from <paramref name="text"/>; errors name <paramref name="source"/> (a file name) and the line.
    /// A relative strategy path resolves against <paramref name="baseDirectory"/> when a file exists there.
    /// </summary>
    public static List<RunnerConfig> Parse(string text, string source, string? baseDirectory, decimal defaultInitialEquity)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reader = new StringReader(text);
        return Parse(reader, source, baseDirectory, defaultInitialEquity);
    }

    private static List<RunnerConfig> Parse(TextReader reader, string path, string? baseDirectory, decimal defaultInitialEquity)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new FormatException($"{path}:{ex.Start.Line}: invalid YAML: {ex.Message}");
        }

        if (stream.Documents.Count == 0)
        {
            throw new FormatException($"{path}: the file is empty; expected a list of runners");
        }

        var root = stream.Documents[0].RootNode;
        var list = root switch
        {
            YamlSequenceNode sequence => sequence,
            YamlMappingNode mapping when mapping.Children.TryGetValue(new YamlScalarNode("runners"), out var node) && node is YamlSequenceNode sequence => sequence,
            _ => throw new FormatException($"{path}:{root.Start.Line}: expected a list of runners (or 'runners:' holding one)"),
        };

        var result = new List<RunnerConfig>();
        foreach (var item in list)
        {
            if (item is not YamlMappingNode runner)
            {
                throw new FormatException($"{path}:{item.Start.Line}: each runner is a map with id, symbol and strategy");
            }

            result.Add(ReadRunner(path, baseDirectory, runner, defaultInitialEquity));
        }

        if (result.Count == 0)
        {
            throw new FormatException($"{path}: no runners in the file");
        }

        return result;
    }

    private static RunnerConfig ReadRunner(string path, string? baseDirectory, YamlMappingNode node, decimal defaultInitialEquity)
    {
        foreach (var key in node.Children.Keys)
        {
            var name = Scalar(path, key, "key");
            if (!RunnerKeys.Contains(name, StringComparer.Ordinal))
            {
                throw new FormatException($"{path}:{key.Start.Line}: unknown runner field '{name}'; expected {string.Join(", ", RunnerKeys)}");
            }
        }

        var id = Required(path, node, "id");
        var parameters = StrategyParameters.Empty;
        if (Find(node, "parameters") is { } parametersNode)
        {
            if (parametersNode is not YamlMappingNode map)
            {
                throw new FormatException($"{path}:{parametersNode.Start.Line}: runner '{id}': 'parameters' must be a map of name: value");
            }

            parameters = new StrategyParameters(map.Children.Select(kv =>
                new KeyValuePair<string, string>(Scalar(path, kv.Key, "parameter name"), Scalar(path, kv.Value, $"parameter '{kv.Key}'"))));
        }

        // The timeframe is a runner field; it travels with the strategy parameters under the reserved name 'timeframe'.
        if (Find(node, "timeframe") is { } timeframeNode)
        {
            var timeframe = Scalar(path, timeframeNode, "timeframe");
            if (!Timeframe.TryParse(timeframe, out _))
            {
                throw new FormatException($"{path}:{timeframeNode.Start.Line}: runner '{id}': timeframe '{timeframe}' is not one of {Timeframe.Accepted}");
            }

            if (parameters.Values.TryGetValue(Timeframe.ParameterName, out var other) && other != timeframe)
            {
                throw new FormatException($"{path}:{timeframeNode.Start.Line}: runner '{id}': timeframe '{timeframe}' differs from parameter timeframe '{other}'; give it once");
            }

            parameters = new StrategyParameters(parameters.Values.Append(new KeyValuePair<string, string>(Timeframe.ParameterName, timeframe))
                .DistinctBy(static kv => kv.Key, StringComparer.OrdinalIgnoreCase));
        }

        var policy = ErrorPolicy.Production;
        if (Find(node, "policy") is { } policyNode)
        {
            policy = Scalar(path, policyNode, "policy").ToLowerInvariant() switch
            {
                "production" => ErrorPolicy.Production,
                "development" => ErrorPolicy.Development,
                var other => throw new FormatException($"{path}:{policyNode.Start.Line}: runner '{id}': policy must be production or development, got '{other}'"),
            };
        }

        var risk = RiskLimits.None;
        if (Find(node, "risk") is { } riskNode)
        {
            if (riskNode is not YamlMappingNode riskMap)
            {
                throw new FormatException($"{path}:{riskNode.Start.Line}: runner '{id}': 'risk' must be a map");
            }

            foreach (var key in riskMap.Children.Keys)
            {
                var name = Scalar(path, key, "key");
                if (!RiskKeys.Contains(name, StringComparer.Ordinal))
                {
                    throw new FormatException($"{path}:{key.Start.Line}: runner '{id}': unknown risk limit '{name}'; expected {string.Join(", ", RiskKeys)}");
                }
            }

            risk = new RiskLimits
            {
                MaxOrderQuantity = Decimal(path, riskMap, "max_order_quantity", id),
                MaxOrderNotional = Decimal(path, riskMap, "max_order_notional", id),
                MaxPositionQuantity = Decimal(path, riskMap, "max_position", id),
                MaxExposureNotional = Decimal(path, riskMap, "max_exposure", id),
                MaxOrdersPerSecond = (int?)Decimal(path, riskMap, "max_orders_per_second", id),
            };
        }

        var config = new RunnerConfig
        {
            RunnerId = id,
            Symbol = Required(path, node, "symbol").ToUpperInvariant(),
            Strategy = StrategyPath(baseDirectory, Required(path, node, "strategy")),
            Parameters = parameters,
            DefaultQuantity = Decimal(path, node, "quantity", id),
            AllocationFraction = Decimal(path, node, "allocation", id) ?? 1m,
            InitialEquity = Decimal(path, node, "initial_equity", id) ?? defaultInitialEquity,
            WindowSize = (int?)Decimal(path, node, "window", id) ?? RunnerConfig.DefaultWindowSize,
            ErrorPolicy = policy,
            Risk = risk,
        };

        try
        {
            config.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"{path}:{node.Start.Line}: {ex.Message}");
        }

        return config;
    }

    // A strategy file named relative to the runners file (a Lua script beside it) resolves against the file's folder.
    private static string StrategyPath(string? baseDirectory, string strategy)
    {
        if (Path.IsPathRooted(strategy) || File.Exists(strategy) || baseDirectory is null)
        {
            return strategy;
        }

        var beside = Path.Combine(baseDirectory, strategy);
        return File.Exists(beside) ? beside : strategy;
    }

    private static YamlNode? Find(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string Required(string path, YamlMappingNode node, string key)
    {
        var value = Find(node, key) ?? throw new FormatException($"{path}:{node.Start.Line}: runner is missing '{key}'");
        var text = Scalar(path, value, key);
        return text.Length > 0 ? text : throw new FormatException($"{path}:{value.Start.Line}: '{key}' is empty");
    }

    private static decimal? Decimal(string path, YamlMappingNode node, string key, string id)
    {
        if (Find(node, key) is not { } value)
        {
            return null;
        }

        var text = Scalar(path, value, key);
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new FormatException($"{path}:{value.Start.Line}: runner '{id}': '{key}' must be a positive number, got '{text}'");
    }

    private static string Scalar(string path, YamlNode node, string what) => node is YamlScalarNode { Value: { } value }
        ? value.Trim()
        : throw new FormatException($"{path}:{node.Start.Line}: {what} must be a single value");
}
