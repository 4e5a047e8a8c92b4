/*
 * test_inventory: which files an audit sees, in both modes.
 *
 * Each test builds a scratch tree under /tmp at run time (walk mode), or a
 * scratch repository with the git command line (git mode), runs
 * inventory_collect and compares the exact file list, skip counts and
 * warnings. A differential test checks the walk against `git ls-files`.
 * Tests that need a non-root user (chmod 000) skip themselves as root; no
 * test depends on the user's git configuration (see main()).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "inventory/inventory.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* ---- scratch trees ---- */

struct scratch {
    char dir[64]; /* as created */
    char real[4096];
};

static void scratch_create(struct scratch *scratch)
{
    static const char template[] = "/tmp/prodready-inventory-XXXXXX";
    _Static_assert(sizeof template <= sizeof scratch->dir, "scratch name fits");
    memcpy(scratch->dir, template, sizeof template);
    assert_non_null(mkdtemp(scratch->dir));
    assert_non_null(realpath(scratch->dir, scratch->real));
}

static void scratch_remove(struct scratch *scratch)
{
    /* Restore permissions first so rm can descend everywhere. */
    struct strbuf command = STRBUF_INIT;
    strbuf_printf(&command, "chmod -R u+rwx '%s' 2>/dev/null; rm -rf '%s'", scratch->dir,
                  scratch->dir);
    assert_int_equal(system(command.data), 0);
    strbuf_release(&command);
}

static char *join(const char *root, const char *relative)
{
    struct strbuf path = STRBUF_INIT;
    strbuf_printf(&path, "%s/%s", root, relative);
    return strbuf_detach(&path, NULL);
}

static void make_dirs_for(const char *root, const char *relative)
{
    struct strbuf path = STRBUF_INIT;
    strbuf_append_str(&path, root);
    const char *at = relative;
    for (const char *slash; (slash = strchr(at, '/')) != NULL; at = slash + 1) {
        strbuf_append_char(&path, '/');
        strbuf_append(&path, at, (size_t)(slash - at));
        if (mkdir(path.data, 0755) != 0 && errno != EEXIST)
            fail_msg("mkdir %s: %s", path.data, strerror(errno));
    }
    strbuf_release(&path);
}

/* Writes `text` to root/relative, creating directories. */
static void put(const char *root, const char *relative, const char *text)
{
    make_dirs_for(root, relative);
    char *path = join(root, relative);
    FILE *file = fopen(path, "w");
    if (!file)
        fail_msg("cannot create %s: %s", path, strerror(errno));
    fputs(text, file);
    assert_int_equal(fclose(file), 0);
    free(path);
}

static void put_size(const char *root, const char *relative, size_t size)
{
    char *text = xmalloc(size + 1);
    memset(text, 'x', size);
    text[size] = '\0';
    put(root, relative, text);
    free(text);
}

static void put_dir(const char *root, const char *relative)
{
    struct strbuf with_slash = STRBUF_INIT;
    strbuf_printf(&with_slash, "%s/", relative);
    make_dirs_for(root, with_slash.data);
    strbuf_release(&with_slash);
}

static void put_link(const char *root, const char *relative, const char *target)
{
    make_dirs_for(root, relative);
    char *path = join(root, relative);
    if (symlink(target, path) != 0)
        fail_msg("symlink %s: %s", path, strerror(errno));
    free(path);
}

/* ---- running git ---- */

/* Runs git in `dir`; stdout goes to `output` when not NULL. Returns the exit
 * status, or -1 when git could not be run. */
static int git(const char *dir, struct strbuf *output, const char *const *args)
{
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(pipe_fds[1], STDOUT_FILENO);
        if (null >= 0)
            dup2(null, STDERR_FILENO);
        close(pipe_fds[0]);
        if (chdir(dir) != 0)
            _exit(127);
        const char *argv[32] = {"git"};
        size_t n = 1;
        for (; args[n - 1] && n < 31; n++)
            argv[n] = args[n - 1];
        argv[n] = NULL;
        execvp("git", (char *const *)argv);
        _exit(127);
    }
    close(pipe_fds[1]);
    char buffer[4096];
    ssize_t got;
    while ((got = read(pipe_fds[0], buffer, sizeof buffer)) > 0) {
        if (output)
            strbuf_append(output, buffer, (size_t)got);
    }
    close(pipe_fds[0]);
    int status;
    if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status) == 127 ? -1 : WEXITSTATUS(status);
}

#define GIT(dir, ...)                                                                              \
    do {                                                                                           \
        const char *git_args_[] = {__VA_ARGS__, NULL};                                             \
        if (git((dir), NULL, git_args_) != 0)                                                      \
            fail_msg("git %s failed in %s", git_args_[0], (dir));                                  \
    } while (0)

static bool git_available(void)
{
    const char *args[] = {"--version", NULL};
    return git("/", NULL, args) == 0;
}

/* ---- inspecting results ---- */

/* All entry paths, one per line, for one readable assert_string_equal. */
static char *listing(const struct inventory *inventory)
{
    struct strbuf text = STRBUF_INIT;
    for (size_t i = 0; i < inventory->count; i++)
        strbuf_printf(&text, "%s\n", inventory->entries[i].path);
    return strbuf_detach(&text, NULL);
}

