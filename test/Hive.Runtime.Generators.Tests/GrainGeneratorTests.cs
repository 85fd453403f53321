namespace Hive.Runtime.Generators.Tests;

public sealed class GrainGeneratorTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Hive.Runtime;
        namespace Sample;

        """;

    [Fact]
    public void Generate_ValidGrain_EmitsProxyInvokersAndRegistrationThatCompile()
    {
        var (diagnostics, compileErrors, run) = GeneratorHarness.Run(Usings + """
            public sealed record Order(string Symbol, decimal Quantity);
            public interface IRunnerGrain : IGrainWithStringKey
            {
                Task<int> Count();
                ValueTask<Order> Last(string symbol, int[] window);
                Task Reset();
                ValueTask Touch(Guid id, IRunnerGrain peer);
                [OneWay] Task Notify(IReadOnlyList<Order> orders);
                [ResponseTimeout("00:00:05")] [AlwaysInterleave] Task<string?> Status();
            }
            internal sealed class RunnerGrain : Grain, IRunnerGrain
            {
                public Task<int> Count() => Task.FromResult(0);
                public ValueTask<Order> Last(string symbol, int[] window) => new(new Order(symbol, 1m));
                public Task Reset() => Task.CompletedTask;
                public ValueTask Touch(Guid id, IRunnerGrain peer) => default;
                public Task Notify(IReadOnlyList<Order> orders) => Task.CompletedTask;
                public Task<string?> Status() => Task.FromResult<string?>(null);
            }
            """);

        Assert.Empty(diagnostics);
        Assert.Empty(compileErrors);
        var sources = run.Results.Single().GeneratedSources.Select(s => s.SourceText.ToString()).ToList();
        var grain = Assert.Single(sources, s => s.Contains("Sample_IRunnerGrain_Proxy", StringComparison.Ordinal) && s.Contains("class", StringComparison.Ordinal) && !s.Contains("ModuleInitializer", StringComparison.Ordinal));
        Assert.Equal(6, CountOf(grain, "_Invoker : global::Hive.Runtime.Invocation.GrainRequest<"));
        Assert.Contains("public override bool IsOneWay => true;", grain, StringComparison.Ordinal);
        Assert.Contains("public override bool IsAlwaysInterleave => true;", grain, StringComparison.Ordinal);
        Assert.Contains("global::System.TimeSpan.FromTicks(50000000L)", grain, StringComparison.Ordinal);
        Assert.DoesNotContain("System.Reflection", grain, StringComparison.Ordinal);
        var registration = Assert.Single(sources, s => s.Contains("ModuleInitializer", StringComparison.Ordinal));
        Assert.Contains("AddClass(typeof(global::Sample.RunnerGrain)", registration, StringComparison.Ordinal);
        Assert.Contains("JsonMetadataServices.Int32Converter", registration, StringComparison.Ordinal);
        Assert.Contains(": global::System.Text.Json.Serialization.JsonSerializerContext", registration, StringComparison.Ordinal);
        Assert.Contains("CreateObjectInfo<global::Sample.Order>", registration, StringComparison.Ordinal);
        Assert.Contains("ObjectWithParameterizedConstructorCreator = static args => new global::Sample.Order((string)args[0]!, (decimal)args[1]!)", registration, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_UnrelatedEdit_ReusesCachedOutput()
    {
        var reasons = GeneratorHarness.RerunAfterUnrelatedEdit(Usings + """
            public interface ICachedGrain : IGrainWithStringKey
            {
                Task<int> Count(string name);
            }
            internal sealed class CachedGrain : Grain, ICachedGrain
            {
                public Task<int> Count(string name) => Task.FromResult(name.Length);
            }
            """);

        Assert.NotEmpty(reasons);
        Assert.All(reasons, r => Assert.Equal(Microsoft.CodeAnalysis.IncrementalStepRunReason.Cached, r));
    }

    [Fact]
    public void Generate_MethodReturnsVoid_ReportsHive001WithMethodName()
    {
        var (diagnostics, _, _) = GeneratorHarness.Run(Usings + """
            public interface IBadGrain : IGrainWithStringKey
            {
                void Fire(int x);
            }
            """);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("HIVE001", diagnostic.Id);
        Assert.Equal("Grain method 'IBadGrain.Fire' returns 'void'; grain methods must return Task, Task<T>, ValueTask or ValueTask<T>", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("Action callback", "callback", "delegates cannot be serialized")]
    [InlineData("IDisposable resource", "resource", "an interface that is not a grain interface")]
    [InlineData("List<Func<int>> callbacks", "callbacks", "delegates cannot be serialized")]
    [InlineData("IComparable<int> value", "value", "an interface that is not a grain interface")]
    public void Generate_ParameterCannotCrossSilos_ReportsHive002NamingMethodAndParameter(string parameter, string name, string reason)
    {
        var (diagnostics, _, _) = GeneratorHarness.Run(Usings + $$"""
            public interface IBadGrain : IGrainWithStringKey
            {
                Task Send({{parameter}});
            }
            """);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("HIVE002", diagnostic.Id);
        Assert.Contains($"Grain method 'IBadGrain.Send': parameter '{name}'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains(reason, diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_PointerParameter_ReportsHive002()
    {
        var (diagnostics, _, _) = GeneratorHarness.Run(Usings + """
            public unsafe interface IBadGrain : IGrainWithStringKey
            {
                Task Send(int* data);
            }
            """);

        Assert.Contains(diagnostics, d => d.Id == "HIVE002" && d.GetMessage().Contains("pointers cannot be serialized", StringComparison.Ordinal));
    }

    [Fact]
    public void Generate_ResultIsDelegate_ReportsHive002ForTheResult()
    {
        var (diagnostics, _, _) = GeneratorHarness.Run(Usings + """
            public interface IBadGrain : IGrainWithStringKey
            {
                Task<Func<int>> Make();
            }
            """);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("HIVE002", diagnostic.Id);
        Assert.Contains("'IBadGrain.Make': the result of type", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_GenericMethodAndOpenGenericParameter_ReportErrors()
    {
        var (diagnostics, _, _) = GeneratorHarness.Run(Usings + """
            public interface IBadGrain : IGrainWithStringKey
            {
                Task Send<T>(T value);
            }
            public interface IOpenGrain<T> : IGrainWithStringKey
            {
                Task Send(T value);
            }
            """);

        Assert.Contains(diagnostics, d => d.Id == "HIVE003" && d.GetMessage().Contains("IBadGrain.Send", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Id == "HIVE006" && d.GetMessage().Contains("generic grain interfaces are not supported", StringComparison.Ordinal));
    }

    [Fact]
    public void Generate_OneWayWithResult_ReportsHive004()
    {
        var (diagnostics, _, _) = GeneratorHarness.Run(Usings + """
            public interface IBadGrain : IGrainWithStringKey
            {
                [OneWay] Task<int> Send();
            }
            """);

        Assert.Equal("HIVE004", Assert.Single(diagnostics).Id);
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
