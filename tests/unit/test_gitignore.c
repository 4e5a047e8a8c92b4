/*
 * test_gitignore: the .gitignore matcher against git's documented behaviour
 * (gitignore(5)) and wildmatch's test table (git's t3070).
 *
 * Every ignore-file case is also checked against the real `git check-ignore`
 * in a scratch repository when git is installed, so the expectations in this
 * file cannot drift from git itself. It must not depend on the user's git
 * configuration: global and system config are switched off in main().
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

#include "inventory/gitignore.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* ---- helpers ---- */

/* Runs git with `args` in `dir`, output discarded. Returns its exit status,
 * or -1 when git cannot be run. */
static int run_git(const char *dir, const char *const *args)
{
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0) {
            dup2(null, STDOUT_FILENO);
            dup2(null, STDERR_FILENO);
        }
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
    int status;
    if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status) == 127 ? -1 : WEXITSTATUS(status);
}

static bool git_available(void)
{
    static int available = -1;
    if (available < 0) {
        const char *args[] = {"--version", NULL};
        available = run_git("/", args) == 0;
    }
    return available == 1;
}

static void write_file(const char *path, const char *text)
{
    FILE *file = fopen(path, "w");
    assert_non_null(file);
    fputs(text, file);
    assert_int_equal(fclose(file), 0);
}

/* mkdir -p for the directories of `relative` below `root`; creates the path
 * itself as a directory or an empty file. */
static void create_path(const char *root, const char *relative, bool is_dir)
{
    struct strbuf path = STRBUF_INIT;
    strbuf_append_str(&path, root);
    const char *at = relative;
    for (const char *slash; (slash = strchr(at, '/')) != NULL; at = slash + 1) {
        strbuf_append_char(&path, '/');
        strbuf_append(&path, at, (size_t)(slash - at));
        if (mkdir(path.data, 0755) != 0)
            assert_int_equal(errno, EEXIST);
    }
    strbuf_append_char(&path, '/');
    strbuf_append_str(&path, at);
    if (is_dir) {
        if (mkdir(path.data, 0755) != 0)
            assert_int_equal(errno, EEXIST);
    } else {
        struct stat st;
        if (stat(path.data, &st) != 0)
            write_file(path.data, "");
    }
    strbuf_release(&path);
}

static void remove_tree(const char *dir)
{
    struct strbuf command = STRBUF_INIT;
    strbuf_printf(&command, "rm -rf '%s'", dir);
    assert_int_equal(system(command.data), 0);
    strbuf_release(&command);
}

/* ---- wildmatch (git t3070) ---- */

struct wild_case {
    bool pathname_result;
    bool plain_result;
    const char *text;
    const char *pattern;
};

