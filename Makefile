# guidepress — see README.md. `make samples` and `make test` are the two commands.
VERSION := 0.1.0
PREFIX ?= /usr/local
DESTDIR ?=
BUILD ?= build
CC ?= cc

# Debian packages the build, the tests and the samples need (installed by `make deps`).
DEB_PACKAGES := build-essential pkg-config libhpdf-dev libyaml-dev libfreetype-dev libharfbuzz-dev \
	libunibreak-dev libhyphen-dev hyphen-en-us hyphen-en-gb hyphen-de hyphen-es hyphen-fr hyphen-it hyphen-nl hyphen-pt-br hyphen-pt-pt hyphen-pl hyphen-ru hyphen-sv libpng-dev zlib1g-dev libdeflate-dev libfontconfig-dev fontconfig \
	xxd fonts-wqy-zenhei fonts-dejavu-core fonts-ebgaramond fonts-hanazono fonts-symbola fonts-lato qpdf poppler-utils clang python3 python3-yaml python3-jsonschema valgrind libclang-rt-14-dev time fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji fonts-inter libicu-dev libthai-dev libfribidi-dev hyphen-hi unicode-data \
	libqrencode-dev zbar-tools mupdf-tools ghostscript icc-profiles-free fonts-inter-variable
PKGS := yaml-0.1 harfbuzz harfbuzz-subset libunibreak libpng fontconfig zlib fribidi libqrencode libdeflate
# Linked from their archives: only guidepress loads these (HarfBuzz's and
# FreeType's own dependencies are loaded anyway), and each shared library
# costs every process its mapping and page faults (README, "Speed and size").
STATIC_LIBS := -lyaml -ldeflate -lfribidi -lhyphen -lfontconfig -lexpat

WARN := -Wall -Wextra -Wpedantic -Wshadow
# `make test WERROR=1` (CI) turns every warning into an error.
ifneq ($(WERROR),)
WARN += -Werror
endif
CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) -Isrc $(shell pkg-config --cflags $(PKGS) 2>/dev/null) \
	-DGP_VERSION='"$(VERSION)"' -DGP_DATADIR='"$(PREFIX)/share/guidepress"' -MMD -MP \
	$(shell pkg-config --cflags icu-uc 2>/dev/null)
LIBS = -Wl,-Bstatic $(STATIC_LIBS) -Wl,-Bdynamic \
	$(filter-out $(STATIC_LIBS),$(shell pkg-config --libs $(PKGS) 2>/dev/null)) -lhpdf -lm -lpthread

# Hyphenation patterns compiled into the program (src/text/hyph_compiled.h).
HYPH_BUILTIN := /usr/share/hyphen/hyph_en_US.dic
HYPH_COMPILER := src/text/hyph_compile.c
HYPH_PATTERNS := $(BUILD)/gen/hyph_patterns.c

# The starter folder `guidepress init` writes (src/starter/), compiled in.
STARTER_FILES := $(addprefix src/starter/,guide.yaml club.yaml season.yaml poster.png README.md)
STARTER_C := $(BUILD)/gen/starter_files.c

SRC := $(filter-out $(HYPH_COMPILER),$(shell find src -name '*.c' | sort)) $(HYPH_PATTERNS) $(STARTER_C)
LIB_SRC := $(filter-out src/main.c,$(SRC))
OBJ := $(SRC:%.c=$(BUILD)/obj/%.o)
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)

ifeq ($(V),1)
Q :=
else
Q := @
endif

.PHONY: all deps deps-check samples print-samples test unit e2e golden golden-update schema asan tsan valgrind bench fuzz typeset-report typeset-check clean install uninstall format
all: $(BUILD)/guidepress

# Installs whatever Debian packages are missing (as root, or with sudo).
deps:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

# Made again whenever the Makefile (its package list) changes.
$(BUILD)/.deps-ok: Makefile
	@$(MAKE) --no-print-directory deps
	@mkdir -p $(BUILD) && touch $@

$(BUILD)/guidepress: $(OBJ)
	@echo "  LD   $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $(OBJ) $(LIBS)

$(BUILD)/obj/%.o: %.c | $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	@echo "  CC   $<"
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/hyph_compile: $(HYPH_COMPILER) src/text/hyph_compiled.h | $(BUILD)/.deps-ok
	@echo "  CC   $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< -lhyphen

# (wildcard: on a fresh machine the file appears only once `make deps` has run)
$(HYPH_PATTERNS): $(BUILD)/hyph_compile $(wildcard $(HYPH_BUILTIN)) | $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	@echo "  GEN  $@"
	$(Q)$(BUILD)/hyph_compile $(HYPH_BUILTIN) >$@.tmp && mv $@.tmp $@

$(STARTER_C): $(STARTER_FILES) | $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	@echo "  GEN  $@"
	$(Q){ echo '#include "init.h"'; \
	  for f in $(notdir $(STARTER_FILES)); do (cd src/starter && xxd -i $$f) | \
	    sed 's/^unsigned char /static const unsigned char starter_/; /_len = /d'; done; \
	  echo 'const gp_starter_file gp_starter_files[] = {'; \
	  for f in $(notdir $(STARTER_FILES)); do v=starter_$$(echo $$f | tr . _); echo "  {\"$$f\", $$v, sizeof $$v},"; done; \
	  echo '  {0}};'; } >$@.tmp && mv $@.tmp $@

