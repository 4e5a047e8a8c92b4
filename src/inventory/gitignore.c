/*
 * gitignore: git's ignore-file syntax and matching order (gitignore(5)), so
 * that a directory walk outside git — and the untracked-file scan inside
 * git — skip what `git status` would skip.
 *
 * The matching follows git's own dir.c and wildmatch.c behaviour, including
 * the corner cases the manual only hints at: a pattern without a slash
 * matches the basename at any depth, a leading or middle slash anchors it to
 * the ignore file's directory, "**" is special only between slashes, a
 * trailing "/" restricts a pattern to directories, and "*" never crosses '/'
 * in anchored patterns. It must not read files or know about inventories.
 */
#include "inventory/gitignore.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* Matching recurses once per '*' run, so a hostile ignore file with a
 * megabyte-long "*a*a*a..." line could exhaust the stack. No real pattern
 * comes near this length (git's own PATH_MAX-sized paths could not match
 * one), so longer lines are dropped. */
#define GITIGNORE_MAX_PATTERN 4096

enum pattern_flags {
    PATTERN_NEGATED = 1u << 0,   /* "!pattern": re-includes */
    PATTERN_DIR_ONLY = 1u << 1,  /* "pattern/": matches directories only */
    PATTERN_BASENAME = 1u << 2,  /* no slash: matches the last path component at any depth */
    PATTERN_ENDS_WITH = 1u << 3, /* "*literal": a suffix comparison is enough */
};

struct gitignore_pattern {
    char *text; /* without '!', trailing '/' and (if anchored) leading '/' */
    size_t length;
    size_t literal_prefix; /* leading bytes free of glob specials: compared with memcmp */
    unsigned flags;
};

/* ---- wildmatch ---- */

enum wild_result {
    WILD_MATCH,
    WILD_NOMATCH,
    /* The text ran out: no later starting point can match either. */
    WILD_ABORT_ALL,
    /* A single '*' met a '/': only an enclosing '**' may still match. */
    WILD_ABORT_TO_STARSTAR,
};

static bool is_glob_special(unsigned char c)
{
    return c == '*' || c == '?' || c == '[' || c == '\\';
}

/* ASCII-only classes, like git's sane_ctype: the result must not depend on
 * the process locale. */
static bool class_contains(const unsigned char *name, size_t length, unsigned char c, bool *known)
{
    bool upper = c >= 'A' && c <= 'Z';
    bool lower = c >= 'a' && c <= 'z';
    bool digit = c >= '0' && c <= '9';
    bool space = c == ' ' || (c >= '\t' && c <= '\r');
    bool print = c >= 0x20 && c < 0x7f;
    static const char *const names[] = {"alnum", "alpha", "blank", "cntrl", "digit", "graph",
                                        "lower", "print", "punct", "space", "upper", "xdigit"};
    size_t which = sizeof names / sizeof names[0];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strlen(names[i]) == length && memcmp(names[i], name, length) == 0) {
            which = i;
            break;
        }
    }
    *known = true;
    switch (which) {
    case 0:
        return upper || lower || digit;
    case 1:
        return upper || lower;
    case 2:
        return c == ' ' || c == '\t';
    case 3:
        return c < 0x20 || c == 0x7f;
    case 4:
        return digit;
    case 5:
        return print && c != ' ';
    case 6:
        return lower;
    case 7:
        return print;
    case 8:
        return print && c != ' ' && !upper && !lower && !digit;
    case 9:
        return space;
    case 10:
        return upper;
    case 11:
        return digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    default:
        *known = false;
        return false;
    }
}

/* Matches a bracket expression starting just after '['. On return *pp points
 * at its closing ']'. Returns WILD_MATCH / WILD_NOMATCH for `t`, or
 * WILD_ABORT_ALL for a malformed class (git treats those as never matching). */
