#!/usr/bin/env bash
# The database tests on both databases the app supports: embedded PGlite (always),
# then PostgreSQL when DATABASE_URL is set. Exits non-zero if either run fails.
set -u
cd "$(dirname "$0")/.."

status=0
PG_URL="${DATABASE_URL:-}"

echo "==> database tests on PGlite (in memory)"
if ! env -u DATABASE_URL npx vitest run --project db "$@"; then
  echo "==> FAILED on PGlite"
  status=1
fi

if [ -n "$PG_URL" ]; then
  echo "==> database tests on PostgreSQL (${PG_URL%%\?*})"
  if ! DATABASE_URL="$PG_URL" npx vitest run --project db "$@"; then
    echo "==> FAILED on PostgreSQL"
    status=1
  fi
else
  echo "==> DATABASE_URL not set: PostgreSQL run skipped"
fi

exit $status