static const struct wild_case wild_cases[] = {
    /* basics */
    {true, true, "foo", "foo"},
    {false, false, "foo", "bar"},
    {true, true, "", ""},
    {true, true, "foo", "???"},
    {false, false, "foo", "??"},
    {true, true, "foo", "*"},
    {true, true, "foo", "f*"},
    {false, false, "foo", "*f"},
    {true, true, "foo", "*foo*"},
    {true, true, "foobar", "*ob*a*r*"},
    {true, true, "aaaaaaabababab", "*ab"},
    {true, true, "foo*", "foo\\*"},
    {false, false, "foobar", "foo\\*bar"},
    {true, true, "f\\oo", "f\\\\oo"},
    {true, true, "ball", "*[al]?"},
    {false, false, "ten", "[ten]"},
    {true, true, "ten", "**[!te]"},
    {false, false, "ten", "**[!ten]"},
    {true, true, "ten", "t[a-g]n"},
    {false, false, "ten", "t[!a-g]n"},
    {true, true, "ton", "t[!a-g]n"},
    {true, true, "ton", "t[^a-g]n"},
    {true, true, "a]b", "a[]]b"},
    {true, true, "a-b", "a[]-]b"},
    {true, true, "a]b", "a[]-]b"},
    {false, false, "aab", "a[]-]b"},
    {true, true, "aab", "a[]a-]b"},
    {true, true, "]", "]"},
    /* slashes and ** */
    {false, true, "foo/baz/bar", "foo*bar"},
    {false, true, "foo/baz/bar", "foo**bar"},
    {true, true, "foobazbar", "foo**bar"},
    {true, true, "foo/baz/bar", "foo/**/bar"},
    {true, false, "foo/baz/bar", "foo/**/**/bar"},
    {true, true, "foo/b/a/z/bar", "foo/**/bar"},
    {true, true, "foo/b/a/z/bar", "foo/**/**/bar"},
    {true, false, "foo/bar", "foo/**/bar"},
    {true, false, "foo/bar", "foo/**/**/bar"},
    {false, true, "foo/bar", "foo?bar"},
    {false, true, "foo/bar", "foo[/]bar"},
    {false, true, "foo/bar", "foo[^a-z]bar"},
    {true, true, "foo-bar", "f[^eiu][^eiu][^eiu][^eiu][^eiu]r"},
    {true, false, "foo", "**/foo"},
    {true, true, "XXX/foo", "**/foo"},
    {true, true, "bar/baz/foo", "**/foo"},
    {false, true, "bar/baz/foo", "*/foo"},
    {false, true, "foo/bar/baz", "**/bar*"},
    {true, true, "deep/foo/bar/baz", "**/bar/*"},
    {false, true, "deep/foo/bar/baz/", "**/bar/*"},
    {true, true, "deep/foo/bar/baz/", "**/bar/**"},
    {false, false, "deep/foo/bar", "**/bar/*"},
    {true, true, "deep/foo/bar/", "**/bar/**"},
    {false, true, "foo/bar/baz", "**/bar**"},
    {true, true, "foo/bar/baz/x", "*/bar/**"},
    {false, true, "deep/foo/bar/baz/x", "*/bar/**"},
    {true, true, "deep/foo/bar/baz/x", "**/bar/*/*"},
    /* brackets */
    {false, false, "acrt", "a[c-c]st"},
    {true, true, "acrt", "a[c-c]rt"},
    {false, false, "]", "[!]-]"},
    {true, true, "a", "[!]-]"},
    {false, false, "", "\\"},
    {false, false, "\\", "\\"},
    {false, false, "XXX/\\", "*/\\"},
    {true, true, "XXX/\\", "*/\\\\"},
    {true, true, "@foo", "@foo"},
    {false, false, "foo", "@foo"},
    {true, true, "[ab]", "\\[ab]"},
    {true, true, "[ab]", "[[]ab]"},
    {true, true, "[ab]", "[[:]ab]"},
    {false, false, "[ab]", "[[::]ab]"},
    {true, true, "[ab]", "[[:digit]ab]"},
    {true, true, "[ab]", "[\\[:]ab]"},
    {true, true, "?a?b", "\\??\\?b"},
    {true, true, "abc", "\\a\\b\\c"},
    {false, false, "foo", ""},
    {true, true, "foo/bar/baz/to", "**/t[o]"},
    /* character classes */
    {true, true, "a1B", "[[:alpha:]][[:digit:]][[:upper:]]"},
    {false, false, "a", "[[:digit:][:upper:][:space:]]"},
    {true, true, "A", "[[:digit:][:upper:][:space:]]"},
    {true, true, "1", "[[:digit:][:upper:][:space:]]"},
    {false, false, "1", "[[:digit:][:upper:][:spaci:]]"},
    {true, true, " ", "[[:digit:][:upper:][:space:]]"},
    {false, false, ".", "[[:digit:][:upper:][:space:]]"},
    {true, true, ".", "[[:digit:][:punct:][:space:]]"},
    {true, true, "5", "[[:xdigit:]]"},
    {true, true, "f", "[[:xdigit:]]"},
    {true, true, "D", "[[:xdigit:]]"},
    {true, true, "_",
     "[[:alnum:][:alpha:][:blank:][:cntrl:][:digit:][:graph:][:lower:][:print:]["
     ":punct:][:space:][:upper:][:xdigit:]]"},
    {true, true, "5", "[a-c[:digit:]x-z]"},
    {true, true, "b", "[a-c[:digit:]x-z]"},
    {true, true, "y", "[a-c[:digit:]x-z]"},
    {false, false, "q", "[a-c[:digit:]x-z]"},
    /* long and pathological */
    {true, true, "-adobe-courier-bold-o-normal--12-120-75-75-m-70-iso8859-1",
     "-*-*-*-*-*-*-12-*-*-*-m-*-*-*"},
    {false, false, "-adobe-courier-bold-o-normal--12-120-75-75-X-70-iso8859-1",
     "-*-*-*-*-*-*-12-*-*-*-m-*-*-*"},
    {false, false, "XXX/adobe/courier/bold/o/normal//12/120/75/75/X/70/iso8859/1",
     "XXX/*/*/*/*/*/*/12/*/*/*/m/*/*/*"},
    {true, true, "abcd/abcdefg/abcdefghijk/abcdefghijklmnop.txt", "**/*a*b*g*n*t"},
    {false, false, "abcd/abcdefg/abcdefghijk/abcdefghijklmnop.txtz", "**/*a*b*g*n*t"},
    {true, true, "foo/bba/arr", "*/*/*"},
    {false, true, "foo/bb/aa/rr", "*/*/*"},
    {true, true, "foo/bb/aa/rr", "**/**/**"},
    {true, true, "abcXdefXghi", "*X*i"},
    {false, true, "ab/cXd/efXg/hi", "*X*i"},
    {true, true, "ab/cXd/efXg/hi", "*/*X*/*/*i"},
    {true, true, "ab/cXd/efXg/hi", "**/*X*/**/*i"},
    {false, false, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "*a*a*a*a*a*a*a*a*a*a*a*a*a*c"},
};

