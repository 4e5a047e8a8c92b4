/*
 * osv: loader, index and matcher of an offline OSV export (osv.h).
 *
 * A document goes through three gates: a size cap, a byte scan for a
 * "name" value that names a wanted package (no JSON parsing for the
 * thousands that do not), then jansson and a structural check of the
 * fields matching needs (id, affected[].package, ranges[].events,
 * versions). Each affected package of interest becomes one index entry;
 * matching finds a package's entries by binary search and evaluates them
 * with the schema's algorithm (IsVulnerable, IncludedInRanges,
 * BeforeLimits). It must not print, and must not decide anything about the
 * repository: the check (checks/dependencies.c) does that.
 */
#include "advisories/osv.h"
#include "advisories/cvss.h"
#include "advisories/version_order.h"
#include "analyzers/deps_common.h"
#include "util/arena.h"
#include "util/file.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

enum { OSV_NAME_MAX = 512, OSV_DEPTH_MAX = 16 };

enum osv_event_kind { OSV_INTRODUCED, OSV_FIXED, OSV_LAST_AFFECTED, OSV_LIMIT };

struct osv_event {
    enum osv_event_kind kind;
    const char *version;
};

struct osv_range {
    bool semver; /* type SEMVER: SemVer 2.0 order whatever the ecosystem */
    struct osv_event *events;
    size_t event_count;
};

/* One affected[] package of one advisory: the unit of the index. */
struct osv_entry {
    const char *ecosystem; /* deps_common.h name */
    const char *key;       /* the name as the ecosystem compares it */
    const struct osv_record *record;
    struct osv_range *ranges;
    size_t range_count;
    const char **versions;
    size_t version_count;
};

struct osv_record {
    struct osv_advisory advisory;
    bool rated; /* the severity comes from the advisory, not the default */
};

struct osv_database {
    struct arena arena;
    char **wanted; /* loose keys, sorted before the first load: PEP 503's folding
                    * (deps_python_fold) is looser than any ecosystem's own
                    * comparison, so the byte scan never misses a document
                    * the exact comparison would match */
    size_t wanted_count, wanted_capacity;
    bool wanted_sorted;
    struct osv_entry *entries;
    size_t entry_count, entry_capacity;
    bool entries_sorted;
    struct osv_stats stats;
    const char **warnings;
    size_t warning_count, warning_capacity, warnings_dropped;
    bool warnings_closed;
    struct osv_match *matches;
    size_t match_capacity;
};

struct osv_database *osv_database_new(void)
{
    struct osv_database *database = xcalloc(1, sizeof(*database));
    arena_init(&database->arena);
    return database;
}

void osv_database_free(struct osv_database *database)
{
    if (!database)
        return;
    for (size_t i = 0; i < database->wanted_count; i++)
        free(database->wanted[i]);
    free(database->wanted);
    free(database->entries);
    free(database->warnings);
    free(database->matches);
    arena_destroy(&database->arena);
    free(database);
}

static void osv_warn(struct osv_database *database, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

static void osv_warn(struct osv_database *database, const char *format, ...)
{
    if (database->warning_count >= OSV_WARNINGS_MAX) {
        database->warnings_dropped++;
        return;
    }
    va_list args;
    va_start(args, format);
    char *warning = arena_vprintf(&database->arena, format, args);
    va_end(args);
    database->warnings = xgrow(database->warnings, &database->warning_capacity,
                               database->warning_count + 1, sizeof(*database->warnings));
    database->warnings[database->warning_count++] = warning;
}

/* The name as `ecosystem` compares it (arena copy). */
static const char *osv_name_key(struct arena *arena, const char *ecosystem, const char *name)
{
    if (strcmp(ecosystem, "pypi") == 0)
        return deps_python_normalize(arena, name);
    if (strcmp(ecosystem, "nuget") == 0 || strcmp(ecosystem, "packagist") == 0) {
        char *key = arena_strdup(arena, name);
        for (char *p = key; *p; p++)
            *p = text_lower(*p);
        return key;
    }
    return arena_strdup(arena, name);
}

static int osv_string_compare(const void *left, const void *right)
{
    return strcmp(*(char *const *)left, *(char *const *)right);
}

void osv_database_want(struct osv_database *database, const char *ecosystem, const char *name)
{
    (void)ecosystem; /* the scan is ecosystem-blind; matching is not */
    char key[OSV_NAME_MAX];
    if (!deps_python_fold(name, strlen(name), key, sizeof key))
        return;
    database->wanted = xgrow(database->wanted, &database->wanted_capacity,
                             database->wanted_count + 1, sizeof(*database->wanted));
    database->wanted[database->wanted_count++] = xstrdup(key);
    database->wanted_sorted = false;
}

void osv_database_want_facts(struct osv_database *database, const struct fact *facts, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        /* "ECOSYSTEM\tNAME\tSPEC\tVERSION\tDIRECT" */
        const char *value = facts[i].value;
        if (strcmp(facts[i].key, "deps.dependency") != 0 || !value)
            continue;
        const char *name = strchr(value, '\t');
        const char *spec = name ? strchr(name + 1, '\t') : NULL;
        const char *version = spec ? strchr(spec + 1, '\t') : NULL;
        if (!version || version[1] == '\t' || !version[1])
            continue;
        char *copy = xstrndup(name + 1, (size_t)(spec - name - 1));
        osv_database_want(database, "", copy);
        free(copy);
    }
}

