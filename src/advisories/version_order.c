/*
 * version_order: each ecosystem's version grammar and precedence, written
 * from the ecosystem's own specification (cited at each section), so that
 * OSV affected ranges can be evaluated against locked versions.
 *
 * Every comparison walks the two strings in place: no allocation, no copy,
 * no recursion, no number conversion (numbers are compared as digit strings
 * after their leading zeros, so a 10 000-digit segment cannot overflow).
 * Anything a grammar does not accept is VERSION_ORDER_INVALID; this file
 * must never guess at a malformed version. It must not do I/O either.
 */
#include "advisories/version_order.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* ---------------------------------------------------------------------
 * Shared helpers (ASCII only, independent of the C locale)
 * ------------------------------------------------------------------- */

struct vo_span {
    const char *text;
    size_t length;
};

static bool vo_is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool vo_is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool vo_is_alnum(char c)
{
    return vo_is_digit(c) || vo_is_alpha(c);
}

static char vo_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static int vo_sign(int value)
{
    return (value > 0) - (value < 0);
}

/* Compares two decimal digit strings by value: leading zeros are skipped,
 * then the longer is the greater, then the digits decide. An empty string
 * is zero. */
static int vo_digits_cmp(const char *a, size_t an, const char *b, size_t bn)
{
    while (an && *a == '0')
        a++, an--;
    while (bn && *b == '0')
        b++, bn--;
    if (an != bn)
        return an < bn ? -1 : 1;
    return an ? vo_sign(memcmp(a, b, an)) : 0;
}

static bool vo_all_digits(const char *text, size_t length)
{
    for (size_t i = 0; i < length; i++)
        if (!vo_is_digit(text[i]))
            return false;
    return length > 0;
}

/* Byte order, the shorter first on a common prefix; `fold` compares the
 * ASCII lower-case forms. */
static int vo_text_cmp(const char *a, size_t an, const char *b, size_t bn, bool fold)
{
    size_t common = an < bn ? an : bn;
    for (size_t i = 0; i < common; i++) {
        unsigned char ca = (unsigned char)(fold ? vo_lower(a[i]) : a[i]);
        unsigned char cb = (unsigned char)(fold ? vo_lower(b[i]) : b[i]);
        if (ca != cb)
            return ca < cb ? -1 : 1;
    }
    return an == bn ? 0 : (an < bn ? -1 : 1);
}