static void test_wildmatch_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof wild_cases / sizeof wild_cases[0]; i++) {
        const struct wild_case *c = &wild_cases[i];
        bool pathname = gitignore_wildmatch(c->pattern, c->text, true);
        bool plain = gitignore_wildmatch(c->pattern, c->text, false);
        if (pathname != c->pathname_result || plain != c->plain_result)
            fail_msg("wildmatch('%s', '%s'): pathname %d (want %d), plain %d (want %d)", c->pattern,
                     c->text, pathname, c->pathname_result, plain, c->plain_result);
    }
}

/* ---- ignore files ---- */

struct check {
    const char *path;
    bool is_dir;
    bool ignored; /* what git says, parent directories included */
};

struct ignore_case {
    const char *name;
    const char *root;     /* text of the top .gitignore */
    const char *sub_base; /* a second .gitignore's directory, or NULL */
    const char *sub_text;
    struct check checks[12];
};

static const struct ignore_case ignore_cases[] = {
    {"comments and blank lines",
     "# a comment\n\n   \n*.o\n\\#hash\n",
     NULL,
     NULL,
     {{"a.o", false, true},
      {"# a comment", false, false},
      {"#hash", false, true},
      {"keep.c", false, false}}},
    {"trailing spaces and escaped spaces",
     "foo   \nbar\\ \nbaz\\  \n",
     NULL,
     NULL,
     {{"foo", false, true},
      {"bar ", false, true},
      {"bar", false, false},
      {"baz ", false, true},
      {"baz  ", false, false}}},
    {"CRLF line ends and a byte order mark",
     "\xEF\xBB\xBF"
     "first\r\nsecond\r\n",
     NULL,
     NULL,
     {{"first", false, true}, {"second", false, true}, {"third", false, false}}},
    {"negation: last match wins",
     "*.log\n!keep.log\n",
     NULL,
     NULL,
     {{"a.log", false, true},
      {"keep.log", false, false},
      {"dir/keep.log", false, false},
      {"dir/b.log", false, true}}},
    {"negation before the pattern has no effect",
     "!keep.txt\n*.txt\n",
     NULL,
     NULL,
     {{"keep.txt", false, true}, {"other.txt", false, true}}},
    {"escaped ! and a lone !",
     "\\!important\n!\n",
     NULL,
     NULL,
     {{"!important", false, true}, {"important", false, false}}},
    {"directory-only patterns",
     "build/\nout/\n",
     NULL,
     NULL,
     {{"build", true, true},
      {"src/build", true, true},
      {"src/build/x.c", false, true},
      {"out", false, false},
      {"src/out", false, false}}},
    {"leading slash anchors to the ignore file's directory",
     "/root.txt\n/only/\n",
     NULL,
     NULL,
     {{"root.txt", false, true},
      {"a/root.txt", false, false},
      {"only", true, true},
      {"a/only", true, false}}},
    {"a middle slash anchors too",
     "doc/frotz\ndoc/*.txt\n",
     NULL,
     NULL,
     {{"doc/frotz", false, true},
      {"a/doc/frotz", false, false},
      {"doc/a.txt", false, true},
      {"doc/sub/a.txt", false, false}}},
    {"no slash matches at any depth",
     "frotz/\n*.tmp\nname\n",
     NULL,
     NULL,
     {{"frotz", true, true},
      {"a/frotz", true, true},
      {"a/b/x.tmp", false, true},
      {"a/name", false, true},
      {"b/name", true, true}}},
    {"leading **/",
     "**/foo\n**/bar/baz\n",
     NULL,
     NULL,
     {{"foo", false, true},
      {"a/b/foo", false, true},
      {"bar/baz", false, true},
      {"x/bar/baz", false, true},
      {"bar/x/baz", false, false}}},
    {"trailing /**",
     "abc/**\n",
     NULL,
     NULL,
     {{"abc", true, false},
      {"abc/x", true, true},
      {"abc/x/y", false, true},
      {"x/abc/y", false, false}}},
    {"trailing /** with a re-included file",
     "abc/**\n!abc/keep\n",
     NULL,
     NULL,
     {{"abc/keep", false, false}, {"abc/other", false, true}}},
    {"middle /**/",
     "a/**/b\n",
     NULL,
     NULL,
     {{"a/b", false, true},
      {"a/x/b", false, true},
      {"a/x/y/b", false, true},
      {"a/xb", false, false},
      {"b", false, false}}},
    {"** that is not a whole component is a *",
     "x**y\n",
     NULL,
     NULL,
     {{"xay", false, true}, {"sub/xaay", false, true}, {"xa", false, false}}},
    {"character classes and ?",
     "*.[oa]\nfile?.c\n[!a-c]*.md\n",
     NULL,
     NULL,
     {{"x.o", false, true},
      {"x.a", false, true},
      {"x.c", false, false},
      {"file1.c", false, true},
      {"file10.c", false, false},
      {"readme.md", false, true},
      {"about.md", false, false}}},
    {"a file in an excluded directory cannot be re-included",
     "logs/\n!logs/keep.log\n",
     NULL,
     NULL,
     {{"logs/keep.log", false, true}, {"logs", true, true}}},
    {"excluding the contents, not the directory, allows re-inclusion",
     "/logs/*\n!/logs/keep.log\n",
     NULL,
     NULL,
     {{"logs/keep.log", false, false}, {"logs/other.log", false, true}, {"logs", true, false}}},
    {"gitignore(5) example: exclude everything except foo/bar",
     "/*\n!/foo\n/foo/*\n!/foo/bar\n",
     NULL,
     NULL,
     {{"foo/bar", true, false},
      {"foo/baz", false, true},
      {"top", false, true},
      {"foo/bar/deep", false, false}}},
    {"deeper ignore files override shallower ones",
     "*.log\n!important.txt\n",
     "sub",
     "!debug.log\n*.txt\n",
     {{"debug.log", false, true},
      {"sub/debug.log", false, false},
      {"sub/other.log", false, true},
      {"sub/important.txt", false, true},
      {"important.txt", false, false}}},
    {"patterns in a subdirectory's file are relative to it",
     "",
     "sub",
     "/anchored\nmid/dle\nloose\n",
     {{"anchored", false, false},
      {"sub/anchored", false, true},
      {"sub/x/anchored", false, false},
      {"sub/mid/dle", false, true},
      {"mid/dle", false, false},
      {"sub/x/loose", false, true},
      {"loose", false, false}}},
    {"a trailing backslash matches nothing",
     "foo\\\n",
     NULL,
     NULL,
     {{"foo", false, false}, {"foo\\", false, false}}},
    {"* and ** alone",
     "*\n!*.keep\n",
     NULL,
     NULL,
     {{"a", false, true}, {"x.keep", false, false}, {"d", true, true}}},
};

