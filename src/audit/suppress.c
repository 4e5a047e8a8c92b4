/*
 * suppress: inline `prodready:ignore` comments, the config file's excludes
 * and rule settings, and baselines (see suppress.h; the user's view is in
 * docs/configuration.md).
 *
 * The inline parser reads untrusted file content: it works on byte ranges,
 * never reads past a line, copies into fixed-size fields and treats a marker
 * it cannot read as suppressing nothing (with a warning), because a
 * suppression that silently widens is worse than none.
 */
#include "audit/suppress.h"
#include "inventory/gitignore.h"
#include "rules/registry.h"
#include "util/file.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

enum { SUPPRESS_BASELINE_MAX_BYTES = 512 * 1024 * 1024 };

static const char suppress_marker[] = SUPPRESS_MARKER;
#define SUPPRESS_MARKER_LENGTH (sizeof(suppress_marker) - 1)

static bool suppress_is_word(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static bool suppress_is_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Offset of the first marker in text that stands as a word of its own
 * ("xprodready:ignore" and "prodready:ignored" are not markers), or -1. */
static long suppress_find_marker(const char *text, size_t length)
{
    size_t at = 0;
    while (at + SUPPRESS_MARKER_LENGTH <= length) {
        /* Not memchr on 'p': every file is searched, and 'p' is
         * everywhere in code (text_find checks two bytes 16 at a time). */
        const char *hit =
            text_find(text + at, length - at, suppress_marker, SUPPRESS_MARKER_LENGTH);
        if (!hit)
            return -1;
        size_t position = (size_t)(hit - text);
        if (memcmp(hit, suppress_marker, SUPPRESS_MARKER_LENGTH) == 0) {
            size_t end = position + SUPPRESS_MARKER_LENGTH;
            bool word_before = position > 0 && suppress_is_word((unsigned char)text[position - 1]);
            bool word_after =
                end < length && (suppress_is_word((unsigned char)text[end]) || text[end] == '-');
            if (!word_before && !word_after)
                return (long)position;
        }
        at = position + 1;
    }
    return -1;
}

/* A rule id as an inline comment or the config names it: lowercase
 * letters, digits, '-' and '.', at least one '.', optionally ending in
 * ".*" for a whole family. */
static bool suppress_id_well_formed(const char *id, size_t length)
{
    if (length >= 2 && id[length - 2] == '.' && id[length - 1] == '*')
        length -= 2;
    if (length == 0 || id[0] == '.' || id[length - 1] == '.')
        return false;
    bool dot = false;
    for (size_t i = 0; i < length; i++) {
        char c = id[i];
        if (c == '.') {
            if (id[i - 1] == '.')
                return false;
            dot = true;
        } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
            return false;
        }
    }
    /* "family.*" needs no dot in the family itself. */
    return dot || length + 2 == strlen(id);
}

static void suppress_problem(struct suppress_directive *directive, const char *text, size_t length)
{
    size_t room = sizeof(directive->problem) - 1;
    if (length > room)
        length = room;
    memcpy(directive->problem, text, length);
    directive->problem[length] = '\0';
}

/* Drops blanks around the `length` bytes at *text: moves *text to the first
 * byte kept and returns how many are kept. */
static size_t suppress_trim(const char **text, size_t length)
{
    size_t first = 0;
    while (first < length && suppress_is_blank((unsigned char)(*text)[first]))
        first++;
    size_t end = length;
    while (end > first && suppress_is_blank((unsigned char)(*text)[end - 1]))
        end--;
    *text += first;
    return end - first;
}

/* Offset of the first byte in text[0, end) that is not a blank or a
 * separator (":", "-", "="), or end. */
static size_t suppress_skip_separators(const char *text, size_t end)
{
    for (size_t i = 0; i < end; i++) {
        char c = text[i];
        if (!suppress_is_blank((unsigned char)c) && c != ':' && c != '-' && c != '=')
            return i;
    }
    return end;
}