static char *warnings(const struct inventory *inventory)
{
    struct strbuf text = STRBUF_INIT;
    for (size_t i = 0; i < inventory->warning_count; i++)
        strbuf_printf(&text, "%s\n", inventory->warnings[i]);
    return strbuf_detach(&text, NULL);
}

static void assert_listing(const struct inventory *inventory, const char *expected)
{
    char *got = listing(inventory);
    assert_string_equal(got, expected);
    free(got);
}

static void assert_warnings(const struct inventory *inventory, const char *expected)
{
    char *got = warnings(inventory);
    assert_string_equal(got, expected);
    free(got);
}

static void collect(const char *path, uint64_t max_size, struct inventory *inventory)
{
    struct inventory_options options = {.max_file_size = max_size};
    struct strbuf error = STRBUF_INIT;
    int status = inventory_collect(path, &options, inventory, &error);
    if (status != 0)
        fail_msg("inventory_collect(%s) failed: %s", path, error.data);
    assert_int_equal(error.length, 0);
    strbuf_release(&error);
}

static void assert_sorted(const struct inventory *inventory)
{
    for (size_t i = 1; i < inventory->count; i++)
        assert_true(strcmp(inventory->entries[i - 1].path, inventory->entries[i].path) < 0);
}

static const struct inventory_entry *find_entry(const struct inventory *inventory, const char *path)
{
    for (size_t i = 0; i < inventory->count; i++) {
        if (strcmp(inventory->entries[i].path, path) == 0)
            return &inventory->entries[i];
    }
    return NULL;
}

/* ---- path predicates ---- */

static void test_is_vendored(void **state)
{
    (void)state;
    assert_true(inventory_is_vendored("node_modules/react/index.js"));
    assert_true(inventory_is_vendored("web/node_modules/a/b/c.js"));
    assert_true(inventory_is_vendored("vendor/github.com/x/y.go"));
    assert_true(inventory_is_vendored("src/third_party/zlib/inflate.c"));
    assert_true(inventory_is_vendored("third-party/x.c"));
    assert_true(inventory_is_vendored("static/bower_components/jquery.js"));
    assert_true(inventory_is_vendored(".venv/lib/python3.11/site-packages/six.py"));
    assert_true(inventory_is_vendored("venv/bin/activate"));
    assert_true(inventory_is_vendored("lib/site-packages/x.py"));
    assert_true(inventory_is_vendored("pkg/__pycache__/m.cpython-311.pyc"));
    assert_true(inventory_is_vendored(".tox/py311/x"));
    assert_true(inventory_is_vendored(".eggs/x.egg"));
    assert_true(inventory_is_vendored("jspm_packages/x.js"));
    assert_true(inventory_is_vendored("ios/Pods/AFNetworking/x.m"));
    assert_true(inventory_is_vendored("Carthage/Build/x"));
    assert_true(inventory_is_vendored(".bundle/config"));
    assert_true(inventory_is_vendored("infra/.terraform/providers/x"));
    assert_true(inventory_is_vendored("sub/.git/config"));

    assert_false(inventory_is_vendored("src/main.c"));
    assert_false(inventory_is_vendored("vendor")); /* a file, not a directory */
    assert_false(inventory_is_vendored("docs/vendor.md"));
    assert_false(inventory_is_vendored("vendors/x.go")); /* whole components only */
    assert_false(inventory_is_vendored("my_node_modules/x"));
    assert_false(inventory_is_vendored("Vendor/x.go")); /* case-sensitive, like the file system */
    assert_false(inventory_is_vendored("build/x.c"));
    assert_false(inventory_is_vendored("dist/app.js"));
    assert_false(inventory_is_vendored(""));
}

static void test_is_generated(void **state)
{
    (void)state;
    assert_true(inventory_is_generated("static/app.min.js"));
    assert_true(inventory_is_generated("static/app.min.css"));
    assert_true(inventory_is_generated("jquery-min.js"));
    assert_true(inventory_is_generated("dist/main.bundle.js"));
    assert_true(inventory_is_generated("build/static/js/2.abc123.chunk.js"));
    assert_true(inventory_is_generated("app.js.map"));
    assert_true(inventory_is_generated("styles.css.map"));
    assert_true(inventory_is_generated("api/user_pb2.py"));
    assert_true(inventory_is_generated("api/user_pb2_grpc.py"));
    assert_true(inventory_is_generated("api/user_pb2.pyi"));
    assert_true(inventory_is_generated("api/user.pb.go"));
    assert_true(inventory_is_generated("api/user_grpc.pb.go"));
    assert_true(inventory_is_generated("api/user.pb.gw.go"));
    assert_true(inventory_is_generated("cpp/user.pb.cc"));
    assert_true(inventory_is_generated("cpp/user.pb.h"));
    assert_true(inventory_is_generated("web/user_pb.js"));
    assert_true(inventory_is_generated("web/user_grpc_pb.js"));
    assert_true(inventory_is_generated("lib/model.g.dart"));
    assert_true(inventory_is_generated("pkg/apis/v1/zz_generated.deepcopy.go"));

    assert_false(inventory_is_generated("src/app.js"));
    assert_false(inventory_is_generated("min.js"));
    assert_false(inventory_is_generated(".min.js")); /* a hidden file, not a bundle */
    assert_false(inventory_is_generated("admin.js"));
    assert_false(
        inventory_is_generated("System.map")); /* a kernel symbol map is not a source map */
    assert_false(inventory_is_generated("tools/lib/bpf/libbpf.map"));
    assert_false(inventory_is_generated("package-lock.json")); /* lock files are audited */
    assert_false(inventory_is_generated("yarn.lock"));
    assert_false(inventory_is_generated("poetry.lock"));
    assert_false(inventory_is_generated("Cargo.lock"));
    assert_false(inventory_is_generated("go.sum"));
    assert_false(inventory_is_generated("proto/user.proto"));
    assert_false(inventory_is_generated("pb2.py"));
}

