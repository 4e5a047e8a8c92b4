/*
 * coverage: the five report readers (see coverage.h). Each reader adds one
 * entry per file it finds; coverage_finish then merges entries of the same
 * path and sums the totals, so every format ends in the same shape.
 */
#include "metrics/coverage.h"
#include "metrics/xml_safe.h"
#include "util/xalloc.h"

#include <jansson.h>
#include <libxml/parser.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { COVERAGE_PATH_MAX = 4096 };

/* How entries for the same path combine: Cobertura lists one class per
 * block of a file (sum them); lcov repeats a whole file once per test name
 * (keep the most complete record). */
enum coverage_merge { COVERAGE_MERGE_SUM, COVERAGE_MERGE_MAX };

const char *coverage_format_name(enum coverage_format format)
{
    switch (format) {
    case COVERAGE_FORMAT_COBERTURA:
        return "Cobertura XML";
    case COVERAGE_FORMAT_JACOCO:
        return "JaCoCo XML";
    case COVERAGE_FORMAT_LCOV:
        return "lcov";
    case COVERAGE_FORMAT_COVERAGE_PY_JSON:
        return "coverage.py JSON";
    case COVERAGE_FORMAT_GO_PROFILE:
        return "Go cover profile";
    case COVERAGE_FORMAT_UNKNOWN:
        break;
    }
    return "unknown";
}

double coverage_percent(uint64_t covered, uint64_t total)
{
    if (!total)
        return -1;
    if (covered > total)
        covered = total;
    return round(1000.0 * (double)covered / (double)total) / 10.0;
}

static bool coverage_add_checked(uint64_t *sum, uint64_t value)
{
    if (*sum > UINT64_MAX - value)
        return false;
    *sum += value;
    return true;
}

static bool coverage_counts_add(struct coverage_counts *into, const struct coverage_counts *add)
{
    return coverage_add_checked(&into->lines_covered, add->lines_covered) &&
           coverage_add_checked(&into->lines_total, add->lines_total) &&
           coverage_add_checked(&into->branches_covered, add->branches_covered) &&
           coverage_add_checked(&into->branches_total, add->branches_total);
}

static bool coverage_counts_valid(const struct coverage_counts *counts)
{
    return counts->lines_covered <= counts->lines_total &&
           counts->branches_covered <= counts->branches_total;
}

static void coverage_add_file(struct coverage_report *report, const char *path, size_t length,
                              const struct coverage_counts *counts)
{
    if (length > COVERAGE_PATH_MAX)
        length = COVERAGE_PATH_MAX;
    report->files = xgrow(report->files, &report->file_capacity, report->file_count + 1,
                          sizeof(*report->files));
    report->files[report->file_count++] =
        (struct coverage_file){.path = xstrndup(path, length), .counts = *counts};
}

static int coverage_file_compare(const void *left, const void *right)
{
    return strcmp(((const struct coverage_file *)left)->path,
                  ((const struct coverage_file *)right)->path);
}

static uint64_t coverage_max(uint64_t a, uint64_t b)
{
    return a > b ? a : b;
}

/* Sorts and merges the files; sums totals unless `totals` is given (a
 * report's own summary, which wins when the report has one). */
