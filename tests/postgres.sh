#!/usr/bin/env bash
# Installs (if missing) and starts a local PostgreSQL for the integration tests, then exports
# BROKERING_TEST_POSTGRES. Sourced by tests/run; safe to run again on a machine that has it.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
  echo "tests/postgres.sh: installing PostgreSQL"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
fi

version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main"; then
  as_root pg_createcluster "$version" main >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -qx online; then
  as_root pg_ctlcluster "$version" main start
fi

port=$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 1
done

password=brokering-tests
as_root su postgres -c "psql -q -p $port -c \"DO \\\$\\\$BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'brokering_test') THEN
    CREATE ROLE brokering_test LOGIN CREATEDB PASSWORD '$password';
  END IF; END\\\$\\\$;\"" >/dev/null
# Dropping a test database WITH (FORCE) must be able to end an autovacuum worker that is visiting it.
as_root su postgres -c "psql -q -p $port -c 'GRANT pg_signal_backend TO brokering_test;'" >/dev/null

export BROKERING_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=brokering_test;Password=$password;Database=postgres"
echo "tests/postgres.sh: PostgreSQL $version is up on port $port"