-include $(OBJ:.o=.d)

SAMPLE_CONTENT := $(wildcard content/*.yaml)
samples: $(BUILD)/guidepress
	@mkdir -p samples
	@for f in $(SAMPLE_CONTENT); do \
	  b=$$(basename $$f .yaml); \
	  echo "  PDF  samples/$$b.pdf"; \
	  SOURCE_DATE_EPOCH=1767225600 $(BUILD)/guidepress -q -b content/brands/influence.yaml -o samples/$$b.pdf $$f || exit 1; \
	done
	@for b in riverside cinemateca; do \
	  echo "  PDF  samples/last-train-home-$$b.pdf"; \
	  SOURCE_DATE_EPOCH=1767225600 $(BUILD)/guidepress -q -b content/brands/$$b.yaml -o samples/last-train-home-$$b.pdf content/last-train-home.yaml || exit 1; \
	  pdftoppm -png -r 40 -f 1 -l 2 samples/last-train-home-$$b.pdf samples/last-train-home-$$b-page; \
	done
	@for s in a-separation the-lunchbox joyland; do pdftoppm -png -r 40 -f 1 -l 2 samples/$$s.pdf samples/$$s-page; done
	@echo "  PDF  samples/season/"
	@SOURCE_DATE_EPOCH=1767225600 $(BUILD)/guidepress -q -b content/brands/riverside.yaml -o samples/season/ content/season/season.yaml
	@echo "  PDF  samples/season.pdf"
	@SOURCE_DATE_EPOCH=1767225600 $(BUILD)/guidepress -q -b content/brands/riverside.yaml -o samples/season.pdf content/season/season.yaml
	@echo "  PDF  samples/season-handout.pdf"
	@SOURCE_DATE_EPOCH=1767225600 $(BUILD)/guidepress -q -b content/brands/riverside.yaml --edition handout -o samples/season-handout.pdf content/season/season.yaml
	@rm -f samples/season-page-*.png samples/season-handout-page-*.png
	@pdftoppm -png -r 40 -f 1 -l 2 samples/season.pdf samples/season-page
	@pdftoppm -png -r 40 -f 1 -l 1 samples/season-handout.pdf samples/season-handout-page
	@rm -f samples/last-train-home-page-*.png
	@pdftoppm -png -r 60 samples/last-train-home.pdf samples/last-train-home-page
	@$(MAKE) --no-print-directory print-samples
	@echo "samples written to samples/"

# Small pages and print production: an A5 guide, a half-letter one, and the
# A5 guide as a booklet (two pages a side on A4 landscape) with its sheets shown.
print-samples: $(BUILD)/guidepress
	@echo "  PDF  samples/last-train-home-a5.pdf samples/honeyland-half-letter.pdf samples/last-train-home-a5-booklet.pdf"
	@SOURCE_DATE_EPOCH=1767225600 $(BUILD)/guidepress -q -b content/brands/influence.yaml --paper a5 -o samples/last-train-home-a5.pdf content/last-train-home.yaml
	@SOURCE_DATE_EPOCH=1767225600 $(BUILD)/guidepress -q -b content/brands/riverside.yaml --paper half-letter -o samples/honeyland-half-letter.pdf content/honeyland.yaml
	@SOURCE_DATE_EPOCH=1767225600 $(BUILD)/guidepress -q -b content/brands/influence.yaml --paper a5 --booklet -o samples/last-train-home-a5-booklet.pdf content/last-train-home.yaml
	@rm -f samples/last-train-home-a5-page-*.png samples/last-train-home-a5-booklet-sheet-*.png samples/honeyland-half-letter-page-*.png
	@pdftoppm -png -r 50 -f 1 -l 6 samples/last-train-home-a5.pdf samples/last-train-home-a5-page
	@pdftoppm -png -r 50 -f 1 -l 3 samples/honeyland-half-letter.pdf samples/honeyland-half-letter-page
	@pdftoppm -png -r 40 -f 1 -l 2 samples/last-train-home-a5-booklet.pdf samples/last-train-home-a5-booklet-sheet

include tests/tests.mk

install: $(BUILD)/guidepress
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/guidepress/fonts
	install -m 755 $(BUILD)/guidepress $(DESTDIR)$(PREFIX)/bin/guidepress
	install -m 644 fonts/*.ttf fonts/*.txt $(DESTDIR)$(PREFIX)/share/guidepress/fonts/
	install -d $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 644 guidepress.1 $(DESTDIR)$(PREFIX)/share/man/man1/guidepress.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/guidepress $(DESTDIR)$(PREFIX)/share/man/man1/guidepress.1
	rm -rf $(DESTDIR)$(PREFIX)/share/guidepress

format:
	clang-format -i $(SRC) $(wildcard src/*/*.h) $(wildcard tests/unit/*.c)

clean:
	rm -rf $(BUILD)