static bool osv_is_wanted(struct osv_database *database, const char *name, size_t length)
{
    if (!database->wanted_sorted) {
        if (database->wanted_count)
            qsort(database->wanted, database->wanted_count, sizeof(*database->wanted),
                  osv_string_compare);
        database->wanted_sorted = true;
    }
    char key[OSV_NAME_MAX];
    if (!database->wanted_count || !deps_python_fold(name, length, key, sizeof key))
        return false;
    const char *probe = key;
    return bsearch(&probe, database->wanted, database->wanted_count, sizeof(*database->wanted),
                   osv_string_compare) != NULL;
}

/* The byte scan: does any "name": "…" in the raw text name a wanted
 * package? A name with an escape is left to the parser (true). */
static bool osv_names_wanted(struct osv_database *database, const char *text, size_t length)
{
    static const char needle[] = "\"name\"";
    const size_t needle_length = sizeof needle - 1;
    const char *end = text + length;
    for (const char *p = text; (size_t)(end - p) >= needle_length;) {
        const char *quote = memchr(p, '"', (size_t)(end - p));
        if (!quote || (size_t)(end - quote) < needle_length)
            return false;
        p = quote + 1;
        if (memcmp(quote, needle, needle_length) != 0)
            continue;
        p = quote + needle_length;
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
            p++;
        if (p >= end || *p != ':')
            continue;
        p++;
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
            p++;
        if (p >= end || *p != '"')
            continue;
        const char *start = ++p;
        while (p < end && *p != '"' && *p != '\\')
            p++;
        if (p >= end)
            return false;
        if (*p == '\\')
            return true;
        if (osv_is_wanted(database, start, (size_t)(p - start)))
            return true;
        p++;
    }
    return false;
}

/* ---- severity ---- */

static const char *osv_json_string(json_t *object, const char *key)
{
    json_t *value = json_is_object(object) ? json_object_get(object, key) : NULL;
    return json_is_string(value) ? json_string_value(value) : NULL;
}

/* A severity from `severity` (an OSV severity array) or the database's
 * own field; false when neither gives one (then `out` is untouched). */
static bool osv_rate(struct arena *arena, json_t *severity, json_t *database_specific,
                     enum severity *out, const char **basis, bool *saw_v4)
{
    size_t index;
    json_t *item;
    if (json_is_array(severity)) {
        json_array_foreach(severity, index, item)
        {
            const char *type = osv_json_string(item, "type");
            const char *score = osv_json_string(item, "score");
            if (!type || !score)
                continue;
            double value;
            if (strcmp(type, "CVSS_V3") == 0 && cvss3_base_score(score, &value)) {
                *out = cvss_severity(value);
                *basis = arena_printf(arena, "%.8s base score %.1f", score, value);
                return true;
            }
            if (strcmp(type, "CVSS_V4") == 0)
                *saw_v4 = true;
        }
    }
    /* GitHub's advisories: CRITICAL, HIGH, MODERATE, LOW. */
    const char *named = osv_json_string(database_specific, "severity");
    if (named) {
        static const struct {
            const char *name;
            enum severity severity;
        } names[] = {
            {"critical", SEVERITY_CRITICAL}, {"high", SEVERITY_HIGH}, {"moderate", SEVERITY_MEDIUM},
            {"medium", SEVERITY_MEDIUM},     {"low", SEVERITY_LOW},
        };
        for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
            if (text_equals_nocase(named, strlen(named), names[i].name)) {
                *out = names[i].severity;
                *basis = arena_printf(arena, "database severity %s", named);
                return true;
            }
        }
    }
    return false;
}