/* Copies the reason: blanks and separators (":", "-", "=") before it and
 * comment closers ("*\/", "-->") after it are dropped; control bytes become
 * '?'; a long reason is cut at a UTF-8 boundary. */
static void suppress_copy_reason(struct suppress_directive *directive, const char *text,
                                 size_t length)
{
    size_t end = length;
    for (;;) {
        while (end > 0 && suppress_is_blank((unsigned char)text[end - 1]))
            end--;
        if (end >= 3 && memcmp(text + end - 3, "-->", 3) == 0)
            end -= 3;
        else if (end >= 2 && memcmp(text + end - 2, "*/", 2) == 0)
            end -= 2;
        else
            break;
    }
    /* Separators go after the closers: "<!-- prodready:ignore -->" has none. */
    size_t start = suppress_skip_separators(text, end);
    size_t count = end - start;
    bool cut = count > SUPPRESS_TEXT_MAX;
    if (cut) {
        count = SUPPRESS_TEXT_MAX;
        while (count && ((unsigned char)text[start + count] & 0xc0) == 0x80)
            count--;
    }
    for (size_t i = 0; i < count; i++) {
        unsigned char c = (unsigned char)text[start + i];
        directive->reason[i] = c < 0x20 || c == 0x7f ? '?' : (char)c;
    }
    if (cut) {
        memcpy(directive->reason + count, "\xe2\x80\xa6", 3); /* … */
        count += 3;
    }
    directive->reason[count] = '\0';
}

enum suppress_parse_status suppress_parse_line(const char *line, size_t length,
                                               struct suppress_directive *directive)
{
    memset(directive, 0, sizeof(*directive));
    if (!line)
        return SUPPRESS_PARSE_NONE;
    long found = suppress_find_marker(line, length);
    if (found < 0)
        return SUPPRESS_PARSE_NONE;
    size_t position = (size_t)found;
    directive->column = (int)(position + 1 > 0x7fffffff ? 0x7fffffff : position + 1);
    directive->standalone = true;
    for (size_t i = 0; i < position; i++)
        if (suppress_is_word((unsigned char)line[i]) || (unsigned char)line[i] >= 0x80) {
            directive->standalone = false;
            break;
        }

    size_t cursor = position + SUPPRESS_MARKER_LENGTH;
    size_t after_blanks = cursor;
    while (after_blanks < length && suppress_is_blank((unsigned char)line[after_blanks]))
        after_blanks++;
    if (after_blanks < length && line[after_blanks] == '[') {
        const char *open = line + after_blanks + 1;
        const char *close = memchr(open, ']', length - after_blanks - 1);
        if (!close) {
            static const char message[] = "no closing ']' after the rule ids";
            suppress_problem(directive, message, sizeof(message) - 1);
            return SUPPRESS_PARSE_MALFORMED;
        }
        const char *item = open;
        for (;;) {
            const char *comma = memchr(item, ',', (size_t)(close - item));
            const char *item_end = comma ? comma : close;
            const char *first = item;
            size_t id_length = suppress_trim(&first, (size_t)(item_end - item));
            if (id_length == 0) {
                static const char message[] = "an empty rule id in [...]";
                suppress_problem(directive, message, sizeof(message) - 1);
                return SUPPRESS_PARSE_MALFORMED;
            }
            if (directive->id_count == SUPPRESS_IDS_MAX) {
                static const char message[] = "more than 16 rule ids in one comment";
                suppress_problem(directive, message, sizeof(message) - 1);
                return SUPPRESS_PARSE_MALFORMED;
            }
            if (id_length >= SUPPRESS_ID_MAX) {
                static const char message[] = "a rule id longer than 95 characters";
                suppress_problem(directive, message, sizeof(message) - 1);
                return SUPPRESS_PARSE_MALFORMED;
            }
            char *id = directive->ids[directive->id_count];
            memcpy(id, first, id_length);
            id[id_length] = '\0';
            if (!suppress_id_well_formed(id, id_length)) {
                static const char message[] =
                    "not a rule id (use ids such as secrets.github-token or families such as "
                    "secrets.*)";
                suppress_problem(directive, message, sizeof(message) - 1);
                return SUPPRESS_PARSE_MALFORMED;
            }
            directive->id_count++;
            if (!comma)
                break;
            item = comma + 1;
        }
        cursor = (size_t)(close - line) + 1;
    }
    suppress_copy_reason(directive, line + cursor, length - cursor);
    return SUPPRESS_PARSE_OK;
}

