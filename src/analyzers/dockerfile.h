/*
 * dockerfile: a parser for Dockerfiles (and Containerfiles) as BuildKit reads
 * them — parser directives at the top (`# escape=` switches the line
 * continuation character), comments, line continuations (with comment and
 * blank lines inside them dropped), flags (`--from=`, `--mount=` …), JSON
 * (exec) form vs shell form, heredocs (`RUN <<EOF`), multi-stage builds with
 * named stages, and `$VAR`/`${VAR}` expansion from ARG and ENV — plus a
 * small shell tokenizer for RUN scripts. Every instruction, word and heredoc
 * line keeps the physical line it came from, so findings land on the exact
 * line.
 *
 * The parser never fails: what BuildKit would reject is recorded as an error
 * with its line and parsing goes on. It allocates only from the arena it is
 * given and must not judge anything: the rules live in dockerfile.c.
 */
#ifndef PRODREADY_ANALYZERS_DOCKERFILE_H
#define PRODREADY_ANALYZERS_DOCKERFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"

/* A word of an instruction or of a shell command, quotes removed. */
struct dockerfile_word {
    const char *text;
    int line;
};

struct dockerfile_heredoc {
    const char *delimiter;
    const char *body;      /* the lines between the marker and the delimiter, '\n'-joined */
    const int *body_lines; /* physical line of each byte of body */
    size_t body_length;
    int line;   /* line of the first body line */
    bool shell; /* a RUN heredoc that is the script itself (RUN <<EOF, RUN bash <<EOF) */
};

struct dockerfile_instruction {
    const char *keyword; /* upper case */
    int line;            /* line of the keyword */
    int end_line;        /* last physical line (continuations and heredocs included) */
    int stage;           /* index into stages; -1 before the first FROM */
    /* The arguments after the keyword, continuations joined as BuildKit joins
     * them (the escape character and the newline removed), with the line of
     * every byte. */
    const char *text;
    const int *text_lines;
    size_t text_length;
    struct dockerfile_word *flags; /* leading "--name[=value]" words */
    size_t flag_count;
    size_t rest; /* offset in text after the flags and blanks */
    bool exec_form;
    struct dockerfile_word *exec; /* the JSON array's strings when exec_form */
    size_t exec_count;
    struct dockerfile_heredoc *heredocs;
    size_t heredoc_count;
};

struct dockerfile_stage {
    int line;              /* the FROM line */
    size_t instruction;    /* index of the FROM instruction */
    size_t end;            /* one past its last instruction */
    const char *image;     /* after ARG expansion */
    bool image_unresolved; /* a variable without a value was expanded */
    const char *name;      /* the AS name, or NULL */
    const char *platform;  /* --platform value, or NULL */
    int base_stage;        /* index of the earlier stage it builds on, or -1 */
};

struct dockerfile_error {
    int line;
    const char *message;
};

struct dockerfile {
    char escape; /* '\\' or '`' */
    struct dockerfile_instruction *instructions;
    size_t instruction_count;
    struct dockerfile_stage *stages;
    size_t stage_count;
    struct dockerfile_error *errors;
    size_t error_count;
    /* ARGs declared before the first FROM (name=value, value NULL without default). */
    struct dockerfile_vars *global_args;
};

/* Variables for expansion, latest definition wins. */
struct dockerfile_var {
    const char *name;
    const char *value; /* NULL: declared without a value */
};
struct dockerfile_vars {
    struct dockerfile_var *items;
    size_t count, capacity;
};

/* Parses `length` bytes (any bytes; NUL included) into `out`. */
void dockerfile_parse(struct arena *arena, const char *content, size_t length,
                      struct dockerfile *out);

/* Value of flag `name` ("from", "mount" …): the text after '=', "" for a
 * flag without one, NULL when absent. */
const char *dockerfile_flag(const struct dockerfile_instruction *instruction, const char *name);

void dockerfile_vars_set(struct arena *arena, struct dockerfile_vars *vars, const char *name,
                         const char *value);
const struct dockerfile_var *dockerfile_vars_get(const struct dockerfile_vars *vars,
                                                 const char *name);
/* Expands $NAME, ${NAME}, ${NAME:-word} and ${NAME:+word}; `escape` before
 * '$' keeps it literal. A name without a value expands to nothing and sets
 * *unresolved (when non-NULL). */
char *dockerfile_expand(struct arena *arena, const struct dockerfile_vars *vars, const char *text,
                        char escape, bool *unresolved);

/* Splits text into words at blanks, removing quotes (for ENV, ARG, EXPOSE,
 * USER …). Returns the count; *words is arena memory. */
size_t dockerfile_split_words(struct arena *arena, const char *text, const int *lines,
                              size_t length, struct dockerfile_word **words);

/* One simple command of a shell script: its words, and whether its output is
 * piped into the next command. */
struct dockerfile_command {
    struct dockerfile_word *words;
    size_t word_count;
    bool pipe_next;
};

/* Splits a shell script (a RUN's text or a heredoc body) into simple
 * commands at newlines, ';', '&', '&&', '||', '|', '(' and ')', honouring
 * quotes, escapes, `$(…)` and comments. */
size_t dockerfile_shell_commands(struct arena *arena, const char *text, const int *lines,
                                 size_t length, struct dockerfile_command **commands);

#endif