static enum wild_result match_bracket(const unsigned char **pp, unsigned char t)
{
    const unsigned char *p = *pp;
    unsigned char c = *p;
    bool negated = false;
    if (c == '!' || c == '^') {
        negated = true;
        c = *++p;
    }
    unsigned char previous = 0;
    bool matched = false;
    /* A ']' right after '[' or '[!' is a literal member, hence do-while. */
    do {
        if (c == '\0')
            return WILD_ABORT_ALL;
        if (c == '\\') {
            c = *++p;
            if (c == '\0')
                return WILD_ABORT_ALL;
            if (t == c)
                matched = true;
        } else if (c == '-' && previous && p[1] && p[1] != ']') {
            c = *++p;
            if (c == '\\') {
                c = *++p;
                if (c == '\0')
                    return WILD_ABORT_ALL;
            }
            if (t <= c && t >= previous)
                matched = true;
            c = 0; /* a range end cannot start another range */
        } else if (c == '[' && p[1] == ':') {
            const unsigned char *name = p + 2;
            const unsigned char *end = name;
            while (*end && *end != ']')
                end++;
            if (*end == '\0')
                return WILD_ABORT_ALL;
            if (end - name < 1 || end[-1] != ':') {
                /* No ":]": the '[' is an ordinary member. */
                if (t == '[')
                    matched = true;
                c = '[';
            } else {
                bool known;
                if (class_contains(name, (size_t)(end - name - 1), t, &known))
                    matched = true;
                if (!known)
                    return WILD_ABORT_ALL;
                p = end;
                c = 0;
            }
        } else if (t == c) {
            matched = true;
        }
        previous = c;
        c = *++p;
    } while (c != ']');
    *pp = p;
    return matched != negated ? WILD_MATCH : WILD_NOMATCH;
}

/* Upper bound on the calls one match may make. Nested double-star runs
 * (a pattern of many "**" components in a row) still backtrack exponentially (in git too; found by
 * fuzzing); no real ignore file comes near this, and a pattern that does is
 * treated as not matching rather than stalling the audit. */
enum { WILD_STEP_BUDGET = 200000 };

static enum wild_result wild(const unsigned char *p, const unsigned char *text,
                             const unsigned char *pattern_start, bool pathname, size_t *steps)
{
    if (++*steps > WILD_STEP_BUDGET)
        return WILD_ABORT_ALL;
    for (; *p != '\0'; text++, p++) {
        unsigned char t = *text;
        unsigned char c = *p;
        if (t == '\0' && c != '*')
            return WILD_ABORT_ALL;
        switch (c) {
        case '\\':
            /* The next byte is literal; a trailing backslash matches nothing
             * because `t` is not NUL here. */
            c = *++p;
            if (t != c)
                return WILD_NOMATCH;
            continue;
        case '?':
            if (pathname && t == '/')
                return WILD_NOMATCH;
            continue;
        case '[': {
            p++;
            enum wild_result r = match_bracket(&p, t);
            if (r == WILD_ABORT_ALL)
                return r;
            if (r == WILD_NOMATCH || (pathname && t == '/'))
                return WILD_NOMATCH;
            continue;
        }
        case '*':
            break;
        default:
            if (t != c)
                return WILD_NOMATCH;
            continue;
        }

        /* '*' or a run of them. */
        bool match_slash;
        if (p[1] == '*') {
            bool component_start = p == pattern_start || p[-1] == '/';
            while (p[1] == '*')
                p++;
            p++; /* first byte after the run */
            if (!pathname) {
                match_slash = true;
            } else if (component_start &&
                       (*p == '\0' || *p == '/' || (p[0] == '\\' && p[1] == '/'))) {
                /* A whole-component "**" followed by a slash may stand for
                 * zero directories ("a/<**>/b" matches "a/b"), so try the
                 * rest of the pattern right here first. */
                if (*p == '/' && wild(p + 1, text, pattern_start, pathname, steps) == WILD_MATCH)
                    return WILD_MATCH;
                match_slash = true;
            } else {
                match_slash = false; /* "a**b": just a '*' */
            }
        } else {
            p++;
            match_slash = !pathname;
        }

        if (*p == '\0') {
            /* Trailing "**" matches everything; a trailing '*' only the rest
             * of this component. */
            if (!match_slash && strchr((const char *)text, '/'))
                return WILD_ABORT_TO_STARSTAR;
            return WILD_MATCH;
        }
        if (!match_slash && *p == '/') {
            /* "*" followed by "/": skip to the next slash in the text. */
            const char *slash = strchr((const char *)text, '/');
            if (!slash)
                return WILD_ABORT_ALL;
            text = (const unsigned char *)slash;
            continue; /* the loop consumes the slash in both strings */
        }
        for (;;) {
            if (t == '\0')
                break;
            if (!is_glob_special(*p)) {
                /* A literal follows the star: skip ahead to its next
                 * occurrence instead of recursing at every byte. */
                while ((t = *text) != '\0' && (match_slash || t != '/')) {
                    if (t == *p)
                        break;
                    text++;
                }
                /* The literal is nowhere in reach: no other split of the
                 * text can match either. Aborting here (as git does since
                 * 2.39.2) is what keeps "*a*a*a...b" from taking
                 * exponential time. */
                if (t != *p)
                    return match_slash ? WILD_ABORT_ALL : WILD_ABORT_TO_STARSTAR;
            }
            enum wild_result r = wild(p, text, pattern_start, pathname, steps);
            if (r != WILD_NOMATCH) {
                if (!match_slash || r != WILD_ABORT_TO_STARSTAR)
                    return r;
            } else if (!match_slash && t == '/') {
                return WILD_ABORT_TO_STARSTAR;
            }
            t = *++text;
        }
        return WILD_ABORT_ALL;
    }
    return *text ? WILD_NOMATCH : WILD_MATCH;
}

