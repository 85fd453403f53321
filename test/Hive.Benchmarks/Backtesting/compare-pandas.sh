#!/usr/bin/env bash
# Whole process against whole process: `hive backtest` with one compiled ema-cross(12/26) runner and a numpy/pandas
# vectorized EMA(12/26) cross (ema_cross_pandas.py), both reading the same generated 1 M-bar one-minute CSV and both
# writing a report. Prints each one's wall time and peak memory (best of RUNS) and the ratio pandas ÷ Hive (above 1:
# Hive is faster). Needs a Release build of src/Hive and /usr/bin/python3 with numpy and pandas.
# Usage: test/Hive.Benchmarks/Backtesting/compare-pandas.sh [BARS] [RUNS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
bars="${1:-1000000}"
runs="${2:-3}"
hive="${HIVE:-$root/src/Hive/bin/Release/net10.0/Hive}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
csv="$work/BTCUSDT-1m-bench.csv"

[[ -x "$hive" ]] || { echo "no Hive build at $hive: run dotnet build src/Hive -c Release" >&2; exit 2; }
/usr/bin/python3 "$here/ema_cross_pandas.py" generate "$csv" "$bars"

# best wall seconds and peak KiB of a command over $runs runs
measure() {
  local best="" peak="" out
  for _ in $(seq "$runs"); do
    out="$( { /usr/bin/time -f '%e %M' "$@" > /dev/null; } 2>&1 | tail -1)"
    local secs="${out% *}" kib="${out#* }"
    if [[ -z "$best" ]] || awk "BEGIN{exit !($secs < $best)}"; then best="$secs"; peak="$kib"; fi
  done
  echo "$best $peak"
}

read -r hive_s hive_kib < <(measure "$hive" backtest --data "BTCUSDT=$csv" --runner a:BTCUSDT:ema-cross:fast=12,slow=26 --out "$work/hive")
read -r pandas_s pandas_kib < <(measure /usr/bin/python3 "$here/ema_cross_pandas.py" "$csv" "$work/pandas.json" 12 26)

"$hive" backtest --data "BTCUSDT=$csv" --runner a:BTCUSDT:ema-cross:fast=12,slow=26 --out "$work/hive" | tail -1
/usr/bin/python3 "$here/ema_cross_pandas.py" "$csv" "$work/pandas.json" 12 26
echo "bars: $bars, best of $runs runs, $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "hive backtest:  ${hive_s} s, peak ${hive_kib} KiB"
echo "numpy/pandas:   ${pandas_s} s, peak ${pandas_kib} KiB"
awk "BEGIN{printf \"ratio pandas/hive (whole process, >1 means Hive is faster): %.2f\n\", $pandas_s / $hive_s}"
