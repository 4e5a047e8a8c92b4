/*
 * hash: non-cryptographic hashing for fingerprints and hash tables.
 *
 * FNV-1a 64 is used because fingerprints must be identical on every machine
 * and every run (no seeds, no pointer values); it must never be used where an
 * attacker-chosen collision would matter.
 */
#ifndef PRODREADY_UTIL_HASH_H
#define PRODREADY_UTIL_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_FNV64_INIT UINT64_C(0xcbf29ce484222325)

uint64_t hash_fnv64(uint64_t state, const void *bytes, size_t length);
uint64_t hash_fnv64_str(uint64_t state, const char *text);
/* Writes 16 lowercase hex digits and a NUL into out[17]. */
void hash_hex64(uint64_t value, char out[17]);

#endif