bool gitignore_wildmatch(const char *pattern, const char *text, bool pathname)
{
    const unsigned char *p = (const unsigned char *)pattern;
    size_t steps = 0;
    return wild(p, (const unsigned char *)text, p, pathname, &steps) == WILD_MATCH;
}

/* ---- parsing ---- */

/* Removes unescaped trailing spaces (git keeps "\ " as a literal space and
 * leaves the backslash for wildmatch to consume). */
static size_t trim_trailing_spaces(const char *line, size_t length)
{
    size_t keep = length;
    while (keep > 0 && line[keep - 1] == ' ') {
        /* Count the backslashes before this space: an odd number escapes it. */
        size_t slashes = 0;
        while (slashes < keep - 1 && line[keep - 2 - slashes] == '\\')
            slashes++;
        if (slashes % 2 == 1)
            break;
        keep--;
    }
    return keep;
}

static void add_pattern(struct gitignore *list, size_t *capacity, const char *line, size_t length)
{
    unsigned flags = 0;
    if (length > 0 && line[0] == '!') {
        flags |= PATTERN_NEGATED;
        line++;
        length--;
    }
    if (length > 0 && line[length - 1] == '/') {
        flags |= PATTERN_DIR_ONLY;
        length--;
    }
    if (length == 0)
        return; /* "!", "/" or "!/": nothing to match */
    if (length > GITIGNORE_MAX_PATTERN)
        return;
    if (!memchr(line, '/', length)) {
        flags |= PATTERN_BASENAME;
    } else if (line[0] == '/') {
        /* Anchoring is implied by the slash; drop it to compare relative paths. */
        line++;
        length--;
        if (length == 0)
            return;
    }
    size_t literal = 0;
    while (literal < length && !is_glob_special((unsigned char)line[literal]))
        literal++;
    if ((flags & PATTERN_BASENAME) && line[0] == '*' && length > 1) {
        bool rest_literal = true;
        for (size_t i = 1; i < length; i++) {
            if (is_glob_special((unsigned char)line[i])) {
                rest_literal = false;
                break;
            }
        }
        if (rest_literal)
            flags |= PATTERN_ENDS_WITH;
    }
    list->patterns = xgrow(list->patterns, capacity, list->count + 1, sizeof *list->patterns);
    struct gitignore_pattern *pattern = &list->patterns[list->count++];
    pattern->text = xstrndup(line, length);
    pattern->length = length;
    pattern->literal_prefix = literal;
    pattern->flags = flags;
}

struct gitignore *gitignore_parse(const char *base, const char *text, size_t length)
{
    struct gitignore *list = xcalloc(1, sizeof *list);
    list->base = xstrdup(base);
    list->base_length = strlen(base);
    size_t capacity = 0;

