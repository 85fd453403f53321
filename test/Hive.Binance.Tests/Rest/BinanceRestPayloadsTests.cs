using System.Text;
using System.Text.Json;
using Hive.Binance.Rest;

namespace Hive.Binance.Tests.Rest;

public sealed class BinanceRestPayloadsTests
{
    private const string Account = """
        {
          "makerCommission": 10, "takerCommission": 10, "buyerCommission": 0, "sellerCommission": 0,
          "commissionRates": {"maker": "0.00100000", "taker": "0.00100000", "buyer": "0.00000000", "seller": "0.00000000"},
          "canTrade": true, "canWithdraw": false, "canDeposit": true, "brokered": false,
          "requireSelfTradePrevention": false, "preventSor": false, "updateTime": 1700000000000, "accountType": "SPOT",
          "balances": [
            {"asset": "BTC", "free": "0.12345678", "locked": "0.00100000"},
            {"asset": "USDT", "free": "1000.5", "locked": "0"}
          ],
          "permissions": ["SPOT", "MARGIN"], "uid": 354937868, "futureField": [1]
        }
        """;

    [Fact]
    public void ParseAccount_FullPayload_ReproducesEveryField()
    {
        var sut = BinanceRestPayloads.ParseAccount(Encoding.UTF8.GetBytes(Account));

        using var document = JsonDocument.Parse(Account);
        foreach (var property in document.RootElement.EnumerateObject().Where(p => p.Name != "futureField"))
        {
            FieldMap.AssertValue(property.Value, RestMaps.Account[property.Name](sut), property.Name);
        }

        Assert.Equal(new BinanceBalance("BTC", 0.12345678m, 0.001m), sut.Balances[0]);
        Assert.Equal(new BinanceCommissionRates(0.001m, 0.001m, 0m, 0m), sut.CommissionRates);
    }

    [Fact]
    public void ParseAccount_BalanceWithBadAmount_ThrowsNamingEndpointAndPath()
    {
        var bad = Account.Replace("\"free\": \"1000.5\"", "\"free\": \"lots\"", StringComparison.Ordinal);

        var ex = Assert.Throws<JsonException>(() => BinanceRestPayloads.ParseAccount(Encoding.UTF8.GetBytes(bad)));

        Assert.StartsWith("account payload:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("$.balances[1].free", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.LineNumber);
    }

    [Fact]
    public void ParseAccount_BalanceWithoutAsset_ThrowsNamingTheMissingField()
    {
        var bad = Account.Replace("\"asset\": \"USDT\", ", string.Empty, StringComparison.Ordinal);

        var ex = Assert.Throws<JsonException>(() => BinanceRestPayloads.ParseAccount(Encoding.UTF8.GetBytes(bad)));

        Assert.StartsWith("account payload:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("asset", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseAccount_Truncated_ThrowsAccountPayloadError()
    {
        var ex = Assert.Throws<JsonException>(() => BinanceRestPayloads.ParseAccount(Encoding.UTF8.GetBytes(Account[..120])));

        Assert.StartsWith("account payload:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseAggTrades_MakerFlagsOfDifferentCase_AreKeptApart()
    {
        var sut = BinanceRestPayloads.ParseAggTrades("""[{"a":1,"p":"2.5","q":"3","f":4,"l":5,"T":6,"m":true,"M":false}]"""u8);

        Assert.Equal(new BinanceMarketAggTrade(1, 2.5m, 3m, 4, 5, 6, true, false), Assert.Single(sut));
    }

    [Fact]
    public void ParseServerTime_MissingField_Throws()
    {
        var ex = Assert.Throws<JsonException>(() => BinanceRestPayloads.ParseServerTime("{}"u8));

        Assert.Contains("serverTime", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParsePing_Array_ThrowsPingPayloadError()
    {
        var ex = Assert.Throws<JsonException>(() => BinanceRestPayloads.ParsePing("[]"u8));

        Assert.StartsWith("ping payload:", ex.Message, StringComparison.Ordinal);
    }
}