/* ---- walk mode ---- */

static void test_walk_gitignore(void **state)
{
    (void)state;
    struct scratch s;
    scratch_create(&s);
    put(s.dir, ".gitignore", "# build output\n*.log\n!keep.log\nbuild/\n/secret.txt\ntmp*\n");
    put(s.dir, "a.c", "int a;\n");
    put(s.dir, "keep.log", "kept\n");
    put(s.dir, "x.log", "ignored\n");
    put(s.dir, "secret.txt", "anchored, ignored\n");
    put(s.dir, "build/out.c", "ignored directory\n");
    put(s.dir, "src/build", "a file called build is not a directory\n");
    put(s.dir, "src/secret.txt", "anchored pattern does not reach here\n");
    put(s.dir, "src/.gitignore", "!x.log\n*.tmp\n/only-here\n");
    put(s.dir, "src/x.log", "re-included by the deeper file\n");
    put(s.dir, "src/y.tmp", "ignored\n");
    put(s.dir, "src/only-here", "ignored\n");
    put(s.dir, "src/deep/only-here", "not ignored: anchored to src/\n");
    put(s.dir, "src/deep/z.log", "still ignored by the root file\n");
    put(s.dir, "logs/.gitignore", "*\n!.gitignore\n");
    put(s.dir, "logs/today.txt", "ignored\n");
    put(s.dir, "tmpdir/inner.c", "ignored by tmp*\n");
    put(s.dir, "excluded/.gitignore", "");
    put(s.dir, "docs/readme.md", "# docs\n");
    /* A .git directory outside any repository is still never listed. */
    put(s.dir, ".git/config", "not a repository\n");

    struct inventory inventory;
    collect(s.dir, 0, &inventory);
    assert_false(inventory.from_git);
    assert_null(inventory.commit);
    assert_string_equal(inventory.root, s.real);
    assert_listing(&inventory, ".gitignore\n"
                               "a.c\n"
                               "docs/readme.md\n"
                               "excluded/.gitignore\n"
                               "keep.log\n"
                               "logs/.gitignore\n"
                               "src/.gitignore\n"
                               "src/build\n"
                               "src/deep/only-here\n"
                               "src/secret.txt\n"
                               "src/x.log\n");
    assert_sorted(&inventory);
    assert_int_equal(inventory.warning_count, 0);
    const struct inventory_entry *a = find_entry(&inventory, "a.c");
    assert_non_null(a);
    assert_int_equal(a->size, 7);
    inventory_release(&inventory);
    scratch_remove(&s);
}

static void test_walk_parent_exclusion_is_final(void **state)
{
    (void)state;
    struct scratch s;
    scratch_create(&s);
    /* gitignore(5): "It is not possible to re-include a file if a parent
     * directory of that file is excluded." */
    put(s.dir, ".gitignore", "logs/\n!logs/keep.log\n/cache/*\n!/cache/keep.txt\n");
    put(s.dir, "logs/keep.log", "x");
    put(s.dir, "logs/.gitignore", "!keep.log\n");
    put(s.dir, "cache/keep.txt", "x");
    put(s.dir, "cache/drop.txt", "x");
    put(s.dir, "main.c", "x");
    struct inventory inventory;
    collect(s.dir, 0, &inventory);
    assert_listing(&inventory, ".gitignore\ncache/keep.txt\nmain.c\n");
    inventory_release(&inventory);
    scratch_remove(&s);
}

static void test_walk_sorting_is_by_full_path(void **state)
{
    (void)state;
    struct scratch s;
    scratch_create(&s);
    /* '.' < '/' < '0' < 'B' < '_' < 'a': the walk visits "a" before "a.c",
     * the result must still be in strcmp order. */
    put(s.dir, "a/b", "x");
    put(s.dir, "a.c", "x");
    put(s.dir, "a0", "x");
    put(s.dir, "B", "x");
    put(s.dir, "_", "x");
    put(s.dir, "a-b/c", "x");
    struct inventory inventory;
    collect(s.dir, 0, &inventory);
    assert_listing(&inventory, "B\n_\na-b/c\na.c\na/b\na0\n");
    assert_sorted(&inventory);
    inventory_release(&inventory);
    scratch_remove(&s);
}