/* What the matcher says for `path`, applying the parent-directory rule the
 * way a walk does: each leading directory is checked with the ignore files
 * above it, and an excluded one decides. */
static bool matcher_says(const struct gitignore *root, const struct gitignore *sub,
                         const char *path, bool is_dir)
{
    struct gitignore_stack stack = GITIGNORE_STACK_INIT;
    gitignore_stack_push(&stack, root);
    bool sub_pushed = false;
    bool ignored = false;
    for (const char *slash = strchr(path, '/'); slash; slash = strchr(slash + 1, '/')) {
        char *dir = xstrndup(path, (size_t)(slash - path));
        if (gitignore_stack_is_ignored(&stack, dir, true))
            ignored = true;
        if (sub && !sub_pushed && strcmp(dir, sub->base) == 0) {
            gitignore_stack_push(&stack, sub);
            sub_pushed = true;
        }
        free(dir);
        if (ignored)
            break;
    }
    if (!ignored)
        ignored = gitignore_stack_is_ignored(&stack, path, is_dir);
    gitignore_stack_release(&stack);
    return ignored;
}

static bool git_says(const char *repo, const char *path)
{
    const char *args[] = {"check-ignore", "-q", "--no-index", "--", path, NULL};
    int status = run_git(repo, args);
    assert_true(status == 0 || status == 1);
    return status == 0;
}