bool suppress_id_matches(const char *pattern, const char *rule_id)
{
    if (!pattern || !*pattern)
        return true;
    if (!rule_id)
        return false;
    size_t length = strlen(pattern);
    if (length >= 2 && pattern[length - 2] == '.' && pattern[length - 1] == '*')
        return strncmp(rule_id, pattern, length - 1) == 0;
    return strcmp(pattern, rule_id) == 0;
}

bool suppress_id_known(const char *pattern)
{
    size_t count;
    const struct rule *rules = rule_registry_all(&count);
    for (size_t i = 0; i < count; i++)
        if (suppress_id_matches(pattern, rules[i].id))
            return true;
    return false;
}

/* ---- inline ---- */

struct suppress_inline_entry {
    int line;
    bool standalone;
    bool every_rule;
    const char **ids; /* known ids only */
    size_t id_count;
    const char *reason; /* NULL when none */
};

static void suppress_warn(struct suppress_file_output *out, const char *warning)
{
    out->warnings = xgrow(out->warnings, &out->warning_capacity, out->warning_count + 1,
                          sizeof(*out->warnings));
    out->warnings[out->warning_count++] = warning;
}

static bool suppress_entry_covers(const struct suppress_inline_entry *entry, const char *rule_id)
{
    if (entry->every_rule)
        return true;
    for (size_t i = 0; i < entry->id_count; i++)
        if (suppress_id_matches(entry->ids[i], rule_id))
            return true;
    return false;
}

