# 时间驿站 bot. `make run` and `make test` install what is missing first.
CC      ?= cc
PKGS    := jansson sqlite3 libpq libpcre2-8 libcurl expat libcrypto opencc inih
WARN    := -Wall -Wextra -Werror -Wstrict-prototypes -Wno-unused-parameter -Wno-format-truncation
OPT     ?= -O2 -g
CFLAGS_ALL = -std=gnu11 $(OPT) $(WARN) -MMD -MP $(shell pkg-config --cflags $(PKGS) 2>/dev/null) $(CFLAGS) $(BOT_CFLAGS)
LDLIBS_ALL = -lcivetweb $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm $(LDLIBS)
BUILD   ?= build

LIB_SRC := base/common.c base/text.c base/date.c bot/config.c bot/jsonin.c bot/adapter_generic.c bot/server.c bot/adapter_onebot.c \
           bot/adapter_wecom.c bot/platform.c bot/adapter_telegram.c bot/adapter_wechat.c bot/outbox.c bot/scheduler.c \
           bot/limits.c bot/replay.c bot/metrics.c \
           nlp/number.c nlp/time.c nlp/normalize.c nlp/intent.c nlp/emergency.c nlp/prefilter.c nlp/correct.c \
           store/db.c store/schema.c store/members.c store/links.c store/requests.c store/ledger.c store/audit.c \
           store/community.c store/queues.c store/conversation.c store/fund.c store/branches.c store/notices.c store/skills.c store/sql.c store/pg.c store/schema_pg.c store/cash.c store/console.c handlers/console_link.c handlers/branches.c console/html.c console/http.c console/pages.c console/reports.c console/money.c \
           store/merchants.c handlers/merchants.c \
           store/membership.c handlers/membership.c \
           store/finance.c store/backup.c \
           handlers/pipeline.c handlers/requests.c handlers/account.c handlers/common.c \
           handlers/rules.c handlers/manage.c handlers/strikes.c handlers/jobs.c handlers/platform.c handlers/address.c \
           handlers/reply.c handlers/notify.c handlers/commands.c handlers/msg.c handlers/conversation.c \
           handlers/undo.c handlers/emergency.c handlers/elders.c handlers/vetting.c handlers/complaints.c handlers/finance.c
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
TESTS   := base_test store_test handlers_test console_test nlp_test config_test rules_test property_test adapters_test jobs_test limits_test \
           outbox_test vetting_test voice_test reply_test merchants_test membership_test finance_test branches_test branch_scope_test skills_store_test
TEST_BIN := $(TESTS:%=$(BUILD)/tests/%)

.PHONY: all deps run test test-pg test-unit test-e2e test-corpus test-asan clean check bench bench-city fuzz soak install uninstall

all: $(BUILD)/bot

deps:
	@sh scripts/deps.sh

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/libbot.a: $(LIB_OBJ)
	rm -f $@; ar rcs $@ $^

$(BUILD)/bot: $(BUILD)/obj/bot/main.o $(BUILD)/libbot.a
	$(CC) $(CFLAGS_ALL) $^ -o $@ $(LDFLAGS) $(LDLIBS_ALL)

# Unit tests reach static functions (curl's UNITTEST idea): a function marked
# BOT_STATIC is static in the library and global when BOT_TESTING is defined.
# The sources a test names in TESTING_SRC_<test> are compiled again with
# -DBOT_TESTING into $(BUILD)/tobj and linked before libbot.a, whose own copy
# of them then stays out; the test itself sees their prototypes (the headers'
# #ifdef BOT_TESTING blocks).
TESTING_SRC_outbox_test := bot/outbox.c
TESTING_SRC_limits_test := bot/limits.c
TESTING_OBJ := $(addprefix $(BUILD)/tobj/,$(subst .c,.o,$(TESTING_SRC_outbox_test) $(TESTING_SRC_limits_test)))

$(TESTING_OBJ): $(BUILD)/tobj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -DBOT_TESTING -c $< -o $@

.SECONDEXPANSION:
$(BUILD)/tests/%: tests/%.c $$(addprefix $(BUILD)/tobj/,$$(subst .c,.o,$$(TESTING_SRC_$$*))) $(BUILD)/libbot.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -DBOT_TESTING $< $(filter %.o,$^) $(BUILD)/libbot.a -o $@ $(LDFLAGS) $(LDLIBS_ALL) -lcmocka

run: deps
	$(MAKE) all
	$(BUILD)/bot serve -c bot.ini

test: deps check
	$(MAKE) all $(TEST_BIN)
	$(MAKE) test-unit test-pg test-corpus test-e2e