static void test_walk_vendored_and_generated(void **state)
{
    (void)state;
    struct scratch s;
    scratch_create(&s);
    put(s.dir, "node_modules/react/index.js", "x");
    put(s.dir, "node_modules/react/lib/a.js", "x");
    put(s.dir, "node_modules/.bin/tool", "x");
    put(s.dir, "vendor/github.com/x/y.go", "x");
    put(s.dir, "src/third_party/zlib.c", "x");
    put(s.dir, "src/__pycache__/m.cpython-311.pyc", "x");
    put_dir(s.dir, "node_modules/empty");
    put(s.dir, "static/app.min.js", "x");
    put(s.dir, "static/app.js.map", "x");
    put(s.dir, "api/user_pb2.py", "x");
    put(s.dir, "api/user.pb.go", "x");
    put(s.dir, "api/user.proto", "x");
    put(s.dir, "package-lock.json", "{}");
    put(s.dir, "go.sum", "x");
    put(s.dir, "Cargo.lock", "x");
    put(s.dir, "yarn.lock", "x");
    put(s.dir, "build/main.c", "kept: build/ may hold sources");
    put(s.dir, "dist/cli.py", "kept: only .gitignore can say dist/ is output");
    put(s.dir, "vendor.md", "x");
    struct inventory inventory;
    collect(s.dir, 0, &inventory);
    assert_listing(&inventory, "Cargo.lock\n"
                               "api/user.proto\n"
                               "build/main.c\n"
                               "dist/cli.py\n"
                               "go.sum\n"
                               "package-lock.json\n"
                               "vendor.md\n"
                               "yarn.lock\n");
    /* Files, not directories: 3 under node_modules, 1 vendor, 1 third_party,
     * 1 __pycache__. */
    assert_int_equal(inventory.skipped.vendored, 6);
    assert_int_equal(inventory.skipped.generated, 4);
    assert_int_equal(inventory.skipped.binary, 0);
    inventory_release(&inventory);
    scratch_remove(&s);
}

static void test_walk_ignored_vendored_tree_is_not_counted(void **state)
{
    (void)state;
    struct scratch s;
    scratch_create(&s);
    put(s.dir, ".gitignore", "node_modules/\n");
    put(s.dir, "node_modules/a/index.js", "x");
    put(s.dir, "node_modules/b.js", "x");
    put(s.dir, "index.js", "x");
    struct inventory inventory;
    collect(s.dir, 0, &inventory);
    assert_listing(&inventory, ".gitignore\nindex.js\n");
    assert_int_equal(inventory.skipped.vendored, 0);
    inventory_release(&inventory);
    scratch_remove(&s);
}

static void test_walk_size_limit(void **state)
{
    (void)state;
    struct scratch s;
    scratch_create(&s);
    put_size(s.dir, "exact.txt", 100);
    put_size(s.dir, "over.txt", 101);
    put_size(s.dir, "empty.txt", 0);
    struct inventory inventory;
    collect(s.dir, 100, &inventory);
    assert_listing(&inventory, "empty.txt\nexact.txt\n");
    assert_int_equal(inventory.skipped.too_large, 1);
    assert_int_equal(find_entry(&inventory, "exact.txt")->size, 100);
    assert_int_equal(find_entry(&inventory, "empty.txt")->size, 0);
    inventory_release(&inventory);

    /* 0 means the default limit. */
    put_size(s.dir, "big.bin", INVENTORY_DEFAULT_MAX_FILE_SIZE + 1);
    collect(s.dir, 0, &inventory);
    assert_listing(&inventory, "empty.txt\nexact.txt\nover.txt\n");
    assert_int_equal(inventory.skipped.too_large, 1);
    inventory_release(&inventory);

    /* NULL options too. */
    struct strbuf error = STRBUF_INIT;
    assert_int_equal(inventory_collect(s.dir, NULL, &inventory, &error), 0);
    assert_int_equal(inventory.count, 3);
    inventory_release(&inventory);
    strbuf_release(&error);
    scratch_remove(&s);
}

static void test_walk_symlinks(void **state)
{
    (void)state;
    struct scratch s, outside;
    scratch_create(&s);
    scratch_create(&outside);
    put(outside.dir, "secret.txt", "outside the root\n");
    put(s.dir, "real.txt", "12345");
    put(s.dir, "dir/inner.txt", "x");
    char *outside_file = join(outside.real, "secret.txt");
    put_link(s.dir, "out-absolute", outside_file);
    free(outside_file);
    /* The two scratch directories are siblings: climb out of one into the other. */
    struct strbuf relative = STRBUF_INIT;
    strbuf_printf(&relative, "../../%s/secret.txt", strrchr(outside.real, '/') + 1);
    put_link(s.dir, "sub/out-relative", relative.data);
    strbuf_release(&relative);
    put_link(s.dir, "sub/escape", "../..");
    put_link(s.dir, "to-file", "real.txt");
    put_link(s.dir, "sub/up-to-file", "../dir/inner.txt");
    put_link(s.dir, "to-dir", "dir");
    put_link(s.dir, "dangling", "does-not-exist");
    put_link(s.dir, "loop-self", ".");
    put_link(s.dir, "dir/loop-up", "..");
    put_link(s.dir, "ping", "pong");
    put_link(s.dir, "pong", "ping");
    struct inventory inventory;
    collect(s.dir, 0, &inventory);
    /* Links to files inside the root are listed under their own path, with
     * the target's size; directories behind links are not walked. */
    assert_listing(&inventory, "dir/inner.txt\n"
                               "real.txt\n"
                               "sub/up-to-file\n"
                               "to-file\n");
    assert_int_equal(find_entry(&inventory, "to-file")->size, 5);
    assert_int_equal(inventory.skipped.symlink, 8);
    assert_warnings(&inventory,
                    "dangling: dangling symlink (target does not exist), not followed\n"
                    "dir/loop-up: symlink loop (points to a directory containing it), not "
                    "followed\n"
                    "loop-self: symlink loop (points to a directory containing it), not followed\n"
                    "out-absolute: symlink points outside the audited root, not followed\n"
                    "ping: symlink loop, not followed\n"
                    "pong: symlink loop, not followed\n"
                    "sub/escape: symlink points outside the audited root, not followed\n"
                    "sub/out-relative: symlink points outside the audited root, not followed\n");
    inventory_release(&inventory);
    scratch_remove(&s);
    scratch_remove(&outside);
}