static int coverage_finish(struct coverage_report *report, enum coverage_merge merge,
                           const struct coverage_counts *totals, struct strbuf *error)
{
    if (report->file_count)
        qsort(report->files, report->file_count, sizeof(*report->files), coverage_file_compare);
    size_t kept = 0;
    for (size_t i = 0; i < report->file_count; i++) {
        struct coverage_file *file = &report->files[i];
        bool valid = coverage_counts_valid(&file->counts);
        bool same = valid && kept && strcmp(report->files[kept - 1].path, file->path) == 0;
        struct coverage_counts *into = same ? &report->files[kept - 1].counts : NULL;
        if (!valid ||
            (same && merge == COVERAGE_MERGE_SUM && !coverage_counts_add(into, &file->counts))) {
            strbuf_printf(error, "%.200s: %s", file->path,
                          valid ? "counts too large" : "more lines or branches covered than exist");
            /* Keep every path not yet freed owned by the report. */
            memmove(report->files + kept, report->files + i,
                    (report->file_count - i) * sizeof(*report->files));
            report->file_count = kept + (report->file_count - i);
            return -1;
        }
        if (same) {
            if (merge == COVERAGE_MERGE_MAX &&
                (file->counts.lines_total > into->lines_total ||
                 (file->counts.lines_total == into->lines_total &&
                  file->counts.lines_covered > into->lines_covered))) {
                into->lines_covered = file->counts.lines_covered;
                into->lines_total = file->counts.lines_total;
                into->branches_total =
                    coverage_max(into->branches_total, file->counts.branches_total);
                into->branches_covered =
                    coverage_max(into->branches_covered, file->counts.branches_covered);
            }
            free(file->path);
            continue;
        }
        report->files[kept++] = *file;
    }
    report->file_count = kept;
    if (totals) {
        report->totals = *totals;
    } else {
        memset(&report->totals, 0, sizeof(report->totals));
        for (size_t i = 0; i < report->file_count; i++)
            if (!coverage_counts_add(&report->totals, &report->files[i].counts)) {
                strbuf_printf(error, "counts too large");
                return -1;
            }
    }
    if (!coverage_counts_valid(&report->totals)) {
        strbuf_printf(error, "more lines or branches covered than exist");
        return -1;
    }
    report->has_branches = report->totals.branches_total > 0;
    return 0;
}

/* ---- Cobertura XML ---- */

/* condition-coverage="50% (1/2)": the covered and total conditions. */
static bool coverage_cobertura_conditions(const xmlNode *line, uint64_t *covered, uint64_t *total)
{
    char text[64];
    xml_safe_attr_text(line, "condition-coverage", text, sizeof(text));
    const char *open = strchr(text, '(');
    const char *slash = open ? strchr(open, '/') : NULL;
    const char *close = slash ? strchr(slash, ')') : NULL;
    if (!close)
        return false;
    return xml_safe_parse_u64(open + 1, (size_t)(slash - open - 1), covered) &&
           xml_safe_parse_u64(slash + 1, (size_t)(close - slash - 1), total) && *covered <= *total;
}

static int coverage_cobertura_class(xmlNode *class_node, struct coverage_report *report,
                                    struct strbuf *error)
{
    char path[COVERAGE_PATH_MAX];
    xml_safe_attr_text(class_node, "filename", path, sizeof(path));
    if (!path[0]) {
        strbuf_printf(error, "a <class> without a filename attribute");
        return -1;
    }
    struct coverage_counts counts = {0};
    for (xmlNode *lines = class_node->children; lines; lines = lines->next) {
        if (!xml_safe_is(lines, "lines"))
            continue; /* <methods> repeat the class's lines */
        for (xmlNode *line = lines->children; line; line = line->next) {
            if (!xml_safe_is(line, "line"))
                continue;
            char hits[32];
            xml_safe_attr_text(line, "hits", hits, sizeof(hits));
            size_t digits = strspn(hits, "0123456789");
            if (!digits || hits[digits]) {
                strbuf_printf(error, "%.200s: a <line> with hits=\"%s\" (not a count)", path, hits);
                return -1;
            }
            counts.lines_total++;
            /* A huge count is still a covered line: look for a non-zero
             * digit instead of converting. */
            counts.lines_covered += strspn(hits, "0") != digits;
            uint64_t covered, total;
            char branch[8];
            xml_safe_attr_text(line, "branch", branch, sizeof(branch));
            if (strcmp(branch, "true") == 0 &&
                coverage_cobertura_conditions(line, &covered, &total)) {
                if (!coverage_add_checked(&counts.branches_covered, covered) ||
                    !coverage_add_checked(&counts.branches_total, total)) {
                    strbuf_printf(error, "branch counts too large");
                    return -1;
                }
            }
        }
    }
    coverage_add_file(report, path, strlen(path), &counts);
    return 0;
}