/* ---- parsing one advisory ---- */

/* Why a document is not an advisory this loader can use; NULL when it is. */
static const char *osv_read_range(struct arena *arena, json_t *range, struct osv_range *out,
                                  bool *skip, size_t *git_ranges)
{
    const char *type = osv_json_string(range, "type");
    if (!type)
        return "a range without a \"type\"";
    *skip = false;
    if (strcmp(type, "GIT") == 0) {
        (*git_ranges)++;
        *skip = true;
        return NULL;
    }
    if (strcmp(type, "SEMVER") != 0 && strcmp(type, "ECOSYSTEM") != 0) {
        *skip = true;
        return NULL;
    }
    json_t *events = json_object_get(range, "events");
    if (!json_is_array(events) || json_array_size(events) == 0)
        return "a range without \"events\"";
    out->semver = strcmp(type, "SEMVER") == 0;
    out->event_count = json_array_size(events);
    out->events = arena_alloc(arena, out->event_count * sizeof(*out->events));
    static const char *const kinds[] = {"introduced", "fixed", "last_affected", "limit"};
    for (size_t i = 0; i < out->event_count; i++) {
        json_t *event = json_array_get(events, i);
        if (!json_is_object(event) || json_object_size(event) != 1)
            return "an event that is not one of introduced, fixed, last_affected, limit";
        bool known = false;
        for (size_t k = 0; k < sizeof kinds / sizeof *kinds && !known; k++) {
            const char *version = osv_json_string(event, kinds[k]);
            if (version && *version) {
                out->events[i] =
                    (struct osv_event){(enum osv_event_kind)k, arena_strdup(arena, version)};
                known = true;
            }
        }
        if (!known)
            return "an event that is not one of introduced, fixed, last_affected, limit";
    }
    return NULL;
}

/* Reads `affected` entries of interest into `entries` (malloc'd array).
 * Returns why the document is refused, or NULL. */
static const char *osv_read_affected(struct osv_database *database, json_t *affected,
                                     struct osv_record *record, struct osv_entry **entries,
                                     size_t *count, size_t *capacity, size_t *git_ranges)
{
    struct arena *arena = &database->arena;
    size_t index;
    json_t *item;
    json_array_foreach(affected, index, item)
    {
        json_t *package = json_object_get(item, "package");
        const char *osv_ecosystem = osv_json_string(package, "ecosystem");
        const char *name = osv_json_string(package, "name");
        if (!json_is_object(item) || !osv_ecosystem || !name)
            continue; /* affected[] without a package names commits only */
        const char *ecosystem = version_order_ecosystem(osv_ecosystem);
        if (!ecosystem || !osv_is_wanted(database, name, strlen(name)))
            continue;
        struct osv_entry entry = {
            .ecosystem = ecosystem,
            .key = osv_name_key(arena, ecosystem, name),
            .record = record,
        };
        json_t *ranges = json_object_get(item, "ranges");
        if (ranges && !json_is_array(ranges))
            return "\"ranges\" is not an array";
        if (ranges) {
            entry.ranges =
                arena_alloc(arena, (json_array_size(ranges) + 1) * sizeof(*entry.ranges));
            size_t range_index;
            json_t *range;
            json_array_foreach(ranges, range_index, range)
            {
                bool skip = true;
                const char *problem = osv_read_range(arena, range, &entry.ranges[entry.range_count],
                                                     &skip, git_ranges);
                if (problem)
                    return problem;
                entry.range_count += !skip;
            }
        }
        json_t *versions = json_object_get(item, "versions");
        if (versions && !json_is_array(versions))
            return "\"versions\" is not an array";
        if (versions) {
            entry.versions = arena_alloc(arena, (json_array_size(versions) + 1) * sizeof(char *));
            size_t version_index;
            json_t *version;
            json_array_foreach(versions, version_index, version)
            {
                if (!json_is_string(version))
                    return "\"versions\" holds a value that is not a string";
                entry.versions[entry.version_count++] =
                    arena_strdup(arena, json_string_value(version));
            }
        }
        /* Severity given per package instead of for the whole advisory. */
        if (!record->rated) {
            bool v4 = false;
            record->rated =
                osv_rate(arena, json_object_get(item, "severity"), NULL, &record->advisory.severity,
                         &record->advisory.severity_basis, &v4);
        }
        *entries = xgrow(*entries, capacity, *count + 1, sizeof(**entries));
        (*entries)[(*count)++] = entry;
    }
    return NULL;
}

