/*
 * inventory: the list of files an audit looks at (see inventory.h).
 *
 * How the list is made
 *   Inside a git work tree the list is every tracked file under the audit
 *   root (the git index, read with libgit2) plus every untracked file git
 *   would not ignore. Untracked files are found by one directory walk that
 *   applies git's ignore rules itself (gitignore.c: core.excludesFile,
 *   .git/info/exclude, every .gitignore from the work tree's top down). We
 *   deliberately do not ask libgit2 for the status: git_status compares each
 *   tracked file with the index, and when the index's stat data is stale (a
 *   copied or freshly extracted checkout, a CI cache) it re-hashes every file
 *   — 7-8 s on the Linux kernel instead of 0.3 s — to answer a question the
 *   audit never asks. Outside git the same walk runs with only .gitignore
 *   files. If libgit2 cannot read the repository (a corrupt index, say) a
 *   warning says so and the walk lists the files. A repository owned by
 *   another user is read anyway (see open_repository).
 *
 * Policies (documented here because reports depend on them)
 *   - Tracked files deleted from the work tree (or hidden by a sparse
 *     checkout) are skipped silently: the audit is of the tree as it is.
 *   - Submodules (gitlinks) and nested repositories are not part of the
 *     project: skipped silently, never walked.
 *   - Symlinks are never followed into directories (no loops, no escapes).
 *     A link to a file is listed under its own path only when its real
 *     target lies inside the audit root. Links that leave the root, dangle,
 *     or loop (including a directory link to itself or an ancestor) are
 *     counted in skipped.symlink with a warning; a link to another directory
 *     inside the root is skipped silently, its files are listed under their
 *     real paths. Git mode applies the same rules to the work-tree link.
 *   - Vendored trees count FILES: in the walk a cheap count of the files
 *     below the vendored directory (readdir only, its own .gitignore files
 *     not applied); in git mode the tracked files below it. Ignored
 *     directories are never counted — they are not part of the project.
 *   - Generated files are recognised by name only (minified bundles, source
 *     maps, protobuf/gRPC output); dist/ and build/ are not skipped as such
 *     because some projects keep sources there — .gitignore usually covers
 *     them. Lock files are kept.
 *   - Checks are ordered ignored, vendored, generated, symlink, unreadable,
 *     too large; a file is counted under the first that applies, and
 *     vendored/generated files are never even stat'ed.
 *   - Warnings are capped at INVENTORY_MAX_WARNINGS, then one "... and N
 *     more" line; the walk visits names in sorted order so the kept set is
 *     the same on every run.
 *
 * It reads directory entries and metadata only, never file contents; it
 * must not print, exit or know about analyzers.
 */
#include "inventory/inventory.h"
#include "util/text.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "inventory/gitignore.h"
#include "util/xalloc.h"

/* Deeper trees are pathological; the cap bounds open descriptors (one per
 * level) and recursion depth. */
#define INVENTORY_MAX_DEPTH 256
/* A .gitignore larger than this is not a real ignore file; git has no limit
 * but reading gigabytes into memory to find out would be worse. */
#define INVENTORY_MAX_IGNORE_FILE (8u * 1024u * 1024u)

struct tracked {
    char *path; /* relative to the audit root */
    bool gitlink;
    bool seen; /* met during the walk, so already handled */
};

struct collector {
    struct inventory *out;
    size_t entry_capacity;
    size_t warning_capacity;
    size_t too_large_capacity;
    uint64_t warnings_dropped;
    uint64_t max_file_size;
    inventory_file_fn on_file; /* NULL: nobody listens */
    void *on_file_user;

    int root_fd;
    size_t root_length; /* of out->root */

    /* Path of the entry being looked at, relative to the directory the
     * ignore rules are based on: the work tree's top in git mode, the audit
     * root otherwise. The audit-root-relative path starts at prefix_length. */
    struct strbuf path;
    size_t prefix_length;
    struct gitignore_stack ignores;

    bool git; /* tracked files come from the index; ignore rules spare them */
    struct tracked *tracked;
    size_t tracked_count;

    uid_t euid;
    gid_t *groups;
    size_t group_count;
};

/* ---- path classification ---- */

static const char *const vendored_directories[] = {
    "node_modules", "vendor",        "third_party",   "third-party", "bower_components",
    ".venv",        "venv",          "site-packages", "__pycache__", ".tox",
    ".eggs",        "jspm_packages", "Pods",          "Carthage",    ".bundle",
    ".terraform",   ".git",
};

/* Name endings of files written by tools, not people. Plain "*.map" is not
 * here: the kernel keeps keymaps and linker version scripts under that name. */
