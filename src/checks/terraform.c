/*
 * terraform: the repository-level Terraform checks, over the facts of
 * analyzers/terraform.c —
 *
 * - terraform.remote-backend: some `terraform {}` block declares a backend
 *   or a `cloud` block (fact "terraform.backend"). It is only asked of a
 *   repository with a root configuration: a `provider` block outside
 *   example and test directories (fact "terraform.provider"). A reusable
 *   module has no backend of its own, by design.
 * - terraform.s3-public-access-block, terraform.s3-encryption,
 *   terraform.s3-access-logging: every aws_s3_bucket (fact
 *   "terraform.s3-bucket") has its companion resource (fact
 *   "terraform.s3-companion", value "KIND BUCKET") in the same directory —
 *   the same Terraform module. A companion whose bucket cannot be told
 *   ("*", a variable) covers every bucket of its module, and an account-wide
 *   public access block covers every bucket.
 *
 * A repository managed with Terragrunt (a terragrunt.hcl anywhere) passes:
 * Terragrunt writes the backend configuration at run time.
 *
 * It reads only the check context: it must not open files.
 */
#include "checks/check.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Length of the directory part of a path, '/' included (0 at the root). */
static size_t tf_dir_length(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? (size_t)(slash - path) + 1 : 0;
}

static bool tf_same_dir(const char *a, const char *b)
{
    size_t length = tf_dir_length(a);
    return length == tf_dir_length(b) && strncmp(a, b, length) == 0;
}

/* Example, test and fixture configurations are not deployed as they are. */
static bool tf_example_path(const char *path)
{
    static const char *const dirs[] = {"example",  "examples", "test",   "tests",
                                       "testdata", "fixtures", "fixture"};
    for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
        size_t length = strlen(dirs[i]);
        for (const char *p = path; (p = strstr(p, dirs[i])) != NULL; p++)
            if ((p == path || p[-1] == '/') && p[length] == '/')
                return true;
    }
    return false;
}

static void tf_backend(struct check_context *context)
{
    const struct fact *root = NULL, *backend = NULL;
    for (size_t i = 0; i < context->fact_count; i++) {
        const struct fact *fact = &context->facts[i];
        if (!fact->file)
            continue;
        if (!backend && strcmp(fact->key, "terraform.backend") == 0)
            backend = fact;
        if (!root && strcmp(fact->key, "terraform.provider") == 0 && !tf_example_path(fact->file))
            root = fact;
    }
    if (!root && !backend)
        return;
    /* Terragrunt writes the backend configuration itself (remote_state in
     * terragrunt.hcl), so its .tf files rightly have none. */
    const struct check_file *terragrunt = NULL;
    for (size_t i = 0; i < context->file_count && !terragrunt; i++)
        if (strcmp(context->files[i].path, "terragrunt.hcl") == 0 ||
            (strlen(context->files[i].path) > 15 &&
             strcmp(context->files[i].path + strlen(context->files[i].path) - 15,
                    "/terragrunt.hcl") == 0))
            terragrunt = &context->files[i];
    if (!backend && terragrunt) {
        struct check *check =
            check_add(context, "terraform.remote-backend", CATEGORY_INFRASTRUCTURE, CHECK_PASS,
                      "Terraform state kept in a remote backend",
                      "Terragrunt generates the backend (remote_state in terragrunt.hcl)",
                      "terraform.no-remote-backend");
        check_add_evidence(context, check, terragrunt->path, 0, "terragrunt configuration");
        return;
    }
    if (backend) {
        struct check *check = check_add(
            context, "terraform.remote-backend", CATEGORY_INFRASTRUCTURE, CHECK_PASS,
            "Terraform state kept in a remote backend",
            "a terraform block declares where state lives", "terraform.no-remote-backend");
        for (size_t i = 0; i < context->fact_count; i++) {
            const struct fact *fact = &context->facts[i];
            if (fact->file && strcmp(fact->key, "terraform.backend") == 0) {
                char note[128];
                snprintf(note, sizeof(note), "backend \"%s\"", fact->value ? fact->value : "");
                check_add_evidence(context, check, fact->file, fact->line, note);
            }
        }
        return;
    }
    struct check *check =
        check_add(context, "terraform.remote-backend", CATEGORY_INFRASTRUCTURE, CHECK_FAIL,
                  "Terraform state kept in a remote backend",
                  "searched every terraform block of every .tf file for a backend or cloud block",
                  "terraform.no-remote-backend");
    check_add_evidence(context, check, root->file, root->line, "root configuration (provider)");
    size_t dir = tf_dir_length(root->file);
    char where[256];
    if (dir)
        snprintf(where, sizeof(where), "in %.*s", (int)(dir - 1), root->file);
    else
        snprintf(where, sizeof(where), "at the repository root");
    check_add_finding(context, "terraform.no-remote-backend", root->file, root->line,
                      "no terraform block declares a backend or cloud block: the state of the "
                      "configuration %s stays in a local terraform.tfstate",
                      where);
}

