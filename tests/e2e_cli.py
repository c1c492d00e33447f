"""e2e_cli.py — what the e2e scripts that drive `bot say` share: a person's message, a tick, a check that tallies, rows, the audit."""
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
