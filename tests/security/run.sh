#!/bin/sh
# The security suite (issue 11): each test_*.py attacks a real `bot serve` on loopback.
BOT=${1:-build/bot}
DIR=$(dirname "$0")
fail=0
for t in "$DIR"/test_*.py; do
    [ -f "$t" ] || continue
    echo "== $t"
    python3 "$t" "$BOT" || { echo "FAILED: $t"; fail=1; }
done
exit $fail