static int coverage_cobertura(xmlNode *root, struct coverage_report *report, struct strbuf *error)
{
    bool classes = false;
    for (xmlNode *node = xml_safe_next(root, root, false); node;) {
        if (xml_safe_is(node, "class")) {
            classes = true;
            if (coverage_cobertura_class(node, report, error) != 0)
                return -1;
            node = xml_safe_next(node, root, true);
        } else {
            node = xml_safe_next(node, root, false);
        }
    }
    /* A summary-only report (no <class>) still says the totals. */
    struct coverage_counts totals = {0};
    if (!classes) {
        if (!xml_safe_attr_u64(root, "lines-covered", &totals.lines_covered) ||
            !xml_safe_attr_u64(root, "lines-valid", &totals.lines_total)) {
            strbuf_printf(error, "Cobertura report without classes or line totals");
            return -1;
        }
        xml_safe_attr_u64(root, "branches-covered", &totals.branches_covered);
        xml_safe_attr_u64(root, "branches-valid", &totals.branches_total);
    }
    return coverage_finish(report, COVERAGE_MERGE_SUM, classes ? NULL : &totals, error);
}

/* ---- JaCoCo XML ---- */

/* The LINE and BRANCH <counter> children of `parent`; false when one is
 * malformed. */
static bool coverage_jacoco_counters(const xmlNode *parent, struct coverage_counts *counts,
                                     bool *found)
{
    *found = false;
    for (const xmlNode *node = parent->children; node; node = node->next) {
        if (!xml_safe_is(node, "counter"))
            continue;
        char type[16];
        xml_safe_attr_text(node, "type", type, sizeof(type));
        bool line = strcmp(type, "LINE") == 0, branch = strcmp(type, "BRANCH") == 0;
        if (!line && !branch)
            continue;
        uint64_t missed, covered;
        if (!xml_safe_attr_u64(node, "missed", &missed) ||
            !xml_safe_attr_u64(node, "covered", &covered) || missed > UINT64_MAX - covered)
            return false;
        if (line) {
            counts->lines_covered = covered;
            counts->lines_total = missed + covered;
            *found = true;
        } else {
            counts->branches_covered = covered;
            counts->branches_total = missed + covered;
        }
    }
    return true;
}

static int coverage_jacoco(xmlNode *root, struct coverage_report *report, struct strbuf *error)
{
    for (xmlNode *node = xml_safe_next(root, root, false); node;) {
        if (!xml_safe_is(node, "sourcefile") || !xml_safe_is(node->parent, "package")) {
            node = xml_safe_next(node, root, false);
            continue;
        }
        char package[COVERAGE_PATH_MAX / 2], name[COVERAGE_PATH_MAX / 2];
        xml_safe_attr_text(node->parent, "name", package, sizeof(package));
        xml_safe_attr_text(node, "name", name, sizeof(name));
        struct coverage_counts counts = {0};
        bool found;
        if (!name[0] || !coverage_jacoco_counters(node, &counts, &found)) {
            strbuf_printf(error, "a <sourcefile> without a name or with a malformed <counter>");
            return -1;
        }
        char path[COVERAGE_PATH_MAX];
        int length = snprintf(path, sizeof(path), "%s%s%s", package, package[0] ? "/" : "", name);
        if (found)
            coverage_add_file(report, path, length > 0 ? (size_t)length : 0, &counts);
        node = xml_safe_next(node, root, true);
    }
    struct coverage_counts totals = {0};
    bool found;
    if (!coverage_jacoco_counters(root, &totals, &found)) {
        strbuf_printf(error, "a malformed report-level <counter>");
        return -1;
    }
    if (!found && !report->file_count) {
        strbuf_printf(error, "JaCoCo report without LINE counters");
        return -1;
    }
    return coverage_finish(report, COVERAGE_MERGE_SUM, found ? &totals : NULL, error);
}

static int coverage_xml(const char *data, size_t length, struct coverage_report *report,
                        struct strbuf *error)
{
    xmlDocPtr document = xml_safe_parse(data, length, COVERAGE_MAX_REPORT_BYTES, error);
    if (!document)
        return -1;
    xmlNode *root = xmlDocGetRootElement(document);
    int status;
    if (xml_safe_is(root, "coverage")) {
        report->format = COVERAGE_FORMAT_COBERTURA;
        status = coverage_cobertura(root, report, error);
    } else if (xml_safe_is(root, "report")) {
        report->format = COVERAGE_FORMAT_JACOCO;
        status = coverage_jacoco(root, report, error);
    } else {
        strbuf_printf(error, "XML root <%.40s> is neither Cobertura <coverage> nor JaCoCo <report>",
                      root->name ? (const char *)root->name : "");
        status = -1;
    }
    xmlFreeDoc(document);
    return status;
}

/* ---- line-based formats ---- */

