/*
 * fuzz.h - what the fuzz targets share. Each tests/fuzz/fuzz_<input>.c defines
 * LLVMFuzzerTestOneInput (and may define LLVMFuzzerInitialize) for one kind of
 * untrusted input, and is built either as a libFuzzer binary (CDCF_FUZZ=ON,
 * clang) or with replay.c's plain main() that replays its seed corpus.
 *
 * Besides crashes and sanitizer reports, the targets check properties of the
 * code under test (a parsed form re-encodes to the same fields, an exported
 * archive imports again, ...); a broken property ends the run through
 * fuzz_check, which prints what broke and aborts, so libFuzzer keeps the input.
 */
#ifndef CDCF_FUZZ_H
#define CDCF_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define fuzz_check(cond, ...)                                                                      \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "fuzz: %s:%d: property failed: %s: ", __FILE__, __LINE__,  \
				#cond);                                                            \
			fprintf(stderr, __VA_ARGS__);                                              \
			fputc('\n', stderr);                                                       \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

#endif