# The suite on PostgreSQL (issue 18): every cmocka program, the e2e scripts and the two-replica crash test against a
# throwaway PostgreSQL 15 cluster (scripts/pg.sh: initdb + pg_ctl in a temp dir, unix socket only, removed after).
test-pg: deps
	@BOT_EXTRA_PKGS="postgresql libpq-dev" sh scripts/deps.sh
	$(MAKE) all $(TEST_BIN)
	sh scripts/pg.sh sh tests/pg_suite.sh $(BUILD)

test-unit: $(TEST_BIN)
	@set -e; for t in $(TEST_BIN); do echo "== $$t"; $$t; done

SHARED ?= ../shared
# the dev and time corpora live beside the repository (../shared); a clone without them says so and goes on.
# The mood corpus (issue 13) is the project's own: every clone runs it
test-corpus: $(BUILD)/bot
	@if [ ! -f $(SHARED)/corpus/intents_dev.jsonl ]; then \
	  echo "SKIP dev and time corpora: no $(SHARED)/corpus here (make test SHARED=/path/to/shared runs them)"; exit 0; fi; \
	python3 $(SHARED)/tools/score_intents.py $(SHARED)/corpus/intents_dev.jsonl $(BUILD)/bot && \
	SHARED=$(SHARED) sh tests/corpus_time.sh $(BUILD)/bot && \
	python3 $(SHARED)/tools/score_intents.py tests/corpus/blind_u9.jsonl $(BUILD)/bot --now 2026-12-01T09:00:00+08:00 \
	  --min-intent 0.97 --min-slot 0.97 --min-precision 1.0 && \
	python3 $(SHARED)/tools/score_intents.py tests/corpus/blind_u10.jsonl $(BUILD)/bot --now 2026-12-01T09:00:00+08:00 \
	  --min-intent 0.97 --min-slot 0.97 --min-precision 1.0 && \
	python3 $(SHARED)/tools/score_intents.py tests/corpus/blind_u11.jsonl $(BUILD)/bot --now 2026-12-01T09:00:00+08:00 \
	  --min-intent 0.96 --min-slot 0.97 --min-precision 0.99 && \
	python3 $(SHARED)/tools/score_intents.py tests/corpus/blind_u12.jsonl $(BUILD)/bot --now 2026-12-01T09:00:00+08:00 \
	  --min-intent 0.97 --min-slot 0.97 --min-precision 1.0 && \
	python3 $(SHARED)/tools/score_intents.py tests/corpus/blind_u13.jsonl $(BUILD)/bot --now 2026-12-01T09:00:00+08:00 \
	  --min-intent 0.97 --min-slot 0.95 --min-precision 1.0 && \
	python3 $(SHARED)/tools/score_intents.py tests/corpus/blind_u14.jsonl $(BUILD)/bot --now 2026-12-01T09:00:00+08:00 \
	  --min-intent 0.97 --min-slot 0.97 --min-precision 0.99
	python3 tests/corpus_mood.py $(BUILD)/bot

test-e2e: $(BUILD)/bot $(BUILD)/bench/seed
	sh tests/e2e_test.sh $(BUILD)/bot
	sh tests/e2e_platforms.sh $(BUILD)/bot
	sh tests/e2e_tick.sh $(BUILD)/bot
	python3 tests/e2e_conversation.py $(BUILD)/bot
	python3 tests/e2e_minds.py $(BUILD)/bot
	python3 tests/e2e_orders.py $(BUILD)/bot
	python3 tests/e2e_timers.py $(BUILD)/bot
	python3 tests/e2e_emergency.py $(BUILD)/bot
	python3 tests/e2e_fund.py $(BUILD)/bot
	python3 tests/e2e_asks.py $(BUILD)/bot
	python3 tests/e2e_noshow.py $(BUILD)/bot
	python3 tests/e2e_elders.py $(BUILD)/bot
	python3 tests/e2e_vetting.py $(BUILD)/bot
	python3 tests/e2e_voice.py $(BUILD)/bot
	python3 tests/e2e_console.py $(BUILD)/bot
	python3 tests/browser_console.py $(BUILD)/bot
	python3 tests/e2e_pushes.py $(BUILD)/bot
	python3 tests/e2e_wechat_push.py $(BUILD)/bot
	python3 tests/e2e_wecom.py $(BUILD)/bot
	python3 tests/e2e_notices.py $(BUILD)/bot
	python3 tests/e2e_refused.py $(BUILD)/bot
	python3 tests/e2e_lost.py $(BUILD)/bot
	python3 tests/e2e_finance.py $(BUILD)/bot
	python3 tests/e2e_complaints.py $(BUILD)/bot
	python3 tests/e2e_merchants.py $(BUILD)/bot
	python3 tests/e2e_membership.py $(BUILD)/bot
	python3 tests/e2e_branches.py $(BUILD)/bot
	python3 tests/e2e_ops.py $(BUILD)/bot
	python3 tests/seed_city_test.py $(BUILD)/bot
	sh tests/install_test.sh "$(MAKE)" $(BUILD)
	sh tests/security/run.sh $(BUILD)/bot
	python3 tests/crash_test.py $(BUILD)/bot 20