/* The summary, or the first line of the details when there is none. */
static const char *osv_summary(struct arena *arena, json_t *root)
{
    const char *summary = osv_json_string(root, "summary");
    if (summary && *summary)
        return arena_strdup(arena, summary);
    const char *details = osv_json_string(root, "details");
    if (!details)
        return "";
    size_t length = strcspn(details, "\r\n");
    if (length > 160)
        length = 160;
    return arena_strndup(arena, details, length);
}

static void osv_add_document(struct osv_database *database, json_t *root, const char *source)
{
    struct arena *arena = &database->arena;
    const char *id = osv_json_string(root, "id");
    const char *problem = NULL;
    if (!json_is_object(root))
        problem = "not a JSON object";
    else if (!id || !*id)
        problem = "no \"id\"";
    else if (json_object_get(root, "affected") && !json_is_array(json_object_get(root, "affected")))
        problem = "\"affected\" is not an array";
    if (problem) {
        database->stats.malformed++;
        osv_warn(database, "%s: not an OSV advisory: %s", source, problem);
        return;
    }
    if (json_object_get(root, "withdrawn")) {
        database->stats.withdrawn++;
        return;
    }
    struct osv_record *record = arena_alloc(arena, sizeof(*record));
    record->advisory.id = arena_strdup(arena, id);
    record->advisory.summary = osv_summary(arena, root);
    record->advisory.source = arena_strdup(arena, source);
    json_t *aliases = json_object_get(root, "aliases");
    if (json_is_array(aliases)) {
        const char **list = arena_alloc(arena, (json_array_size(aliases) + 1) * sizeof(*list));
        size_t count = 0, index;
        json_t *alias;
        json_array_foreach(aliases, index, alias)
        {
            if (json_is_string(alias) && *json_string_value(alias))
                list[count++] = arena_strdup(arena, json_string_value(alias));
        }
        record->advisory.aliases = list;
        record->advisory.alias_count = count;
    }
    bool v4 = false;
    record->advisory.severity = SEVERITY_MEDIUM;
    record->rated = osv_rate(arena, json_object_get(root, "severity"),
                             json_object_get(root, "database_specific"), &record->advisory.severity,
                             &record->advisory.severity_basis, &v4);

    struct osv_entry *entries = NULL;
    size_t count = 0, capacity = 0, git_ranges = 0;
    json_t *affected = json_object_get(root, "affected");
    problem = affected ? osv_read_affected(database, affected, record, &entries, &count, &capacity,
                                           &git_ranges)
                       : NULL;
    if (problem) {
        free(entries);
        database->stats.malformed++;
        osv_warn(database, "%s: not an OSV advisory: %s", source, problem);
        return;
    }
    database->stats.git_ranges += git_ranges;
    if (!record->rated) {
        /* CVSS v4 is not scored here (its formula is a table lookup of
         * another specification): medium, and the report says why. */
        record->advisory.severity_basis =
            v4 ? "the default; the advisory has only a CVSS v4 vector, not scored here"
               : "the default; the advisory rates nothing";
    }
    if (!count) {
        free(entries);
        return; /* the byte scan's name was elsewhere (a reference, a credit) */
    }
    database->stats.advisories++;
    database->entries = xgrow(database->entries, &database->entry_capacity,
                              database->entry_count + count, sizeof(*database->entries));
    memcpy(database->entries + database->entry_count, entries, count * sizeof(*entries));
    database->entry_count += count;
    database->entries_sorted = false;
    free(entries);
}

void osv_database_add_json(struct osv_database *database, const char *text, size_t length,
                           const char *source)
{
    database->stats.documents++;
    if (length > OSV_DOCUMENT_MAX) {
        database->stats.too_large++;
        osv_warn(database, "%s: skipped: larger than %u MiB", source,
                 (unsigned)(OSV_DOCUMENT_MAX >> 20));
        return;
    }
    if (!osv_names_wanted(database, text, length))
        return;
    database->stats.parsed++;
    json_error_t error;
    json_t *root = json_loadb(text, length, 0, &error);
    if (!root) {
        database->stats.malformed++;
        osv_warn(database, "%s:%d: not valid JSON: %s", source, error.line, error.text);
        return;
    }
    osv_add_document(database, root, source);
    json_decref(root);
}