static void test_walk_root_through_symlink(void **state)
{
    (void)state;
    struct scratch s;
    scratch_create(&s);
    put(s.dir, "project/main.c", "x");
    put_link(s.dir, "alias", "project");
    put_link(s.dir, "project/self", "../alias/main.c");
    char *alias = join(s.dir, "alias");
    struct inventory inventory;
    collect(alias, 0, &inventory);
    char *real = join(s.real, "project");
    /* The root is resolved, so a link back in through the alias stays inside. */
    assert_string_equal(inventory.root, real);
    assert_listing(&inventory, "main.c\nself\n");
    inventory_release(&inventory);
    free(real);
    free(alias);
    scratch_remove(&s);
}

static void test_walk_unreadable(void **state)
{
    (void)state;
    if (geteuid() == 0)
        skip(); /* root reads everything: chmod 000 proves nothing */
    struct scratch s;
    scratch_create(&s);
    put(s.dir, "ok.txt", "x");
    put(s.dir, "locked.txt", "x");
    put(s.dir, "closed/inside.txt", "x");
    char *locked = join(s.dir, "locked.txt");
    char *closed = join(s.dir, "closed");
    assert_int_equal(chmod(locked, 0), 0);
    assert_int_equal(chmod(closed, 0), 0);
    struct inventory inventory;
    collect(s.dir, 0, &inventory);
    assert_listing(&inventory, "ok.txt\n");
    assert_int_equal(inventory.skipped.unreadable, 2);
    assert_warnings(&inventory, "closed: cannot open directory (Permission denied)\n"
                                "locked.txt: cannot read (Permission denied)\n");
    inventory_release(&inventory);
    chmod(closed, 0755);
    free(locked);
    free(closed);
    scratch_remove(&s);
}

static void test_walk_warnings_are_capped(void **state)
{
    (void)state;
    struct scratch s;
    scratch_create(&s);
    struct strbuf name = STRBUF_INIT;
    for (int i = 0; i < INVENTORY_MAX_WARNINGS + 100; i++) {
        strbuf_reset(&name);
        strbuf_printf(&name, "links/%04d", i);
        put_link(s.dir, name.data, "nowhere");
    }
    strbuf_release(&name);
    struct inventory inventory;
    collect(s.dir, 0, &inventory);
    assert_int_equal(inventory.skipped.symlink, INVENTORY_MAX_WARNINGS + 100);
    assert_int_equal(inventory.warning_count, INVENTORY_MAX_WARNINGS + 1);
    assert_string_equal(inventory.warnings[0],
                        "links/0000: dangling symlink (target does not exist), not followed");
    /* The walk is in name order, so the first 1000 are the ones kept. */
    assert_string_equal(inventory.warnings[INVENTORY_MAX_WARNINGS - 1],
                        "links/0999: dangling symlink (target does not exist), not followed");
    assert_string_equal(inventory.warnings[INVENTORY_MAX_WARNINGS], "... and 100 more warnings");
    inventory_release(&inventory);
    scratch_remove(&s);
}

static void test_walk_deep_nesting(void **state)
{
    (void)state;
    struct scratch s;
    scratch_create(&s);
    struct strbuf path = STRBUF_INIT;
    for (int i = 0; i < 300; i++)
        strbuf_append_str(&path, "d/");
    strbuf_append_str(&path, "deep.txt");
    put(s.dir, path.data, "x");
    put(s.dir, "top.txt", "x");
    struct inventory inventory;
    collect(s.dir, 0, &inventory);
    assert_listing(&inventory, "top.txt\n");
    assert_int_equal(inventory.warning_count, 1);
    assert_non_null(strstr(inventory.warnings[0], "nested deeper than 256 levels"));
    inventory_release(&inventory);
    strbuf_release(&path);
    scratch_remove(&s);
}

