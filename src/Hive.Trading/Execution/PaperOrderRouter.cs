using Hive.Trading.Market;

namespace Hive.Trading.Execution;

/// <summary>Fills every order at once with a <see cref="PaperFillModel"/>: the router of backtests and paper runners.</summary>
public sealed class PaperOrderRouter : IOrderRouter
{
    /// <summary>Creates a router filling with <paramref name="model"/> (the default model when <c>null</c>).</summary>
    public PaperOrderRouter(PaperFillModel? model = null) => Model = model ?? PaperFillModel.Default;

    /// <summary>The fill model.</summary>
    public PaperFillModel Model { get; }

    /// <inheritdoc />
    public OrderOutcome Submit(in OrderRequest order, in MarketData market) => OrderOutcome.Filled(Model.Execute(order, market));
}