/* ---- loading files, directories and zips ---- */

static bool osv_has_suffix(const char *name, const char *suffix)
{
    size_t length = strlen(name), suffix_length = strlen(suffix);
    return length > suffix_length &&
           text_equals_nocase(name + length - suffix_length, suffix_length, suffix);
}

static void osv_load_zip(struct osv_database *database, const char *path)
{
    int error_code = 0;
    zip_t *archive = zip_open(path, ZIP_RDONLY, &error_code);
    if (!archive) {
        zip_error_t error;
        zip_error_init_with_code(&error, error_code);
        osv_warn(database, "%s: cannot read the zip: %s", path, zip_error_strerror(&error));
        zip_error_fini(&error);
        return;
    }
    zip_int64_t count = zip_get_num_entries(archive, 0);
    char *buffer = NULL;
    size_t buffer_capacity = 0;
    for (zip_int64_t i = 0; i < count; i++) {
        zip_stat_t stat;
        zip_stat_init(&stat);
        if (zip_stat_index(archive, (zip_uint64_t)i, 0, &stat) != 0 ||
            !(stat.valid & ZIP_STAT_NAME) || !(stat.valid & ZIP_STAT_SIZE))
            continue;
        if (!osv_has_suffix(stat.name, ".json"))
            continue;
        struct strbuf source = STRBUF_INIT;
        strbuf_printf(&source, "%s!%s", path, stat.name);
        if (stat.size > OSV_DOCUMENT_MAX) {
            database->stats.documents++;
            database->stats.too_large++;
            osv_warn(database, "%s: skipped: larger than %u MiB", source.data,
                     (unsigned)(OSV_DOCUMENT_MAX >> 20));
            strbuf_release(&source);
            continue;
        }
        zip_file_t *entry = zip_fopen_index(archive, (zip_uint64_t)i, 0);
        size_t size = (size_t)stat.size;
        buffer = xgrow(buffer, &buffer_capacity, size + 1, 1);
        zip_int64_t got = entry ? zip_fread(entry, buffer, size) : -1;
        /* A size the header lies about shows as a short read, or as bytes
         * left over. */
        char extra;
        bool complete = got >= 0 && (size_t)got == size && zip_fread(entry, &extra, 1) == 0;
        if (entry)
            zip_fclose(entry);
        if (!complete) {
            database->stats.documents++;
            database->stats.malformed++;
            osv_warn(database, "%s: cannot read the zip entry: %s", source.data,
                     zip_strerror(archive));
        } else {
            osv_database_add_json(database, buffer, size, source.data);
        }
        strbuf_release(&source);
    }
    free(buffer);
    zip_discard(archive);
}

static void osv_load_file(struct osv_database *database, const char *path)
{
    size_t length = 0;
    char *text = file_read_all(path, OSV_DOCUMENT_MAX, &length);
    if (!text) {
        database->stats.documents++;
        if (errno == EFBIG) {
            database->stats.too_large++;
            osv_warn(database, "%s: skipped: larger than %u MiB", path,
                     (unsigned)(OSV_DOCUMENT_MAX >> 20));
        } else {
            database->stats.malformed++;
            osv_warn(database, "%s: cannot read: %s", path, strerror(errno));
        }
        return;
    }
    osv_database_add_json(database, text, length, path);
    free(text);
}

static int osv_dirent_compare(const struct dirent **left, const struct dirent **right)
{
    return strcmp((*left)->d_name, (*right)->d_name);
}

/* Sorted, so warnings and the order of equal-id advisories never depend
 * on the file system. Symbolic links are not followed (no loops). */
static void osv_load_directory(struct osv_database *database, const char *path, int depth)
{
    struct dirent **names = NULL;
    int count = scandir(path, &names, NULL, osv_dirent_compare);
    if (count < 0) {
        osv_warn(database, "%s: cannot read the directory: %s", path, strerror(errno));
        return;
    }
    for (int i = 0; i < count; i++) {
        const char *name = names[i]->d_name;
        if (name[0] == '.') {
            free(names[i]);
            continue;
        }
        struct strbuf child = STRBUF_INIT;
        strbuf_printf(&child, "%s/%s", path, name);
        struct stat info;
        if (lstat(child.data, &info) == 0) {
            if (S_ISDIR(info.st_mode) && depth < OSV_DEPTH_MAX)
                osv_load_directory(database, child.data, depth + 1);
            else if (S_ISREG(info.st_mode) && osv_has_suffix(name, ".zip"))
                osv_load_zip(database, child.data);
            else if (S_ISREG(info.st_mode) && osv_has_suffix(name, ".json"))
                osv_load_file(database, child.data);
        }
        strbuf_release(&child);
        free(names[i]);
    }
    free(names);
}