/* Length of the case-insensitive match of `word` at text[pos], or 0. */
static size_t vo_match_word(const char *text, size_t length, size_t pos, const char *word)
{
    size_t n = strlen(word);
    if (pos > length || length - pos < n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (vo_lower(text[pos + i]) != word[i])
            return 0;
    return n;
}

static size_t vo_digit_run(const char *text, size_t length, size_t pos)
{
    size_t end = pos;
    while (end < length && vo_is_digit(text[end]))
        end++;
    return end - pos;
}

/* ---------------------------------------------------------------------
 * Semantic Versioning 2.0.0 (https://semver.org/spec/v2.0.0.html):
 * npm, cargo, and Go modules (https://go.dev/ref/mod#versions).
 * ------------------------------------------------------------------- */

enum semver_flavor {
    SEMVER_STRICT, /* cargo: MAJOR.MINOR.PATCH exactly as semver.org */
    SEMVER_NPM,    /* node-semver also takes a leading "=" and "v" */
    SEMVER_GO,     /* "v" required; "v1" and "v1.2" abbreviate v1.0.0, v1.2.0 */
};

struct semver {
    struct vo_span core[3]; /* empty span: an abbreviated "0" (Go) */
    struct vo_span pre;     /* without the '-'; text NULL when absent */
};

/* semver.org item 2: a numeric identifier is "0" or has no leading zero. */
static bool semver_numeric_ok(const char *text, size_t length)
{
    return vo_all_digits(text, length) && (length == 1 || text[0] != '0');
}

/* Dot-separated non-empty [0-9A-Za-z-] identifiers from text[*pos]; for a
 * pre-release (items 9 and 11), numeric identifiers may not have leading
 * zeros; build metadata (item 10) may. */
static bool semver_identifiers(const char *text, size_t length, size_t *pos, bool prerelease)
{
    for (;;) {
        size_t start = *pos;
        while (*pos < length && (vo_is_alnum(text[*pos]) || text[*pos] == '-'))
            (*pos)++;
        size_t n = *pos - start;
        if (n == 0)
            return false;
        if (prerelease && vo_all_digits(text + start, n) && !semver_numeric_ok(text + start, n))
            return false;
        if (*pos < length && text[*pos] == '.') {
            (*pos)++;
            continue;
        }
        return true;
    }
}

static bool semver_parse(const char *text, size_t length, enum semver_flavor flavor,
                         struct semver *out)
{
    size_t pos = 0;
    memset(out, 0, sizeof(*out));
    if (flavor == SEMVER_GO) {
        if (length == 0 || text[0] != 'v')
            return false;
        pos = 1;
    } else if (flavor == SEMVER_NPM) {
        if (pos < length && text[pos] == '=')
            pos++;
        if (pos < length && text[pos] == 'v')
            pos++;
    }
    int parts = 0;
    for (; parts < 3; parts++) {
        if (parts > 0) {
            if (pos == length && flavor == SEMVER_GO)
                break; /* Go's "v1" / "v1.2" shorthand, without suffixes */
            if (pos >= length || text[pos] != '.')
                return false;
            pos++;
        }
        size_t n = vo_digit_run(text, length, pos);
        if (!semver_numeric_ok(text + pos, n))
            return false;
        out->core[parts] = (struct vo_span){text + pos, n};
        pos += n;
    }
    if (parts < 3)
        return pos == length;
    if (pos < length && text[pos] == '-') {
        size_t start = ++pos;
        if (!semver_identifiers(text, length, &pos, true))
            return false;
        out->pre = (struct vo_span){text + start, pos - start};
    }
    if (pos < length && text[pos] == '+') {
        pos++;
        if (!semver_identifiers(text, length, &pos, false))
            return false; /* build metadata: checked, then ignored (item 10) */
    }
    return pos == length;
}

/* Next dot-separated identifier of a pre-release at *pos; false at the end. */
static bool vo_next_field(struct vo_span list, size_t *pos, char separator, struct vo_span *field)
{
    if (!list.text || *pos > list.length)
        return false;
    size_t start = *pos;
    while (*pos < list.length && list.text[*pos] != separator)
        (*pos)++;
    *field = (struct vo_span){list.text + start, *pos - start};
    (*pos)++; /* past the separator, or past the end */
    return true;
}

/* semver.org item 11.4: identifiers compared left to right, numeric ones by
 * value and below alphanumeric ones, which compare in ASCII order; a longer
 * list wins a common prefix. `fold` is NuGet's case-insensitive variant. */
static int prerelease_cmp(struct vo_span a, struct vo_span b, bool fold)
{
    size_t pa = 0, pb = 0;
    for (;;) {
        struct vo_span ia = {0}, ib = {0};
        bool ha = vo_next_field(a, &pa, '.', &ia);
        bool hb = vo_next_field(b, &pb, '.', &ib);
        if (!ha || !hb)
            return ha == hb ? 0 : (ha ? 1 : -1);
        bool na = vo_all_digits(ia.text, ia.length);
        bool nb = vo_all_digits(ib.text, ib.length);
        int result;
        if (na && nb)
            result = vo_digits_cmp(ia.text, ia.length, ib.text, ib.length);
        else if (na != nb)
            result = na ? -1 : 1;
        else
            result = vo_text_cmp(ia.text, ia.length, ib.text, ib.length, fold);
        if (result)
            return result;
    }
}

static int semver_cmp(const struct semver *a, const struct semver *b)
{
    for (int i = 0; i < 3; i++) {
        int result =
            vo_digits_cmp(a->core[i].text, a->core[i].length, b->core[i].text, b->core[i].length);
        if (result)
            return result;
    }
    /* Item 11.3: a pre-release sorts before its release. */
    if (!a->pre.text || !b->pre.text)
        return (!a->pre.text) - (!b->pre.text);
    return prerelease_cmp(a->pre, b->pre, false);
}

/* ---------------------------------------------------------------------
 * PyPI: PEP 440 (https://peps.python.org/pep-0440/), accepting every
 * spelling its "Normalization" section allows (the grammar of its
 * "Appendix B: Parsing version strings with regular expressions").
 * ------------------------------------------------------------------- */

struct pep440 {
    struct vo_span epoch;   /* empty: 0 */
    struct vo_span release; /* "1.2.3" */
    int pre_kind;           /* -1 none, 0 a, 1 b, 2 rc */
    struct vo_span pre_number;
    bool has_post;
    struct vo_span post_number;
    bool has_dev;
    struct vo_span dev_number;
    bool has_local;
    struct vo_span local; /* "ubuntu.1" */
};

static bool pep440_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool pep440_is_separator(char c)
{
    return c == '-' || c == '_' || c == '.';
}

/* "[-_.]?" at pos: the position after it. */
static size_t pep440_skip_separator(const char *text, size_t length, size_t pos)
{
    return (pos < length && pep440_is_separator(text[pos])) ? pos + 1 : pos;
}

/* "label [-_.]? number?" after an optional separator, starting at *pos;
 * `labels` are tried longest first so that "preview" is not read as "pre".
 * Returns the index of the label matched, or -1 (then *pos is unchanged). */
static int pep440_labelled(const char *text, size_t length, size_t *pos, const char *const *labels,
                           size_t count, struct vo_span *number)
{
    size_t at = pep440_skip_separator(text, length, *pos);
    for (size_t i = 0; i < count; i++) {
        size_t n = vo_match_word(text, length, at, labels[i]);
        if (!n)
            continue;
        at = pep440_skip_separator(text, length, at + n);
        size_t digits = vo_digit_run(text, length, at);
        *number = (struct vo_span){text + at, digits};
        *pos = at + digits;
        return (int)i;
    }
    return -1;
}

static bool pep440_parse(const char *text, size_t length, struct pep440 *out)
{
    static const char *const pre_labels[] = {"preview", "alpha", "beta", "pre",
                                             "rc",      "a",     "b",    "c"};
    static const int pre_kinds[] = {2, 0, 1, 2, 2, 0, 1, 2};
    static const char *const post_labels[] = {"post", "rev", "r"};
    static const char *const dev_labels[] = {"dev"};
    size_t pos = 0;
    memset(out, 0, sizeof(*out));
    out->pre_kind = -1;
    /* "Leading and Trailing Whitespace", "Preceding v character". */
    while (length && pep440_is_space(text[length - 1]))
        length--;
    while (pos < length && pep440_is_space(text[pos]))
        pos++;
    if (pos < length && (text[pos] == 'v' || text[pos] == 'V'))
        pos++;
    size_t n = vo_digit_run(text, length, pos);
    if (n && pos + n < length && text[pos + n] == '!') {
        out->epoch = (struct vo_span){text + pos, n};
        pos += n + 1;
        n = vo_digit_run(text, length, pos);
    }
    if (!n)
        return false;
    size_t release_start = pos;
    pos += n;
    while (pos + 1 < length && text[pos] == '.' && vo_is_digit(text[pos + 1]))
        pos += 1 + vo_digit_run(text, length, pos + 1);
    out->release = (struct vo_span){text + release_start, pos - release_start};

    int pre = pep440_labelled(text, length, &pos, pre_labels, 8, &out->pre_number);
    if (pre >= 0)
        out->pre_kind = pre_kinds[pre];
    /* "Implicit post releases": 1.0-1 is 1.0.post1. */
    if (pos + 1 < length && text[pos] == '-' && vo_is_digit(text[pos + 1])) {
        size_t digits = vo_digit_run(text, length, pos + 1);
        out->has_post = true;
        out->post_number = (struct vo_span){text + pos + 1, digits};
        pos += 1 + digits;
    } else {
        out->has_post = pep440_labelled(text, length, &pos, post_labels, 3, &out->post_number) >= 0;
    }
    out->has_dev = pep440_labelled(text, length, &pos, dev_labels, 1, &out->dev_number) >= 0;
    if (pos < length && text[pos] == '+') {
        size_t start = ++pos;
        for (;;) {
            size_t segment = pos;
            while (pos < length && vo_is_alnum(text[pos]))
                pos++;
            if (pos == segment)
                return false;
            if (pos + 1 < length && pep440_is_separator(text[pos]) && vo_is_alnum(text[pos + 1]))
                pos++;
            else
                break;
        }
        out->has_local = true;
        out->local = (struct vo_span){text + start, pos - start};
    }
    return pos == length;
}

/* Orders two values that may be absent, absence ranking as `absent_rank`
 * against a present value's 0 (-1 "below every value", 1 "above"). */
static int pep440_optional_cmp(bool has_a, struct vo_span a, bool has_b, struct vo_span b,
                               int absent_rank)
{
    if (!has_a || !has_b) {
        if (has_a == has_b)
            return 0;
        return has_a ? -absent_rank : absent_rank;
    }
    return vo_digits_cmp(a.text, a.length, b.text, b.length);
}

static bool pep440_local_separator(char c)
{
    return c == '.' || c == '-' || c == '_';
}

/* "Local version identifiers": segments compared one by one, numeric ones
 * by value and above alphanumeric ones (compared case-insensitively); on a
 * common prefix the longer wins. */
static int pep440_local_cmp(struct vo_span a, struct vo_span b)
{
    size_t pa = 0, pb = 0;
    for (;;) {
        bool ha = pa < a.length, hb = pb < b.length;
        if (!ha || !hb)
            return ha == hb ? 0 : (ha ? 1 : -1);
        size_t ea = pa, eb = pb;
        while (ea < a.length && !pep440_local_separator(a.text[ea]))
            ea++;
        while (eb < b.length && !pep440_local_separator(b.text[eb]))
            eb++;
        bool na = vo_all_digits(a.text + pa, ea - pa), nb = vo_all_digits(b.text + pb, eb - pb);
        int result;
        if (na && nb)
            result = vo_digits_cmp(a.text + pa, ea - pa, b.text + pb, eb - pb);
        else if (na != nb)
            result = na ? 1 : -1;
        else
            result = vo_text_cmp(a.text + pa, ea - pa, b.text + pb, eb - pb, true);
        if (result)
            return result;
        pa = ea + 1;
        pb = eb + 1;
    }
}

/* Release segments compared with the shorter padded with zeros
 * ("Final releases": 1.0 == 1.0.0). */
static int pep440_release_cmp(struct vo_span a, struct vo_span b)
{
    size_t pa = 0, pb = 0;
    while (pa < a.length || pb < b.length) {
        size_t na = vo_digit_run(a.text, a.length, pa);
        size_t nb = vo_digit_run(b.text, b.length, pb);
        int result = vo_digits_cmp(a.text + pa, na, b.text + pb, nb);
        if (result)
            return result;
        pa = pa + na < a.length ? pa + na + 1 : a.length;
        pb = pb + nb < b.length ? pb + nb + 1 : b.length;
    }
    return 0;
}

/* "Summary of permitted suffixes and relative ordering": within a release,
 * .devN < aN.devN < aN < aN.postN < bN … < rcN < (final) < .postN.devN
 * < .postN; a bare .devN comes before every pre-release of its release. */
static int pep440_pre_class(const struct pep440 *v)
{
    if (v->pre_kind >= 0)
        return 1;
    return (v->has_dev && !v->has_post) ? 0 : 2;
}

static int pep440_cmp(const struct pep440 *a, const struct pep440 *b)
{
    int result = vo_digits_cmp(a->epoch.text, a->epoch.length, b->epoch.text, b->epoch.length);
    if (!result)
        result = pep440_release_cmp(a->release, b->release);
    if (!result)
        result = vo_sign(pep440_pre_class(a) - pep440_pre_class(b));
    if (!result && pep440_pre_class(a) == 1) {
        result = vo_sign(a->pre_kind - b->pre_kind);
        if (!result)
            result = vo_digits_cmp(a->pre_number.text, a->pre_number.length, b->pre_number.text,
                                   b->pre_number.length);
    }
    if (!result)
        result = pep440_optional_cmp(a->has_post, a->post_number, b->has_post, b->post_number, -1);
    if (!result)
        result = pep440_optional_cmp(a->has_dev, a->dev_number, b->has_dev, b->dev_number, 1);
    if (!result) {
        if (!a->has_local || !b->has_local)
            result = a->has_local - b->has_local;
        else
            result = pep440_local_cmp(a->local, b->local);
    }
    return result;
}

/* ---------------------------------------------------------------------
 * Maven: org.apache.maven.artifact.versioning.ComparableVersion, as the
 * "Version Order Specification" of https://maven.apache.org/pom.html
 * describes it. Lower-cased, the string is cut at '.', at '-', and where
 * digits meet other characters; '-' and a digit/letter transition open a
 * nested list that runs to the end of the string, so a version is a chain
 * of levels. Each level drops its trailing null items (0, "", "ga",
 * "final", "release") and its nested list when that holds only nulls.
 * Items compare: numbers by value; qualifiers alpha=a (a only before a
 * digit, as b and m) < beta=b < milestone=m < rc=cr < snapshot < "" < sp <
 * any other (lexically); lists item by item; a missing item is null.
 * Items of different kinds: see maven_block, which departs from
 * ComparableVersion only where its answers are not transitive.
 *
 * The walk reads each level in place. A level's nested list exists when a
 * non-null item lies beyond the level's end; a null item is kept when a
 * non-null one follows it in its level (found by one look-ahead whose
 * result is remembered, so a string is read a bounded number of times).
 * ------------------------------------------------------------------- */

enum maven_kind { MAVEN_END, MAVEN_INT, MAVEN_STRING, MAVEN_LIST };

struct maven_item {
    enum maven_kind kind;
    const char *text; /* digits without leading zeros, or the qualifier */
    size_t length;
    size_t offset; /* where the item starts in the version */
    int rank;      /* qualifier rank, 0 alpha … 6 sp, 7 any other */
    bool null;
    int tag; /* a kept null item: the sign of the next non-null one in its level */
};

enum maven_event { MAVEN_EVENT_END, MAVEN_EVENT_ITEM, MAVEN_EVENT_LEVEL };

struct maven_lexer {
    const char *text;
    size_t length;
    size_t pos;
    size_t start;
    bool digits;
    size_t level_items; /* items read into the current level so far */
    bool level_pending;
    size_t level_offset;
    bool item_pending; /* pending_item goes out before a pending level */
    struct maven_item pending_item;
};

enum { MAVEN_RANK_RELEASE = 5, MAVEN_RANK_OTHER = 7 };

static bool maven_word(const char *text, size_t length, const char *word)
{
    return strlen(word) == length && vo_match_word(text, length, 0, word) == length;
}

static void maven_make_item(const struct maven_lexer *lex, size_t from, size_t to, bool digits,
                            bool followed_by_digit, struct maven_item *item)
{
    static const char *const qualifiers[] = {"alpha",    "beta", "milestone", "rc",
                                             "snapshot", "",     "sp"};
    const char *text = lex->text + from;
    size_t length = to - from;
    memset(item, 0, sizeof(*item));
    item->offset = from;
    if (length == 0 || digits) {
        while (length && *text == '0')
            text++, length--;
        *item = (struct maven_item){MAVEN_INT, text, length, from, 0, length == 0, 0};
        return;
    }
    item->kind = MAVEN_STRING;
    item->text = text;
    item->length = length;
    item->rank = MAVEN_RANK_OTHER;
    if (followed_by_digit && length == 1) { /* a1 = alpha-1, b1, m1 */
        char c = vo_lower(text[0]);
        if (c == 'a' || c == 'b' || c == 'm')
            item->rank = c == 'a' ? 0 : (c == 'b' ? 1 : 2);
    }
    if (maven_word(text, length, "ga") || maven_word(text, length, "final") ||
        maven_word(text, length, "release"))
        item->rank = MAVEN_RANK_RELEASE;
    else if (maven_word(text, length, "cr"))
        item->rank = 3;
    for (int i = 0; i < 7 && item->rank == MAVEN_RANK_OTHER; i++)
        if (maven_word(text, length, qualifiers[i]))
            item->rank = i;
    item->null = item->rank == MAVEN_RANK_RELEASE;
}

static enum maven_event maven_emit(struct maven_lexer *lex, struct maven_item *item,
                                   const struct maven_item *made)
{
    *item = *made;
    lex->level_items++;
    return MAVEN_EVENT_ITEM;
}

/* A run of letters that ends at a digit or at the end starts a nested list
 * of its own unless it already begins one ("1.foo" reads as "1-foo",
 * "1.0.RC1" as "1.0-rc-1"), as ComparableVersion does in Maven 3.8.7, in
 * line with the specification's "1.foo" = "1-foo". */
static enum maven_event maven_letters(struct maven_lexer *lex, struct maven_item *item,
                                      size_t *level_offset, const struct maven_item *made)
{
    if (lex->level_items == 0)
        return maven_emit(lex, item, made);
    lex->item_pending = true;
    lex->pending_item = *made;
    lex->level_items = 0;
    *level_offset = made->offset;
    return MAVEN_EVENT_LEVEL;
}

/* The next event of the chain: an item, the start of a nested list (with
 * the offset where it starts), or the end. */
static enum maven_event maven_lex(struct maven_lexer *lex, struct maven_item *item,
                                  size_t *level_offset)
{
    if (lex->item_pending) {
        lex->item_pending = false;
        return maven_emit(lex, item, &lex->pending_item);
    }
    if (lex->level_pending) {
        lex->level_pending = false;
        lex->level_items = 0;
        *level_offset = lex->level_offset;
        return MAVEN_EVENT_LEVEL;
    }
    struct maven_item made;
    while (lex->pos < lex->length) {
        size_t i = lex->pos++;
        char c = lex->text[i];
        if (c == '.' || c == '-') {
            maven_make_item(lex, lex->start, i, lex->digits, false, &made);
            lex->start = i + 1;
            if (c == '-') {
                lex->level_pending = true;
                lex->level_offset = lex->start;
            }
            return maven_emit(lex, item, &made);
        }
        bool digit = vo_is_digit(c);
        bool transition = digit != lex->digits && i > lex->start;
        lex->digits = digit;
        if (transition) {
            maven_make_item(lex, lex->start, i, !digit, digit, &made);
            lex->start = i;
            lex->level_pending = true;
            lex->level_offset = i;
            if (digit)
                return maven_letters(lex, item, level_offset, &made);
            return maven_emit(lex, item, &made);
        }
    }
    if (lex->length > lex->start) {
        maven_make_item(lex, lex->start, lex->length, lex->digits, false, &made);
        lex->start = lex->length;
        if (!lex->digits)
            return maven_letters(lex, item, level_offset, &made);
        return maven_emit(lex, item, &made);
    }
    return MAVEN_EVENT_END;
}

struct maven_side {
    struct maven_lexer lex;
    size_t last_live;  /* offset + 1 of the last non-null item, 0 when none */
    size_t live_until; /* a null item before this offset is kept */
    int live_sign;     /* the sign against null of the item at live_until */
    bool level_ended;
    size_t boundary; /* where the next level starts; SIZE_MAX: none */
};

static void maven_side_init(struct maven_side *side, const char *text, size_t length)
{
    memset(side, 0, sizeof(*side));
    side->lex = (struct maven_lexer){.text = text, .length = length};
    struct maven_lexer scan = side->lex;
    struct maven_item item;
    size_t offset;
    enum maven_event event;
    while ((event = maven_lex(&scan, &item, &offset)) != MAVEN_EVENT_END)
        if (event == MAVEN_EVENT_ITEM && !item.null)
            side->last_live = item.offset + 1;
}

/* An item compared with a missing one (null): a number is above unless it
 * is 0, a qualifier ranks against the release rank, and a list answers with
 * its first item that is not equal to null (its nested list last). */
static int maven_atom_vs_null(const struct maven_item *item)
{
    if (item->kind == MAVEN_INT)
        return item->null ? 0 : 1;
    if (item->kind == MAVEN_STRING && item->rank != MAVEN_RANK_RELEASE)
        return item->rank < MAVEN_RANK_RELEASE ? -1 : 1;
    return 0;
}

/* The next item of the normalized chain: a level's kept items, then
 * MAVEN_LIST when its nested list is not empty (the following calls read
 * that list), or MAVEN_END. */
static void maven_next(struct maven_side *side, struct maven_item *item)
{
    for (;;) {
        if (side->level_ended) {
            if (side->boundary != SIZE_MAX && side->last_live > side->boundary) {
                side->level_ended = false;
                item->kind = MAVEN_LIST;
            } else {
                item->kind = MAVEN_END;
            }
            return;
        }
        size_t offset = 0;
        enum maven_event event = maven_lex(&side->lex, item, &offset);
        if (event != MAVEN_EVENT_ITEM) {
            side->level_ended = true;
            side->boundary = event == MAVEN_EVENT_LEVEL ? offset : SIZE_MAX;
            continue;
        }
        if (!item->null)
            return;
        if (item->offset < side->live_until) {
            item->tag = side->live_sign;
            return;
        }
        /* A null item: kept only when a non-null one follows in its level. */
        struct maven_lexer probe = side->lex;
        struct maven_item next;
        for (;;) {
            event = maven_lex(&probe, &next, &offset);
            if (event == MAVEN_EVENT_ITEM && next.null)
                continue;
            if (event == MAVEN_EVENT_ITEM) {
                side->live_until = next.offset;
                side->live_sign = maven_atom_vs_null(&next);
                item->tag = side->live_sign;
                return;
            }
            side->lex = probe; /* the rest of the level is null: dropped */
            side->level_ended = true;
            side->boundary = event == MAVEN_EVENT_LEVEL ? offset : SIZE_MAX;
            break;
        }
    }
}

static int maven_vs_null(struct maven_side *side, const struct maven_item *item)
{
    if (item->kind != MAVEN_LIST)
        return maven_atom_vs_null(item);
    for (;;) {
        struct maven_item current;
        maven_next(side, &current);
        if (current.kind == MAVEN_END)
            return 0;
        int result = maven_atom_vs_null(&current); /* 0 for the nested list: read on */
        if (result)
            return result;
    }
}

/* Where an item lies on one line, for items of different kinds. Maven's
 * own cross-kind rule (number > list > qualifier, whatever the values) is
 * not transitive together with its comparison against null: "1" < "1-1" <
 * "1.0.alpha.1" < "1", and "1-alpha1" > "1.ga.1" > "1" > "1-alpha1". Items of
 * different kinds are therefore ordered first by their side of null (a
 * kept 0 or "" by the side of what follows it in its level) and only then
 * by Maven's kind rule:
 *   qualifier < "" < list < 0  (below null)  null  "" < qualifier < list
 *   < 0 < number  (above null).
 * This agrees with ComparableVersion wherever it is consistent (checked
 * against maven-artifact 3.8.7: every difference closes a cycle). A list
 * item's side is read from its items, consuming them: the comparison is
 * decided there. */
static int maven_block(struct maven_side *side, const struct maven_item *item)
{
    switch (item->kind) {
    case MAVEN_STRING:
        if (item->rank != MAVEN_RANK_RELEASE)
            return item->rank < MAVEN_RANK_RELEASE ? 0 : 6;
        return item->tag < 0 ? 1 : 5;
    case MAVEN_LIST:
        return maven_vs_null(side, item) < 0 ? 2 : 7;
    case MAVEN_INT:
        if (!item->null)
            return 9;
        return item->tag < 0 ? 3 : 8;
    case MAVEN_END:
        break;
    }
    return 4;
}

static int maven_item_cmp(struct maven_side *left, const struct maven_item *a,
                          struct maven_side *right, const struct maven_item *b)
{
    if (a->kind != b->kind) {
        int block_a = maven_block(left, a), block_b = maven_block(right, b);
        return vo_sign(block_a - block_b);
    }
    if (a->kind == MAVEN_INT)
        return vo_digits_cmp(a->text, a->length, b->text, b->length);
    if (a->rank != b->rank)
        return a->rank < b->rank ? -1 : 1;
    if (a->rank == MAVEN_RANK_OTHER)
        return vo_text_cmp(a->text, a->length, b->text, b->length, true);
    return 0;
}

static int maven_cmp(const char *a, size_t an, const char *b, size_t bn)
{
    struct maven_side left, right;
    maven_side_init(&left, a, an);
    maven_side_init(&right, b, bn);
    for (;;) {
        struct maven_item l, r;
        maven_next(&left, &l);
        maven_next(&right, &r);
        int result;
        if (l.kind == MAVEN_END && r.kind == MAVEN_END)
            return 0;
        if (l.kind == MAVEN_LIST && r.kind == MAVEN_LIST)
            continue; /* both descend into their nested lists */
        if (l.kind == MAVEN_END)
            result = -maven_vs_null(&right, &r);
        else if (r.kind == MAVEN_END)
            result = maven_vs_null(&left, &l);
        else
            result = maven_item_cmp(&left, &l, &right, &r);
        if (result)
            return result;
    }
}

/* ComparableVersion reads any string; this takes non-empty printable ASCII
 * without spaces, so that its lower-casing is exactly ASCII's. */
static bool maven_valid(const char *text, size_t length)
{
    if (length == 0)
        return false;
    for (size_t i = 0; i < length; i++)
        if (text[i] <= ' ' || text[i] > '~')
            return false;
    return true;
}

/* ---------------------------------------------------------------------
 * RubyGems: Gem::Version (https://guides.rubygems.org/patterns/#semantic-
 * versioning, https://docs.ruby-lang.org/en/master/Gem/Version.html).
 * Digits then ".alnum" parts, then an optional "-" part; each "-" reads as
 * ".pre.". Segments are runs of digits or of letters (dots only separate);
 * a letter makes a prerelease. Zeros ending the numeric run before the
 * first letter segment are dropped ("canonical segments"), then segments
 * compare with the shorter padded with 0: numbers by value, strings in
 * byte order, a string below any number.
 * ------------------------------------------------------------------- */

static bool gem_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static void gem_trim(const char **text, size_t *length)
{
    while (*length && gem_is_space(**text))
        (*text)++, (*length)--;
    while (*length && gem_is_space((*text)[*length - 1]))
        (*length)--;
}

/* Gem::Version::VERSION_PATTERN on the trimmed string; empty is refused
 * here (Gem reads it as "0", which no lockfile records). */
static bool gem_valid(const char *text, size_t length)
{
    gem_trim(&text, &length);
    size_t pos = vo_digit_run(text, length, 0);
    if (pos == 0)
        return false;
    while (pos + 1 < length && text[pos] == '.' && vo_is_alnum(text[pos + 1])) {
        pos++;
        while (pos < length && vo_is_alnum(text[pos]))
            pos++;
    }
    if (pos < length && text[pos] == '-') {
        for (;;) {
            size_t start = ++pos;
            while (pos < length && (vo_is_alnum(text[pos]) || text[pos] == '-'))
                pos++;
            if (pos == start)
                return false;
            if (pos >= length || text[pos] != '.')
                break;
        }
    }
    return pos == length;
}

struct gem_segment {
    bool end;
    bool number;
    const char *text;
    size_t length;
    size_t offset;
};

struct gem_side {
    const char *text;
    size_t length;
    size_t pos;
    size_t live_until; /* a zero before this offset is kept */
    bool seen_string;  /* past the numeric run: only final zeros drop */
};

/* The next raw segment at *pos: "pre" for a '-', else a digit or letter run. */
static struct gem_segment gem_raw(const char *text, size_t length, size_t *pos)
{
    while (*pos < length && text[*pos] == '.')
        (*pos)++;
    struct gem_segment segment = {.end = *pos >= length, .offset = *pos};
    if (segment.end)
        return segment;
    if (text[*pos] == '-') {
        (*pos)++;
        segment.text = "pre";
        segment.length = 3;
        return segment;
    }
    size_t start = *pos;
    segment.number = vo_is_digit(text[start]);
    while (*pos < length && vo_is_digit(text[*pos]) == segment.number && text[*pos] != '.' &&
           text[*pos] != '-')
        (*pos)++;
    segment.text = text + start;
    segment.length = *pos - start;
    return segment;
}

static bool gem_is_zero(const struct gem_segment *segment)
{
    return segment->number && vo_digits_cmp(segment->text, segment->length, "", 0) == 0;
}

/* The next canonical segment: a zero is dropped when only zeros follow it
 * up to the first string segment or the end (after a string segment, only
 * up to the end, which the comparison's zero padding makes equivalent). */
static struct gem_segment gem_next(struct gem_side *side)
{
    for (;;) {
        struct gem_segment segment = gem_raw(side->text, side->length, &side->pos);
        if (!segment.end && !segment.number)
            side->seen_string = true;
        if (segment.end || !gem_is_zero(&segment) || segment.offset < side->live_until)
            return segment;
        size_t probe = side->pos;
        struct gem_segment next;
        do
            next = gem_raw(side->text, side->length, &probe);
        while (!next.end && gem_is_zero(&next));
        if (!next.end && (next.number || side->seen_string)) {
            side->live_until = next.offset;
            return segment;
        }
        side->pos = next.offset; /* zeros before a string or the end */
    }
}

static int gem_cmp(const char *a, size_t an, const char *b, size_t bn)
{
    gem_trim(&a, &an);
    gem_trim(&b, &bn);
    struct gem_side left = {a, an, 0, 0, false}, right = {b, bn, 0, 0, false};
    static const struct gem_segment zero = {.number = true, .text = "0", .length = 1};
    for (;;) {
        struct gem_segment l = gem_next(&left), r = gem_next(&right);
        if (l.end && r.end)
            return 0;
        if (l.end)
            l = zero;
        if (r.end)
            r = zero;
        int result;
        if (l.number != r.number)
            result = l.number ? 1 : -1;
        else if (l.number)
            result = vo_digits_cmp(l.text, l.length, r.text, r.length);
        else
            result = vo_text_cmp(l.text, l.length, r.text, r.length, false);
        if (result)
            return result;
    }
}

/* ---------------------------------------------------------------------
 * NuGet: "Package versioning" (https://learn.microsoft.com/nuget/concepts/
 * package-versioning): Major.Minor.Patch[.Revision] with missing parts 0
 * and leading zeros ignored ("Normalized version numbers"), then SemVer 2
 * pre-release labels compared case-insensitively; metadata ignored.
 * ------------------------------------------------------------------- */

struct nuget {
    struct vo_span parts[4];
    struct vo_span pre;
};

static bool nuget_parse(const char *text, size_t length, struct nuget *out)
{
    size_t pos = 0;
    memset(out, 0, sizeof(*out));
    for (int part = 0; part < 4; part++) {
        size_t n = vo_digit_run(text, length, pos);
        if (!n)
            return false;
        out->parts[part] = (struct vo_span){text + pos, n};
        pos += n;
        if (part == 3 || pos >= length || text[pos] != '.')
            break;
        pos++;
    }
    if (pos < length && text[pos] == '-') {
        size_t start = ++pos;
        /* NuGet allows leading zeros in numeric labels: checked as build. */
        if (!semver_identifiers(text, length, &pos, false))
            return false;
        out->pre = (struct vo_span){text + start, pos - start};
    }
    if (pos < length && text[pos] == '+') {
        pos++;
        if (!semver_identifiers(text, length, &pos, false))
            return false;
    }
    return pos == length;
}

static int nuget_cmp(const struct nuget *a, const struct nuget *b)
{
    for (int i = 0; i < 4; i++) {
        int result = vo_digits_cmp(a->parts[i].text, a->parts[i].length, b->parts[i].text,
                                   b->parts[i].length);
        if (result)
            return result;
    }
    if (!a->pre.text || !b->pre.text)
        return (!a->pre.text) - (!b->pre.text);
    return prerelease_cmp(a->pre, b->pre, true);
}

/* ---------------------------------------------------------------------
 * Packagist: Composer's versions (https://getcomposer.org/doc/articles/
 * versions.md): "v"?, up to four numbers (the first at most five digits,
 * longer ones being dates), then an optional stability suffix
 * stable|beta|b|RC|alpha|a|patch|pl|p with numbers, then an optional
 * "dev", separators [._-], case-insensitive; "+build" is dropped. Composer
 * pads the numbers to four and orders the normalized strings with PHP's
 * version_compare (https://www.php.net/manual/en/function.version-compare.php):
 * parts left to right, numbers by value, dev < alpha = a < beta = b <
 * RC = rc < any number < pl = p (patch); when one version runs out, a
 * further number makes the other greater and a further suffix is ranked
 * against a number. Date versions and branch names (dev-main, 1.x-dev)
 * are not versions here.
 * ------------------------------------------------------------------- */

enum composer_rank {
    COMPOSER_DEV = 0,
    COMPOSER_ALPHA = 2,
    COMPOSER_BETA = 4,
    COMPOSER_RC = 6,
    COMPOSER_MISSING = 7, /* a part one version lacks */
    COMPOSER_NUMBER = 8,
    COMPOSER_PATCH = 10,
    COMPOSER_STABLE = 11, /* dropped by normalization */
};

struct composer {
    struct vo_span numbers[4];
    int label;                    /* a composer_rank; COMPOSER_STABLE when none */
    struct vo_span label_numbers; /* "1.2" of "beta1.2", separators included */
    bool dev;
};

static bool composer_parse(const char *text, size_t length, struct composer *out)
{
    static const struct {
        const char *word;
        int rank;
    } labels[] = {{"stable", COMPOSER_STABLE}, {"patch", COMPOSER_PATCH}, {"alpha", COMPOSER_ALPHA},
                  {"beta", COMPOSER_BETA},     {"rc", COMPOSER_RC},       {"pl", COMPOSER_PATCH},
                  {"a", COMPOSER_ALPHA},       {"b", COMPOSER_BETA},      {"p", COMPOSER_PATCH}};
    memset(out, 0, sizeof(*out));
    out->label = COMPOSER_STABLE;
    while (length && pep440_is_space(*text))
        text++, length--;
    while (length && pep440_is_space(text[length - 1]))
        length--;
    for (size_t i = 0; i < length; i++)
        if (text[i] == '+') {
            if (i + 1 == length)
                return false;
            length = i; /* build metadata */
            break;
        }
    size_t pos = (length && (text[0] == 'v' || text[0] == 'V')) ? 1 : 0;
    for (int part = 0; part < 4; part++) {
        size_t at = part ? pos + 1 : pos;
        if (part && (pos >= length || text[pos] != '.'))
            break;
        size_t n = vo_digit_run(text, length, at);
        if (!n)
            break;
        if (part == 0 && n > 5)
            return false; /* a date version */
        out->numbers[part] = (struct vo_span){text + at, n};
        pos = at + n;
    }
    if (!out->numbers[0].length)
        return false;
    if (pos < length && (text[pos] == '.' || text[pos] == '_' || text[pos] == '-'))
        pos++;
    for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
        size_t n = vo_match_word(text, length, pos, labels[i].word);
        if (!n)
            continue;
        out->label = labels[i].rank;
        pos += n;
        size_t start = pos;
        for (;;) {
            size_t at = (pos < length && (text[pos] == '.' || text[pos] == '-')) ? pos + 1 : pos;
            size_t digits = vo_digit_run(text, length, at);
            if (!digits)
                break;
            pos = at + digits;
        }
        out->label_numbers = (struct vo_span){text + start, pos - start};
        break;
    }
    size_t at = (pos < length && (text[pos] == '.' || text[pos] == '-')) ? pos + 1 : pos;
    if (vo_match_word(text, length, at, "dev")) {
        out->dev = true;
        pos = at + 3;
    }
    return pos == length;
}

