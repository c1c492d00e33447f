#!/bin/sh
# Duckling's Chinese time suite through `bot time` (fails under 85% of rows),
# and the labelled dev set through `bot parse` (95% intents, 90% slots, 98% precision).
BOT=${1:-build/bot}
SHARED=${SHARED:-../shared}
set -e
python3 "$SHARED/tools/score_time.py" "$SHARED/corpus/duckling_zh_time.tsv" "$BOT"
