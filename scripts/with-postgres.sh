#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL: TEST_POSTGRES_URL points at it while the
# command runs, and the server and its data are removed afterwards. Used by .ci/run and
# by `npm run test:e2e:workers` (the Synapse worker deployment needs PostgreSQL).
# If TEST_POSTGRES_URL is already set, runs the command on that server instead.
set -euo pipefail
if [ -n "${TEST_POSTGRES_URL:-}" ]; then exec "$@"; fi

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pgbin" ]; then
  echo "with-postgres: PostgreSQL is not installed (Debian: apt-get install -y postgresql)" >&2
  exit 1
fi
pgdata=$(mktemp -d /tmp/sealdesk-pg.XXXXXX)
pgport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg=()
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$pgdata"
  as_pg=(runuser -u postgres --)
fi
"${as_pg[@]}" "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w \
  -o "-p $pgport -k $pgdata -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
cleanup() { "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdata" -m fast stop >/dev/null 2>&1 || true; rm -rf "$pgdata"; }
trap cleanup EXIT
echo "with-postgres: PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pgport"
export TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$pgport/postgres"
"$@"
