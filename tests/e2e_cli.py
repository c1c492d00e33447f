"""e2e_cli.py — what the e2e scripts that drive `bot say` share: a person's message, a tick, a check that tallies, rows, the audit."""
import os
import sqlite3
import subprocess


class Cli:
    """One binary and its cast (user id → display name); failures collects the checks that did not hold."""

    def __init__(self, bot, people):
        self.bot, self.people, self.failures = bot, people, []

    def say(self, ini, now, who, text, chat=None):
        """`bot say` as who at now (ISO 8601); the reply, or SystemExit when the command itself fails."""
        args = [self.bot, "say", "-c", ini, "--now", now, "--from", who, "--name", self.people[who]]
        if chat:
            args += ["--chat", chat]
        p = subprocess.run(args + [text], capture_output=True, text=True, timeout=60)
        if p.returncode != 0:
            raise SystemExit("bot say %r as %s: exit %d: %s" % (text, who, p.returncode, p.stderr.strip()))
        return p.stdout.strip()

    def tick(self, ini, now):
        """`bot tick` at now: the messages the jobs queued."""
        p = subprocess.run([self.bot, "tick", "-c", ini, "--now", now], capture_output=True, text=True, timeout=60)
        if p.returncode != 0:
            raise SystemExit("bot tick --now %s: exit %d: %s" % (now, p.returncode, p.stderr.strip()))
        return p.stdout

    def check(self, what, got, *want, absent=()):
        """Every string of want in got and none of absent; printed ok or FAIL, and a FAIL kept."""
        bad = [w for w in want if w not in got] + [a for a in absent if a in got]
        print("%s %s" % ("ok  " if not bad else "FAIL", what))
        if bad:
            self.failures.append(what)
            print("     got: %s\n     wanted %s, not %s" % (got, list(want), list(absent)))

    @staticmethod
    def rows(db, sql):
        c = sqlite3.connect(db)
        try:
            return [tuple(r) for r in c.execute(sql)]
        finally:
            c.close()

    def audit(self, ini, what):
        """`bot audit` exits 0: every ledger invariant holds."""
        p = subprocess.run([self.bot, "audit", "-c", ini], capture_output=True, text=True, timeout=60)
        self.check(what, "exit %d %s" % (p.returncode, (p.stdout + p.stderr).strip()), "exit 0")

    def store_ini(self, d, extra=""):
        """A bot.ini in folder d for a store there, no per-member message limit, cli:admin staff: (db, ini)."""
        db, ini = os.path.join(d, "store.db"), os.path.join(d, "bot.ini")
        with open(ini, "w", encoding="utf-8") as f:
            f.write("[store]\npath = %s\n[limits]\nmessages_per_member_per_minute = 0\n[roles]\nadmins = cli:admin\n%s"
                    % (db, extra))
        return db, ini

    def community(self, ini, who, manager="boss", building="3号楼", birthday=" 生日1970年5月1日"):
        """Everyone in who registers in building (with birthday) at 2026-11-20 09:00; staff makes manager its 楼长."""
        for w in who:
            self.say(ini, "2026-11-20T09:00:00+08:00", w, "注册 %s %s%s" % (self.people[w], building, birthday))
        if manager:
            self.check("%s is the 楼长 of %s" % (self.people[manager], building),
                       self.say(ini, "2026-11-20T09:10:00+08:00", "admin",
                                "设为楼长 %s %s" % (self.people[manager], building)), building)

    def done(self, name):
        """The script's verdict: 0 when every check held."""
        if self.failures:
            print("%s: %d failed" % (name, len(self.failures)))
            return 1
        print("%s: all ok" % name)
        return 0