bool osv_database_load(struct osv_database *database, const char *path)
{
    struct stat info;
    if (stat(path, &info) != 0) {
        osv_warn(database, "%s: cannot read the advisories: %s", path, strerror(errno));
        return false;
    }
    if (S_ISDIR(info.st_mode))
        osv_load_directory(database, path, 0);
    else if (osv_has_suffix(path, ".zip"))
        osv_load_zip(database, path);
    else
        osv_load_file(database, path);
    return true;
}

/* ---- matching ---- */

static int osv_entry_compare(const void *left, const void *right)
{
    const struct osv_entry *a = left, *b = right;
    int order = strcmp(a->ecosystem, b->ecosystem);
    if (!order)
        order = strcmp(a->key, b->key);
    if (!order)
        order = strcmp(a->record->advisory.id, b->record->advisory.id);
    if (!order)
        order = strcmp(a->record->advisory.source, b->record->advisory.source);
    return order;
}

enum osv_verdict { OSV_SAFE, OSV_HIT, OSV_UNKNOWN };

/* How one range's or entry's versions are ordered. */
struct osv_ordering {
    const char *ecosystem; /* for version_order_compare */
    const char *version;   /* the locked version, as that ordering spells it */
};

static struct osv_ordering osv_ordering_for(const struct osv_entry *entry, bool semver,
                                            const char *version)
{
    /* OSV writes Go versions without the "v" go.mod has; Go's order is
     * SemVer's, as is every SEMVER range's whatever its ecosystem. */
    if (strcmp(entry->ecosystem, "go") == 0) {
        if (version[0] == 'v')
            version++;
        return (struct osv_ordering){"npm", version};
    }
    return (struct osv_ordering){semver ? "npm" : entry->ecosystem, version};
}

static bool osv_is_zero(const struct osv_event *event)
{
    return event->kind == OSV_INTRODUCED && strcmp(event->version, "0") == 0;
}

/* Event order for the timeline; false when two versions cannot be ordered. */
static bool osv_event_less(const char *ecosystem, const struct osv_event *a,
                           const struct osv_event *b, bool *less)
{
    if (osv_is_zero(a) || osv_is_zero(b)) {
        *less = osv_is_zero(a) && !osv_is_zero(b);
        return true;
    }
    enum version_order_result order = version_order_compare(ecosystem, a->version, b->version);
    if (order != VERSION_ORDER_LESS && order != VERSION_ORDER_EQUAL &&
        order != VERSION_ORDER_GREATER)
        return false;
    *less = order == VERSION_ORDER_LESS;
    return true;
}

