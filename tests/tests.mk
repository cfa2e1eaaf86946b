# Tests: unit tests per stage, end-to-end and error tests on the CLI, and the
# whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer.
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
ASAN_DIR := $(BUILD)/asan
ASAN_FLAGS := -O1 -g -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all -fno-omit-frame-pointer

$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@echo "  CC   $@"
	$(Q)$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(LIB_OBJ) $(LIBS)

unit: $(UNIT_BIN)
	@tests/run-unit.sh $(UNIT_BIN)

# Every end-to-end script runs, even after one fails; any failure fails the target.
E2E_SCRIPTS := $(sort $(wildcard tests/e2e/*.sh))
run_e2e = status=0; for t in $(E2E_SCRIPTS); do $$t $(1) || status=1; done; exit $$status

e2e: $(BUILD)/guidepress
	@$(call run_e2e,$(BUILD)/guidepress)

# Golden display lists (tests/golden/): every sample in every brand, so that
# a change of layout shows as a diff. `make golden-update` rewrites them
# (review the change with git diff before committing it).
golden: $(BUILD)/guidepress
	@tests/golden/run.sh $(BUILD)/guidepress

golden-update: $(BUILD)/guidepress
	@tests/golden/run.sh --update $(BUILD)/guidepress

# Every shipped content and brand file validates against schema/, the bad fixtures do not.
schema: | $(BUILD)/.deps-ok
	@tests/schema/run.sh

# A fuzz target without libFuzzer: replays corpus and regression files.
FUZZ_TARGETS := load brand rich layout image
$(BUILD)/fuzz-replay/%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz_util.h $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@echo "  CC   $@"
	$(Q)$(CC) $(ALL_CFLAGS) -Itests/fuzz -o $@ $< tests/fuzz/replay.c $(LIB_OBJ) $(LIBS)

# The same suite built with sanitizers, in its own build folder, plus every
# fuzz corpus and regression input.
asan: | $(BUILD)/.deps-ok
	@$(MAKE) --no-print-directory BUILD=$(ASAN_DIR) CFLAGS="$(ASAN_FLAGS)" $(ASAN_DIR)/guidepress \
	  $(UNIT_SRC:tests/unit/%.c=$(ASAN_DIR)/tests/%) $(FUZZ_TARGETS:%=$(ASAN_DIR)/fuzz-replay/%)
	@ASAN_OPTIONS=detect_leaks=1 tests/run-unit.sh $(UNIT_SRC:tests/unit/%.c=$(ASAN_DIR)/tests/%)
	@for t in $(FUZZ_TARGETS); do \
	  echo "== fuzz replay: $$t"; \
	  GUIDEPRESS_FONTS=$(CURDIR)/fonts LSAN_OPTIONS=suppressions=$(CURDIR)/tests/fuzz/lsan.supp \
	    $(ASAN_DIR)/fuzz-replay/$$t $$(ls -d tests/fuzz/corpus/$$t tests/fuzz/regressions/$$t 2>/dev/null) || exit 1; \
	done
	@export ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/fuzz/lsan.supp; $(call run_e2e,$(ASAN_DIR)/guidepress)

# The unit tests, every end-to-end script and a -j 2 batch of the samples per
# brand under ThreadSanitizer (threads start in text/hyph.c, text/ahead.c, base/work.c
# (the batch, pages, deflating), base/image.c, base/fsio.c). Reports go to
# files, so that one from a run whose stderr a test swallows still fails the
# target; tests/tsan/tsan.supp names the races inside libraries that are benign.
TSAN_DIR := $(BUILD)/tsan
TSAN_FLAGS := -O1 -g -fsanitize=thread -fno-omit-frame-pointer
TSAN_REPORTS := $(CURDIR)/$(TSAN_DIR)/reports
tsan: | $(BUILD)/.deps-ok
	@$(MAKE) --no-print-directory BUILD=$(TSAN_DIR) CFLAGS="$(TSAN_FLAGS)" $(TSAN_DIR)/guidepress \
	  $(UNIT_SRC:tests/unit/%.c=$(TSAN_DIR)/tests/%)
	@rm -rf $(TSAN_REPORTS) $(TSAN_DIR)/samples && mkdir -p $(TSAN_REPORTS) $(TSAN_DIR)/samples
	@export TSAN_OPTIONS="suppressions=$(CURDIR)/tests/tsan/tsan.supp log_path=$(TSAN_REPORTS)/race halt_on_error=1"; \
	status=0; tests/run-unit.sh $(UNIT_SRC:tests/unit/%.c=$(TSAN_DIR)/tests/%) || status=1; \
	for b in content/brands/*.yaml; do \
	  echo "== samples, -j 2, $$b"; \
	  $(TSAN_DIR)/guidepress -q -j 2 -b $$b -o $(TSAN_DIR)/samples/$$(basename $$b .yaml)/ content/ || status=1; \
	done; \
	($(call run_e2e,$(TSAN_DIR)/guidepress)) || status=1; \
	if ls $(TSAN_REPORTS)/race* >/dev/null 2>&1; then cat $(TSAN_REPORTS)/race*; echo "tsan: data races above"; status=1; fi; \
	exit $$status

# libFuzzer (clang) on each target for FUZZ_SECONDS, from the seed corpora.
FUZZ_SECONDS ?= 60
fuzz: | $(BUILD)/.deps-ok
	@tests/fuzz/run.sh $(FUZZ_SECONDS)

# Leaks and memory errors on every sample and bad-input fixture (CI runs it after `make test`).
valgrind: $(BUILD)/guidepress
	@tests/valgrind.sh $(BUILD)/guidepress

# Spacing, hyphens, widows and orphans of the samples, measured from the PDFs,
# beside a greedy breaker; `typeset-check` fails if a target is missed.
typeset-report: $(BUILD)/guidepress
	@tests/typeset/run.sh $(BUILD)/guidepress

typeset-check: $(BUILD)/guidepress
	@tests/typeset/run.sh --check $(BUILD)/guidepress >$(BUILD)/typeset-report.txt || \
	  { cat $(BUILD)/typeset-report.txt; exit 1; }
	@tail -5 $(BUILD)/typeset-report.txt

# Every system file the tests name comes from a package the Makefile
# installs (tests/deps/check-paths.sh), and the tests see only the fonts it
# installs: build/fonts.conf holds fonts/ and the font files of DEB_PACKAGES'
# fonts-* packages, nothing else this machine has (tests/deps/fonts-conf.sh).
FONTS_CONF := $(CURDIR)/$(BUILD)/fonts.conf
$(FONTS_CONF): Makefile tests/deps/fonts-conf.sh | $(BUILD)/.deps-ok
	@tests/deps/fonts-conf.sh $@ $(DEB_PACKAGES)
unit e2e golden golden-update typeset-check asan tsan: $(FONTS_CONF)
unit e2e golden golden-update typeset-check asan tsan: export FONTCONFIG_FILE := $(FONTS_CONF)

deps-check: $(FONTS_CONF)
	@tests/deps/run.sh $(FONTS_CONF) $(DEB_PACKAGES)

test: deps-check unit e2e golden schema typeset-check asan tsan
	@echo "all test suites passed"

# Speed, memory, size and linearity against the targets (prints PASS/MISS, never fails on a miss).
$(BUILD)/bench_linebreak: tests/bench/bench_linebreak.c $(LIB_OBJ)
	@echo "  CC   $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB_OBJ) $(LIBS)

$(BUILD)/bench_dictbreak: tests/bench/bench_dictbreak.c $(LIB_OBJ)
	@echo "  CC   $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB_OBJ) $(LIBS) $(shell pkg-config --libs icu-uc libthai)

# The Typst peer measured beside guidepress in the same run (shared/peers/README.md).
PEERS ?= $(CURDIR)/../shared/peers
bench: $(BUILD)/guidepress $(BUILD)/bench_linebreak $(BUILD)/bench_dictbreak
	@PEERS=$(PEERS) BENCH_DICTBREAK=$(BUILD)/bench_dictbreak tests/bench/run.sh $(BUILD)/guidepress $(BUILD)/bench_linebreak