static void test_errors(void **state)
{
    (void)state;
    struct inventory inventory;
    struct strbuf error = STRBUF_INIT;
    assert_int_equal(inventory_collect("/nonexistent/prodready", NULL, &inventory, &error), -1);
    assert_string_equal(error.data,
                        "path '/nonexistent/prodready' does not exist; pass a directory to audit");
    assert_null(inventory.entries);
    assert_null(inventory.root);
    inventory_release(&inventory); /* harmless after a failure */

    struct scratch s;
    scratch_create(&s);
    put(s.dir, "file.txt", "x");
    char *file = join(s.dir, "file.txt");
    strbuf_reset(&error);
    assert_int_equal(inventory_collect(file, NULL, &inventory, &error), -1);
    struct strbuf expected = STRBUF_INIT;
    strbuf_printf(&expected, "path '%s' is not a directory; pass a directory to audit", file);
    assert_string_equal(error.data, expected.data);
    assert_null(strchr(error.data, '\n'));

    if (geteuid() != 0) {
        char *closed = join(s.dir, "closed");
        put_dir(s.dir, "closed");
        assert_int_equal(chmod(closed, 0), 0);
        strbuf_reset(&error);
        assert_int_equal(inventory_collect(closed, NULL, &inventory, &error), -1);
        assert_non_null(strstr(error.data, "cannot be read (Permission denied)"));
        chmod(closed, 0755);
        free(closed);
    }
    strbuf_release(&expected);
    strbuf_release(&error);
    free(file);
    scratch_remove(&s);
}

/* ---- git mode ---- */

static void init_repo(const char *dir)
{
    GIT(dir, "init", "-q");
}

static void test_git_mode(void **state)
{
    (void)state;
    if (!git_available())
        skip();
    struct scratch s;
    scratch_create(&s);
    init_repo(s.dir);
    put(s.dir, ".gitignore", "*.log\nbuild/\n/app/generated-at-top\n");
    put(s.dir, "README.md", "top\n");
    put(s.dir, "app/main.py", "print()\n");
    put(s.dir, "app/util.py", "x = 1\n");
    put(s.dir, "app/.gitignore", "local.cfg\n");
    put(s.dir, "app/forced.log", "tracked although ignored\n");
    put(s.dir, "app/build/keep.c", "tracked inside an ignored directory\n");
    put(s.dir, "app/deleted.py", "removed from the work tree later\n");
    put(s.dir, "app/node_modules/lib/index.js", "tracked vendored\n");
    put(s.dir, "app/static/app.min.js", "tracked generated\n");
    put_link(s.dir, "app/link-in", "main.py");
    put_link(s.dir, "app/link-out", "../README.md"); /* inside the repo, outside the root */
    GIT(s.dir, "add", "README.md", ".gitignore", "app/main.py", "app/util.py", "app/.gitignore",
        "app/deleted.py", "app/node_modules/lib/index.js", "app/static/app.min.js", "app/link-in",
        "app/link-out");
    GIT(s.dir, "add", "-f", "app/forced.log", "app/build/keep.c");
    /* A submodule as git stores it: a gitlink entry, here without checkout. */
    GIT(s.dir, "update-index", "--add", "--cacheinfo",
        "160000,1111111111111111111111111111111111111111,app/submodule");
    put_dir(s.dir, "app/submodule");
    put(s.dir, "app/submodule/inside.c", "belongs to the submodule\n");
    GIT(s.dir, "commit", "-q", "-m", "initial");
    /* Work-tree state after the commit. */
    char *deleted = join(s.dir, "app/deleted.py");
    assert_int_equal(unlink(deleted), 0);
    free(deleted);
    put(s.dir, "app/new.py", "untracked, not ignored\n");
    put(s.dir, "app/untracked-dir/deep/new.rs", "untracked, not ignored\n");
    put(s.dir, "app/debug.log", "untracked and ignored\n");
    put(s.dir, "app/local.cfg", "ignored by app/.gitignore\n");
    put(s.dir, "app/build/out.o", "ignored directory\n");
    put(s.dir, "app/excluded.tmp", "ignored by info/exclude\n");
    put(s.dir, ".git/info/exclude", "*.tmp\n");
    put(s.dir, "app/nested/.git/HEAD", "a nested repository is not part of this one\n");
    put(s.dir, "app/nested/code.c", "x");
    put(s.dir, "app/node_modules/untracked.js", "not counted: untracked vendored\n");
    put(s.dir, "elsewhere.py", "outside the audit root\n");

    struct strbuf head = STRBUF_INIT;
    const char *rev_parse[] = {"rev-parse", "HEAD", NULL};
    assert_int_equal(git(s.dir, &head, rev_parse), 0);
    while (head.length > 0 && head.data[head.length - 1] == '\n')
        head.data[--head.length] = '\0';

    /* The audit root is a subdirectory of the work tree. */
    char *app = join(s.dir, "app");
    struct inventory inventory;
    collect(app, 0, &inventory);
    assert_true(inventory.from_git);
    assert_non_null(inventory.commit);
    assert_string_equal(inventory.commit, head.data);
    char *real_app = join(s.real, "app");
    assert_string_equal(inventory.root, real_app);
    assert_listing(&inventory, ".gitignore\n"
                               "build/keep.c\n"
                               "forced.log\n"
                               "link-in\n"
                               "main.py\n"
                               "new.py\n"
                               "untracked-dir/deep/new.rs\n"
                               "util.py\n");
    assert_int_equal(inventory.skipped.vendored, 1);
    assert_int_equal(inventory.skipped.generated, 1);
    assert_int_equal(inventory.skipped.symlink, 1);
    assert_warnings(&inventory,
                    "link-out: symlink points outside the audited root, not followed\n");
    inventory_release(&inventory);

    /* From the top, the files above app/ appear and link-out is fine. */
    collect(s.dir, 0, &inventory);
    assert_listing(&inventory, ".gitignore\n"
                               "README.md\n"
                               "app/.gitignore\n"
                               "app/build/keep.c\n"
                               "app/forced.log\n"
                               "app/link-in\n"
                               "app/link-out\n"
                               "app/main.py\n"
                               "app/new.py\n"
                               "app/untracked-dir/deep/new.rs\n"
                               "app/util.py\n"
                               "elsewhere.py\n");
    assert_int_equal(inventory.skipped.symlink, 0);
    assert_int_equal(inventory.warning_count, 0);
    inventory_release(&inventory);

    strbuf_release(&head);
    free(app);
    free(real_app);
    scratch_remove(&s);
}