/* IncludedInRanges for one range, BeforeLimits first. */
static enum osv_verdict osv_range_includes(const struct osv_range *range,
                                           const struct osv_ordering *ordering)
{
    bool limited = false, before = false;
    for (size_t i = 0; i < range->event_count; i++) {
        const struct osv_event *event = &range->events[i];
        if (event->kind != OSV_LIMIT)
            continue;
        limited = true;
        if (strchr(event->version, '*')) {
            before = true;
            continue;
        }
        enum version_order_result order =
            version_order_compare(ordering->ecosystem, ordering->version, event->version);
        if (order == VERSION_ORDER_INVALID || order == VERSION_ORDER_UNSUPPORTED)
            return OSV_UNKNOWN;
        before = before || order == VERSION_ORDER_LESS;
    }
    if (limited && !before)
        return OSV_SAFE;

    /* sorted(range.events): a stable insertion sort, events being few. */
    const struct osv_event *stack[16];
    const struct osv_event **sorted =
        range->event_count <= 16 ? stack : xmalloc(range->event_count * sizeof(*sorted));
    size_t count = 0;
    enum osv_verdict verdict = OSV_SAFE;
    for (size_t i = 0; i < range->event_count; i++) {
        const struct osv_event *event = &range->events[i];
        if (event->kind == OSV_LIMIT)
            continue;
        size_t at = count;
        while (at > 0) {
            bool less;
            if (!osv_event_less(ordering->ecosystem, event, sorted[at - 1], &less)) {
                verdict = OSV_UNKNOWN;
                break;
            }
            if (!less)
                break;
            sorted[at] = sorted[at - 1];
            at--;
        }
        if (verdict == OSV_UNKNOWN)
            break;
        sorted[at] = event;
        count++;
    }
    bool vulnerable = false;
    for (size_t i = 0; i < count && verdict != OSV_UNKNOWN; i++) {
        const struct osv_event *event = sorted[i];
        if (osv_is_zero(event)) {
            vulnerable = true;
            continue;
        }
        enum version_order_result order =
            version_order_compare(ordering->ecosystem, ordering->version, event->version);
        if (order == VERSION_ORDER_INVALID || order == VERSION_ORDER_UNSUPPORTED) {
            verdict = OSV_UNKNOWN;
            break;
        }
        if (event->kind == OSV_INTRODUCED && order != VERSION_ORDER_LESS)
            vulnerable = true;
        else if (event->kind == OSV_FIXED && order != VERSION_ORDER_LESS)
            vulnerable = false;
        else if (event->kind == OSV_LAST_AFFECTED && order == VERSION_ORDER_GREATER)
            vulnerable = false;
    }
    if (sorted != stack)
        free(sorted);
    if (verdict == OSV_UNKNOWN)
        return OSV_UNKNOWN;
    return vulnerable ? OSV_HIT : OSV_SAFE;
}

/* IsVulnerable for one affected package: its versions list, then its ranges. */
static enum osv_verdict osv_entry_includes(const struct osv_entry *entry, const char *version)
{
    struct osv_ordering listed = osv_ordering_for(entry, false, version);
    for (size_t i = 0; i < entry->version_count; i++) {
        if (strcmp(entry->versions[i], version) == 0 ||
            strcmp(entry->versions[i], listed.version) == 0 ||
            version_order_compare(listed.ecosystem, listed.version, entry->versions[i]) ==
                VERSION_ORDER_EQUAL)
            return OSV_HIT;
    }
    bool unknown = false;
    for (size_t i = 0; i < entry->range_count; i++) {
        struct osv_ordering ordering = osv_ordering_for(entry, entry->ranges[i].semver, version);
        enum osv_verdict verdict = osv_range_includes(&entry->ranges[i], &ordering);
        if (verdict == OSV_HIT)
            return OSV_HIT;
        unknown = unknown || verdict == OSV_UNKNOWN;
    }
    return unknown ? OSV_UNKNOWN : OSV_SAFE;
}

/* The fixed versions of `entry` above `version`, ", "-separated. */
static const char *osv_fixed_versions(struct arena *arena, const struct osv_entry *entry,
                                      const char *version)
{
    struct strbuf fixed = STRBUF_INIT;
    for (size_t i = 0; i < entry->range_count; i++) {
        struct osv_ordering ordering = osv_ordering_for(entry, entry->ranges[i].semver, version);
        for (size_t k = 0; k < entry->ranges[i].event_count; k++) {
            const struct osv_event *event = &entry->ranges[i].events[k];
            if (event->kind != OSV_FIXED ||
                version_order_compare(ordering.ecosystem, event->version, ordering.version) !=
                    VERSION_ORDER_GREATER)
                continue;
            /* The same fix listed in two ranges is named once. */
            bool seen = false;
            for (const char *p = fixed.data; p && *p && !seen;) {
                size_t length = strcspn(p, ",");
                seen = length == strlen(event->version) && memcmp(p, event->version, length) == 0;
                p += length;
                p += strspn(p, ", ");
            }
            if (seen)
                continue;
            if (fixed.length)
                strbuf_append_str(&fixed, ", ");
            strbuf_append_str(&fixed, event->version);
        }
    }
    const char *result = arena_strdup(arena, fixed.length ? fixed.data : "");
    strbuf_release(&fixed);
    return result;
}

static bool osv_same_vulnerability(const struct osv_advisory *a, const struct osv_advisory *b)
{
    if (strcmp(a->id, b->id) == 0)
        return true;
    for (size_t i = 0; i < a->alias_count; i++) {
        if (strcmp(a->aliases[i], b->id) == 0)
            return true;
        for (size_t k = 0; k < b->alias_count; k++)
            if (strcmp(a->aliases[i], b->aliases[k]) == 0)
                return true;
    }
    for (size_t k = 0; k < b->alias_count; k++)
        if (strcmp(b->aliases[k], a->id) == 0)
            return true;
    return false;
}

