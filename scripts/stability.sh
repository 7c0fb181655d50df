#!/usr/bin/env bash
# The flakiness check of issue 10 (point 9): the database tests RUNS times in a row on
# PGlite and on PostgreSQL at the same time, so each run has the other loading the
# CPU, then the Playwright suite E2E_RUNS times in a row. Stops at the first failure
# and says which run failed; the logs stay in $LOGS. Needs `npm run build` for the
# server tests and Playwright, and DATABASE_URL for PostgreSQL (its database is
# emptied, as by `npm run test:db`).
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test bash scripts/stability.sh [RUNS] [E2E_RUNS]
set -u
cd "$(dirname "$0")/.."
RUNS="${1:-5}"
E2E_RUNS="${2:-3}"
LOGS="${LOGS:-/tmp/koepel-stability}"
mkdir -p "$LOGS"
: "${DATABASE_URL:?set DATABASE_URL to a PostgreSQL database this check may empty}"

summary() { grep -E "Tests +[0-9]" "$1" | tail -n 1; }

for i in $(seq 1 "$RUNS"); do
  start=$(date +%s)
  env -u DATABASE_URL npx vitest run --project db >"$LOGS/db-pglite-$i.log" 2>&1 &
  lite=$!
  npx vitest run --project db >"$LOGS/db-postgres-$i.log" 2>&1 &
  pg=$!
  wait $lite; lite_rc=$?
  wait $pg; pg_rc=$?
  echo "db run $i/$RUNS ($(( $(date +%s) - start )) s): PGlite rc=$lite_rc $(summary "$LOGS/db-pglite-$i.log") | PostgreSQL rc=$pg_rc $(summary "$LOGS/db-postgres-$i.log")"
  if [ $lite_rc -ne 0 ] || [ $pg_rc -ne 0 ]; then echo "FAILED in db run $i (logs in $LOGS)"; exit 1; fi
done

for i in $(seq 1 "$E2E_RUNS"); do
  start=$(date +%s)
  npx playwright test >"$LOGS/e2e-$i.log" 2>&1
  rc=$?
  echo "e2e run $i/$E2E_RUNS ($(( $(date +%s) - start )) s): rc=$rc $(grep -E "^ +[0-9]+ (passed|failed|flaky)" "$LOGS/e2e-$i.log" | tr -s ' ' | tr '\n' ' ')"
  if [ $rc -ne 0 ]; then echo "FAILED in e2e run $i (logs in $LOGS)"; exit 1; fi
done
echo "stable: $RUNS database runs on PGlite and PostgreSQL side by side, $E2E_RUNS Playwright runs"