void suppress_inline(const char *path, const char *content, size_t length, struct finding *findings,
                     size_t *count, struct suppress_file_output *out, struct arena *arena)
{
    if (!content || length < SUPPRESS_MARKER_LENGTH)
        return;
    struct suppress_inline_entry *entries = NULL;
    size_t entry_count = 0, entry_capacity = 0;
    struct suppress_directive *directive = xcalloc(1, sizeof(*directive));
    size_t offset = 0, line_start = 0;
    int line_number = 1;
    while (offset < length) {
        long found = suppress_find_marker(content + offset, length - offset);
        if (found < 0)
            break;
        size_t hit = offset + (size_t)found;
        /* Count the lines up to the hit, from where the last count ended. */
        for (size_t i = line_start; i < hit; i++) {
            if (content[i] == '\n') {
                line_number++;
                line_start = i + 1;
            }
        }
        const char *newline = memchr(content + hit, '\n', length - hit);
        size_t line_end = newline ? (size_t)(newline - content) : length;
        enum suppress_parse_status status =
            suppress_parse_line(content + line_start, line_end - line_start, directive);
        if (status == SUPPRESS_PARSE_MALFORMED) {
            suppress_warn(out, arena_printf(arena,
                                            "%s:%d: malformed prodready:ignore: %s; it "
                                            "suppresses nothing",
                                            path, line_number, directive->problem));
        } else if (status == SUPPRESS_PARSE_OK) {
            entries = xgrow(entries, &entry_capacity, entry_count + 1, sizeof(*entries));
            struct suppress_inline_entry *entry = &entries[entry_count++];
            memset(entry, 0, sizeof(*entry));
            entry->line = line_number;
            entry->standalone = directive->standalone;
            entry->every_rule = directive->id_count == 0;
            entry->reason = directive->reason[0] ? arena_strdup(arena, directive->reason) : NULL;
            if (directive->id_count)
                entry->ids = arena_alloc(arena, directive->id_count * sizeof(*entry->ids));
            for (size_t i = 0; i < directive->id_count; i++) {
                const char *id = directive->ids[i];
                if (suppress_id_known(id)) {
                    entry->ids[entry->id_count++] = arena_strdup(arena, id);
                    continue;
                }
                /* A typo must not silently do nothing. */
                const char *suggestion[1];
                if (rule_registry_suggest(id, suggestion, 1) == 1)
                    suppress_warn(out, arena_printf(arena,
                                                    "%s:%d: prodready:ignore names unknown rule "
                                                    "'%s'; did you mean %s?",
                                                    path, line_number, id, suggestion[0]));
                else
                    suppress_warn(out, arena_printf(arena,
                                                    "%s:%d: prodready:ignore names unknown rule "
                                                    "'%s' (see 'prodready rules')",
                                                    path, line_number, id));
            }
        }
        if (!newline)
            break;
        offset = line_end + 1;
        line_start = offset;
        line_number++;
    }
    free(directive);

    size_t kept = 0;
    for (size_t i = 0; i < *count; i++) {
        struct finding *finding = &findings[i];
        const struct suppress_inline_entry *cover = NULL;
        /* Entries are in line order, one per line: start at the first one
         * on the line above, so a file full of markers stays linear. */
        size_t low = 0, high = entry_count;
        while (low < high) {
            size_t middle = low + (high - low) / 2;
            if (entries[middle].line < finding->line - 1)
                low = middle + 1;
            else
                high = middle;
        }
        for (size_t k = low; finding->line > 0 && k < entry_count && !cover; k++) {
            const struct suppress_inline_entry *entry = &entries[k];
            if (entry->line > finding->line)
                break;
            bool here = entry->line == finding->line;
            bool above = entry->standalone && entry->line == finding->line - 1;
            if ((here || above) && suppress_entry_covers(entry, finding->rule->id))
                cover = entry;
        }
        if (!cover) {
            findings[kept++] = *finding;
            continue;
        }
        struct suppression *suppression = arena_alloc(arena, sizeof(*suppression));
        suppression->kind = "inline";
        suppression->file = finding->file;
        suppression->line = cover->line;
        suppression->reason = cover->reason;
        out->suppressed = xgrow(out->suppressed, &out->suppressed_capacity,
                                out->suppressed_count + 1, sizeof(*out->suppressed));
        out->suppressed[out->suppressed_count] = *finding;
        out->suppressed[out->suppressed_count++].suppression = suppression;
    }
    *count = kept;
    free(entries);
}

/* ---- config ---- */

static struct gitignore *suppress_compile_globs(char *const *globs, size_t count)
{
    if (!count)
        return NULL;
    struct strbuf text = STRBUF_INIT;
    for (size_t i = 0; i < count; i++) {
        strbuf_append_str(&text, globs[i]);
        strbuf_append_char(&text, '\n');
    }
    struct gitignore *list = gitignore_parse("", text.data, text.length);
    strbuf_release(&text);
    return list;
}

struct gitignore *suppress_excludes_compile(const struct config *config)
{
    return config ? suppress_compile_globs(config->exclude, config->exclude_count) : NULL;
}

void suppress_excludes_free(struct gitignore *excludes)
{
    if (excludes)
        gitignore_free(excludes);
}

bool suppress_path_excluded(const struct gitignore *excludes, const char *path)
{
    if (!excludes || !path || !*path)
        return false;
    /* As git does: a file under an excluded directory is excluded, whatever
     * a later pattern says about the file. */
    char *copy = xstrdup(path);
    bool excluded = false;
    for (char *slash = strchr(copy, '/'); slash && !excluded; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        excluded = gitignore_match(excludes, copy, true) == GITIGNORE_EXCLUDED;
        *slash = '/';
    }
    if (!excluded)
        excluded = gitignore_match(excludes, copy, false) == GITIGNORE_EXCLUDED;
    free(copy);
    return excluded;
}

