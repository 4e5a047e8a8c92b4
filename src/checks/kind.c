/*
 * kind: the project-kind decision (see kind.h). The order of precedence is
 * the order in which a production audit would treat the project: anything
 * that starts a server or a bot is a service, whatever else it ships; a
 * program with its own entry point in a compiled language is a cli before a
 * package; packaging metadata makes a library; only then do infrastructure
 * and documentation-only repositories count. Must stay a pure function of
 * the context.
 */
#include "checks/kind.h"

#include <string.h>

enum { KIND_EVIDENCE_MAX = 5 };

static size_t kind_collect(struct check_context *context, const char *key,
                           struct evidence *evidence, size_t count)
{
    for (size_t i = 0; i < context->fact_count && count < KIND_EVIDENCE_MAX; i++) {
        const struct fact *fact = &context->facts[i];
        if (strcmp(fact->key, key) == 0)
            evidence[count++] = (struct evidence){fact->file, fact->line, fact->value};
    }
    return count;
}

static bool kind_has_compiled_entry_point(const struct check_context *context)
{
    static const char *const compiled[] = {"C", "C++", "Go", "Rust", "Java"};
    for (size_t i = 0; i < context->fact_count; i++) {
        const struct fact *fact = &context->facts[i];
        if (strcmp(fact->key, "kind.cli") != 0 || !fact->file)
            continue;
        const struct check_file *file = check_find_file(context, fact->file);
        for (size_t k = 0; file && file->language && k < sizeof(compiled) / sizeof(*compiled); k++)
            if (strcmp(file->language, compiled[k]) == 0)
                return true;
    }
    return false;
}

enum project_kind kind_decide(struct check_context *context, struct evidence **evidence_out,
                              size_t *evidence_count)
{
    struct evidence *evidence = arena_alloc(context->arena, KIND_EVIDENCE_MAX * sizeof(*evidence));
    size_t count = 0;
    enum project_kind kind = PROJECT_KIND_UNKNOWN;

    if ((count = kind_collect(context, "kind.service", evidence, 0)) > 0) {
        kind = PROJECT_KIND_SERVICE;
    } else if (kind_has_compiled_entry_point(context)) {
        kind = PROJECT_KIND_CLI;
        count = kind_collect(context, "kind.cli", evidence, 0);
    } else if ((count = kind_collect(context, "kind.library", evidence, 0)) > 0) {
        kind = PROJECT_KIND_LIBRARY;
    } else if ((count = kind_collect(context, "kind.cli", evidence, 0)) > 0) {
        kind = PROJECT_KIND_CLI;
    } else {
        size_t source = 0, iac = 0, docs = 0;
        for (size_t i = 0; i < context->file_count; i++) {
            enum file_role role = context->files[i].role;
            source += role == FILE_ROLE_SOURCE || role == FILE_ROLE_TEST;
            iac += role == FILE_ROLE_IAC;
            docs += role == FILE_ROLE_DOCS;
        }
        count = kind_collect(context, "kind.infrastructure", evidence, 0);
        for (size_t i = 0; i < context->file_count && count < KIND_EVIDENCE_MAX; i++) {
            enum file_role role = context->files[i].role;
            if ((iac && !source && role == FILE_ROLE_IAC) ||
                (!iac && !source && docs && role == FILE_ROLE_DOCS))
                evidence[count++] =
                    (struct evidence){context->files[i].path, 0,
                                      iac ? "infrastructure definition" : "documentation file"};
        }
        if (iac && !source)
            kind = PROJECT_KIND_INFRASTRUCTURE;
        else if (docs && !source)
            kind = PROJECT_KIND_DOCUMENTATION;
        else
            count = 0;
    }
    context->kind = kind;
    *evidence_out = evidence;
    *evidence_count = count;
    return kind;
}