    size_t at = 0;
    if (length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        at = 3;
    while (at < length) {
        const char *line = text + at;
        const char *newline = memchr(line, '\n', length - at);
        size_t line_length = newline ? (size_t)(newline - line) : length - at;
        at += line_length + (newline ? 1 : 0);
        if (line_length > 0 && line[line_length - 1] == '\r')
            line_length--;
        if (line_length == 0 || line[0] == '#')
            continue;
        /* An embedded NUL would truncate the pattern silently in git too;
         * cut there so both agree. */
        const char *nul = memchr(line, '\0', line_length);
        if (nul)
            line_length = (size_t)(nul - line);
        line_length = trim_trailing_spaces(line, line_length);
        add_pattern(list, &capacity, line, line_length);
    }
    return list;
}

void gitignore_free(struct gitignore *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->count; i++)
        free(list->patterns[i].text);
    free(list->patterns);
    free(list->base);
    free(list);
}

/* ---- matching ---- */

static bool match_basename(const struct gitignore_pattern *pattern, const char *name,
                           size_t name_length)
{
    if (pattern->literal_prefix == pattern->length)
        return name_length == pattern->length && memcmp(name, pattern->text, name_length) == 0;
    if (pattern->flags & PATTERN_ENDS_WITH) {
        size_t suffix = pattern->length - 1;
        return name_length >= suffix &&
               memcmp(name + name_length - suffix, pattern->text + 1, suffix) == 0;
    }
    return gitignore_wildmatch(pattern->text, name, false);
}

/* `relative` is the path relative to the ignore file's directory. */
static bool match_pathname(const struct gitignore_pattern *pattern, const char *relative,
                           size_t relative_length)
{
    size_t prefix = pattern->literal_prefix;
    if (prefix > 0) {
        if (relative_length < prefix || memcmp(relative, pattern->text, prefix) != 0)
            return false;
        if (prefix == pattern->length)
            return relative_length == prefix;
    }
    /* Like git, match only the rest after the literal prefix. (This also
     * makes a "**" right after the prefix count as a whole component, a
     * quirk of git that is kept so both agree.) */
    const unsigned char *rest = (const unsigned char *)pattern->text + prefix;
    size_t steps = 0;
    return wild(rest, (const unsigned char *)relative + prefix, rest, true, &steps) == WILD_MATCH;
}

enum gitignore_result gitignore_match(const struct gitignore *list, const char *path, bool is_dir)
{
    size_t path_length = strlen(path);
    const char *relative = path;
    size_t relative_length = path_length;
    if (list->base_length > 0) {
        if (path_length <= list->base_length || memcmp(path, list->base, list->base_length) != 0 ||
            path[list->base_length] != '/')
            return GITIGNORE_UNDECIDED;
        relative = path + list->base_length + 1;
        relative_length = path_length - list->base_length - 1;
    }
    const char *slash = strrchr(relative, '/');
    const char *name = slash ? slash + 1 : relative;
    size_t name_length = relative_length - (size_t)(name - relative);

    /* The last matching pattern wins, so scan backwards and stop early. */
    for (size_t i = list->count; i-- > 0;) {
        const struct gitignore_pattern *pattern = &list->patterns[i];
        if ((pattern->flags & PATTERN_DIR_ONLY) && !is_dir)
            continue;
        bool hit = (pattern->flags & PATTERN_BASENAME)
                       ? match_basename(pattern, name, name_length)
                       : match_pathname(pattern, relative, relative_length);
        if (hit)
            return (pattern->flags & PATTERN_NEGATED) ? GITIGNORE_INCLUDED : GITIGNORE_EXCLUDED;
    }
    return GITIGNORE_UNDECIDED;
}

void gitignore_stack_push(struct gitignore_stack *stack, const struct gitignore *list)
{
    stack->lists = xgrow(stack->lists, &stack->capacity, stack->count + 1, sizeof *stack->lists);
    stack->lists[stack->count++] = list;
}

void gitignore_stack_pop(struct gitignore_stack *stack)
{
    if (stack->count > 0)
        stack->count--;
}

void gitignore_stack_release(struct gitignore_stack *stack)
{
    free(stack->lists);
    stack->lists = NULL;
    stack->count = 0;
    stack->capacity = 0;
}

bool gitignore_stack_is_ignored(const struct gitignore_stack *stack, const char *path, bool is_dir)
{
    /* Deeper files override shallower ones: the first decision from the top
     * of the stack is final. */
    for (size_t i = stack->count; i-- > 0;) {
        enum gitignore_result result = gitignore_match(stack->lists[i], path, is_dir);
        if (result != GITIGNORE_UNDECIDED)
            return result == GITIGNORE_EXCLUDED;
    }
    return false;
}
