#!/bin/sh
# post_ab.sh — A/B of durable posts (generic and OneBot, FULL): two bot binaries alternately, ROUNDS rounds, a fresh store each.
# usage: sh bench/post_ab.sh ROUNDS BOT_A BOT_B [SECONDS]   (prints one line per binary, scenario and round)
ROUNDS=$1; A=$2; B=$3; DUR=${4:-4}
DIR=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_up() { i=0; until curl -s -o /dev/null "http://127.0.0.1:$1/hook/generic"; do i=$((i+1)); [ $i -gt 200 ] && return 1; sleep 0.02; done; }
python3 bench/onebot_events.py bench-secret "$DIR/ev.txt" 40000 2
one() { # one LABEL BOT SCENARIO
    P=$(free_port); rm -f "$DIR"/b.db*
    printf '[server]\nmax_clock_skew_seconds = 0\nmax_message_age_seconds = 0\nlisten = 127.0.0.1:%s\nthreads = 8\n[store]\npath = %s/b.db\nsynchronous = FULL\n[generic]\ntoken = bench\n[onebot]\nsecret = bench-secret\n[limits]\nmessages_per_member_per_minute = 0\nopen_requests_per_member = 1000\n[rules]\noverdraft_hours = 1000\n[scheduler]\ninterval_seconds = 3600\n' "$P" "$DIR" > "$DIR/b.ini"
    "$2" serve -c "$DIR/b.ini" 2>"$DIR/serve.log" & BP=$!
    wait_up $P || { cat "$DIR/serve.log"; return 1; }
    # the bot's CPU and context switches over the run (perf stat), per request: steadier than req/s on a shared box
    STAT=""; command -v perf >/dev/null && STAT="perf stat -x, -e task-clock,context-switches -o $DIR/stat -p $BP --"
    if [ "$3" = onebot ]; then
        ONEBOT_EVENTS="$DIR/ev.txt" $STAT wrk -t2 -c32 -d${DUR}s --latency -s bench/onebot.lua http://127.0.0.1:$P/ > "$DIR/out" 2>&1
    else
        SCENARIO=post $STAT wrk -t2 -c32 -d${DUR}s --latency -s bench/load.lua http://127.0.0.1:$P/ > "$DIR/out" 2>&1
    fi
    set -- "$1" "$3" $(grep '^RESULT' "$DIR/out" | tail -1)
    n=$(python3 -c "print(round($5*$DUR))")
    per=$( [ -s "$DIR/stat" ] && awk -F, -v n="$n" '/task-clock/{c=$1} /context-switches/{s=$1} END{printf "cpu %4.0f us/req  cs %4.1f/req", c*1000/n, s/n}' "$DIR/stat")
    printf '%-6s %-7s %8s req/s  p99 %6s ms  errors %s  non-2xx %-4s %s\n' "$1" "$2" "$5" "$7" "$8" "$9" "$per"
    kill -TERM $BP; wait $BP
}
r=1
while [ $r -le "$ROUNDS" ]; do
    for sc in post onebot; do one A "$A" $sc; one B "$B" $sc; done
    r=$((r+1))
done
rm -rf "$DIR"