struct coverage_line {
    const char *text;
    size_t length;
    size_t number;
};

/* The next line of data[*offset..length) without its "\r\n"; false at the end. */
static bool coverage_next_line(const char *data, size_t length, size_t *offset,
                               struct coverage_line *line)
{
    if (*offset >= length)
        return false;
    const char *start = data + *offset;
    const char *newline = memchr(start, '\n', length - *offset);
    size_t line_length = newline ? (size_t)(newline - start) : length - *offset;
    *offset += line_length + (newline ? 1 : 0);
    while (line_length && (start[line_length - 1] == '\r' || start[line_length - 1] == ' '))
        line_length--;
    line->text = start;
    line->length = line_length;
    line->number++;
    return true;
}

static bool coverage_has_prefix(const struct coverage_line *line, const char *prefix)
{
    size_t length = strlen(prefix);
    return line->length >= length && memcmp(line->text, prefix, length) == 0;
}

/* The idx-th comma-separated field of `text` (0-based). */
static bool coverage_field(const char *text, size_t length, int index, const char **field,
                           size_t *field_length)
{
    const char *start = text, *end = text + length;
    for (int i = 0; i < index; i++) {
        const char *comma = memchr(start, ',', (size_t)(end - start));
        if (!comma)
            return false;
        start = comma + 1;
    }
    const char *comma = memchr(start, ',', (size_t)(end - start));
    *field = start;
    *field_length = comma ? (size_t)(comma - start) : (size_t)(end - start);
    return true;
}

/* An execution count: digits, or digits with a fraction (some tools write
 * "1.0"); only whether it is zero matters, so overflow is no error. */
static bool coverage_count_nonzero(const char *text, size_t length, bool *nonzero)
{
    if (!length)
        return false;
    bool any = false;
    size_t dots = 0;
    for (size_t i = 0; i < length; i++) {
        if (text[i] == '.') {
            if (++dots > 1)
                return false;
            continue;
        }
        if (text[i] < '0' || text[i] > '9')
            return false;
        any = any || text[i] != '0';
    }
    *nonzero = any;
    return true;
}

struct coverage_lcov_record {
    const char *path;
    size_t path_length;
    struct coverage_counts counted; /* from DA/BRDA lines */
    uint64_t lf, lh, brf, brh;
    bool has_lf, has_lh, has_brf, has_brh;
};

static int coverage_lcov_end(struct coverage_report *report, struct coverage_lcov_record *record,
                             size_t line, struct strbuf *error)
{
    struct coverage_counts counts = record->counted;
    /* LF/LH are the tool's own summary; DA lines are the fallback. */
    if (record->has_lf && record->has_lh) {
        counts.lines_total = record->lf;
        counts.lines_covered = record->lh;
    }
    if (record->has_brf && record->has_brh) {
        counts.branches_total = record->brf;
        counts.branches_covered = record->brh;
    }
    if (!coverage_counts_valid(&counts)) {
        strbuf_printf(error, "line %zu: more lines or branches hit than found", line);
        return -1;
    }
    coverage_add_file(report, record->path, record->path_length, &counts);
    memset(record, 0, sizeof(*record));
    return 0;
}

