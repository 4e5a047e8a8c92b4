/*
 * lexer: finds the comments and string literals of a source file, so that
 * rules about code (`context: code`) can ignore text that only talks about
 * code — a call in a comment, a docstring or an unrelated string.
 *
 * One linear pass per file over raw bytes (invalid UTF-8 is fine), for
 * Python, JavaScript/TypeScript, Go, Java, Ruby, PHP and the Bourne-family
 * shells. It is a heuristic tokenizer, not a parser: it must never read out
 * of bounds, loop or recurse without bound on malformed or truncated input,
 * and it must not allocate anything but the span array. What each language's
 * lexer does not handle is listed in lexer.c.
 */
#ifndef PRODREADY_ANALYZERS_LEXER_H
#define PRODREADY_ANALYZERS_LEXER_H

#include <stdbool.h>
#include <stddef.h>

enum lexer_language {
    LEXER_NONE, /* no lexer: every byte counts as code */
    LEXER_PYTHON,
    LEXER_JAVASCRIPT, /* also TypeScript and JSX */
    LEXER_GO,
    LEXER_JAVA,
    LEXER_RUBY,
    LEXER_PHP,
    LEXER_SHELL,
};

enum lexer_span_kind {
    LEXER_COMMENT,
    LEXER_STRING, /* also regex literals, heredoc bodies, Ruby %w lists */
    LEXER_DOCSTRING,
    LEXER_TEXT, /* not code at all: PHP's text outside <?php … ?>, Ruby after __END__ */
};

/* A comment covers its markers (`#`, `//`, the slash-star pair); a string
 * covers only its contents: the quotes, prefixes and heredoc introducers
 * are code, so a rule may anchor on a literal's opening delimiter (a
 * backtick command). Interpolated code (`${…}`, `{…}` in f-strings, `#{…}`)
 * is code again, between two string spans. */
struct lexer_span {
    size_t start, end; /* byte offsets, end exclusive */
    enum lexer_span_kind kind;
};

struct lexer_spans {
    struct lexer_span *items; /* sorted by start, never overlapping */
    size_t count, capacity;
};

/* The lexer for an inventory language name (src/inventory/language.h:
 * "Python", "TypeScript", "Bourne Again Shell" …); LEXER_NONE for others
 * and for NULL. */
enum lexer_language lexer_language_for(const char *language_name);

/* Replaces `out`'s spans with those of `text`. A construct still open at
 * the end of the input (an unterminated string or comment) ends there. */
void lexer_lex(enum lexer_language language, const char *text, size_t length,
               struct lexer_spans *out);

/* The span holding byte `offset`, or NULL when that byte is code. */
const struct lexer_span *lexer_span_at(const struct lexer_spans *spans, size_t offset);

void lexer_spans_release(struct lexer_spans *spans);

const char *lexer_span_kind_name(enum lexer_span_kind kind);

#endif