bool suppress_rule_disabled(const struct config *config, const char *rule_id)
{
    for (size_t i = 0; config && i < config->disable_count; i++)
        if (suppress_id_matches(config->disable[i], rule_id))
            return true;
    return false;
}

/* An exact id beats a family pattern; among equals the later entry wins. */
static void suppress_override_severity(const struct config *config, struct finding *finding)
{
    int best = -1;
    bool best_exact = false;
    for (size_t i = 0; i < config->severity_count; i++) {
        const char *pattern = config->severities[i].rule;
        if (!suppress_id_matches(pattern, finding->rule->id))
            continue;
        bool exact = strcmp(pattern, finding->rule->id) == 0;
        if (best < 0 || exact || !best_exact) {
            best = (int)i;
            best_exact = exact;
        }
    }
    if (best >= 0)
        finding->severity = config->severities[best].severity;
}

void suppress_apply_config(const struct config *config, struct finding *findings, size_t *count,
                           struct finding **suppressed, size_t *suppressed_count,
                           size_t *suppressed_capacity, struct arena *arena)
{
    if (!config)
        return;
    struct gitignore **ignore_paths =
        xcalloc(config->ignore_count ? config->ignore_count : 1, sizeof(*ignore_paths));
    for (size_t i = 0; i < config->ignore_count; i++)
        ignore_paths[i] =
            suppress_compile_globs(config->ignores[i].paths, config->ignores[i].path_count);

    size_t kept = 0;
    for (size_t i = 0; i < *count; i++) {
        struct finding *finding = &findings[i];
        if (suppress_rule_disabled(config, finding->rule->id))
            continue;
        const struct config_ignore *cover = NULL;
        for (size_t k = 0; k < config->ignore_count && !cover; k++) {
            const struct config_ignore *ignore = &config->ignores[k];
            if (!suppress_id_matches(ignore->rule, finding->rule->id))
                continue;
            /* With paths, only findings in those files: a repository-level
             * finding is covered by an entry without paths alone. */
            if (ignore->path_count == 0 ||
                (finding->file && suppress_path_excluded(ignore_paths[k], finding->file)))
                cover = ignore;
        }
        if (!cover) {
            findings[kept++] = *finding;
            continue;
        }
        struct suppression *suppression = arena_alloc(arena, sizeof(*suppression));
        suppression->kind = "config";
        suppression->file = arena_strdup(arena, config->path ? config->path : ".prodready.yml");
        suppression->line = cover->line;
        suppression->reason = arena_strdup(arena, cover->reason);
        *suppressed =
            xgrow(*suppressed, suppressed_capacity, *suppressed_count + 1, sizeof(**suppressed));
        (*suppressed)[*suppressed_count] = *finding;
        (*suppressed)[(*suppressed_count)++].suppression = suppression;
    }
    *count = kept;
    for (size_t i = 0; i < config->ignore_count; i++)
        suppress_excludes_free(ignore_paths[i]);
    free(ignore_paths);

    /* Disabled rules raise nothing, not even a suppressed finding. */
    size_t kept_suppressed = 0;
    for (size_t i = 0; i < *suppressed_count; i++)
        if (!suppress_rule_disabled(config, (*suppressed)[i].rule->id))
            (*suppressed)[kept_suppressed++] = (*suppressed)[i];
    *suppressed_count = kept_suppressed;

    for (size_t i = 0; i < *count; i++)
        suppress_override_severity(config, &findings[i]);
    for (size_t i = 0; i < *suppressed_count; i++)
        suppress_override_severity(config, &(*suppressed)[i]);
}

/* ---- baseline ---- */

static bool suppress_fingerprint_valid(const char *text)
{
    if (!text || strlen(text) != 16)
        return false;
    for (size_t i = 0; i < 16; i++)
        if (!((text[i] >= '0' && text[i] <= '9') || (text[i] >= 'a' && text[i] <= 'f')))
            return false;
    return true;
}

static int suppress_fingerprint_compare(const void *left, const void *right)
{
    return memcmp(left, right, 16);
}