static int coverage_lcov(const char *data, size_t length, struct coverage_report *report,
                         struct strbuf *error)
{
    report->format = COVERAGE_FORMAT_LCOV;
    struct coverage_lcov_record record = {0};
    struct coverage_line line = {0};
    size_t offset = 0;
    while (coverage_next_line(data, length, &offset, &line)) {
        const char *value = memchr(line.text, ':', line.length);
        const char *end = line.text + line.length;
        value = value ? value + 1 : end;
        size_t value_length = (size_t)(end - value);
        if (coverage_has_prefix(&line, "SF:")) {
            if (record.path && coverage_lcov_end(report, &record, line.number, error) != 0)
                return -1;
            if (!value_length) {
                strbuf_printf(error, "line %zu: SF: without a file name", line.number);
                return -1;
            }
            record.path = value;
            record.path_length = value_length;
            continue;
        }
        if (coverage_has_prefix(&line, "end_of_record")) {
            if (record.path && coverage_lcov_end(report, &record, line.number, error) != 0)
                return -1;
            continue;
        }
        bool da = coverage_has_prefix(&line, "DA:"), brda = coverage_has_prefix(&line, "BRDA:");
        uint64_t *summary = NULL;
        bool *seen = NULL;
        if (coverage_has_prefix(&line, "LF:"))
            summary = &record.lf, seen = &record.has_lf;
        else if (coverage_has_prefix(&line, "LH:"))
            summary = &record.lh, seen = &record.has_lh;
        else if (coverage_has_prefix(&line, "BRF:"))
            summary = &record.brf, seen = &record.has_brf;
        else if (coverage_has_prefix(&line, "BRH:"))
            summary = &record.brh, seen = &record.has_brh;
        if (!da && !brda && !summary)
            continue; /* TN:, FN:, FNDA:, VER: … carry no line coverage */
        if (!record.path) {
            strbuf_printf(error, "line %zu: coverage data before any SF: line", line.number);
            return -1;
        }
        if (summary) {
            if (!xml_safe_parse_u64(value, value_length, summary)) {
                strbuf_printf(error, "line %zu: not a count", line.number);
                return -1;
            }
            *seen = true;
            continue;
        }
        const char *field;
        size_t field_length;
        bool nonzero = false;
        if (da) {
            /* DA:<line>,<count>[,<checksum>] */
            if (!coverage_field(value, value_length, 1, &field, &field_length) ||
                !coverage_count_nonzero(field, field_length, &nonzero)) {
                strbuf_printf(error, "line %zu: malformed DA: line", line.number);
                return -1;
            }
            record.counted.lines_total++;
            record.counted.lines_covered += nonzero;
        } else {
            /* BRDA:<line>,<block>,<branch>,<taken or ->; "-": never reached */
            if (!coverage_field(value, value_length, 3, &field, &field_length)) {
                strbuf_printf(error, "line %zu: malformed BRDA: line", line.number);
                return -1;
            }
            if (!(field_length == 1 && field[0] == '-') &&
                !coverage_count_nonzero(field, field_length, &nonzero)) {
                strbuf_printf(error, "line %zu: malformed BRDA: line", line.number);
                return -1;
            }
            record.counted.branches_total++;
            record.counted.branches_covered += nonzero;
        }
    }
    if (record.path && coverage_lcov_end(report, &record, line.number, error) != 0)
        return -1;
    if (!report->file_count) {
        strbuf_printf(error, "lcov tracefile without any SF: record");
        return -1;
    }
    return coverage_finish(report, COVERAGE_MERGE_MAX, NULL, error);
}

/* Go: "mode: set" then "path/file.go:12.2,14.16 2 1" (block, statements,
 * count). One block can appear more than once (profiles merged from
 * several packages): it counts once, covered when any copy ran. */
struct coverage_go_block {
    const char *key; /* "file:range", not NUL-terminated */
    size_t key_length, file_length;
    uint64_t statements;
    bool covered;
};

static int coverage_go_block_compare(const void *left, const void *right)
{
    const struct coverage_go_block *a = left, *b = right;
    size_t length = a->key_length < b->key_length ? a->key_length : b->key_length;
    int order = memcmp(a->key, b->key, length);
    if (order)
        return order;
    return a->key_length < b->key_length ? -1 : a->key_length > b->key_length;
}

