using Hive.Binance.Rest;

namespace Hive.Binance.Tests.Rest;

public sealed class BinanceSignerTests
{
    // Binance's documented example for SIGNED endpoints (public API documentation, "SIGNED Endpoint Examples").
    private const string DocumentedSecret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    private const string DocumentedPayload = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
    private const string DocumentedSignature = "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71";

    [Fact]
    public void Sign_DocumentedExample_ReproducesDocumentedSignature()
    {
        var signature = BinanceSigner.Sign(DocumentedSecret, DocumentedPayload);

        Assert.Equal(DocumentedSignature, signature);
    }

    [Fact]
    public void SignedQuery_DocumentedParametersAtDocumentedTime_AppendsRecvWindowTimestampAndDocumentedSignature()
    {
        var options = new BinanceOptions { ApiKey = "key", ApiSecret = DocumentedSecret, RecvWindowMilliseconds = 5000 };
        using var sut = new BinanceRestClient(options, timeProvider: new ManualTimeProvider(1499827319559));

        var query = sut.SignedQuery("symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1");

        Assert.Equal(DocumentedPayload + "&signature=" + DocumentedSignature, query);
    }

    [Fact]
    public void Sign_DifferentSecret_GivesDifferentLowercaseHexSignature()
    {
        var signature = BinanceSigner.Sign("another-secret", DocumentedPayload);

        Assert.NotEqual(DocumentedSignature, signature);
        Assert.Matches("^[0-9a-f]{64}$", signature);
    }
}