# make install: the binary, bot.ini (only when absent: an operator's is never overwritten) pointing at the
# installed data and at the store in /var/lib/timebank-bot, the services list and the console's files, the
# systemd unit; DESTDIR is honoured (packaging, the test). The unit goes to /etc/systemd/system (the local
# administrator's place, as PREFIX=/usr/local is; a package sets UNITDIR=/lib/systemd/system). As root with
# no DESTDIR the system user timebank-bot is created when missing. make uninstall leaves bot.ini and the store.
PREFIX     ?= /usr/local
SYSCONFDIR ?= /etc
UNITDIR    ?= /etc/systemd/system
STATEDIR   ?= /var/lib/timebank-bot
SHAREDIR    = $(PREFIX)/share/timebank-bot
install: $(BUILD)/bot
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(SHAREDIR)/static $(DESTDIR)$(SYSCONFDIR)/timebank-bot \
	  $(DESTDIR)$(UNITDIR) $(DESTDIR)$(STATEDIR)
	install -m 755 $(BUILD)/bot $(DESTDIR)$(PREFIX)/bin/timebank-bot
	install -m 644 data/services.txt README.md $(DESTDIR)$(SHAREDIR)/
	install -m 644 console/static/* $(DESTDIR)$(SHAREDIR)/static/
	sed -e 's#@BINDIR@#$(PREFIX)/bin#' -e 's#@SYSCONFDIR@#$(SYSCONFDIR)#' -e 's#@DOCDIR@#$(SHAREDIR)#' \
	  dist/timebank-bot.service > $(DESTDIR)$(UNITDIR)/timebank-bot.service
	chmod 644 $(DESTDIR)$(UNITDIR)/timebank-bot.service
	@if [ -e $(DESTDIR)$(SYSCONFDIR)/timebank-bot/bot.ini ]; then \
	  echo "kept $(DESTDIR)$(SYSCONFDIR)/timebank-bot/bot.ini (yours)"; \
	else \
	  sed -e 's#^path = timebank.db\( *\)#path = $(STATEDIR)/timebank.db\1#' \
	      -e 's#^services_file = data/services.txt#services_file = $(SHAREDIR)/services.txt#' \
	      -e 's#^static_dir = console/static#static_dir = $(SHAREDIR)/static#' bot.ini \
	    > $(DESTDIR)$(SYSCONFDIR)/timebank-bot/bot.ini && chmod 640 $(DESTDIR)$(SYSCONFDIR)/timebank-bot/bot.ini && \
	  echo "wrote $(DESTDIR)$(SYSCONFDIR)/timebank-bot/bot.ini: set its tokens before you start the service"; \
	fi
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ]; then \
	  id timebank-bot >/dev/null 2>&1 || useradd --system --home-dir $(STATEDIR) --shell /usr/sbin/nologin timebank-bot; \
	  chgrp timebank-bot $(SYSCONFDIR)/timebank-bot/bot.ini; chown timebank-bot:timebank-bot $(STATEDIR); \
	  chmod 750 $(STATEDIR); systemctl daemon-reload 2>/dev/null || true; \
	  echo "then: systemctl enable --now timebank-bot"; \
	fi

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/timebank-bot $(DESTDIR)$(UNITDIR)/timebank-bot.service
	rm -rf $(DESTDIR)$(SHAREDIR)
	@echo "kept $(DESTDIR)$(SYSCONFDIR)/timebank-bot/bot.ini and the store in $(DESTDIR)$(STATEDIR)"

# 60 s of mixed traffic at a fixed rate: zero 5xx, RSS growth under 10%.
soak: $(BUILD)/bot
	python3 tests/soak.py $(BUILD)/bot 60 200

# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer.
ASAN_FLAGS := BUILD=build-asan LDFLAGS="-fsanitize=address,undefined" \
  OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
test-asan: deps
	$(MAKE) $(ASAN_FLAGS) build-asan/bot $(TESTS:%=build-asan/tests/%)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 $(MAKE) $(ASAN_FLAGS) test-unit test-e2e

$(BUILD)/bench/%: bench/%.c $(BUILD)/libbot.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $< $(BUILD)/libbot.a -o $@ $(LDFLAGS) $(LDLIBS_ALL)

# the bench tools that fill a store write it through their own SQL (bench/seeder.c), never through the library
$(BUILD)/bench/seed $(BUILD)/bench/expiry_bench $(BUILD)/bench/skills_bench: $(BUILD)/bench/%: bench/%.c bench/seeder.c $(BUILD)/libbot.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $< bench/seeder.c $(BUILD)/libbot.a -o $@ $(LDFLAGS) $(LDLIBS_ALL)

# Benchmarks: figures, never assertions. NLP throughput on one core.
$(BUILD)/bench/baseline: bench/baseline.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $< -o $@ $(LDFLAGS) -lcivetweb -lpthread

bench:
	@BOT_EXTRA_PKGS="wrk" sh scripts/deps.sh
	$(MAKE) all $(BUILD)/bench/parse_bench $(BUILD)/bench/expiry_bench $(BUILD)/bench/baseline $(BUILD)/bench/seed $(BUILD)/bench/skills_bench
	sh bench/run.sh $(BUILD)
	sh bench/city.sh $(BUILD)
	taskset -c 0 $(BUILD)/bench/parse_bench $(SHARED)/corpus/intents_dev.jsonl 500 2>/dev/null || \
	  $(BUILD)/bench/parse_bench $(SHARED)/corpus/intents_dev.jsonl 500
	$(BUILD)/bench/expiry_bench 100000 10
	$(BUILD)/bench/skills_bench 5
	python3 bench/console_bench.py $(BUILD) 50
	BOT_PG_DURABLE=1 sh scripts/pg.sh sh bench/replicas.sh $(BUILD)

# issue 19's city round alone: a 1,000,000-member store under $(BUILD)/city (seeded once, reused while its seed
# version holds), the scenarios over random members against bare civetweb, expiry, audit, backup under load
bench-city:
	$(MAKE) all $(BUILD)/bench/expiry_bench $(BUILD)/bench/baseline $(BUILD)/bench/seed
	sh bench/city.sh $(BUILD)

# libFuzzer targets (clang): every adapter's parser, the NLP, the config
# reader, seeded from fuzz/corpus/; FUZZ_SECONDS each (CI runs 10). The
# adapters and the NLP run each input on a thread with a worker's stack
# (BOT_WORKER_STACK_BYTES); fuzz/regress/ holds every crash found, replayed after.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := generic onebot telegram wechat wechat_aes wecom nlp config
FUZZ_FLAGS := BUILD=build-fuzz CC=clang LDFLAGS="-fsanitize=address,undefined" CFLAGS=-Wno-unknown-warning-option \
  OPT="-O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined"
build-fuzz/fuzz_%: fuzz/fuzz_%.c fuzz/adapter_fuzz.h build-fuzz/libbot.a
	clang $(CFLAGS_ALL) -fsanitize=fuzzer,address,undefined $< build-fuzz/libbot.a -o $@ $(LDLIBS_ALL)
fuzz:
	@BOT_EXTRA_PKGS="clang libclang-rt-14-dev" sh scripts/deps.sh
	$(MAKE) $(FUZZ_FLAGS) build-fuzz/libbot.a
	$(MAKE) $(FUZZ_FLAGS) $(FUZZ_TARGETS:%=build-fuzz/fuzz_%)
	@set -e; for t in $(FUZZ_TARGETS); do \
	  mkdir -p build-fuzz/corpus/$$t; \
	  echo "== fuzz $$t for $(FUZZ_SECONDS) s"; \
	  build-fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	    -artifact_prefix=build-fuzz/crash-$$t- build-fuzz/corpus/$$t fuzz/corpus/$$t > build-fuzz/fuzz-$$t.log 2>&1 \
	    || { tail -30 build-fuzz/fuzz-$$t.log; echo "fuzz $$t: crash kept in build-fuzz/ (add it to fuzz/regress/)"; exit 1; }; \
	  tail -1 build-fuzz/fuzz-$$t.log; \
	done
	@set -e; for t in $(FUZZ_TARGETS); do [ ! -d fuzz/regress/$$t ] || build-fuzz/fuzz_$$t fuzz/regress/$$t/* > build-fuzz/regress-$$t.log 2>&1 || \
	  { tail -30 build-fuzz/regress-$$t.log; echo "fuzz $$t: a kept crash in fuzz/regress/$$t is back"; exit 1; }; done

# Banned calls (curl's checksrc idea).
check:
	@! grep -nE '\b(sprintf|strcpy|strcat|strtok|atoi|gets)\s*\(' base/*.c bot/*.c nlp/*.c store/*.c handlers/*.c || \
	  (echo "banned call above"; exit 1)

clean:
	rm -rf build build-asan build-fuzz

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
