# Thin wrapper: the build is CMake + Ninja, the tests ctest.
#   make demo    install what is missing, build, start cdcf on a demo database
#   make check   install what is missing, build, run every test (plain and ASan+UBSan),
#                then each fuzz target for FUZZ_CHECK_TIME seconds (clang, libFuzzer)
#   make fuzz    the fuzz targets for FUZZ_TIME seconds each (docs/fuzzing.md)
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_CHECK_TIME ?= 15
FUZZ_TIME ?= 600
# tests run side by side, one per core (the browser tests alone: RUN_SERIAL)
TEST_JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

.PHONY: all deps build demo check check-format check-banned test test-asan fuzz-check fuzz format clean

all: build

deps:
	@scripts/deps.sh

build: deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCDCF_WERROR=ON $(CMAKE_FLAGS)
	cmake --build $(BUILD)

DEMO_LISTEN ?= 127.0.0.1:8080

demo: build
	scripts/demo.sh $(BUILD)/cdcf demo.db
	$(BUILD)/cdcf --db demo.db serve --demo --listen $(DEMO_LISTEN)

check-format:
	scripts/check-format.sh

check-banned:
	scripts/check-banned.sh

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(TEST_JOBS)

test-asan: deps
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCDCF_WERROR=ON -DCDCF_SANITIZE=ON $(CMAKE_FLAGS)
	cmake --build $(ASAN_BUILD)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(TEST_JOBS)

fuzz-check: deps
	tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_CHECK_TIME)

fuzz: deps
	tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_TIME)

check: deps check-format check-banned test test-asan fuzz-check

format:
	clang-format -i $$(git ls-files 'src/*.c' 'src/*.h' 'tests/*.c' 'tools/*.c')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