static void test_git_root_inside_ignored_directory(void **state)
{
    (void)state;
    if (!git_available())
        skip();
    struct scratch s;
    scratch_create(&s);
    init_repo(s.dir);
    put(s.dir, ".gitignore", "out/\n");
    put(s.dir, "out/tracked/kept.c", "x");
    put(s.dir, "out/tracked/untracked.c", "x");
    put(s.dir, "out/plain/a.c", "x");
    put(s.dir, "out/plain/.gitignore", "*.o\n");
    put(s.dir, "out/plain/a.o", "x");
    GIT(s.dir, "add", ".gitignore");
    GIT(s.dir, "add", "-f", "out/tracked/kept.c");
    GIT(s.dir, "commit", "-q", "-m", "x");

    /* Holding tracked files: git mode, tracked files only. */
    char *tracked = join(s.dir, "out/tracked");
    struct inventory inventory;
    collect(tracked, 0, &inventory);
    assert_true(inventory.from_git);
    assert_listing(&inventory, "kept.c\n");
    inventory_release(&inventory);

    /* Holding nothing git tracks: not part of the repository, walk it. */
    char *plain = join(s.dir, "out/plain");
    collect(plain, 0, &inventory);
    assert_false(inventory.from_git);
    assert_null(inventory.commit);
    assert_listing(&inventory, ".gitignore\na.c\n");
    inventory_release(&inventory);
    free(tracked);
    free(plain);
    scratch_remove(&s);
}

static void test_git_unborn_head_and_excludes_file(void **state)
{
    (void)state;
    if (!git_available())
        skip();
    struct scratch s;
    scratch_create(&s);
    init_repo(s.dir);
    put(s.dir, "global-ignore", "*.bak\n");
    char *excludes = join(s.real, "global-ignore");
    GIT(s.dir, "config", "core.excludesFile", excludes);
    free(excludes);
    put(s.dir, "a.c", "x");
    put(s.dir, "a.c.bak", "x");
    put(s.dir, "staged.c", "x");
    GIT(s.dir, "add", "staged.c");
    struct inventory inventory;
    collect(s.dir, 0, &inventory);
    assert_true(inventory.from_git);
    assert_null(inventory.commit); /* no commit yet */
    assert_listing(&inventory, "a.c\nglobal-ignore\nstaged.c\n");
    inventory_release(&inventory);
    scratch_remove(&s);
}

static void test_git_corrupt_index_falls_back(void **state)
{
    (void)state;
    if (!git_available())
        skip();
    struct scratch s;
    scratch_create(&s);
    init_repo(s.dir);
    put(s.dir, ".gitignore", "*.o\n");
    put(s.dir, "a.c", "x");
    put(s.dir, "a.o", "x");
    GIT(s.dir, "add", "a.c", ".gitignore");
    GIT(s.dir, "commit", "-q", "-m", "x");
    put(s.dir, ".git/index", "DIRC this is not an index");
    struct inventory inventory;
    collect(s.dir, 0, &inventory);
    assert_false(inventory.from_git);
    assert_listing(&inventory, ".gitignore\na.c\n");
    assert_int_equal(inventory.warning_count, 1);
    assert_non_null(strstr(inventory.warnings[0], "git: cannot read the index"));
    assert_non_null(strstr(inventory.warnings[0], "walking the directory instead"));
    inventory_release(&inventory);
    scratch_remove(&s);
}

static void test_git_repository_owned_by_another_user(void **state)
{
    (void)state;
    if (!git_available() || geteuid() != 0)
        skip(); /* only root can give a repository away */
    struct scratch s;
    scratch_create(&s);
    init_repo(s.dir);
    put(s.dir, "a.c", "x");
    put(s.dir, "untracked.c", "x");
    GIT(s.dir, "add", "a.c");
    GIT(s.dir, "commit", "-q", "-m", "x");
    struct strbuf command = STRBUF_INIT;
    strbuf_printf(&command, "chown -R 65534 '%s'", s.dir);
    assert_int_equal(system(command.data), 0);
    /* Like a CI container running as root on a checkout it did not make. */
    struct inventory inventory;
    collect(s.dir, 0, &inventory);
    assert_true(inventory.from_git);
    assert_non_null(inventory.commit);
    assert_listing(&inventory, "a.c\nuntracked.c\n");
    assert_int_equal(inventory.warning_count, 0);
    inventory_release(&inventory);
    strbuf_release(&command);
    scratch_remove(&s);
}

