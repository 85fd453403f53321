#!/usr/bin/env bash
# A real Hive cluster on this machine, on loopback: PostgreSQL, one control silo, two live silos and one data silo,
# each its own `hive silo` process. The control silo adds the runners of strategies/runners.yaml and starts their feeds.
#
#   infra/dev-cluster/run.sh          start (or reuse) everything, show the ledger filling, Ctrl-C stops it all
#   infra/dev-cluster/run.sh up       start in the background and return
#   infra/dev-cluster/run.sh status   the silos' health and the ledger
#   infra/dev-cluster/run.sh stop     drain and stop the silos (SIGTERM; kill after 45 s)
#
# Settings (environment):
#   HIVE_POSTGRES     connection string of an existing PostgreSQL database to use (otherwise a local server is started
#                     with .ci/postgres.sh and a database hive_dev created in it)
#   HIVE_DEV_DATA     folder of Binance candle files to replay (otherwise a simulated random walk)
#   HIVE_DEV_SPEED    feed speed, real time x N (default 6000 simulated, 60 replayed)
#   HIVE_DEV_RUNNERS  runners file (default strategies/runners.yaml)
#   HIVE_DEV_DIR      where binaries, logs and PID files go (default: a folder under the system temp directory)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir="${HIVE_DEV_DIR:-${TMPDIR:-/tmp}/hive-dev-cluster-$(id -u)}"
runners="${HIVE_DEV_RUNNERS:-strategies/runners.yaml}"
# name role tags silo-port gateway-port http-port api-port
silos=(
  "control control - 11111 30000 8080 7070"
  "live-1 live low_latency 11112 30001 8081 7071"
  "live-2 live low_latency 11113 30002 8082 7072"
  "data-1 data high_ram 11114 30003 8083 7073"
)

say() { echo "dev-cluster: $*" >&2; }
die() { say "$*"; exit 1; }

need() {
  command -v "$1" >/dev/null 2>&1 || die "missing: $1 ($2)"
}

# key=value;key=value (Npgsql) -> one value
field() { tr ';' '\n' <<<"$1" | sed -n "s/^[[:space:]]*$2[[:space:]]*=//Ip" | head -n 1; }

postgres() {
  if [ -n "${HIVE_POSTGRES:-}" ]; then
    return
  fi

  if [ -f "$dir/postgres" ]; then
    HIVE_POSTGRES="$(cat "$dir/postgres")"
    return
  fi

  [ -f "$repo/.ci/postgres.sh" ] || die "missing: .ci/postgres.sh (it installs and starts PostgreSQL); or set HIVE_POSTGRES to a database's connection string"
  if [ "$(id -u)" != 0 ] && ! command -v pg_ctlcluster >/dev/null 2>&1; then
    die "missing: a PostgreSQL server. Install the Debian package postgresql as root (apt-get install postgresql), run this script as root so that it does, or set HIVE_POSTGRES to a database's connection string"
  fi

  # shellcheck source=../../.ci/postgres.sh
  source "$repo/.ci/postgres.sh" || die "could not start PostgreSQL with .ci/postgres.sh (see above); or set HIVE_POSTGRES"
  need psql "the PostgreSQL client, Debian package postgresql-client"
  local admin="$HIVE_TEST_POSTGRES"
  local url="postgresql://$(field "$admin" Username):$(field "$admin" Password)@$(field "$admin" Host):$(field "$admin" Port)"
  if ! psql -q "$url/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = 'hive_dev'" | grep -q 1; then
    psql -q "$url/postgres" -c "CREATE DATABASE hive_dev" >/dev/null
    say "created database hive_dev"
  fi

  HIVE_POSTGRES="${admin/Database=postgres/Database=hive_dev}"
  mkdir -p "$dir"
  echo "$HIVE_POSTGRES" >"$dir/postgres"
}

build() {
  need dotnet "the .NET SDK, see global.json"
  say "building hive into $dir/bin"
  dotnet publish "$repo/src/Hive" -c Release -o "$dir/bin" -nologo -v quiet >"$dir/build.log" 2>&1 \
    || { cat "$dir/build.log" >&2; die "the build failed"; }
}

running() { [ -f "$dir/$1.pid" ] && kill -0 "$(cat "$dir/$1.pid")" 2>/dev/null; }

