using System.Globalization;
using System.Text;
using Hive.Trading.History;

namespace Hive.Trading.Tests.History;

public sealed class Utf8NumberTests
{
    [Theory]
    [InlineData("1.2060", 1.206)]
    [InlineData("95149", 95149)]
    [InlineData("0.00000001", 1e-8)]
    [InlineData("60685.22000000", 60685.22)]
    [InlineData("1.", 1)]
    [InlineData(".5", 0.5)]
    [InlineData("1e3", 1000)]
    [InlineData("-2.5", -2.5)]
    [InlineData("123456789012345678901234.5", 123456789012345678901234.5)]
    [InlineData("0.12345678901234567890123456", 0.12345678901234567890123456)]
    public void TryParse_Decimals_MatchTheFullParser(string text, double expected)
    {
        Assert.True(Utf8Number.TryParse(Encoding.UTF8.GetBytes(text), out var sut));
        Assert.Equal(expected, sut);
        Assert.Equal(double.Parse(text, CultureInfo.InvariantCulture), sut);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("abc")]
    [InlineData("1,5")]
    public void TryParse_NotANumber_Fails(string text)
    {
        Assert.False(Utf8Number.TryParse(Encoding.UTF8.GetBytes(text), out _));
    }

    [Fact]
    public void TryParse_RandomPlainDecimals_AreBitForBitTheFullParsersResult()
    {
        var random = new Random(11);
        for (var i = 0; i < 50_000; i++)
        {
            var integer = random.NextInt64(0, i % 3 == 0 ? 100 : 10_000_000_000);
            var decimals = random.Next(0, 12);
            var fraction = decimals == 0 ? string.Empty : "." + random.NextInt64(0, (long)Math.Pow(10, decimals)).ToString(CultureInfo.InvariantCulture).PadLeft(decimals, '0');
            var text = integer.ToString(CultureInfo.InvariantCulture) + fraction;

            Assert.True(Utf8Number.TryParse(Encoding.UTF8.GetBytes(text), out var sut));
            Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(sut));
        }
    }
}
