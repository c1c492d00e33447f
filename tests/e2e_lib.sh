# e2e_lib.sh — what the e2e scripts share (sourced): free ports, the pass/fail tally, the real server started and stopped, the closing audit.
# The script sets BOT, DIR (holding bot.ini) and PORT (its listen port) before start_serve.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

pass=0; fail=0
ok() { pass=$((pass+1)); }
bad() { fail=$((fail+1)); echo "FAIL: $*"; }

# "$BOT" serve -c "$DIR/bot.ini" in the background (PID; its log in $DIR/serve.log) until /healthz answers;
# otherwise the log, ON_START_FAIL (a command, when set) and exit 1.
start_serve() {
    "$BOT" serve -c "$DIR/bot.ini" 2>"$DIR/serve.log" &
    PID=$!
    i=0
    until curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; do
        i=$((i+1))
        if [ $i -gt 100 ]; then
            echo "FAIL: server did not start"; cat "$DIR/serve.log"; kill $PID; ${ON_START_FAIL:-:}; exit 1
        fi
        sleep 0.05
    done
}

# SIGTERM; the server must exit 0.
stop_serve() {
    kill -TERM $PID
    wait $PID; rc=$?
    [ $rc -eq 0 ] && ok || bad "serve exit code $rc after SIGTERM"
}

# finish NAME: `bot audit` of the store, the server's log when something failed, DIR removed, the tally; the
# script's status.
finish() {
    "$BOT" audit -c "$DIR/bot.ini" >/dev/null && ok || bad "audit"
    [ $fail -ne 0 ] && { echo "--- serve.log"; tail -20 "$DIR/serve.log"; }
    rm -rf "$DIR"
    echo "$1: $pass passed, $fail failed"
    [ $fail -eq 0 ]
}
