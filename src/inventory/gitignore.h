/*
 * gitignore: git's ignore rules (gitignore(5)) for paths relative to a root.
 *
 * One `struct gitignore` holds the patterns of one ignore file (a .gitignore,
 * .git/info/exclude or core.excludesFile) together with the directory it
 * applies to. A `struct gitignore_stack` is the set of ignore files in force
 * for one directory during a walk, lowest precedence first: the deepest file
 * that has a matching pattern decides, and inside one file the last matching
 * pattern wins — exactly git's order.
 *
 * The rule that a file inside an excluded directory cannot be re-included is
 * the caller's job: a walker simply does not descend into a directory that
 * gitignore_stack_is_ignored() reports as ignored.
 *
 * This module matches strings only: it must not touch the file system (the
 * caller reads ignore files) and it is case-sensitive like git on Linux
 * (core.ignoreCase is not supported).
 */
#ifndef PRODREADY_INVENTORY_GITIGNORE_H
#define PRODREADY_INVENTORY_GITIGNORE_H

#include <stdbool.h>
#include <stddef.h>

struct gitignore_pattern;

struct gitignore {
    char *base; /* directory the file applies to, relative, no trailing '/'; "" = root */
    size_t base_length;
    struct gitignore_pattern *patterns; /* in file order */
    size_t count;
};

enum gitignore_result {
    GITIGNORE_UNDECIDED, /* no pattern matched */
    GITIGNORE_EXCLUDED,  /* the last matching pattern ignores the path */
    GITIGNORE_INCLUDED,  /* the last matching pattern is a !negation */
};

/* Parses the text of one ignore file whose patterns apply to `base` (the
 * file's directory relative to the root, '/'-separated, "" for the root).
 * Handles blank lines, # comments, trailing spaces, \-escapes, CRLF and a
 * UTF-8 byte order mark. Never fails; returns an owned list. */
struct gitignore *gitignore_parse(const char *base, const char *text, size_t length);
void gitignore_free(struct gitignore *list);

/* Matches `path` (relative to the root, '/'-separated, no trailing '/', and
 * lying under list->base) against one file's patterns. */
enum gitignore_result gitignore_match(const struct gitignore *list, const char *path, bool is_dir);

struct gitignore_stack {
    const struct gitignore **lists; /* borrowed; lowest precedence first */
    size_t count;
    size_t capacity;
};

#define GITIGNORE_STACK_INIT                                                                       \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

void gitignore_stack_push(struct gitignore_stack *stack, const struct gitignore *list);
void gitignore_stack_pop(struct gitignore_stack *stack);
void gitignore_stack_release(struct gitignore_stack *stack);

/* True when the deepest list with a matching pattern excludes `path`. Parent
 * directories are not consulted (see the header comment). */
bool gitignore_stack_is_ignored(const struct gitignore_stack *stack, const char *path, bool is_dir);

/* git's wildmatch: '?', '*', '[...]' classes (ranges, '!'/'^' negation,
 * [:alpha:]-style classes), '\' escapes and, when `pathname` is true, '*'
 * and '?' that do not cross '/' plus '**' that does. Exposed for tests. */
bool gitignore_wildmatch(const char *pattern, const char *text, bool pathname);

#endif
