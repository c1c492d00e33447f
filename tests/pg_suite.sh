#!/bin/sh
# pg_suite.sh — the suite on PostgreSQL (make test-pg, inside scripts/pg.sh): every cmocka program, the e2e scripts, the replica test.
# usage: sh tests/pg_suite.sh BUILD     (BOT_PG_URL set by scripts/pg.sh)
# cmocka: tmpdb_path() empties the database for each fresh store. e2e: the bot reads BOT_STORE_URL over bot.ini,
# and the database is emptied before each script (and by each new store a script makes: e2e_cli.py, seclib.py).
# Not here: the browser test (the console's pages are e2e_console's), crash_test.py (one sqlite process; the
# replica test kills processes on PostgreSQL), the install test (no store).
set -eu
B=${1:-build}
: "${BOT_PG_URL:?run me inside scripts/pg.sh}"
reset() { psql "$BOT_PG_URL" -qX -c "SET client_min_messages = warning; DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public"; }
for t in "$B"/tests/*_test; do
    echo "== $t on PostgreSQL"
    "$t"
done
for s in e2e_test.sh e2e_platforms.sh e2e_tick.sh; do
    echo "== tests/$s on PostgreSQL"
    reset
    BOT_STORE_URL=$BOT_PG_URL sh tests/$s "$B/bot"
done
for s in e2e_conversation e2e_orders e2e_timers e2e_emergency e2e_fund e2e_noshow e2e_elders e2e_vetting e2e_voice \
         e2e_console e2e_pushes e2e_notices e2e_refused e2e_lost e2e_finance e2e_complaints e2e_merchants e2e_membership e2e_branches e2e_ops; do
    echo "== tests/$s.py on PostgreSQL"
    reset
    BOT_STORE_URL=$BOT_PG_URL python3 tests/$s.py "$B/bot"
done
echo "== tests/security on PostgreSQL"
BOT_STORE_URL=$BOT_PG_URL sh tests/security/run.sh "$B/bot"
echo "== tests/replica_test.py: two replicas on one PostgreSQL, killed with -9 under load"
python3 tests/replica_test.py "$B/bot" 8 3
