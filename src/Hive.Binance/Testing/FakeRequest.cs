namespace Hive.Binance.Testing;

/// <summary>A REST request the fake server received.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path, for example <c>/api/v3/order</c>.</param>
/// <param name="Query">Raw query string without the leading <c>?</c>.</param>
/// <param name="ApiKey">The <c>X-MBX-APIKEY</c> header, when sent.</param>
public sealed record FakeRequest(string Method, string Path, string Query, string? ApiKey);
