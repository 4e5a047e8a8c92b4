/*
 * text: small ASCII and path helpers every module needs — case folding that
 * ignores the locale, case-insensitive comparison, a path's base name, the
 * line of a byte offset. One copy here instead of one per module.
 *
 * Case folding is ASCII only, on purpose: file names and headings are
 * compared the same way on every machine, whatever the locale.
 */
#ifndef PRODREADY_UTIL_TEXT_H
#define PRODREADY_UTIL_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* ASCII lower case; every other byte unchanged. Inline: linecount calls it
 * on hot paths. */
static inline char text_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* Whether the `length` bytes at `text` equal the string `word`, ignoring
 * ASCII case. */
bool text_equals_nocase(const char *text, size_t length, const char *word);
/* Whether the string `text` starts with `prefix`, ignoring ASCII case. */
bool text_prefix_nocase(const char *text, const char *prefix);
/* Whether the string `word` occurs in the string `text`, ignoring ASCII
 * case. */
bool text_contains_nocase(const char *text, const char *word);
/* The part of a '/'-separated path after its last '/' (the whole path when
 * it has none). Points into `path`. */
const char *text_basename(const char *path);
/* The 1-based line of byte `offset` in `text` (which must hold at least
 * `offset` bytes). */
int text_line_of(const char *text, size_t offset);
/* The first occurrence of the `needle_length` bytes of `needle` in the
 * `length` bytes at `text`, or NULL; memmem's contract (NUL bytes are
 * ordinary). Analyzers call it once per file on every file: it compares
 * the needle's two rarest bytes (by how common each byte is in source code,
 * text_byte_rank.h) 16 or 32 positions at a time and checks the whole
 * needle only where both agree, with no set-up cost beyond picking the two,
 * where glibc's memmem pays for a shift table on every call. */
const char *text_find(const char *text, size_t length, const char *needle, size_t needle_length);

#endif