static int coverage_go(const char *data, size_t length, struct coverage_report *report,
                       struct strbuf *error)
{
    report->format = COVERAGE_FORMAT_GO_PROFILE;
    struct coverage_go_block *blocks = NULL;
    size_t count = 0, capacity = 0;
    struct coverage_line line = {0};
    size_t offset = 0;
    bool mode = false;
    int status = 0;
    while (coverage_next_line(data, length, &offset, &line)) {
        if (!line.length)
            continue;
        if (!mode) {
            if (!coverage_has_prefix(&line, "mode: ")) {
                strbuf_printf(error, "line %zu: a Go profile starts with 'mode: '", line.number);
                status = -1;
                break;
            }
            mode = true;
            continue;
        }
        if (coverage_has_prefix(&line, "mode: "))
            continue; /* concatenated profiles repeat the header */
        /* From the right: count, statements, then "file:range". */
        const char *space2 = NULL, *space1 = NULL;
        for (size_t i = line.length; i-- > 0;) {
            if (line.text[i] != ' ')
                continue;
            if (!space2)
                space2 = line.text + i;
            else {
                space1 = line.text + i;
                break;
            }
        }
        const char *colon = NULL;
        for (const char *at = space1 ? space1 : line.text; space1 && at > line.text; at--)
            if (at[-1] == ':') {
                colon = at - 1;
                break;
            }
        uint64_t statements = 0;
        bool nonzero = false;
        if (!space1 || !colon || colon == line.text ||
            !xml_safe_parse_u64(space1 + 1, (size_t)(space2 - space1 - 1), &statements) ||
            !coverage_count_nonzero(space2 + 1, (size_t)(line.text + line.length - space2 - 1),
                                    &nonzero) ||
            !memchr(colon, ',', (size_t)(space1 - colon))) {
            strbuf_printf(error, "line %zu: not 'file.go:line.col,line.col statements count'",
                          line.number);
            status = -1;
            break;
        }
        blocks = xgrow(blocks, &capacity, count + 1, sizeof(*blocks));
        blocks[count++] = (struct coverage_go_block){
            .key = line.text,
            .key_length = (size_t)(space1 - line.text),
            .file_length = (size_t)(colon - line.text),
            .statements = statements,
            .covered = nonzero,
        };
    }
    if (status == 0 && !mode) {
        strbuf_printf(error, "empty Go profile");
        status = -1;
    }
    if (status == 0 && count)
        qsort(blocks, count, sizeof(*blocks), coverage_go_block_compare);
    for (size_t i = 0; status == 0 && i < count;) {
        /* One file: a run of blocks with the same file part. */
        struct coverage_counts counts = {0};
        size_t first = i;
        while (i < count && blocks[i].file_length == blocks[first].file_length &&
               memcmp(blocks[i].key, blocks[first].key, blocks[first].file_length) == 0) {
            uint64_t statements = blocks[i].statements;
            bool covered = blocks[i].covered;
            size_t k = i + 1;
            for (; k < count && coverage_go_block_compare(&blocks[k], &blocks[i]) == 0; k++) {
                covered = covered || blocks[k].covered;
                statements = coverage_max(statements, blocks[k].statements);
            }
            if (!coverage_add_checked(&counts.lines_total, statements) ||
                (covered && !coverage_add_checked(&counts.lines_covered, statements))) {
                strbuf_printf(error, "statement counts too large");
                status = -1;
                break;
            }
            i = k;
        }
        if (status == 0)
            coverage_add_file(report, blocks[first].key, blocks[first].file_length, &counts);
    }
    free(blocks);
    if (status != 0)
        return -1;
    return coverage_finish(report, COVERAGE_MERGE_SUM, NULL, error);
}

/* ---- coverage.py JSON ---- */

static bool coverage_json_count(const json_t *summary, const char *key, uint64_t *out)
{
    const json_t *value = json_object_get(summary, key);
    if (!value)
        return false;
    if (!json_is_integer(value) || json_integer_value(value) < 0)
        return false;
    *out = (uint64_t)json_integer_value(value);
    return true;
}

/* A coverage.py "summary": statements and covered lines, and branches
 * when measured with --branch. */
static bool coverage_json_summary(const json_t *summary, struct coverage_counts *counts)
{
    memset(counts, 0, sizeof(*counts));
    if (!json_is_object(summary) ||
        !coverage_json_count(summary, "covered_lines", &counts->lines_covered) ||
        !coverage_json_count(summary, "num_statements", &counts->lines_total))
        return false;
    if (json_object_get(summary, "num_branches") &&
        (!coverage_json_count(summary, "num_branches", &counts->branches_total) ||
         !coverage_json_count(summary, "covered_branches", &counts->branches_covered)))
        return false;
    return coverage_counts_valid(counts);
}