static void test_ignore_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof ignore_cases / sizeof ignore_cases[0]; i++) {
        const struct ignore_case *c = &ignore_cases[i];
        struct gitignore *root = gitignore_parse("", c->root, strlen(c->root));
        struct gitignore *sub =
            c->sub_base ? gitignore_parse(c->sub_base, c->sub_text, strlen(c->sub_text)) : NULL;
        for (size_t j = 0; j < 12 && c->checks[j].path; j++) {
            const struct check *check = &c->checks[j];
            bool got = matcher_says(root, sub, check->path, check->is_dir);
            if (got != check->ignored)
                fail_msg("%s: '%s'%s ignored=%d, want %d", c->name, check->path,
                         check->is_dir ? "/" : "", got, check->ignored);
        }
        gitignore_free(root);
        gitignore_free(sub);
    }
}

/* The same table, asked of git itself: proves the expectations above. */
static void test_ignore_cases_agree_with_git(void **state)
{
    (void)state;
    if (!git_available())
        skip();
    for (size_t i = 0; i < sizeof ignore_cases / sizeof ignore_cases[0]; i++) {
        const struct ignore_case *c = &ignore_cases[i];
        char repo[] = "/tmp/prodready-gitignore-XXXXXX";
        assert_non_null(mkdtemp(repo));
        const char *init[] = {"init", "-q", NULL};
        assert_int_equal(run_git(repo, init), 0);
        struct strbuf path = STRBUF_INIT;
        strbuf_printf(&path, "%s/.gitignore", repo);
        write_file(path.data, c->root);
        if (c->sub_base) {
            create_path(repo, c->sub_base, true);
            strbuf_reset(&path);
            strbuf_printf(&path, "%s/%s/.gitignore", repo, c->sub_base);
            write_file(path.data, c->sub_text);
        }
        strbuf_release(&path);
        for (size_t j = 0; j < 12 && c->checks[j].path; j++) {
            const struct check *check = &c->checks[j];
            create_path(repo, check->path, check->is_dir);
            bool got = git_says(repo, check->path);
            if (got != check->ignored)
                fail_msg("git disagrees with the table: %s: '%s' ignored=%d", c->name, check->path,
                         got);
        }
        remove_tree(repo);
    }
}