static const char *const generated_suffixes[] = {
    ".min.js",  ".min.mjs",      ".min.cjs",     ".min.css",     "-min.js",
    "-min.css", ".bundle.js",    ".chunk.js",    ".chunk.css",   ".js.map",
    ".mjs.map", ".cjs.map",      ".css.map",     ".d.ts.map",    "_pb2.py",
    "_pb2.pyi", "_pb2_grpc.py",  ".pb.go",       ".pb.gw.go",    ".pb.cc",
    ".pb.h",    "_pb.js",        "_pb.d.ts",     ".pb.swift",    ".grpc.swift",
    ".pb.dart", ".pbenum.dart",  ".pbgrpc.dart", ".pbjson.dart", ".pbserver.dart",
    ".g.dart",  ".freezed.dart", ".pb.rs",
};

static bool is_vendored_name(const char *name, size_t length)
{
    for (size_t i = 0; i < sizeof vendored_directories / sizeof vendored_directories[0]; i++) {
        if (strncmp(vendored_directories[i], name, length) == 0 &&
            vendored_directories[i][length] == '\0')
            return true;
    }
    return false;
}

/* `path` names a file: only its directory components are looked at, so a
 * file that happens to be called "vendor" is not vendored. */
bool inventory_is_vendored(const char *path)
{
    const char *component = path;
    for (const char *slash; (slash = strchr(component, '/')) != NULL; component = slash + 1) {
        if (is_vendored_name(component, (size_t)(slash - component)))
            return true;
    }
    return false;
}

bool inventory_is_generated(const char *path)
{
    const char *name = text_basename(path);
    size_t length = strlen(name);
    for (size_t i = 0; i < sizeof generated_suffixes / sizeof generated_suffixes[0]; i++) {
        size_t suffix = strlen(generated_suffixes[i]);
        /* The suffix alone (".min.js") is a hidden file, not a bundle. */
        if (length > suffix && memcmp(name + length - suffix, generated_suffixes[i], suffix) == 0)
            return true;
    }
    /* Kubernetes code generators: zz_generated.deepcopy.go and friends. */
    return strncmp(name, "zz_generated.", 13) == 0;
}

/* ---- results ---- */

