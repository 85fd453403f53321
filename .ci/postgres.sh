#!/usr/bin/env bash
# Installs (when missing) and starts the local PostgreSQL server the tests use, creates their role, and exports
# HIVE_TEST_POSTGRES, the connection string the PostgreSQL tests read. Idempotent: an installed, running server and an
# existing role are left as they are (the role's password is reset to the expected one).
#   source .ci/postgres.sh     # in a shell or in .ci/run: exports HIVE_TEST_POSTGRES
#   bash .ci/postgres.sh       # prints the export line
# Settings: HIVE_PG_USER (default hive), HIVE_PG_PASSWORD (default hive-test), HIVE_PG_PORT (default: the cluster's).
# Needs root (apt-get, pg_ctlcluster, runuser), as CI and the dev machines have.

hive_postgres_setup() {
  local user="${HIVE_PG_USER:-hive}" password="${HIVE_PG_PASSWORD:-hive-test}"

  if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    echo "Installing PostgreSQL (apt-get install postgresql)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 || return 1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql >&2 || return 1
  fi

  # The newest installed major version's "main" cluster (Debian's layout: /etc/postgresql/<version>/main).
  local version
  version="$(ls /etc/postgresql | sort -V | tail -n 1)"
  if [ -z "$version" ] || [ ! -d "/etc/postgresql/$version/main" ]; then
    echo "No PostgreSQL cluster 'main' under /etc/postgresql; create one with: pg_createcluster <version> main" >&2
    return 1
  fi

  local port="${HIVE_PG_PORT:-$(sed -n 's/^[[:space:]]*port[[:space:]]*=[[:space:]]*\([0-9]*\).*/\1/p' "/etc/postgresql/$version/main/postgresql.conf" | head -n 1)}"
  port="${port:-5432}"

  if ! pg_ctlcluster "$version" main status >/dev/null 2>&1; then
    echo "Starting PostgreSQL $version (cluster main, port $port)" >&2
    pg_ctlcluster "$version" main start >&2 || return 1
  fi

  local i
  for i in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p "$port" && break
    sleep 0.5
  done
  if ! pg_isready -q -h 127.0.0.1 -p "$port"; then
    echo "PostgreSQL $version main did not accept connections on 127.0.0.1:$port within 30 s" >&2
    return 1
  fi

  # CREATEDB: every test gets a database of its own. pg_signal_backend: dropping it WITH (FORCE) ends every session on
  # it, an autovacuum worker's included, which needs that role. The SQL runs as the postgres superuser over the socket.
  runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -p "$port" -d postgres \
    -v user="$user" -v password="$password" >&2 <<'SQL' || return 1
SELECT format('CREATE ROLE %I LOGIN CREATEDB', :'user')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'user') \gexec
SELECT format('ALTER ROLE %I LOGIN CREATEDB PASSWORD %L', :'user', :'password') \gexec
SELECT format('GRANT pg_signal_backend TO %I', :'user')
WHERE NOT pg_has_role(:'user', 'pg_signal_backend', 'MEMBER') \gexec
SQL

  export HIVE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=$user;Password=$password;Database=postgres"
  export HIVE_TEST_POSTGRES_CLUSTER="$version main"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  hive_postgres_setup
  echo "export HIVE_TEST_POSTGRES=\"$HIVE_TEST_POSTGRES\""
  echo "export HIVE_TEST_POSTGRES_CLUSTER=\"$HIVE_TEST_POSTGRES_CLUSTER\""
else
  hive_postgres_setup || { echo "PostgreSQL setup failed (.ci/postgres.sh)" >&2; return 1; }
fi