start_silo() {
  local name="$1" role="$2" tags="$3" silo="$4" gateway="$5" http="$6" api="$7"
  if running "$name"; then
    say "$name is already running (pid $(cat "$dir/$name.pid"))"
    return
  fi

  local args=(silo --role "$role" --name "$name" --advertise 127.0.0.1 --silo-port "$silo" --gateway-port "$gateway" --http-port "$http" --api-port "$api" --cluster-id dev)
  [ "$tags" != "-" ] && args+=(--tag "$tags")
  if [ "$role" = control ]; then
    # The control silo serves the gRPC API, with a token kept in the cluster's folder (owner-only).
    if [ ! -s "$dir/api-token" ]; then
      (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/api-token")
    fi
    args+=(--api-token "$(cat "$dir/api-token")")
    args+=(--runners "$runners")
    if [ -n "${HIVE_DEV_DATA:-}" ]; then
      args+=(--data "$HIVE_DEV_DATA" --speed "${HIVE_DEV_SPEED:-60}")
    else
      args+=(--speed "${HIVE_DEV_SPEED:-6000}")
    fi
  fi

  # The silos run from the repository root, where the runners file's strategy paths are relative to.
  (cd "$repo" && HIVE_POSTGRES="$HIVE_POSTGRES" exec "$dir/bin/Hive" "${args[@]}" >"$dir/$name.log" 2>&1) &
  echo $! >"$dir/$name.pid"
  say "started $name ($role$([ "$tags" != "-" ] && echo ", $tags")) pid $!, http :$http, log $dir/$name.log"
}

wait_ready() {
  need curl "Debian package curl"
  local entry name http i
  for entry in "${silos[@]}"; do
    read -r name _ _ _ _ http _ <<<"$entry"
    for i in $(seq 1 240); do
      curl -fs "http://127.0.0.1:$http/health/ready" >/dev/null 2>&1 && break
      running "$name" || { tail -n 20 "$dir/$name.log" >&2; die "$name exited; its log is above"; }
      sleep 0.5
    done
    curl -fs "http://127.0.0.1:$http/health/ready" >/dev/null 2>&1 || die "$name is not ready after 120 s; see $dir/$name.log"
  done
  say "all silos ready"
}

ledger() {
  local url
  url="postgresql://$(field "$HIVE_POSTGRES" Username):$(field "$HIVE_POSTGRES" Password)@$(field "$HIVE_POSTGRES" Host):$(field "$HIVE_POSTGRES" Port)/$(field "$HIVE_POSTGRES" Database)"
  command -v psql >/dev/null 2>&1 || { say "(psql not installed: no ledger view)"; return; }
  # Fills per runner and the silo that filled the latest one (the DeploymentID in the detail names its activation).
  psql -q "$url" -P pager=off -c "
    SELECT runner_id AS runner, count(*) FILTER (WHERE kind = 'Fill') AS fills,
           count(*) FILTER (WHERE kind = 'Fenced') AS fenced,
           (array_agg(split_part(split_part(detail, '@', 2), ' ', 1) ORDER BY sequence DESC)
              FILTER (WHERE kind = 'Fill'))[1] AS last_fill_by
    FROM hive_ledger WHERE runner_id IS NOT NULL GROUP BY runner_id ORDER BY runner_id" 2>/dev/null \
    || say "(the ledger is not there yet)"
}

status() {
  local entry name http
  for entry in "${silos[@]}"; do
    read -r name _ _ _ _ http _ <<<"$entry"
    if running "$name"; then
      echo "$name: pid $(cat "$dir/$name.pid"), ready: $(curl -s "http://127.0.0.1:$http/health/ready" || echo no)"
    else
      echo "$name: not running"
    fi
  done
  ledger
}

stop() {
  local entry name pids=()
  # Live silos first, so their runners and feeds persist while the control silo still answers.
  for name in live-1 live-2 data-1 control; do
    if running "$name"; then
      kill -TERM "$(cat "$dir/$name.pid")"
      pids+=("$name")
    fi
  done

  local i
  for i in $(seq 1 90); do
    local left=()
    for name in "${pids[@]}"; do running "$name" && left+=("$name"); done
    [ ${#left[@]} -eq 0 ] && break
    sleep 0.5
  done

  for name in "${pids[@]}"; do
    if running "$name"; then
      say "$name did not drain within 45 s: killing it"
      kill -KILL "$(cat "$dir/$name.pid")" 2>/dev/null || true
    fi
    rm -f "$dir/$name.pid"
  done
  say "stopped"
}

up() {
  mkdir -p "$dir"
  postgres
  build
  local entry
  for entry in "${silos[@]}"; do
    # shellcheck disable=SC2086
    start_silo $entry
  done
  wait_ready
  say "API: hive runner list --server http://127.0.0.1:7070 --api-token \"\$(cat $dir/api-token)\""
}

case "${1:-run}" in
  up) up ;;
  stop) stop ;;
  status) postgres; status ;;
  run)
    trap 'echo; stop; exit 0' INT TERM
    up
    say "trading; Ctrl-C stops the cluster"
    while true; do
      sleep 10
      date -u +%H:%M:%S
      ledger
    done
    ;;
  *) die "unknown command '$1': use run, up, status or stop" ;;
esac