/* The parts of the normalized version in order: part `index` gets a rank
 * (COMPOSER_NUMBER with its digits, or a suffix) or COMPOSER_MISSING. */
struct composer_cursor {
    const struct composer *version;
    int index; /* 0-3 numbers, 4 label, 5 label numbers, 6 dev, 7 end */
    size_t offset;
};

static int composer_next(struct composer_cursor *cursor, struct vo_span *digits)
{
    const struct composer *v = cursor->version;
    for (;;) {
        int index = cursor->index;
        if (index < 4) {
            cursor->index++;
            *digits = v->numbers[index];
            return COMPOSER_NUMBER; /* a missing number normalizes to 0 */
        }
        if (index == 4) {
            cursor->index++;
            if (v->label != COMPOSER_STABLE)
                return v->label;
            continue;
        }
        if (index == 5) {
            struct vo_span numbers = v->label_numbers;
            if (v->label != COMPOSER_STABLE) {
                while (cursor->offset < numbers.length &&
                       !vo_is_digit(numbers.text[cursor->offset]))
                    cursor->offset++;
                size_t n = vo_digit_run(numbers.text, numbers.length, cursor->offset);
                if (n) {
                    *digits = (struct vo_span){numbers.text + cursor->offset, n};
                    cursor->offset += n;
                    return COMPOSER_NUMBER;
                }
            }
            cursor->index++;
            continue;
        }
        if (index == 6) {
            cursor->index++;
            if (v->dev)
                return COMPOSER_DEV;
            continue;
        }
        return COMPOSER_MISSING;
    }
}

