#!/usr/bin/env bash
# Starts Debian's PostgreSQL 15 (installing it when missing) and prints a DATABASE_URL for tests.
# Used by .ci/run and by developers who want to run the PostgreSQL half of the suite locally.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -d /usr/lib/postgresql/15 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql-15 >&2
fi
if ! pg_lsclusters -h | grep -q '^15 *main'; then
  pg_createcluster 15 main >&2
fi
pg_ctlcluster 15 main start >&2 || true
for _ in $(seq 1 30); do
  if su postgres -c "psql -qAtc 'select 1'" >/dev/null 2>&1; then break; fi
  sleep 1
done
su postgres -c "psql -qc \"alter user postgres password 'postgres'\"" >&2
echo "postgresql://postgres:postgres@127.0.0.1:5432/postgres"
