/*
 * hash: FNV-1a 64-bit (see hash.h for why this and where not to use it).
 */
#include "util/hash.h"

#include <string.h>

uint64_t hash_fnv64(uint64_t state, const void *bytes, size_t length)
{
    const unsigned char *p = bytes;
    for (size_t i = 0; i < length; i++) {
        state ^= p[i];
        state *= UINT64_C(0x100000001b3);
    }
    return state;
}

uint64_t hash_fnv64_str(uint64_t state, const char *text)
{
    /* Hash the terminator too, so ("ab","c") and ("a","bc") differ. */
    return hash_fnv64(state, text ? text : "", text ? strlen(text) + 1 : 1);
}

void hash_hex64(uint64_t value, char out[17])
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 15; i >= 0; i--) {
        out[i] = digits[value & 0xf];
        value >>= 4;
    }
    out[16] = '\0';
}