static int composer_cmp(const struct composer *a, const struct composer *b)
{
    struct composer_cursor ca = {a, 0, 0}, cb = {b, 0, 0};
    for (;;) {
        struct vo_span da = {NULL, 0}, db = {NULL, 0};
        int ra = composer_next(&ca, &da), rb = composer_next(&cb, &db);
        if (ra == COMPOSER_MISSING && rb == COMPOSER_MISSING)
            return 0;
        if (ra != rb)
            return ra < rb ? -1 : 1;
        if (ra == COMPOSER_NUMBER) {
            int result = vo_digits_cmp(da.text, da.length, db.text, db.length);
            if (result)
                return result;
        }
    }
}

/* ---------------------------------------------------------------------
 * Dispatch
 * ------------------------------------------------------------------- */

enum vo_ecosystem {
    VO_UNKNOWN,
    VO_PYPI,
    VO_NPM,
    VO_CARGO,
    VO_GO,
    VO_MAVEN,
    VO_RUBYGEMS,
    VO_NUGET,
    VO_PACKAGIST,
};

static enum vo_ecosystem vo_lookup(const char *ecosystem)
{
    static const struct {
        const char *name;
        enum vo_ecosystem id;
    } names[] = {
        {"pypi", VO_PYPI},   {"npm", VO_NPM},
        {"cargo", VO_CARGO}, {"go", VO_GO},
        {"maven", VO_MAVEN}, {"rubygems", VO_RUBYGEMS},
        {"nuget", VO_NUGET}, {"packagist", VO_PACKAGIST},
    };
    if (!ecosystem)
        return VO_UNKNOWN;
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strcmp(ecosystem, names[i].name) == 0)
            return names[i].id;
    return VO_UNKNOWN;
}

