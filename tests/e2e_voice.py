#!/usr/bin/env python3
"""e2e_voice.py — a whole order's replies through the real binary (`bot say`, `bot tick`), as an elder, her volunteer
and her 楼长 read them, compared with tests/golden/lifecycle_e2e.txt so that every change of wording is reviewed.

usage: e2e_voice.py [BOT]; VOICE_GOLDEN_UPDATE=1 rewrites the golden file (review `git diff` before committing)."""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_cli import Cli  # noqa: E402

BOT = sys.argv[1] if len(sys.argv) > 1 else "build/bot"
GOLDEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden", "lifecycle_e2e.txt")
PEOPLE = {"zhang": "张秀英", "wang": "王建国", "boss": "赵德明", "admin": "周淑珍"}
cli = Cli(BOT, PEOPLE)

# (when, who, text, chat) — one order from its post to its rating, with the sentences that should do nothing
STORY = [
    ("2026-11-23T10:00:00+08:00", "zhang", "求助 明天上午9点陪我去社区医院 2小时", None),
    ("2026-11-23T10:05:00+08:00", "wang", "有什么需求", None),
    ("2026-11-23T10:06:00+08:00", "wang", "#1 我可能去不了", None),
    ("2026-11-23T10:07:00+08:00", "wang", "接单 #1", "g3"),
    ("2026-11-23T10:08:00+08:00", "zhang", "我的求助", None),
    ("2026-11-24T08:50:00+08:00", "wang", "转告 #1 我快到楼下了", None),
    ("2026-11-24T09:00:00+08:00", "wang", "开始服务 #1", None),
    ("2026-11-24T11:30:00+08:00", "wang", "结束服务 #1", None),
    ("2026-11-24T11:31:00+08:00", "zhang", "我不确认 时间不对", None),
    ("2026-11-24T11:32:00+08:00", "zhang", "确认 #1", None),
    ("2026-11-24T11:33:00+08:00", "zhang", "确认 #1 2个半小时", None),
    ("2026-11-24T11:34:00+08:00", "boss", "确认 #1 2个半小时", None),
    ("2026-11-24T11:40:00+08:00", "zhang", "评价 #1 5星 很耐心", None),
    ("2026-11-24T11:41:00+08:00", "wang", "查积分", None),
    ("2026-11-24T11:42:00+08:00", "wang", "查积分", "g3"),
    ("2026-11-24T11:43:00+08:00", "zhang", "积分明细", None),
]


def main():
    lines = []
    with tempfile.TemporaryDirectory() as d:
        db, ini = cli.store_ini(d)
        cli.community(ini, ("zhang", "wang", "boss", "admin"))
        for when, who, text, chat in STORY:
            r = cli.say(ini, when, who, text, chat=chat)
            lines.append("> %s%s: %s\n%s\n" % (PEOPLE[who], " @" + chat if chat else "", text, r))
        cli.audit(ini, "bot audit is clean after the order")
    got = "\n".join(lines)
    if os.environ.get("VOICE_GOLDEN_UPDATE"):
        with open(GOLDEN, "w", encoding="utf-8") as f:
            f.write(got)
        print("e2e_voice: wrote %s — review `git diff` before committing" % GOLDEN)
        return 0
    want = open(GOLDEN, encoding="utf-8").read() if os.path.exists(GOLDEN) else ""
    if got != want:
        at = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
        cli.check("the replies match tests/golden/lifecycle_e2e.txt (VOICE_GOLDEN_UPDATE=1 to rewrite, then review)",
                  got[max(0, at - 80):at + 80], want[max(0, at - 80):at + 80])
    else:
        cli.check("the replies match tests/golden/lifecycle_e2e.txt", "same", "same")
    for bad in ("in_service", "accepted", "confirmed", "T09:", "+08:00"):
        cli.check("no English state or ISO time: %s" % bad, got, absent=(bad,))
    return cli.done("e2e_voice")


if __name__ == "__main__":
    sys.exit(main())