int suppress_baseline_load(const char *path, struct suppress_baseline *baseline,
                           struct strbuf *error)
{
    memset(baseline, 0, sizeof(*baseline));
    size_t length = 0;
    char *text = file_read_all(path, SUPPRESS_BASELINE_MAX_BYTES, &length);
    if (!text) {
        strbuf_printf(error,
                      "cannot read the baseline '%s': %s; create one with 'prodready audit "
                      "--format json --output FILE'",
                      path, strerror(errno));
        return -1;
    }
    json_error_t json_error;
    json_t *root = json_loadb(text, length, JSON_REJECT_DUPLICATES, &json_error);
    free(text);
    if (!root) {
        strbuf_printf(error,
                      "the baseline '%s' is not JSON (line %d: %s); pass a report of "
                      "'prodready audit --format json'",
                      path, json_error.line, json_error.text);
        return -1;
    }
    json_t *schema = json_is_object(root) ? json_object_get(root, "schema") : NULL;
    json_t *findings = json_is_object(root) ? json_object_get(root, "findings") : NULL;
    if (!json_is_string(schema) || strcmp(json_string_value(schema), "prodready/report/v1") != 0 ||
        !json_is_array(findings)) {
        strbuf_printf(error,
                      "the baseline '%s' is not a prodready report (no \"schema\": "
                      "\"prodready/report/v1\" and \"findings\"); pass a report of 'prodready "
                      "audit --format json'",
                      path);
        json_decref(root);
        return -1;
    }
    size_t count = json_array_size(findings);
    baseline->fingerprints = xcalloc(count ? count : 1, sizeof(*baseline->fingerprints));
    for (size_t i = 0; i < count; i++) {
        json_t *entry = json_array_get(findings, i);
        json_t *fingerprint = json_is_object(entry) ? json_object_get(entry, "fingerprint") : NULL;
        const char *value = json_is_string(fingerprint) ? json_string_value(fingerprint) : NULL;
        if (!suppress_fingerprint_valid(value)) {
            strbuf_printf(error,
                          "the baseline '%s' is damaged: findings[%zu] has no valid "
                          "fingerprint; produce it again with 'prodready audit --format json'",
                          path, i);
            json_decref(root);
            suppress_baseline_release(baseline);
            return -1;
        }
        memcpy(baseline->fingerprints[i], value, 17);
    }
    json_decref(root);
    baseline->count = count;
    if (count)
        qsort(baseline->fingerprints, count, sizeof(*baseline->fingerprints),
              suppress_fingerprint_compare);
    baseline->path = xstrdup(path);
    return 0;
}

void suppress_baseline_release(struct suppress_baseline *baseline)
{
    if (!baseline)
        return;
    free(baseline->path);
    free(baseline->fingerprints);
    memset(baseline, 0, sizeof(*baseline));
}

size_t suppress_baseline_mark(const struct suppress_baseline *baseline, struct finding *findings,
                              size_t count)
{
    if (!baseline || !baseline->count)
        return 0;
    bool *used = xcalloc(baseline->count, sizeof(*used));
    for (size_t i = 0; i < count; i++) {
        /* The first entry of this fingerprint (lower bound), then the first
         * one no earlier finding took. */
        size_t low = 0, high = baseline->count;
        while (low < high) {
            size_t middle = low + (high - low) / 2;
            if (memcmp(baseline->fingerprints[middle], findings[i].fingerprint, 16) < 0)
                low = middle + 1;
            else
                high = middle;
        }
        while (low < baseline->count &&
               memcmp(baseline->fingerprints[low], findings[i].fingerprint, 16) == 0 && used[low])
            low++;
        if (low < baseline->count &&
            memcmp(baseline->fingerprints[low], findings[i].fingerprint, 16) == 0) {
            used[low] = true;
            findings[i].baseline = true;
        }
    }
    size_t fixed = 0;
    for (size_t i = 0; i < baseline->count; i++)
        fixed += !used[i];
    free(used);
    return fixed;
}