static void warn(struct collector *c, const char *path, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static void warn(struct collector *c, const char *path, const char *format, ...)
{
    struct inventory *out = c->out;
    if (out->warning_count >= INVENTORY_MAX_WARNINGS) {
        c->warnings_dropped++;
        return;
    }
    struct strbuf text = STRBUF_INIT;
    strbuf_printf(&text, "%s: ", *path ? path : ".");
    va_list args;
    va_start(args, format);
    strbuf_vprintf(&text, format, args);
    va_end(args);
    out->warnings =
        xgrow(out->warnings, &c->warning_capacity, out->warning_count + 1, sizeof *out->warnings);
    out->warnings[out->warning_count++] = strbuf_detach(&text, NULL);
}

static void add_entry(struct collector *c, const char *path, uint64_t size)
{
    struct inventory *out = c->out;
    out->entries = xgrow(out->entries, &c->entry_capacity, out->count + 1, sizeof *out->entries);
    out->entries[out->count].path = xstrdup(path);
    out->entries[out->count].size = size;
    out->count++;
    if (c->on_file)
        c->on_file(c->on_file_user, out->entries[out->count - 1].path, false);
}

/* ---- file checks ---- */

/* Permission bits say whether we may read; they are exact for everyone but
 * files with ACLs, so a "no" is confirmed with faccessat (one syscall, only
 * on the rare unreadable file) while a "yes" costs nothing. */
static bool mode_allows_read(const struct collector *c, const struct stat *st)
{
    if (c->euid == 0)
        return true;
    if (st->st_uid == c->euid)
        return (st->st_mode & S_IRUSR) != 0;
    for (size_t i = 0; i < c->group_count; i++) {
        if (c->groups[i] == st->st_gid)
            return (st->st_mode & S_IRGRP) != 0;
    }
    return (st->st_mode & S_IROTH) != 0;
}

/* Real path of `relative` (under the audit root) into `resolved`, or false
 * with errno set. */
static bool resolve(const struct collector *c, const char *relative, char resolved[PATH_MAX])
{
    struct strbuf full = STRBUF_INIT;
    strbuf_printf(&full, "%s/%s", c->out->root, relative);
    bool ok = realpath(full.data, resolved) != NULL;
    int saved = errno;
    strbuf_release(&full);
    errno = saved;
    return ok;
}

/* True when `real` is the audit root or lies below it. */
static bool inside_root(const struct collector *c, const char *real)
{
    const char *root = c->out->root;
    if (strncmp(real, root, c->root_length) != 0)
        return false;
    /* A root of "/" already ends in a slash. */
    return real[c->root_length] == '\0' || real[c->root_length] == '/' ||
           (c->root_length > 0 && root[c->root_length - 1] == '/');
}

/* Applies the symlink policy to the link `name` in `dir_fd` (audit-relative
 * path `relative`). Returns true with the target's metadata in *target when
 * the link is a file inside the root and should be listed. */
static bool follow_link(struct collector *c, int dir_fd, const char *name, const char *relative,
                        struct stat *target)
{
    if (fstatat(dir_fd, name, target, 0) != 0) {
        int error = errno;
        if (error == ELOOP) {
            warn(c, relative, "symlink loop, not followed");
            c->out->skipped.symlink++;
        } else if (error == ENOENT || error == ENOTDIR) {
            warn(c, relative, "dangling symlink (target does not exist), not followed");
            c->out->skipped.symlink++;
        } else {
            warn(c, relative, "cannot follow symlink (%s)", strerror(error));
            c->out->skipped.unreadable++;
        }
        return false;
    }
    char real[PATH_MAX];
    if (!resolve(c, relative, real)) {
        int error = errno;
        if (error == ELOOP) {
            warn(c, relative, "symlink loop, not followed");
            c->out->skipped.symlink++;
        } else {
            warn(c, relative, "cannot resolve symlink (%s)", strerror(error));
            c->out->skipped.unreadable++;
        }
        return false;
    }
    if (!inside_root(c, real)) {
        warn(c, relative, "symlink points outside the audited root, not followed");
        c->out->skipped.symlink++;
        return false;
    }
    if (S_ISDIR(target->st_mode)) {
        /* A link to the directory holding it, or to an ancestor, would make
         * a follower loop forever: name it. Other directory links inside
         * the root are harmless and their files are listed anyway. */
        const char *tail = real + c->root_length;
        while (*tail == '/')
            tail++;
        size_t tail_length = strlen(tail);
        const char *slash = strrchr(relative, '/');
        size_t parent_length = slash ? (size_t)(slash - relative) : 0;
        bool ancestor = tail_length == 0 ||
                        (tail_length <= parent_length && memcmp(relative, tail, tail_length) == 0 &&
                         (tail_length == parent_length || relative[tail_length] == '/'));
        if (ancestor) {
            warn(c, relative, "symlink loop (points to a directory containing it), not followed");
            c->out->skipped.symlink++;
        }
        return false;
    }
    return true;
}

/* Decides about one file-like entry `name` of `dir_fd`; `relative` is its
 * audit-relative path. `known`, when not NULL, is its lstat data. The walk
 * never enters vendored directories, so only paths taken from the index
 * need `check_vendored`. */
static void consider_file(struct collector *c, int dir_fd, const char *name, const char *relative,
                          const struct stat *known, bool check_vendored)
{
    if (check_vendored && inventory_is_vendored(relative)) {
        c->out->skipped.vendored++;
        return;
    }
    if (inventory_is_generated(relative)) {
        c->out->skipped.generated++;
        return;
    }
    struct stat st;
    if (known) {
        st = *known;
    } else if (fstatat(dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
        int error = errno;
        /* Gone since it was listed (or deleted from a git work tree). */
        if (error == ENOENT || error == ENOTDIR)
            return;
        warn(c, relative, "cannot read (%s)", strerror(error));
        c->out->skipped.unreadable++;
        return;
    }
    if (S_ISLNK(st.st_mode)) {
        if (!follow_link(c, dir_fd, name, relative, &st))
            return;
    }
    if (!S_ISREG(st.st_mode))
        return; /* fifos, sockets, devices: nothing to read */
    if (!mode_allows_read(c, &st) && faccessat(dir_fd, name, R_OK, AT_EACCESS) != 0) {
        warn(c, relative, "cannot read (%s)", strerror(errno));
        c->out->skipped.unreadable++;
        return;
    }
    if ((uint64_t)st.st_size > c->max_file_size) {
        c->out->skipped.too_large++;
        c->out->too_large = xgrow(c->out->too_large, &c->too_large_capacity,
                                  c->out->too_large_count + 1, sizeof(*c->out->too_large));
        c->out->too_large[c->out->too_large_count++] = xstrdup(relative);
        if (c->on_file)
            c->on_file(c->on_file_user, c->out->too_large[c->out->too_large_count - 1], true);
        return;
    }
    add_entry(c, relative, (uint64_t)st.st_size);
}

/* ---- ignore files ---- */

/* Reads an ignore file into a list based at `base`; NULL when it does not
 * exist or cannot be read (its own entry reports unreadability). */
static struct gitignore *load_ignore_file(int dir_fd, const char *name, const char *base)
{
    /* git does not follow a symlinked .gitignore either. */
    int fd = openat(dir_fd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return NULL;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
        (uint64_t)st.st_size > INVENTORY_MAX_IGNORE_FILE) {
        close(fd);
        return NULL;
    }
    size_t capacity = (size_t)st.st_size + 1;
    char *text = xmalloc(capacity);
    size_t length = 0;
    for (;;) {
        if (length == capacity) {
            if (capacity > INVENTORY_MAX_IGNORE_FILE)
                break; /* grew while we read it: keep what we have */
            capacity *= 2;
            text = xrealloc(text, capacity);
        }
        ssize_t got = read(fd, text + length, capacity - length);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        length += (size_t)got;
    }
    close(fd);
    struct gitignore *list = gitignore_parse(base, text, length);
    free(text);
    return list;
}

static bool is_ignored(const struct collector *c, bool is_dir)
{
    return c->ignores.count > 0 && gitignore_stack_is_ignored(&c->ignores, c->path.data, is_dir);
}

/* ---- the walk ---- */

struct dir_entry {
    /* An offset into the names buffer while it grows, then a pointer. */
    union {
        size_t offset;
        const char *text;
    } name;
    unsigned char type;
};

static int compare_dir_entries(const void *a, const void *b)
{
    return strcmp(((const struct dir_entry *)a)->name.text,
                  ((const struct dir_entry *)b)->name.text);
}

static int compare_tracked(const void *a, const void *b)
{
    return strcmp(((const struct tracked *)a)->path, ((const struct tracked *)b)->path);
}

static struct tracked *find_tracked(const struct collector *c, const char *relative)
{
    if (c->tracked_count == 0)
        return NULL;
    struct tracked key = {.path = (char *)relative};
    return bsearch(&key, c->tracked, c->tracked_count, sizeof key, compare_tracked);
}

/* Files (not directories) below a vendored directory, without following
 * links or reading ignore files: a cheap, stable number for the report. */
static uint64_t count_files(int parent_fd, const char *name, int depth)
{
    if (depth > INVENTORY_MAX_DEPTH)
        return 0;
    int fd = openat(parent_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return 0;
    DIR *dir = fdopendir(fd);
    if (!dir) {
        close(fd);
        return 0;
    }
    uint64_t count = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        const char *child = entry->d_name;
        if (child[0] == '.' && (child[1] == '\0' || (child[1] == '.' && child[2] == '\0')))
            continue;
        unsigned char type = entry->d_type;
        if (type == DT_UNKNOWN) {
            struct stat st;
            if (fstatat(dirfd(dir), child, &st, AT_SYMLINK_NOFOLLOW) != 0)
                continue;
            type = S_ISDIR(st.st_mode)   ? DT_DIR
                   : S_ISREG(st.st_mode) ? DT_REG
                   : S_ISLNK(st.st_mode) ? DT_LNK
                                         : DT_UNKNOWN;
        }
        if (type == DT_DIR)
            count += count_files(dirfd(dir), child, depth + 1);
        else if (type == DT_REG || type == DT_LNK)
            count++;
    }
    closedir(dir);
    return count;
}

static void walk_directory(struct collector *c, DIR *dir, int depth);

static void enter_directory(struct collector *c, int parent_fd, const char *name,
                            const char *relative, int depth)
{
    if (depth >= INVENTORY_MAX_DEPTH) {
        warn(c, relative, "directories nested deeper than %d levels, not descended",
             INVENTORY_MAX_DEPTH);
        c->out->skipped.unreadable++;
        return;
    }
    int fd = openat(parent_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
    if (!dir) {
        int error = errno;
        if (fd >= 0)
            close(fd);
        if (error == ENOENT)
            return; /* removed while we walked */
        warn(c, relative, "cannot open directory (%s)", strerror(error));
        c->out->skipped.unreadable++;
        return;
    }
    walk_directory(c, dir, depth + 1);
    closedir(dir);
}

static void visit(struct collector *c, DIR *dir, const char *name, unsigned char type, int depth)
{
    int dir_fd = dirfd(dir);
    const char *relative = c->path.data + c->prefix_length;
    struct stat st;
    bool have_stat = false;
    if (type == DT_UNKNOWN) {
        /* Some file systems do not fill d_type. */
        if (fstatat(dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
            if (errno != ENOENT) {
                warn(c, relative, "cannot read (%s)", strerror(errno));
                c->out->skipped.unreadable++;
            }
            return;
        }
        have_stat = true;
        type = S_ISDIR(st.st_mode)   ? DT_DIR
               : S_ISREG(st.st_mode) ? DT_REG
               : S_ISLNK(st.st_mode) ? DT_LNK
                                     : DT_UNKNOWN;
    }

    if (type == DT_DIR) {
        if (is_ignored(c, true))
            return;
        if (is_vendored_name(name, strlen(name))) {
            /* In git mode the tracked files below are counted from the index. */
            if (!c->git)
                c->out->skipped.vendored += count_files(dir_fd, name, depth + 1);
            return;
        }
        if (c->git) {
            struct tracked *gitlink = find_tracked(c, relative);
            if (gitlink && gitlink->gitlink)
                return; /* a submodule */
        }
        enter_directory(c, dir_fd, name, relative, depth);
        return;
    }
    if (type != DT_REG && type != DT_LNK)
        return;
    if (c->git) {
        struct tracked *file = find_tracked(c, relative);
        if (file) {
            /* Tracked files are listed even when an ignore rule matches. */
            file->seen = true;
            if (!file->gitlink)
                consider_file(c, dir_fd, name, relative, have_stat ? &st : NULL, false);
            return;
        }
    }
    if (is_ignored(c, false))
        return;
    consider_file(c, dir_fd, name, relative, have_stat ? &st : NULL, false);
}

static void walk_directory(struct collector *c, DIR *dir, int depth)
{
    struct strbuf names = STRBUF_INIT;
    struct dir_entry *entries = NULL;
    size_t count = 0, capacity = 0;
    bool has_ignore_file = false;
    bool has_git = false;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        const char *name = entry->d_name;
        if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0')))
            continue;
        if (strcmp(name, ".git") == 0) {
            /* Never audited; its presence below the top marks a nested
             * repository or a submodule checkout. */
            has_git = true;
            continue;
        }
        /* prodready's own state (the history database) is never audited. */
        if (depth == 0 && strcmp(name, ".prodready") == 0)
            continue;
        if (strcmp(name, ".gitignore") == 0)
            has_ignore_file = true;
        entries = xgrow(entries, &capacity, count + 1, sizeof *entries);
        entries[count].name.offset = names.length;
        entries[count].type = entry->d_type;
        count++;
        strbuf_append(&names, name, strlen(name) + 1);
    }
    if (has_git && depth > 0 && c->git) {
        /* git treats a nested repository as one opaque entry. */
        free(entries);
        strbuf_release(&names);
        return;
    }
    /* Sorted visits make the warnings (and which of them survive the cap)
     * identical from run to run, whatever order the file system uses. */
    for (size_t i = 0; i < count; i++)
        entries[i].name.text = names.data + entries[i].name.offset;
    if (count > 1)
        qsort(entries, count, sizeof *entries, compare_dir_entries);

    struct gitignore *ignore = NULL;
    if (has_ignore_file) {
        ignore = load_ignore_file(dirfd(dir), ".gitignore", c->path.data);
        if (ignore)
            gitignore_stack_push(&c->ignores, ignore);
    }

    size_t saved = c->path.length;
    for (size_t i = 0; i < count; i++) {
        const char *name = entries[i].name.text;
        if (saved > 0)
            strbuf_append_char(&c->path, '/');
        strbuf_append_str(&c->path, name);
        visit(c, dir, name, entries[i].type, depth);
        c->path.length = saved;
        c->path.data[saved] = '\0';
    }

    if (ignore) {
        gitignore_stack_pop(&c->ignores);
        gitignore_free(ignore);
    }
    free(entries);
    strbuf_release(&names);
}

/* ---- git ---- */

enum git_outcome { GIT_NOT_A_REPOSITORY, GIT_READY, GIT_FALLBACK };

static void free_lists(struct gitignore **lists, size_t count)
{
    for (size_t i = 0; i < count; i++)
        gitignore_free(lists[i]);
    free(lists);
}

/* core.excludesFile, or git's default location for it. */
static struct gitignore *load_excludes_file(git_repository *repo)
{
    struct strbuf path = STRBUF_INIT;
    git_config *config = NULL;
    if (git_repository_config_snapshot(&config, repo) == 0) {
        git_buf value = {0};
        if (git_config_get_path(&value, config, "core.excludesFile") == 0)
            strbuf_append_str(&path, value.ptr);
        git_buf_dispose(&value);
        git_config_free(config);
    }
    if (path.length == 0) {
        const char *xdg = getenv("XDG_CONFIG_HOME");
        const char *home = getenv("HOME");
        if (xdg && *xdg)
            strbuf_printf(&path, "%s/git/ignore", xdg);
        else if (home && *home)
            strbuf_printf(&path, "%s/.config/git/ignore", home);
    }
    struct gitignore *list = path.length ? load_ignore_file(AT_FDCWD, path.data, "") : NULL;
    strbuf_release(&path);
    return list;
}

static void warn_git(struct collector *c, const char *what)
{
    const git_error *error = git_error_last();
    warn(c, "", "git: %s (%s); listing files by walking the directory instead", what,
         error && error->message ? error->message : "unknown error");
}

/* Reads the tracked files under the audit root; false on a libgit2 error. */
static bool read_index(struct collector *c, git_repository *repo, const char *prefix,
                       size_t prefix_length)
{
    git_index *index = NULL;
    if (git_repository_index(&index, repo) != 0)
        return false;
    size_t total = git_index_entrycount(index);
    size_t capacity = 0;
    for (size_t i = 0; i < total; i++) {
        const git_index_entry *entry = git_index_get_byindex(index, i);
        if (!entry || strncmp(entry->path, prefix, prefix_length) != 0)
            continue;
        const char *relative = entry->path + prefix_length;
        if (*relative == '\0')
            continue;
        c->tracked = xgrow(c->tracked, &capacity, c->tracked_count + 1, sizeof *c->tracked);
        struct tracked *tracked = &c->tracked[c->tracked_count++];
        tracked->path = xstrdup(relative);
        tracked->gitlink = entry->mode == GIT_FILEMODE_COMMIT;
        tracked->seen = false;
    }
    git_index_free(index);
    /* The index is sorted, but sort anyway (cheap) so bsearch never depends
     * on libgit2's case-folding settings; then drop the extra stages of
     * conflicted paths. */
    if (c->tracked_count > 1)
        qsort(c->tracked, c->tracked_count, sizeof *c->tracked, compare_tracked);
    size_t kept = 0;
    for (size_t i = 0; i < c->tracked_count; i++) {
        if (kept > 0 && strcmp(c->tracked[kept - 1].path, c->tracked[i].path) == 0) {
            free(c->tracked[i].path);
            continue;
        }
        c->tracked[kept++] = c->tracked[i];
    }
    c->tracked_count = kept;
    return true;
}

/*
 * Opens the repository holding `root`, even one owned by another user.
 * git's safe.directory check guards against running programs that a
 * stranger's configuration names (hooks, fsmonitor); this module only reads
 * the index, HEAD and ignore files, and auditing a checkout owned by someone
 * else — a CI container running as root on a mounted volume — is the common
 * case. libgit2 1.5 reports the ownership failure as "not found", so retry
 * without the check and restore it at once (the inventory runs before any
 * worker thread exists, so flipping the process-wide option is safe).
 */
static int open_repository(git_repository **repo, const char *root)
{
    int status = git_repository_open_ext(repo, root, 0, NULL);
    if (status != GIT_ENOTFOUND && status != GIT_EOWNER)
        return status;
    int validate = 0;
    if (git_libgit2_opts(GIT_OPT_GET_OWNER_VALIDATION, &validate) != 0 || !validate)
        return status;
    git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
    int retry = git_repository_open_ext(repo, root, 0, NULL);
    git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 1);
    return retry == 0 ? 0 : status;
}

/*
 * Sets up git mode: the tracked files, HEAD, and the ignore rules in force at
 * the audit root (global and repository excludes, then every .gitignore from
 * the top of the work tree down to the root's parent). `*ancestor_ignored`
 * tells whether the audit root lies in an ignored directory, in which case
 * no untracked file can count. Lists pushed on the stack are returned in
 * *lists for the caller to free.
 */
static enum git_outcome setup_git(struct collector *c, struct gitignore ***lists,
                                  size_t *list_count, bool *ancestor_ignored)
{
    struct inventory *out = c->out;
    git_repository *repo = NULL;
    int status = open_repository(&repo, out->root);
    if (status == GIT_ENOTFOUND)
        return GIT_NOT_A_REPOSITORY;
    if (status != 0) {
        warn_git(c, "cannot open the repository");
        return GIT_FALLBACK;
    }
    enum git_outcome outcome = GIT_NOT_A_REPOSITORY;
    const char *workdir = git_repository_workdir(repo);
    char real_workdir[PATH_MAX];
    if (!workdir || !realpath(workdir, real_workdir))
        goto done; /* bare: nothing checked out to list */
    size_t workdir_length = strlen(real_workdir);
    if (strncmp(out->root, real_workdir, workdir_length) != 0 ||
        (out->root[workdir_length] != '\0' && out->root[workdir_length] != '/' &&
         strcmp(real_workdir, "/") != 0))
        goto done; /* the root is not in the work tree */
    const char *prefix = out->root + workdir_length;
    while (*prefix == '/')
        prefix++;
    /* Auditing the inside of .git is auditing files, not the project. */
    for (const char *p = prefix; *p;) {
        const char *slash = strchr(p, '/');
        size_t length = slash ? (size_t)(slash - p) : strlen(p);
        if (length == 4 && memcmp(p, ".git", 4) == 0)
            goto done;
        p += length + (slash ? 1 : 0);
    }

    git_oid head;
    if (git_reference_name_to_id(&head, repo, "HEAD") == 0) {
        char hex[GIT_OID_HEXSZ + 1];
        git_oid_tostr(hex, sizeof hex, &head);
        out->commit = xstrdup(hex);
    }

    struct strbuf with_slash = STRBUF_INIT;
    if (*prefix)
        strbuf_printf(&with_slash, "%s/", prefix);
    if (!read_index(c, repo, with_slash.data, with_slash.length)) {
        warn_git(c, "cannot read the index");
        strbuf_release(&with_slash);
        outcome = GIT_FALLBACK;
        goto done;
    }
    strbuf_release(&with_slash);

    /* Ignore rules, lowest precedence first. */
    size_t capacity = 0;
    struct gitignore *list = load_excludes_file(repo);
    struct strbuf exclude = STRBUF_INIT;
    strbuf_printf(&exclude, "%sinfo/exclude", git_repository_commondir(repo));
    struct gitignore *info = load_ignore_file(AT_FDCWD, exclude.data, "");
    strbuf_release(&exclude);
    struct gitignore *global[2] = {list, info};
    for (size_t i = 0; i < 2; i++) {
        if (!global[i])
            continue;
        *lists = xgrow(*lists, &capacity, *list_count + 1, sizeof **lists);
        (*lists)[(*list_count)++] = global[i];
        gitignore_stack_push(&c->ignores, global[i]);
    }
    /* .gitignore of the top and of each directory above the audit root (the
     * root's own is loaded by the walk); each of those directories must
     * itself not be ignored. */
    struct strbuf dir = STRBUF_INIT;
    struct strbuf base = STRBUF_INIT;
    strbuf_append_str(&dir, real_workdir);
    for (const char *component = prefix; *component != '\0';) {
        int fd = open(dir.data, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd >= 0) {
            struct gitignore *level = load_ignore_file(fd, ".gitignore", base.data);
            close(fd);
            if (level) {
                *lists = xgrow(*lists, &capacity, *list_count + 1, sizeof **lists);
                (*lists)[(*list_count)++] = level;
                gitignore_stack_push(&c->ignores, level);
            }
        }
        const char *slash = strchr(component, '/');
        size_t length = slash ? (size_t)(slash - component) : strlen(component);
        if (base.length > 0)
            strbuf_append_char(&base, '/');
        strbuf_append(&base, component, length);
        if (gitignore_stack_is_ignored(&c->ignores, base.data, true))
            *ancestor_ignored = true;
        strbuf_append_char(&dir, '/');
        strbuf_append(&dir, component, length);
        component += length + (slash ? 1 : 0);
    }
    strbuf_release(&base);
    strbuf_release(&dir);

    strbuf_append_str(&c->path, prefix);
    c->prefix_length = *prefix ? strlen(prefix) + 1 : 0;
    outcome = GIT_READY;
done:
    git_repository_free(repo);
    return outcome;
}

/* Tracked files the walk did not meet: in ignored, vendored or unreadable
 * directories, or deleted from the work tree. */
static void finish_tracked(struct collector *c)
{
    for (size_t i = 0; i < c->tracked_count; i++) {
        struct tracked *file = &c->tracked[i];
        if (file->seen || file->gitlink)
            continue;
        consider_file(c, c->root_fd, file->path, file->path, NULL, true);
    }
}

/* ---- entry point ---- */

static int compare_entries(const void *a, const void *b)
{
    return strcmp(((const struct inventory_entry *)a)->path,
                  ((const struct inventory_entry *)b)->path);
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int open_root(const char *path, struct inventory *out, struct strbuf *error)
{
    char real[PATH_MAX];
    if (!realpath(path, real)) {
        int code = errno;
        if (code == ENOENT || code == ENOTDIR)
            strbuf_printf(error, "path '%s' does not exist; pass a directory to audit", path);
        else
            strbuf_printf(error, "path '%s' cannot be resolved (%s); check it and its permissions",
                          path, strerror(code));
        return -1;
    }
    struct stat st;
    if (stat(real, &st) != 0 || !S_ISDIR(st.st_mode)) {
        strbuf_printf(error, "path '%s' is not a directory; pass a directory to audit", path);
        return -1;
    }
    int fd = open(real, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        strbuf_printf(error, "directory '%s' cannot be read (%s); check its permissions", path,
                      strerror(errno));
        return -1;
    }
    out->root = xstrdup(real);
    return fd;
}

int inventory_collect(const char *path, const struct inventory_options *options,
                      struct inventory *out, struct strbuf *error)
{
    memset(out, 0, sizeof *out);
    int root_fd = open_root(path, out, error);
    if (root_fd < 0)
        return -1;
    /* Listing needs read permission on the root itself; say so up front
     * instead of returning an empty inventory. */
    int list_fd = openat(root_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *root_dir = list_fd >= 0 ? fdopendir(list_fd) : NULL;
    if (!root_dir) {
        strbuf_printf(error, "directory '%s' cannot be read (%s); check its permissions", path,
                      strerror(errno));
        if (list_fd >= 0)
            close(list_fd);
        close(root_fd);
        free(out->root);
        out->root = NULL;
        return -1;
    }

    struct collector c = {0};
    c.out = out;
    c.root_fd = root_fd;
    c.root_length = strlen(out->root);
    c.max_file_size = options && options->max_file_size ? options->max_file_size
                                                        : INVENTORY_DEFAULT_MAX_FILE_SIZE;
    c.on_file = options ? options->on_file : NULL;
    c.on_file_user = options ? options->on_file_user : NULL;
    strbuf_init(&c.path);
    c.euid = geteuid();
    int groups = getgroups(0, NULL);
    if (groups > 0) {
        c.groups = xcalloc((size_t)groups + 1, sizeof *c.groups);
        int got = getgroups(groups, c.groups);
        c.group_count = got > 0 ? (size_t)got : 0;
    } else {
        c.groups = xcalloc(1, sizeof *c.groups);
    }
    c.groups[c.group_count++] = getegid();

    git_libgit2_init();
    struct gitignore **lists = NULL;
    size_t list_count = 0;
    bool ancestor_ignored = false;
    enum git_outcome git = setup_git(&c, &lists, &list_count, &ancestor_ignored);
    if (git == GIT_READY && ancestor_ignored && c.tracked_count == 0) {
        /* The root lies in a directory the enclosing repository ignores and
         * holds nothing it tracks (a virtualenv or build tree inside a
         * checkout, ~/.pyenv/versions/...): it is not part of that
         * repository, so audit it as a plain directory rather than report
         * it empty. */
        git = GIT_NOT_A_REPOSITORY;
        free(out->commit);
        out->commit = NULL;
        strbuf_reset(&c.path);
        c.prefix_length = 0;
        c.ignores.count = 0;
    }
    if (git == GIT_READY) {
        c.git = true;
        out->from_git = true;
        if (!ancestor_ignored)
            walk_directory(&c, root_dir, 0);
        finish_tracked(&c);
    } else {
        walk_directory(&c, root_dir, 0);
    }
    git_libgit2_shutdown();
    closedir(root_dir);
    close(root_fd);

    if (out->count > 1)
        qsort(out->entries, out->count, sizeof *out->entries, compare_entries);
    if (out->warning_count > 1)
        qsort(out->warnings, out->warning_count, sizeof *out->warnings, compare_strings);
    if (c.warnings_dropped > 0) {
        struct strbuf text = STRBUF_INIT;
        strbuf_printf(&text, "... and %llu more warnings", (unsigned long long)c.warnings_dropped);
        out->warnings = xgrow(out->warnings, &c.warning_capacity, out->warning_count + 1,
                              sizeof *out->warnings);
        out->warnings[out->warning_count++] = strbuf_detach(&text, NULL);
    }

    for (size_t i = 0; i < c.tracked_count; i++)
        free(c.tracked[i].path);
    free(c.tracked);
    free_lists(lists, list_count);
    gitignore_stack_release(&c.ignores);
    strbuf_release(&c.path);
    free(c.groups);
    return 0;
}

void inventory_release(struct inventory *inventory)
{
    if (!inventory)
        return;
    for (size_t i = 0; i < inventory->count; i++)
        free(inventory->entries[i].path);
    free(inventory->entries);
    for (size_t i = 0; i < inventory->warning_count; i++)
        free(inventory->warnings[i]);
    free(inventory->warnings);
    for (size_t i = 0; i < inventory->too_large_count; i++)
        free(inventory->too_large[i]);
    free(inventory->too_large);
    free(inventory->root);
    free(inventory->commit);
    memset(inventory, 0, sizeof *inventory);
}