static enum version_order_result vo_result(int sign)
{
    return sign < 0 ? VERSION_ORDER_LESS : (sign > 0 ? VERSION_ORDER_GREATER : VERSION_ORDER_EQUAL);
}

static enum semver_flavor vo_semver_flavor(enum vo_ecosystem id)
{
    return id == VO_GO ? SEMVER_GO : (id == VO_NPM ? SEMVER_NPM : SEMVER_STRICT);
}

enum version_order_result version_order_compare(const char *ecosystem, const char *left,
                                                const char *right)
{
    enum vo_ecosystem id = vo_lookup(ecosystem);
    if (id == VO_UNKNOWN)
        return VERSION_ORDER_UNSUPPORTED;
    if (!left || !right)
        return VERSION_ORDER_INVALID;
    size_t ln = strlen(left), rn = strlen(right);
    switch (id) {
    case VO_PYPI: {
        struct pep440 a, b;
        if (!pep440_parse(left, ln, &a) || !pep440_parse(right, rn, &b))
            return VERSION_ORDER_INVALID;
        return vo_result(pep440_cmp(&a, &b));
    }
    case VO_NPM:
    case VO_CARGO:
    case VO_GO: {
        struct semver a, b;
        enum semver_flavor flavor = vo_semver_flavor(id);
        if (!semver_parse(left, ln, flavor, &a) || !semver_parse(right, rn, flavor, &b))
            return VERSION_ORDER_INVALID;
        return vo_result(semver_cmp(&a, &b));
    }
    case VO_MAVEN:
        if (!maven_valid(left, ln) || !maven_valid(right, rn))
            return VERSION_ORDER_INVALID;
        return vo_result(maven_cmp(left, ln, right, rn));
    case VO_RUBYGEMS:
        if (!gem_valid(left, ln) || !gem_valid(right, rn))
            return VERSION_ORDER_INVALID;
        return vo_result(gem_cmp(left, ln, right, rn));
    case VO_NUGET: {
        struct nuget a, b;
        if (!nuget_parse(left, ln, &a) || !nuget_parse(right, rn, &b))
            return VERSION_ORDER_INVALID;
        return vo_result(nuget_cmp(&a, &b));
    }
    case VO_PACKAGIST: {
        struct composer a, b;
        if (!composer_parse(left, ln, &a) || !composer_parse(right, rn, &b))
            return VERSION_ORDER_INVALID;
        return vo_result(composer_cmp(&a, &b));
    }
    default:
        return VERSION_ORDER_UNSUPPORTED;
    }
}

bool version_order_valid(const char *ecosystem, const char *version)
{
    enum version_order_result result = version_order_compare(ecosystem, version, version);
    return result == VERSION_ORDER_EQUAL;
}

/* OSV's names: https://ossf.github.io/osv-schema/#defined-ecosystems
 * (case-sensitive, as the schema defines them). */
const char *version_order_ecosystem(const char *osv_ecosystem)
{
    static const struct {
        const char *osv;
        const char *name;
    } names[] = {
        {"PyPI", "pypi"},       {"npm", "npm"},
        {"crates.io", "cargo"}, {"Go", "go"},
        {"Maven", "maven"},     {"RubyGems", "rubygems"},
        {"NuGet", "nuget"},     {"Packagist", "packagist"},
    };
    if (!osv_ecosystem)
        return NULL;
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strcmp(osv_ecosystem, names[i].osv) == 0)
            return names[i].name;
    return NULL;
}
