#!/bin/sh
# replicas.sh — make bench's PostgreSQL round (issue 18), run inside `BOT_PG_DURABLE=1 scripts/pg.sh` (fsync on):
# durable posts through /hook/generic — one bot on sqlite (synchronous = FULL), one on PostgreSQL, two replicas on
# one PostgreSQL (a wrk for each, half the connections each: the load balancer is the client) — in the same run, with
# req/s and p99; then two replicas killed with -9 under load (tests/replica_test.py).
# usage: sh bench/replicas.sh BUILD     (BOT_PG_URL set)
B=${1:-build}
DUR=${BENCH_SECONDS:-5}
DIR=$(mktemp -d)
: "${BOT_PG_URL:?run me inside scripts/pg.sh}"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_up() { i=0; until curl -s -o /dev/null "http://127.0.0.1:$1/hook/generic"; do i=$((i+1)); [ $i -gt 300 ] && return 1; sleep 0.02; done; }
result() { grep '^RESULT' "$1" | tail -1; }
reset() { psql "$BOT_PG_URL" -qX -c "SET client_min_messages = warning; DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public"; }
ini() { # ini PORT STORE-LINES
    printf '[server]\nmax_clock_skew_seconds = 0\nmax_message_age_seconds = 0\nlisten = 127.0.0.1:%s\nthreads = 8\n[store]\n%s\n[generic]\ntoken = bench\n[limits]\nmessages_per_member_per_minute = 0\nopen_requests_per_member = 1000\n[rules]\noverdraft_hours = 1000\n[scheduler]\ninterval_seconds = 3600\n' "$1" "$2"
}
row() { # row LABEL FILE...: req/s summed, p50 and p99 the worst of the files
    label=$1; shift
    python3 - "$label" "$@" <<'PY'
import sys
label, files = sys.argv[1], sys.argv[2:]
rows = []
for f in files:
    line = [l for l in open(f) if l.startswith("RESULT")][-1].split()
    rows.append((float(line[2]), float(line[3]), float(line[4]), int(line[5]) + int(line[6])))
print(f"{label:<44} {sum(r[0] for r in rows):9.0f} {max(r[1] for r in rows):8.2f} {max(r[2] for r in rows):8.2f} "
      f"{sum(r[3] for r in rows):7d}")
PY
}
echo "durable posts (/hook/generic, 求助 …), $DUR s each:"
printf '%-44s %9s %8s %8s %7s\n' "store" "req/s" "p50 ms" "p99 ms" "errors"

one_bot() { # one_bot LABEL NAME STORE-LINES: one bot on that store under the post load, its row
    P=$(free_port)
    ini "$P" "$3" > "$DIR/$2.ini"
    $B/bot serve -c "$DIR/$2.ini" 2>"$DIR/$2.log" & BP=$!
    wait_up "$P" || { cat "$DIR/$2.log"; exit 1; }
    SCENARIO=post wrk -t2 -c32 -d${DUR}s --latency -s bench/load.lua "http://127.0.0.1:$P/" > "$DIR/$2" 2>&1
    kill -TERM $BP; wait $BP
    row "$1" "$DIR/$2"
}
one_bot "one bot, sqlite (FULL, group commit)" sqlite "path = $DIR/b.db
synchronous = FULL"
reset
one_bot "one bot, PostgreSQL (synchronous_commit)" pg1 "backend = postgres
url = $BOT_PG_URL"

reset
P1=$(free_port); P2=$(free_port)
ini "$P1" "backend = postgres
url = $BOT_PG_URL" > "$DIR/r1.ini"
ini "$P2" "backend = postgres
url = $BOT_PG_URL" > "$DIR/r2.ini"
$B/bot serve -c "$DIR/r1.ini" 2>"$DIR/r1.log" & R1=$!
$B/bot serve -c "$DIR/r2.ini" 2>"$DIR/r2.log" & R2=$!
wait_up "$P1" && wait_up "$P2" || { cat "$DIR/r1.log" "$DIR/r2.log"; exit 1; }
MID_PREFIX=a SCENARIO=post wrk -t1 -c16 -d${DUR}s --latency -s bench/load.lua "http://127.0.0.1:$P1/" > "$DIR/r1" 2>&1 &
W1=$!
MID_PREFIX=b SCENARIO=post wrk -t1 -c16 -d${DUR}s --latency -s bench/load.lua "http://127.0.0.1:$P2/" > "$DIR/r2" 2>&1
wait $W1
kill -TERM $R1 $R2; wait $R1 $R2
row "two replicas, one PostgreSQL" "$DIR/r1" "$DIR/r2"
"$B/bot" audit -c "$DIR/r1.ini" | sed 's/^/after the replicas: /'

echo "two replicas killed with -9 under load:"
python3 tests/replica_test.py "$B/bot" 10 3 | sed 's/^/  /'
rm -rf "$DIR"
