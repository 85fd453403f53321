using Hive.Trading.Market;
using Orleans.Serialization.Cloning;

namespace Hive.Grains.Serialization;

/// <summary>
/// Orleans' wire form of <see cref="Candle"/>: Hive.Trading has no Orleans dependency, so its types cross silos
/// through surrogates registered with converters.
/// </summary>
[GenerateSerializer]
[Alias("hive.candle")]
internal struct CandleSurrogate
{
    [Id(0)] public string Symbol;
    [Id(1)] public long OpenTime;
    [Id(2)] public long CloseTime;
    [Id(3)] public double Open;
    [Id(4)] public double High;
    [Id(5)] public double Low;
    [Id(6)] public double Close;
    [Id(7)] public double Volume;
    [Id(8)] public bool IsClosed;
}

[RegisterConverter]
internal sealed class CandleConverter : IConverter<Candle, CandleSurrogate>
{
    public Candle ConvertFromSurrogate(in CandleSurrogate s) =>
        new(s.Symbol, s.OpenTime, s.CloseTime, s.Open, s.High, s.Low, s.Close, s.Volume, s.IsClosed);

    public CandleSurrogate ConvertToSurrogate(in Candle c) => new()
    {
        Symbol = c.Symbol, OpenTime = c.OpenTime, CloseTime = c.CloseTime, Open = c.Open, High = c.High, Low = c.Low,
        Close = c.Close, Volume = c.Volume, IsClosed = c.IsClosed,
    };
}

// Candle is immutable (read-only members of immutable types): a call inside a silo passes it as is rather than copying it
// through the surrogate.
[RegisterCopier]
internal sealed class CandleCopier : ShallowCopier<Candle>;
