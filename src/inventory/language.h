/*
 * language: which programming or data language a file is written in, from
 * its name (Dockerfile, Makefile …), its extension, or its shebang line, and
 * how that language writes comments (used by linecount.c).
 *
 * Language names follow cloc's so that line counts can be compared with it.
 * Detection must stay cheap: it looks at the path and at most the first line.
 */
#ifndef PRODREADY_INVENTORY_LANGUAGE_H
#define PRODREADY_INVENTORY_LANGUAGE_H

#include <stdbool.h>
#include <stddef.h>

struct language {
    const char *name;          /* cloc's name, e.g. "Python", "C", "C/C++ Header" */
    const char *line_comment;  /* e.g. "#", "//"; NULL if none */
    const char *line_comment2; /* a second line-comment marker, or NULL */
    const char *block_open;    /* e.g. "/" "*"; NULL if none */
    const char *block_close;
    bool nested_blocks;     /* block comments nest (Rust, Swift, Haskell) */
    bool python_docstrings; /* triple-quoted strings are comments (as in cloc) */
    bool is_prose;          /* Markdown, text: every non-blank line is "code" to cloc */

    /* The fields below refine the scan in linecount.c. */
    const char *block_open2; /* a second block-comment pair, or NULL */
    const char *block_close2;
    /* Markers that make a whole-line comment only as the first non-blank text
     * of a line (cloc's "^\s*X"), matched case-insensitively; a marker ending
     * in a letter must be followed by a non-letter ("rem", "dnl").
     * NULL-terminated, or NULL. */
    const char *const *start_comments;
    /* Characters that open string literals, e.g. "\"'"; NULL = not tracked. */
    const char *quotes;
    unsigned flags; /* LANGUAGE_* below */
};

/* struct language.flags */
enum {
    /* "…" may span lines (Rust) */
    LANGUAGE_MULTILINE_STRINGS = 1u << 0,
    /* `…` spans lines (JavaScript template literals, Go raw strings) */
    LANGUAGE_BACKTICK_STRINGS = 1u << 1,
    /* a backslash does not escape inside `…` (Go) */
    LANGUAGE_RAW_BACKTICKS = 1u << 2,
    /* """…""" code strings span lines (Kotlin, Swift, Java, C#) */
    LANGUAGE_TRIPLE_STRINGS = 1u << 3,
    /* r#"…"# raw strings; 'a' is a char literal, 'a a lifetime */
    LANGUAGE_RUST_LITERALS = 1u << 4,
    /* C# @"…" spans lines, no backslash escapes, "" is a quote */
    LANGUAGE_VERBATIM_STRINGS = 1u << 5,
    /* =pod … =cut blocks; everything after __END__ or __DATA__ */
    LANGUAGE_PERL_POD = 1u << 6,
    /* =begin … =end blocks */
    LANGUAGE_RUBY_BEGIN_END = 1u << 7,
    /* c, C, * or ! in column 1 starts a comment line */
    LANGUAGE_FORTRAN_FIXED = 1u << 8,
    /* {-# … #-} is code, not a block comment */
    LANGUAGE_HASKELL_PRAGMAS = 1u << 9,
    /* @doc, @moduledoc and @typedoc heredocs are comments */
    LANGUAGE_ELIXIR_DOCS = 1u << 10,
    /* [//]: # (…) link-reference comments */
    LANGUAGE_MARKDOWN = 1u << 11,
    /* ".." explicit-markup blocks are comments (cloc's rule) */
    LANGUAGE_RST = 1u << 12,
    /* only the source lines of code cells are code (cloc's rule) */
    LANGUAGE_JUPYTER = 1u << 13,
    /* #include, #define … lines are code, not "#" comments (.S assembly) */
    LANGUAGE_CPP_DIRECTIVES = 1u << 14,
    /* a blank line after a line ending in a backslash is code */
    LANGUAGE_CONTINUATION = 1u << 15,
    /* the line comment marker followed by [[, [=[, [==[ … opens a block comment
     * that ends at ]], ]=], ]==] … (Lua --[[ ]], CMake #[[ ]]) */
    LANGUAGE_LONG_BRACKETS = 1u << 16,
    /* {$…} is a compiler directive, code (Pascal) */
    LANGUAGE_PASCAL_DIRECTIVES = 1u << 17,
};

/* Returns the language of a file, or NULL when unknown. `first_line` may be
 * NULL; it is used for the shebang when name and extension say nothing. */
const struct language *language_detect(const char *path, const char *first_line,
                                       size_t first_line_length);
const struct language *language_find(const char *name);
/* Whether `language` (may be NULL) is a POSIX-family shell: sh, bash, zsh,
 * ksh — the scripts CI jobs call instead of naming the tools. */
bool language_is_shell(const struct language *language);
/* All known languages, for `--help`-style listings and tests. */
const struct language *language_table(size_t *count);

#endif
