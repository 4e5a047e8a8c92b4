/*
 * inventory: decides which files an audit looks at.
 *
 * Inside a git work tree the list is the git index (tracked files) plus
 * untracked files git does not ignore, read with libgit2; elsewhere it is a
 * directory walk that honours .gitignore files at every level. Either way it
 * never follows a symlink out of the root, survives loops and unreadable
 * entries (counted and warned), and drops vendored trees, generated files and
 * files over the size limit, counting each kind.
 *
 * The inventory reads directory entries and metadata only; reading file
 * contents (binary sniffing, line counting) is done per file by the workers
 * through language.h and linecount.h. It must not know about analyzers.
 */
#ifndef PRODREADY_INVENTORY_INVENTORY_H
#define PRODREADY_INVENTORY_INVENTORY_H

#include <stdbool.h>
#include <stdint.h>

#include "model/model.h"
#include "util/strbuf.h"

#define INVENTORY_DEFAULT_MAX_FILE_SIZE (5u * 1024u * 1024u)
/* Warnings kept in struct inventory; the rest are summed up in one last
 * "... and N more warnings" entry so a pathological tree cannot exhaust memory. */
#define INVENTORY_MAX_WARNINGS 1000

struct inventory_entry {
    char *path;    /* relative to the audit root, '/'-separated (owned) */
    uint64_t size; /* bytes, from stat */
};

/* Told about each file as soon as the walk lists it, on the walking thread:
 * `path` is the string the inventory keeps (valid until inventory_release),
 * `too_large` says it went to the too_large list rather than the entries.
 * Lets a caller start reading files before the walk ends; the entries are
 * sorted when the walk is over, and none listed is ever dropped. */
typedef void (*inventory_file_fn)(void *user, const char *path, bool too_large);

struct inventory_options {
    uint64_t max_file_size;    /* 0 = INVENTORY_DEFAULT_MAX_FILE_SIZE */
    inventory_file_fn on_file; /* optional */
    void *on_file_user;
};

struct inventory {
    char *root;   /* absolute, symlink-free path of the audit root (owned) */
    char *commit; /* HEAD commit id in hex; NULL outside git or before the first commit (owned) */
    bool from_git;
    struct inventory_entry *entries; /* sorted by path (strcmp) */
    size_t count;
    struct skipped_counts skipped; /* binary is filled in later by the workers */
    char **warnings;               /* "path: reason" (owned) */
    size_t warning_count;
    /* Paths counted in skipped.too_large (owned): never read, but a secret
     * by name (a keystore, a Terraform state) is reported all the same. */
    char **too_large;
    size_t too_large_count;
};

/* Lists the files under `path`. Returns 0, or -1 when the audit cannot run
 * at all (path missing, not a directory, unreadable), with a one-line reason
 * that says what to do in `error`. */
int inventory_collect(const char *path, const struct inventory_options *options,
                      struct inventory *out, struct strbuf *error);
void inventory_release(struct inventory *inventory);

/* Path classification, exposed for tests. `path` is relative, '/'-separated. */
bool inventory_is_vendored(const char *path);
bool inventory_is_generated(const char *path);

#endif