struct osv_hit {
    const struct osv_entry *entry;
    bool rated;
};

/* Rated advisories first (they carry a severity of their own), then by id. */
static int osv_hit_preference(const void *left, const void *right)
{
    const struct osv_hit *a = left, *b = right;
    if (a->rated != b->rated)
        return a->rated ? -1 : 1;
    return strcmp(a->entry->record->advisory.id, b->entry->record->advisory.id);
}

static int osv_match_compare(const void *left, const void *right)
{
    const struct osv_match *a = left, *b = right;
    return strcmp(a->advisory->id, b->advisory->id);
}

size_t osv_database_match(struct osv_database *database, const char *ecosystem, const char *name,
                          const char *version, const struct osv_match **matches,
                          size_t *undetermined)
{
    *matches = NULL;
    if (undetermined)
        *undetermined = 0;
    if (!database->entry_count || !version || !*version)
        return 0;
    if (!database->entries_sorted) {
        qsort(database->entries, database->entry_count, sizeof(*database->entries),
              osv_entry_compare);
        database->entries_sorted = true;
    }
    const char *key = osv_name_key(&database->arena, ecosystem, name);
    /* Lower bound of (ecosystem, key). */
    size_t low = 0, high = database->entry_count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        const struct osv_entry *entry = &database->entries[middle];
        int order = strcmp(entry->ecosystem, ecosystem);
        if (!order)
            order = strcmp(entry->key, key);
        if (order < 0)
            low = middle + 1;
        else
            high = middle;
    }
    struct osv_hit *hits = NULL;
    size_t hit_count = 0, hit_capacity = 0;
    for (size_t i = low; i < database->entry_count;) {
        const struct osv_entry *entry = &database->entries[i];
        if (strcmp(entry->ecosystem, ecosystem) != 0 || strcmp(entry->key, key) != 0)
            break;
        /* An advisory may list the package in several affected[] entries. */
        size_t end = i + 1;
        while (end < database->entry_count && database->entries[end].record == entry->record)
            end++;
        const struct osv_entry *hit = NULL;
        bool unknown = false;
        for (size_t k = i; k < end && !hit; k++) {
            enum osv_verdict verdict = osv_entry_includes(&database->entries[k], version);
            if (verdict == OSV_HIT)
                hit = &database->entries[k];
            unknown = unknown || verdict == OSV_UNKNOWN;
        }
        if (hit) {
            hits = xgrow(hits, &hit_capacity, hit_count + 1, sizeof(*hits));
            hits[hit_count++] = (struct osv_hit){hit, hit->record->rated};
        } else if (unknown && undetermined) {
            (*undetermined)++;
        }
        i = end;
    }
    if (hit_count)
        qsort(hits, hit_count, sizeof(*hits), osv_hit_preference);
    size_t kept = 0;
    for (size_t i = 0; i < hit_count; i++) {
        const struct osv_advisory *advisory = &hits[i].entry->record->advisory;
        bool duplicate = false;
        for (size_t k = 0; k < kept && !duplicate; k++)
            duplicate = osv_same_vulnerability(database->matches[k].advisory, advisory);
        if (duplicate)
            continue;
        database->matches = xgrow(database->matches, &database->match_capacity, kept + 1,
                                  sizeof(*database->matches));
        database->matches[kept++] = (struct osv_match){
            .advisory = advisory,
            .fixed = osv_fixed_versions(&database->arena, hits[i].entry, version),
        };
    }
    free(hits);
    if (kept > 1)
        qsort(database->matches, kept, sizeof(*database->matches), osv_match_compare);
    *matches = database->matches;
    return kept;
}

const struct osv_stats *osv_database_stats(const struct osv_database *database)
{
    return &database->stats;
}

const char *const *osv_database_warnings(struct osv_database *database, size_t *count)
{
    if (database->warnings_dropped && !database->warnings_closed) {
        database->warnings = xgrow(database->warnings, &database->warning_capacity,
                                   database->warning_count + 1, sizeof(*database->warnings));
        database->warnings[database->warning_count++] =
            arena_printf(&database->arena, "… and %zu more problems with advisory files",
                         database->warnings_dropped);
        database->warnings_closed = true;
    }
    *count = database->warning_count;
    return database->warnings;
}