static void test_parse_details(void **state)
{
    (void)state;
    const char text[] = "# comment\n\n!\n/\n!/\n   \n*.o\n!keep.o\nbuild/\n/anchored\n";
    struct gitignore *list = gitignore_parse("", text, strlen(text));
    /* Only real patterns are kept. */
    assert_int_equal(list->count, 4);
    assert_string_equal(list->base, "");
    assert_int_equal(gitignore_match(list, "x.o", false), GITIGNORE_EXCLUDED);
    assert_int_equal(gitignore_match(list, "keep.o", false), GITIGNORE_INCLUDED);
    assert_int_equal(gitignore_match(list, "x.c", false), GITIGNORE_UNDECIDED);
    assert_int_equal(gitignore_match(list, "build", false), GITIGNORE_UNDECIDED);
    assert_int_equal(gitignore_match(list, "build", true), GITIGNORE_EXCLUDED);
    gitignore_free(list);

    /* No trailing newline, embedded NUL. */
    const char tail[] = "a\nlast";
    list = gitignore_parse("", tail, sizeof tail - 1);
    assert_int_equal(list->count, 2);
    assert_int_equal(gitignore_match(list, "last", false), GITIGNORE_EXCLUDED);
    gitignore_free(list);
    const char nul[] = "ab\0cd\nef\n";
    list = gitignore_parse("", nul, sizeof nul - 1);
    assert_int_equal(gitignore_match(list, "ab", false), GITIGNORE_EXCLUDED);
    assert_int_equal(gitignore_match(list, "ef", false), GITIGNORE_EXCLUDED);
    gitignore_free(list);

    /* Empty input. */
    list = gitignore_parse("deep/dir", "", 0);
    assert_int_equal(list->count, 0);
    assert_string_equal(list->base, "deep/dir");
    gitignore_free(list);
    gitignore_free(NULL);
}

static void test_base_scoping(void **state)
{
    (void)state;
    const char text[] = "/top\nany\n";
    struct gitignore *list = gitignore_parse("a/b", text, strlen(text));
    assert_int_equal(gitignore_match(list, "a/b/top", false), GITIGNORE_EXCLUDED);
    assert_int_equal(gitignore_match(list, "a/b/c/top", false), GITIGNORE_UNDECIDED);
    assert_int_equal(gitignore_match(list, "a/b/c/any", false), GITIGNORE_EXCLUDED);
    /* Paths outside the file's directory are never decided by it. */
    assert_int_equal(gitignore_match(list, "top", false), GITIGNORE_UNDECIDED);
    assert_int_equal(gitignore_match(list, "any", false), GITIGNORE_UNDECIDED);
    assert_int_equal(gitignore_match(list, "a/bany", false), GITIGNORE_UNDECIDED);
    assert_int_equal(gitignore_match(list, "a/b", true), GITIGNORE_UNDECIDED);
    gitignore_free(list);
}

