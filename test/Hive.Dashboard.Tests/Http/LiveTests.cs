using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Hive.Dashboard.Tests.Http;

/// <summary>The live streams: at most one update a second per view, real data in them, and no work once nobody watches.</summary>
[Collection(DashboardCollection.Name)]
public sealed class LiveTests(DashboardRunFixture fixture)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(6);

    private DashboardRun Run => fixture.Run;

    [Theory]
    [InlineData("/events/runners")]
    [InlineData("/events/runners/btc_alt")]
    [InlineData("/events/feeds")]
    public async Task Stream_TradingRun_SendsUpdatesAtMostOncePerSecond(string path)
    {
        using var sut = new DashboardHttp(Run.Address);
        sut.UseBearer(Run.Token);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await sut.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        // Counts the updates that arrive within the window (a trading run changes every view every second).
        var updates = new List<JsonElement>();
        var clock = Stopwatch.StartNew();
        using var cancel = new CancellationTokenSource(Window);
        try
        {
            while (await reader.ReadLineAsync(cancel.Token) is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    updates.Add(JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone());
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        var seconds = clock.Elapsed.TotalSeconds;
        Assert.True(updates.Count >= 2, $"{path}: {updates.Count} updates in {seconds:F1} s");
        Assert.True(updates.Count <= Math.Ceiling(seconds) + 1, $"{path}: {updates.Count} updates in {seconds:F1} s, more than one a second");
        Assert.All(updates, static u => Assert.True(u.TryGetProperty("data", out _), u.ToString()));
        var times = updates.Select(static u => u.GetProperty("time").GetInt64()).ToArray();
        for (var i = 1; i < times.Length; i++)
        {
            Assert.True(times[i] - times[i - 1] >= 1000, $"{path}: updates {i - 1} and {i} are {times[i] - times[i - 1]} ms apart");
        }
    }

    [Fact]
    public async Task Stream_LastClientLeaves_TheViewStopsComputing()
    {
        using var sut = new DashboardHttp(Run.Address);
        sut.UseBearer(Run.Token);
        var key = "/events/runners/eth_ema";

        using (var response = await sut.Client.GetAsync(key, HttpCompletionOption.ResponseHeadersRead))
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            while (await reader.ReadLineAsync() is { } line && !line.StartsWith("data: ", StringComparison.Ordinal))
            {
            }

            Assert.True((await sut.JsonAsync("/api/live")).GetProperty("topics").GetInt32() >= 1);
        }

        // The collection's tests run one at a time: with this client gone, no view has a client, so none is computed.
        await Wait.UntilAsync(async () => (await sut.JsonAsync("/api/live")).GetProperty("topics").GetInt32() == 0, "every live view stopped");
    }
}