/* The walk's ignore handling equals git's on a tree full of corner cases:
 * the same tree, made a repository with nothing tracked, must give the
 * list `git ls-files --others --exclude-standard` gives, in both modes. */
static void test_walk_matches_git_ls_files(void **state)
{
    (void)state;
    if (!git_available())
        skip();
    struct scratch s;
    scratch_create(&s);
    put(s.dir, ".gitignore",
        "*.o\n!important.o\n/top-only\n**/cache/\ndocs/**/*.pdf\nout/\n!out/keep\n"
        "gen-*\n\\#literal\ntrailing   \nescaped\\ \n[Tt]emp/\n*.sw[op]\nsub/*/x.txt\n");
    const char *files[] = {
        "a.c",
        "b.o",
        "important.o",
        "sub/important.o",
        "top-only",
        "sub/top-only",
        "cache/x",
        "deep/er/cache/y",
        "cache",
        "docs/a.pdf",
        "docs/x/y/b.pdf",
        "pdf/docs/c.pdf",
        "out/keep",
        "gen-1.c",
        "sub/gen-2.c",
        "#literal",
        "trailing",
        "escaped ",
        "escaped",
        "Temp/a",
        "temp/b",
        "TEMP/c",
        "f.swp",
        "f.swo",
        "f.swx",
        "sub/a/x.txt",
        "sub/a/b/x.txt",
        "sub/.gitignore",
        "sub/negated.o",
        "sub/deeper/.gitignore",
        "sub/deeper/a.c",
        "sub/deeper/skip.c",
        "sub/deeper/b.o",
        "unicode-é.txt",
        "space name.txt",
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        if (strcmp(files[i], "cache") == 0)
            continue; /* "cache/x" already made it a directory */
        put(s.dir, files[i], "x");
    }
    put(s.dir, "sub/.gitignore", "!negated.o\n");
    put(s.dir, "sub/deeper/.gitignore", "skip.c\n!b.o\n");

    struct inventory walked;
    collect(s.dir, 0, &walked);
    assert_false(walked.from_git);

    init_repo(s.dir);
    struct strbuf output = STRBUF_INIT;
    const char *ls_files[] = {"ls-files", "-z", "--others", "--exclude-standard", NULL};
    assert_int_equal(git(s.dir, &output, ls_files), 0);
    /* git's order is strcmp order too; turn NULs into newlines. */
    for (size_t i = 0; i < output.length; i++) {
        if (output.data[i] == '\0')
            output.data[i] = '\n';
    }
    assert_listing(&walked, output.data);

    struct inventory from_git;
    collect(s.dir, 0, &from_git);
    assert_true(from_git.from_git);
    assert_listing(&from_git, output.data);

    inventory_release(&walked);
    inventory_release(&from_git);
    strbuf_release(&output);
    scratch_remove(&s);
}

int main(void)
{
    /* Neither git nor libgit2 may see the user's configuration or excludes,
     * and commits need an identity. */
    setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
    setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
    setenv("HOME", "/nonexistent", 1);
    unsetenv("XDG_CONFIG_HOME");
    unsetenv("GIT_DIR");
    unsetenv("GIT_WORK_TREE");
    unsetenv("GIT_INDEX_FILE");
    setenv("GIT_AUTHOR_NAME", "prodready tests", 1);
    setenv("GIT_AUTHOR_EMAIL", "tests@prodready.invalid", 1);
    setenv("GIT_COMMITTER_NAME", "prodready tests", 1);
    setenv("GIT_COMMITTER_EMAIL", "tests@prodready.invalid", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_is_vendored),
        cmocka_unit_test(test_is_generated),
        cmocka_unit_test(test_walk_gitignore),
        cmocka_unit_test(test_walk_parent_exclusion_is_final),
        cmocka_unit_test(test_walk_sorting_is_by_full_path),
        cmocka_unit_test(test_walk_vendored_and_generated),
        cmocka_unit_test(test_walk_ignored_vendored_tree_is_not_counted),
        cmocka_unit_test(test_walk_size_limit),
        cmocka_unit_test(test_walk_symlinks),
        cmocka_unit_test(test_walk_root_through_symlink),
        cmocka_unit_test(test_walk_unreadable),
        cmocka_unit_test(test_walk_warnings_are_capped),
        cmocka_unit_test(test_walk_deep_nesting),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_git_mode),
        cmocka_unit_test(test_git_root_inside_ignored_directory),
        cmocka_unit_test(test_git_unborn_head_and_excludes_file),
        cmocka_unit_test(test_git_corrupt_index_falls_back),
        cmocka_unit_test(test_git_repository_owned_by_another_user),
        cmocka_unit_test(test_walk_matches_git_ls_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
