/*
 * container: the repository-level checks of Dockerfiles that need more than
 * one file — whether a Dockerfile that copies its whole build context
 * (`COPY . .`, fact "docker.copy-all" of analyzers/dockerfile.c) has a
 * .dockerignore in that context, and whether that .dockerignore excludes
 * `.git` and `.env` (facts "docker.ignore-missing" of the same analyzer).
 *
 * The build context is taken to be the Dockerfile's directory (`docker
 * build dir`), or failing an ignore file there the nearest parent directory
 * that has one (`docker build -f docker/Dockerfile .`); a compose file may
 * point elsewhere, and reading those is the compose analyzer's job. BuildKit
 * also reads a per-Dockerfile ignore file `<Dockerfile name>.dockerignore`
 * next to it, and Podman a .containerignore; both count.
 *
 * It reads only the check context: it must not open files.
 */
#include "checks/check.h"
#include "util/strbuf.h"

#include <stdbool.h>
#include <string.h>

/* The ignore file in directory `dir` (dir_length bytes, '/'-terminated or
 * empty for the root) that applies to the Dockerfile called `base`, or NULL. */
static const struct check_file *container_ignore_in(const struct check_context *context,
                                                    const char *dir, size_t dir_length,
                                                    const char *base)
{
    const struct check_file *found = NULL;
    for (int i = 0; i < 3 && !found; i++) {
        struct strbuf path = STRBUF_INIT;
        strbuf_append(&path, dir, dir_length);
        if (i == 0)
            strbuf_printf(&path, "%s.dockerignore", base);
        else
            strbuf_append_str(&path, i == 1 ? ".dockerignore" : ".containerignore");
        found = check_find_file(context, path.data);
        strbuf_release(&path);
    }
    return found;
}

/* The ignore file that applies to `dockerfile`: the one beside it, else the
 * nearest one in a parent directory — a Dockerfile kept in docker/ is
 * usually built with the repository root as its context
 * (`docker build -f docker/Dockerfile .`). NULL when there is none. */
static const struct check_file *container_ignore_file(const struct check_context *context,
                                                      const char *dockerfile)
{
    const char *slash = strrchr(dockerfile, '/');
    size_t dir_length = slash ? (size_t)(slash - dockerfile) + 1 : 0;
    const char *base = dockerfile + dir_length;
    for (;;) {
        const struct check_file *found = container_ignore_in(context, dockerfile, dir_length, base);
        if (found || dir_length == 0)
            return found;
        /* Up one directory: drop the last "name/". */
        dir_length--;
        while (dir_length && dockerfile[dir_length - 1] != '/')
            dir_length--;
    }
}

static void container_run(struct check_context *context)
{
    struct check *check = NULL;
    bool failed = false;
    const char *last_ignore = NULL;
    for (size_t i = 0; i < context->fact_count; i++) {
        const struct fact *fact = &context->facts[i];
        if (strcmp(fact->key, "docker.copy-all") != 0 || !fact->file)
            continue;
        if (!check)
            check = check_add(context, "container.dockerignore", CATEGORY_CONTAINER, CHECK_PASS,
                              ".dockerignore keeps .git and .env out of whole-context copies", "",
                              "docker.copy-all-no-dockerignore");
        const struct check_file *ignore = container_ignore_file(context, fact->file);
        if (!ignore) {
            failed = true;
            check_add_evidence(context, check, fact->file, fact->line,
                               "copies the whole build context; no .dockerignore beside it");
            check_add_finding(context, "docker.copy-all-no-dockerignore", fact->file, fact->line,
                              "%s copies the whole build context, which has no .dockerignore",
                              fact->value ? fact->value : "COPY");
            continue;
        }
        /* One verdict per ignore file, however many COPY lines use it. */
        if (last_ignore && strcmp(last_ignore, ignore->path) == 0)
            continue;
        last_ignore = ignore->path;
        struct strbuf missing = STRBUF_INIT;
        for (size_t k = 0; k < context->fact_count; k++) {
            const struct fact *gap = &context->facts[k];
            if (strcmp(gap->key, "docker.ignore-missing") == 0 && gap->file &&
                strcmp(gap->file, ignore->path) == 0 && gap->value) {
                if (missing.length)
                    strbuf_append_str(&missing, ", ");
                strbuf_append_str(&missing, gap->value);
            }
        }
        if (missing.length) {
            failed = true;
            check_add_evidence(context, check, ignore->path, 0, missing.data);
            check_add_finding(context, "docker.dockerignore-incomplete", ignore->path, 0,
                              "%s does not exclude %s, and %s:%d copies the whole context",
                              ignore->path, missing.data, fact->file, fact->line);
        } else {
            check_add_evidence(context, check, ignore->path, 0, "excludes .git and .env");
        }
        strbuf_release(&missing);
    }
    if (check) {
        check->status = failed ? CHECK_FAIL : CHECK_PASS;
        check->summary = failed ? "a whole-context COPY can put .git or .env into an image"
                                : "every whole-context COPY has a .dockerignore excluding "
                                  ".git and .env";
    }
}

const struct check_family check_family_container = {
    .name = "container",
    .run = container_run,
};
