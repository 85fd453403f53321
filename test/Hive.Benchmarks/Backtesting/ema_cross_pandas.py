#!/usr/bin/python3
"""EMA(fast/slow) cross, vectorized with numpy/pandas: the whole-process baseline that compare-pandas.sh times
against `hive backtest` on the same candle CSV. Long-only, enters on the close of the bar after a fast-over-slow
cross and exits on the close of the bar after the opposite cross (Hive's ema-cross confirms a cross on the next bar),
charges a fee per fill, and writes the trades, the equity curve's metrics and an hourly equity curve as JSON."""
import json
import sys

import numpy as np
import pandas as pd


def main(csv_path, out_path, fast=12, slow=26, fee=0.001):
    bars = pd.read_csv(csv_path, usecols=["open_time", "close", "close_time"])
    close = bars["close"].to_numpy()
    fast_ema = bars["close"].ewm(span=fast, adjust=False).mean().to_numpy()
    slow_ema = bars["close"].ewm(span=slow, adjust=False).mean().to_numpy()
    above = fast_ema > slow_ema
    above[:slow] = False
    # A cross on bar i is acted on at bar i + 1's close (the confirmation bar), if it still holds.
    held = np.zeros_like(above)
    held[1:] = above[:-1] & above[1:]
    position = held.astype(np.int8)
    change = np.diff(position, prepend=0)
    entries = np.flatnonzero(change == 1)
    exits = np.flatnonzero(change == -1)
    if len(exits) < len(entries):
        exits = np.append(exits, len(close) - 1)
    # Per-bar returns while long, fees on each fill, compounded: the equity curve.
    returns = np.zeros(len(close))
    returns[1:] = close[1:] / close[:-1] - 1
    strategy = returns * np.roll(position, 1)
    strategy[0] = 0
    costs = np.zeros(len(close))
    costs[entries] += fee
    costs[exits] += fee
    equity = 10_000 * np.cumprod((1 + strategy) * (1 - costs))
    peak = np.maximum.accumulate(equity)
    max_drawdown = float(np.max((peak - equity) / peak))
    frame = pd.DataFrame({"equity": equity}, index=pd.to_datetime(bars["close_time"], unit="ms"))
    daily = frame["equity"].resample("1D").last().pct_change().dropna()
    sharpe = float(daily.mean() / daily.std() * np.sqrt(365)) if daily.std() > 0 else 0.0
    hourly = frame["equity"].resample("1h").last().dropna()
    pnl = (close[exits] * (1 - fee)) / (close[entries] * (1 + fee)) - 1
    report = {
        "bars": int(len(close)),
        "trades": [
            {"entryTime": int(bars["close_time"].iat[e]), "entryPrice": float(close[e]),
             "exitTime": int(bars["close_time"].iat[x]), "exitPrice": float(close[x]), "return": float(r)}
            for e, x, r in zip(entries, exits, pnl)
        ],
        "metrics": {"finalEquity": float(equity[-1]), "totalReturn": float(equity[-1] / 10_000 - 1),
                    "sharpe": sharpe, "maxDrawdown": max_drawdown, "tradeCount": int(len(entries))},
        "equity": {"time": [int(t.value // 1_000_000) for t in hourly.index], "equity": hourly.round(6).tolist()},
    }
    with open(out_path, "w") as f:
        json.dump(report, f)
    print(f"pandas: {len(close)} bars, {len(entries)} trades, final equity {equity[-1]:.2f}")


def generate(path, bars, seed=42):
    """Writes a Binance-layout one-minute kline CSV of a random walk (plain Python, not timed)."""
    rng = np.random.default_rng(seed)
    steps = rng.normal(0, 0.0008, bars)
    close = (100 * np.exp(np.cumsum(steps))).round(5)
    open_ = np.concatenate(([100.0], close[:-1]))
    spread = np.abs(rng.normal(0, 0.0004, bars)) * close
    high = (np.maximum(open_, close) + spread).round(5)
    low = (np.minimum(open_, close) - spread).round(5)
    volume = rng.uniform(1, 100, bars)
    start = 1_767_225_600_000
    open_time = start + 60_000 * np.arange(bars, dtype=np.int64)
    frame = pd.DataFrame({
        "open_time": open_time, "open": open_, "high": high, "low": low,
        "close": close, "volume": volume.round(3), "close_time": open_time + 59_999,
        "quote_volume": 0, "count": 0, "taker_buy_volume": 0, "taker_buy_quote_volume": 0, "ignore": 0,
    })
    frame.to_csv(path, index=False)


if __name__ == "__main__":
    if sys.argv[1] == "generate":
        generate(sys.argv[2], int(sys.argv[3]))
    else:
        main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 12, int(sys.argv[4]) if len(sys.argv) > 4 else 26)
