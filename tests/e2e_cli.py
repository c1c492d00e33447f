"""e2e_cli.py — what the e2e scripts that drive `bot say` share: a person's message, a tick, a check that tallies, rows, the audit."""
import os
import re
import sqlite3
import subprocess

# make test-pg runs these scripts on PostgreSQL: the bot takes BOT_STORE_URL over bot.ini's [store]; each new bot.ini
# a script makes is a fresh store, so the database is emptied when an ini is first used
PG = os.environ.get("BOT_STORE_URL")


def pg_literal(v):
    """A Python value as a SQL literal (test code only: the values are the test's own)."""
    if v is None:
        return "NULL"
    if isinstance(v, (int, float)):
        return str(v)
    return "'" + str(v).replace("'", "''") + "'"


def pg_fresh():
    """The PostgreSQL store emptied: a new store, as a new file would be."""
    pg_rows("SET client_min_messages = warning; DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public")


def pg_rows(sql, args=()):
    """A query's rows on the PostgreSQL store, as sqlite would give them (numbers as int, NULL as None); sqlite's
    ? parameters are filled with args in order."""
    if args:
        parts = sql.split("?")
        assert len(parts) == len(args) + 1, "one ? per argument"
        sql = "".join(part + (pg_literal(a) if i < len(args) else "") for i, (part, a) in
                      enumerate(zip(parts, list(args) + [None])))
    p = subprocess.run(["psql", PG, "-AtqX", "-v", "ON_ERROR_STOP=1", "-F", "\x1f", "-R", "\x1e", "-P", "null=\x1d",
                        "-c", sql], capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        raise SystemExit("psql %r: %s" % (sql, p.stderr.strip()))
    def cell(v):  # sqlite has no booleans: a comparison reads 1 or 0 there, and here (no text of a test is "t")
        return None if v == "\x1d" else int(v) if re.fullmatch(r"-?\d+", v) else {"t": 1, "f": 0}.get(v, v)
    return [tuple(cell(v) for v in r.split("\x1f")) for r in p.stdout.rstrip("\n").split("\x1e") if r != ""]


class Cli:
    """One binary and its cast (user id → display name); failures collects the checks that did not hold."""

    def __init__(self, bot, people):
        self.bot, self.people, self.failures, self.seen = bot, people, [], set()

    def fresh(self, ini):
        """On PostgreSQL, the first use of a bot.ini empties the database (a new file would be a new store)."""
        if PG and ini not in self.seen:
            self.seen.add(ini)
            pg_fresh()

    def say(self, ini, now, who, text, chat=None):
        """`bot say` as who at now (ISO 8601); the reply, or SystemExit when the command itself fails."""
        self.fresh(ini)
        args = [self.bot, "say", "-c", ini, "--now", now, "--from", who, "--name", self.people[who]]
        if chat:
            args += ["--chat", chat]
        p = subprocess.run(args + [text], capture_output=True, text=True, timeout=60)
        if p.returncode != 0:
            raise SystemExit("bot say %r as %s: exit %d: %s" % (text, who, p.returncode, p.stderr.strip()))
        return p.stdout.strip()

    def tick(self, ini, now):
        """`bot tick` at now: the messages the jobs queued."""
        self.fresh(ini)
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
        if PG:
            return pg_rows(sql)
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