static void test_stack_precedence(void **state)
{
    (void)state;
    const char global_text[] = "*.swp\n*.log\n";
    const char root_text[] = "!*.log\n";
    const char sub_text[] = "*.log\n";
    struct gitignore *global = gitignore_parse("", global_text, strlen(global_text));
    struct gitignore *root = gitignore_parse("", root_text, strlen(root_text));
    struct gitignore *sub = gitignore_parse("sub", sub_text, strlen(sub_text));
    struct gitignore_stack stack = GITIGNORE_STACK_INIT;

    assert_false(gitignore_stack_is_ignored(&stack, "a.log", false));
    gitignore_stack_push(&stack, global);
    assert_true(gitignore_stack_is_ignored(&stack, "a.log", false));
    gitignore_stack_push(&stack, root);
    assert_false(gitignore_stack_is_ignored(&stack, "a.log", false));
    assert_true(gitignore_stack_is_ignored(&stack, "a.swp", false));
    gitignore_stack_push(&stack, sub);
    assert_true(gitignore_stack_is_ignored(&stack, "sub/a.log", false));
    assert_false(gitignore_stack_is_ignored(&stack, "a.log", false));
    gitignore_stack_pop(&stack);
    assert_false(gitignore_stack_is_ignored(&stack, "sub/a.log", false));
    gitignore_stack_pop(&stack);
    gitignore_stack_pop(&stack);
    gitignore_stack_pop(&stack); /* popping an empty stack is harmless */
    assert_int_equal(stack.count, 0);

    gitignore_stack_release(&stack);
    gitignore_free(global);
    gitignore_free(root);
    gitignore_free(sub);
}

static void test_pathological_pattern_is_fast(void **state)
{
    (void)state;
    /* A hostile ignore line far longer than any path is dropped, not
     * matched with one recursion per star. */
    size_t huge = 1u << 20;
    char *line = xmalloc(huge + 1);
    for (size_t i = 0; i < huge; i++)
        line[i] = i % 2 ? 'a' : '*';
    line[huge] = '\0';
    struct gitignore *list = gitignore_parse("", line, huge);
    assert_int_equal(list->count, 0);
    assert_int_equal(gitignore_match(list, "aaaa", false), GITIGNORE_UNDECIDED);
    gitignore_free(list);
    free(line);

    /* wildmatch's abort codes keep this linear-ish; a naive matcher takes
     * exponential time here. */
    char text[201];
    memset(text, 'a', 200);
    text[200] = '\0';
    assert_false(gitignore_wildmatch("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", text, true));
    assert_false(gitignore_wildmatch("**/*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", text, true));
}

/* Found by fuzzing: many "**" components in a row backtrack exponentially;
 * the matcher's step budget must end such a match quickly (this test would
 * otherwise run for hours and hit ctest's timeout). */
static void strncat_safe(char *buffer, size_t size, const char *text)
{
    size_t used = strlen(buffer), extra = strlen(text);
    if (used + extra + 1 <= size) {
        memcpy(buffer + used, text, extra + 1);
    }
}

static void test_wildmatch_pathological_pattern_ends(void **state)
{
    (void)state;
    char pattern[400] = "";
    for (int i = 0; i < 40; i++)
        strncat_safe(pattern, sizeof(pattern), "**/");
    strncat_safe(pattern, sizeof(pattern), "zz");
    char text[400] = "";
    for (int i = 0; i < 60; i++)
        strncat_safe(text, sizeof(text), "a/");
    strncat_safe(text, sizeof(text), "b");
    assert_false(gitignore_wildmatch(pattern, text, true));
    /* Ordinary double-star patterns still match. */
    assert_true(gitignore_wildmatch("**/b", text, true));
}

int main(void)
{
    /* The user's own excludes must not leak into git's answers. */
    setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
    setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
    unsetenv("XDG_CONFIG_HOME");
    setenv("HOME", "/nonexistent", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wildmatch_pathological_pattern_ends),
        cmocka_unit_test(test_wildmatch_table),
        cmocka_unit_test(test_ignore_cases),
        cmocka_unit_test(test_ignore_cases_agree_with_git),
        cmocka_unit_test(test_parse_details),
        cmocka_unit_test(test_base_scoping),
        cmocka_unit_test(test_stack_precedence),
        cmocka_unit_test(test_pathological_pattern_is_fast),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
