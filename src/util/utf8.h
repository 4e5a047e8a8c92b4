/*
 * utf8: validation of UTF-8 text (RFC 3629: no overlongs, no surrogates,
 * nothing above U+10FFFF). Parsers that expect UTF-8 check their input here
 * first, so a bad byte becomes a clear "file:line: not valid UTF-8" instead
 * of undefined behaviour deeper down (libfyaml 0.7 can loop forever on
 * invalid bytes in a directive, found by fuzzing).
 */
#ifndef PRODREADY_UTIL_UTF8_H
#define PRODREADY_UTIL_UTF8_H

#include <stdbool.h>
#include <stddef.h>

#include <stdint.h>

/* Length of the well-formed UTF-8 sequence at `s` (at most `available`
 * bytes) and its code point in *code, or 0 when the byte at `s` starts none.
 * These are exactly the sequences jansson accepts. */
size_t utf8_decode(const unsigned char *s, size_t available, uint32_t *code);
/* True when all `length` bytes are valid UTF-8. Otherwise false, with the
 * offset of the first bad byte in *bad_offset (when not NULL). */
bool utf8_validate(const char *text, size_t length, size_t *bad_offset);

#endif