static int coverage_json(const char *data, size_t length, struct coverage_report *report,
                         struct strbuf *error)
{
    report->format = COVERAGE_FORMAT_COVERAGE_PY_JSON;
    if (length > COVERAGE_MAX_REPORT_BYTES) {
        strbuf_printf(error, "larger than %u bytes: not read", COVERAGE_MAX_REPORT_BYTES);
        return -1;
    }
    json_error_t json_error;
    json_t *root = json_loadb(data, length, JSON_REJECT_DUPLICATES, &json_error);
    if (!root) {
        strbuf_printf(error, "not valid JSON (line %d: %.120s)", json_error.line, json_error.text);
        return -1;
    }
    int status = 0;
    const json_t *files = json_object_get(root, "files");
    const json_t *totals_json = json_object_get(root, "totals");
    struct coverage_counts totals;
    if (!json_is_object(files) || !coverage_json_summary(totals_json, &totals)) {
        strbuf_printf(error, "not a coverage.py JSON report (no \"files\" and \"totals\")");
        status = -1;
    }
    if (status == 0) {
        const char *path;
        const json_t *file;
        json_object_foreach((json_t *)files, path, file)
        {
            struct coverage_counts counts;
            if (!coverage_json_summary(json_object_get(file, "summary"), &counts)) {
                strbuf_printf(error, "%.200s: malformed \"summary\"", path);
                status = -1;
                break;
            }
            coverage_add_file(report, path, strlen(path), &counts);
        }
    }
    json_decref(root);
    if (status != 0)
        return -1;
    return coverage_finish(report, COVERAGE_MERGE_SUM, &totals, error);
}

/* ---- detection and entry point ---- */

enum coverage_format coverage_detect(const char *data, size_t length)
{
    size_t i = 0;
    if (length >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < length && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    if (i >= length)
        return COVERAGE_FORMAT_UNKNOWN;
    const char *start = data + i;
    size_t rest = length - i;
    if (start[0] == '<') {
        /* The root element's name decides; skip the prolog and comments. */
        for (size_t k = 0; k + 1 < rest && k < 65536; k++) {
            if (start[k] != '<' || start[k + 1] == '?' || start[k + 1] == '!')
                continue;
            if (rest - k > 9 && memcmp(start + k + 1, "coverage", 8) == 0)
                return COVERAGE_FORMAT_COBERTURA;
            if (rest - k > 7 && memcmp(start + k + 1, "report", 6) == 0)
                return COVERAGE_FORMAT_JACOCO;
            return COVERAGE_FORMAT_UNKNOWN;
        }
        return COVERAGE_FORMAT_UNKNOWN;
    }
    if (start[0] == '{')
        return COVERAGE_FORMAT_COVERAGE_PY_JSON;
    if (rest >= 6 && memcmp(start, "mode: ", 6) == 0)
        return COVERAGE_FORMAT_GO_PROFILE;
    static const char *const lcov_starts[] = {"TN:", "SF:", "VER:"};
    for (size_t k = 0; k < sizeof(lcov_starts) / sizeof(*lcov_starts); k++)
        if (rest >= strlen(lcov_starts[k]) &&
            memcmp(start, lcov_starts[k], strlen(lcov_starts[k])) == 0)
            return COVERAGE_FORMAT_LCOV;
    return COVERAGE_FORMAT_UNKNOWN;
}

int coverage_parse(const char *data, size_t length, struct coverage_report *report,
                   struct strbuf *error)
{
    memset(report, 0, sizeof(*report));
    if (!length) {
        strbuf_printf(error, "empty file");
        return -1;
    }
    if (length > COVERAGE_MAX_REPORT_BYTES) {
        strbuf_printf(error, "larger than %u bytes: not read", COVERAGE_MAX_REPORT_BYTES);
        return -1;
    }
    int status;
    switch (coverage_detect(data, length)) {
    case COVERAGE_FORMAT_COBERTURA:
    case COVERAGE_FORMAT_JACOCO:
        status = coverage_xml(data, length, report, error);
        break;
    case COVERAGE_FORMAT_LCOV:
        status = coverage_lcov(data, length, report, error);
        break;
    case COVERAGE_FORMAT_GO_PROFILE:
        status = coverage_go(data, length, report, error);
        break;
    case COVERAGE_FORMAT_COVERAGE_PY_JSON:
        status = coverage_json(data, length, report, error);
        break;
    default:
        strbuf_printf(error, "not a coverage report prodready reads (Cobertura or JaCoCo XML, "
                             "lcov, coverage.py JSON, Go cover profile)");
        status = -1;
        break;
    }
    if (status != 0) {
        enum coverage_format format = report->format;
        coverage_report_release(report);
        report->format = format;
    }
    return status;
}

void coverage_report_release(struct coverage_report *report)
{
    for (size_t i = 0; i < report->file_count; i++)
        free(report->files[i].path);
    free(report->files);
    memset(report, 0, sizeof(*report));
}
