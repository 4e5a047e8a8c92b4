# Thin wrapper around CMake. `make run` and `make test` install what is
# missing first (scripts/install-deps.sh), so a fresh Debian/Ubuntu machine
# needs nothing else. Plain `make` only builds.
BUILD ?= build
ARGS ?= audit .
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all build run test deps test-deps sanitize format format-check clean

all: build

build:
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

deps:
	@bash scripts/install-deps.sh

test-deps:
	@bash scripts/install-deps.sh --test

run: deps build
	@./$(BUILD)/prodready $(ARGS)

test: test-deps build
	@bash tests/run.sh $(BUILD)

# AddressSanitizer + UndefinedBehaviorSanitizer build and test run (CI runs it).
sanitize: test-deps
	@cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Debug -DPRODREADY_SANITIZE=ON >/dev/null
	@cmake --build build-sanitize -j $(JOBS)
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		bash tests/run.sh build-sanitize

format:
	@clang-format -i $$(git ls-files '*.c' '*.h')

format-check:
	@clang-format --dry-run --Werror $$(git ls-files '*.c' '*.h')

clean:
	@rm -rf $(BUILD) build-sanitize