struct tf_companion_kind {
    const char *kind;
    const char *check_id;
    const char *title;
    const char *rule_id;
    const char *missing; /* what the finding says is missing */
};

static const struct tf_companion_kind tf_companion_kinds[] = {
    {"public-access-block", "terraform.s3-public-access-block",
     "Every S3 bucket has a public access block", "terraform.s3-no-public-access-block",
     "no aws_s3_bucket_public_access_block"},
    {"encryption", "terraform.s3-encryption", "Every S3 bucket declares its server-side encryption",
     "terraform.s3-no-encryption", "no aws_s3_bucket_server_side_encryption_configuration"},
    {"logging", "terraform.s3-access-logging", "Every S3 bucket has access logging",
     "terraform.s3-no-access-logging", "no aws_s3_bucket_logging"},
};

/* Whether a companion of `kind` covers the bucket of fact `bucket`. */
static const struct fact *tf_find_companion(const struct check_context *context, const char *kind,
                                            const struct fact *bucket)
{
    size_t kind_length = strlen(kind);
    for (size_t i = 0; i < context->fact_count; i++) {
        const struct fact *fact = &context->facts[i];
        if (!fact->file || !fact->value || strcmp(fact->key, "terraform.s3-companion") != 0 ||
            strncmp(fact->value, kind, kind_length) != 0 || fact->value[kind_length] != ' ')
            continue;
        const char *target = fact->value + kind_length + 1;
        if (strcmp(target, "account") == 0)
            return fact;
        if (tf_same_dir(fact->file, bucket->file) &&
            (strcmp(target, "*") == 0 || strcmp(target, bucket->value ? bucket->value : "") == 0))
            return fact;
    }
    return NULL;
}

static void tf_buckets(struct check_context *context)
{
    for (size_t k = 0; k < sizeof(tf_companion_kinds) / sizeof(tf_companion_kinds[0]); k++) {
        const struct tf_companion_kind *kind = &tf_companion_kinds[k];
        struct check *check = NULL;
        bool failed = false;
        for (size_t i = 0; i < context->fact_count; i++) {
            const struct fact *bucket = &context->facts[i];
            if (!bucket->file || strcmp(bucket->key, "terraform.s3-bucket") != 0)
                continue;
            if (!check)
                check = check_add(context, kind->check_id, CATEGORY_INFRASTRUCTURE, CHECK_PASS,
                                  kind->title, "", kind->rule_id);
            const char *name = bucket->value ? bucket->value : "";
            const struct fact *companion = tf_find_companion(context, kind->kind, bucket);
            char note[256];
            if (companion) {
                snprintf(note, sizeof(note), "%s for aws_s3_bucket.%s", kind->kind, name);
                check_add_evidence(context, check, companion->file, companion->line, note);
                continue;
            }
            failed = true;
            snprintf(note, sizeof(note), "aws_s3_bucket.%s: %s in its module", name, kind->missing);
            check_add_evidence(context, check, bucket->file, bucket->line, note);
            check_add_finding(context, kind->rule_id, bucket->file, bucket->line,
                              "aws_s3_bucket.%s has %s in its module (searched the .tf files of "
                              "its directory)",
                              name, kind->missing);
        }
        if (check) {
            check->status = failed ? CHECK_FAIL : CHECK_PASS;
            check->summary = failed ? "some buckets lack it; searched each bucket's directory"
                                    : "every bucket has it in its module";
        }
    }
}

static void terraform_run(struct check_context *context)
{
    tf_backend(context);
    tf_buckets(context);
}

const struct check_family check_family_terraform = {
    .name = "terraform",
    .run = terraform_run,
};
