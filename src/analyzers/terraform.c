/*
 * terraform: the analyzer that raises the `terraform.*` rules of
 * rules/terraform.yml on Terraform configuration files (*.tf), read with the
 * HCL parser of hcl.h: world-open security-group ingress to administration
 * and database ports, public S3 ACLs, unencrypted EBS and RDS storage,
 * public or unprotected RDS databases, hardcoded provider credentials and
 * database passwords, IAM
 * policies that allow every action on every resource (aws_iam_policy_document
 * statements, jsonencode() objects and JSON in strings or heredocs),
 * CloudTrail, load-balancer logging, public instance addresses, IMDSv1 and
 * KMS key rotation.
 *
 * Where a finding goes: on the line of the offending attribute, or, when
 * the attribute that would make the resource safe is missing, on the line
 * of the block that lacks it. A value that comes from a variable or an
 * expression is unknown here and never raises anything: evidence or nothing.
 *
 * What needs more than one file — whether a bucket has a public access
 * block, encryption or logging configured by a separate resource, whether
 * any `terraform {}` block declares a remote backend — is left to
 * checks/terraform.c, through the facts this analyzer records. Like every
 * analyzer it reads only its own file.
 */
#include "analyzers/analyzer.h"
#include "analyzers/content_scan.h"
#include "analyzers/hcl.h"
#include "util/strbuf.h"
#include "util/text.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define TF_COUNT(array) (sizeof(array) / sizeof((array)[0]))

struct tf_context {
    const struct source_file *file;
    struct analysis *analysis;
};

static void tf_report(struct tf_context *c, const char *rule_id, int line, const char *match,
                      const char *format, ...) __attribute__((format(printf, 5, 6)));

static void tf_report(struct tf_context *c, const char *rule_id, int line, const char *match,
                      const char *format, ...)
{
    char message[512];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof(message), format, args);
    va_end(args);
    analysis_add_finding(c->analysis, rule_id, line, 0,
                         analysis_line_text(c->analysis, c->file, line), match, "%s", message);
}

/* The identity a finding's fingerprint hashes: the rule, the resource and
 * what about it, so the finding survives edits that move lines. */
static const char *tf_match(struct tf_context *c, const char *type, const char *name,
                            const char *what)
{
    return arena_printf(c->analysis->arena, "%s.%s:%s", type, name, what);
}

static const char *tf_label(const struct hcl_block *block, size_t index)
{
    return index < block->label_count ? block->labels[index] : "";
}

/* ---- small attribute helpers ---- */

static const struct hcl_value *tf_value(const struct hcl_body *body, const char *name)
{
    const struct hcl_attribute *attribute = hcl_body_attribute(body, name);
    return attribute ? &attribute->value : NULL;
}

/* Whether `body` generates blocks of type `type` with a `dynamic` block:
 * their content is decided at plan time, so their absence is not known. */
static bool tf_dynamic(const struct hcl_body *body, const char *type)
{
    size_t index = 0;
    const struct hcl_block *block;
    while ((block = hcl_body_next_block(body, "dynamic", &index)))
        if (block->label_count == 1 && strcmp(block->labels[0], type) == 0)
            return true;
    return false;
}

/* Raises `rule_id` when boolean attribute `name` of `body` is not true:
 * on the attribute's line when it says false, on `missing_line` when it is
 * absent. An unknown value (a variable) raises nothing. */
static void tf_require_true(struct tf_context *c, const char *rule_id, const struct hcl_body *body,
                            const char *name, int missing_line, const char *type,
                            const char *resource, const char *what)
{
    const struct hcl_attribute *attribute = hcl_body_attribute(body, name);
    if (!attribute) {
        tf_report(c, rule_id, missing_line, tf_match(c, type, resource, name),
                  "%s.%s %s: %s is not set (defaults to false)", type, resource, what, name);
        return;
    }
    if (hcl_value_truth(&attribute->value) == 0)
        tf_report(c, rule_id, attribute->line, tf_match(c, type, resource, name),
                  "%s.%s %s: %s = false", type, resource, what, name);
}

/* ---- security groups ---- */

struct tf_port {
    int port;
    const char *service;
};

static const struct tf_port tf_sensitive_ports[] = {
    {22, "SSH"},          {3389, "RDP"},      {3306, "MySQL"}, {5432, "PostgreSQL"},
    {1433, "SQL Server"}, {27017, "MongoDB"}, {6379, "Redis"}, {9200, "Elasticsearch"},
};

static bool tf_world_cidr(const char *cidr)
{
    return cidr && (strcmp(cidr, "0.0.0.0/0") == 0 || strcmp(cidr, "::/0") == 0);
}

/* The world-open CIDR in a list attribute, or NULL. */
static const char *tf_world_in_list(const struct hcl_attribute *attribute)
{
    if (!attribute)
        return NULL;
    const struct hcl_value *value = &attribute->value;
    if (value->kind == HCL_VALUE_STRING)
        return tf_world_cidr(hcl_value_literal(value)) ? value->string : NULL;
    if (value->kind != HCL_VALUE_LIST)
        return NULL;
    for (size_t i = 0; i < value->item_count; i++) {
        const char *cidr = hcl_value_literal(&value->items[i]);
        if (tf_world_cidr(cidr))
            return cidr;
    }
    return NULL;
}

/* Checks one ingress rule: `cidr` is the attribute that opens it to the
 * world (the finding's line), `protocol`, `from` and `to` its other parts. */
static void tf_ingress(struct tf_context *c, const char *type, const char *name,
                       const struct hcl_attribute *cidr, const char *world,
                       const struct hcl_attribute *protocol, const struct hcl_attribute *from,
                       const struct hcl_attribute *to)
{
    const char *proto = NULL;
    char number_text[32];
    if (protocol && protocol->value.kind == HCL_VALUE_NUMBER) {
        snprintf(number_text, sizeof(number_text), "%d", (int)protocol->value.number);
        proto = number_text;
    } else if (protocol) {
        proto = hcl_value_literal(&protocol->value);
    }
    if (!proto)
        return;
    bool all = strcmp(proto, "-1") == 0 || text_equals_nocase(proto, strlen(proto), "all");
    bool tcp = text_equals_nocase(proto, strlen(proto), "tcp") || strcmp(proto, "6") == 0;
    if (!all && !tcp)
        return;
    double low = 0, high = 65535;
    if (!all) {
        if (!from || !to || !hcl_value_number(&from->value, &low) ||
            !hcl_value_number(&to->value, &high))
            return;
    }
    struct strbuf ports = STRBUF_INIT;
    for (size_t i = 0; i < TF_COUNT(tf_sensitive_ports); i++) {
        double port = tf_sensitive_ports[i].port;
        if (port >= low && port <= high)
            strbuf_printf(&ports, "%s%d (%s)", ports.length ? ", " : "", tf_sensitive_ports[i].port,
                          tf_sensitive_ports[i].service);
    }
    if (ports.length) {
        const char *what = "every port";
        if (!all && low == high)
            what = arena_printf(c->analysis->arena, "port %.0f", low);
        else if (!all)
            what = arena_printf(c->analysis->arena, "ports %.0f-%.0f", low, high);
        tf_report(c, "terraform.sg-world-open-port", cidr->line,
                  tf_match(c, type, name, arena_printf(c->analysis->arena, "%s:%s", world, what)),
                  "%s.%s lets %s reach %s, including %s", type, name, world, what, ports.data);
    }
    strbuf_release(&ports);
}

static void tf_security_group(struct tf_context *c, const struct hcl_block *resource)
{
    const char *type = tf_label(resource, 0), *name = tf_label(resource, 1);
    const struct hcl_body *body = &resource->body;
    if (strcmp(type, "aws_security_group") == 0) {
        size_t index = 0;
        const struct hcl_block *ingress;
        while ((ingress = hcl_body_next_block(body, "ingress", &index))) {
            const struct hcl_body *rule = &ingress->body;
            const struct hcl_attribute *cidr = hcl_body_attribute(rule, "cidr_blocks");
            const char *world = tf_world_in_list(cidr);
            if (!world) {
                cidr = hcl_body_attribute(rule, "ipv6_cidr_blocks");
                world = tf_world_in_list(cidr);
            }
            if (world)
                tf_ingress(c, type, name, cidr, world, hcl_body_attribute(rule, "protocol"),
                           hcl_body_attribute(rule, "from_port"),
                           hcl_body_attribute(rule, "to_port"));
        }
    } else if (strcmp(type, "aws_security_group_rule") == 0) {
        const char *direction = hcl_value_literal(tf_value(body, "type"));
        if (!direction || strcmp(direction, "ingress") != 0)
            return;
        const struct hcl_attribute *cidr = hcl_body_attribute(body, "cidr_blocks");
        const char *world = tf_world_in_list(cidr);
        if (!world) {
            cidr = hcl_body_attribute(body, "ipv6_cidr_blocks");
            world = tf_world_in_list(cidr);
        }
        if (world)
            tf_ingress(c, type, name, cidr, world, hcl_body_attribute(body, "protocol"),
                       hcl_body_attribute(body, "from_port"), hcl_body_attribute(body, "to_port"));
    } else if (strcmp(type, "aws_vpc_security_group_ingress_rule") == 0) {
        const struct hcl_attribute *cidr = hcl_body_attribute(body, "cidr_ipv4");
        const char *world = tf_world_in_list(cidr);
        if (!world) {
            cidr = hcl_body_attribute(body, "cidr_ipv6");
            world = tf_world_in_list(cidr);
        }
        if (world)
            tf_ingress(c, type, name, cidr, world, hcl_body_attribute(body, "ip_protocol"),
                       hcl_body_attribute(body, "from_port"), hcl_body_attribute(body, "to_port"));
    }
}

/* ---- S3 ---- */

/* The bucket resource a companion resource's `bucket` refers to
 * (`aws_s3_bucket.NAME.id`, `aws_s3_bucket.NAME[0].id`), or "*" when it
 * cannot be told (a variable, a module output). */
static const char *tf_bucket_reference(struct tf_context *c, const struct hcl_body *body,
                                       const char *attribute_name)
{
    const struct hcl_value *value = tf_value(body, attribute_name);
    if (!value || !value->source)
        return "*";
    static const char prefix[] = "aws_s3_bucket.";
    const char *text = value->source, *end = value->source + value->source_length;
    for (const char *p = text; p + sizeof(prefix) - 1 < end; p++) {
        if (memcmp(p, prefix, sizeof(prefix) - 1) != 0)
            continue;
        if (p > text && (p[-1] == '_' || p[-1] == '.' || (p[-1] >= 'a' && p[-1] <= 'z')))
            continue;
        const char *name = p + sizeof(prefix) - 1, *q = name;
        while (q < end && ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
                           (*q >= '0' && *q <= '9') || *q == '_' || *q == '-'))
            q++;
        if (q > name)
            return arena_strndup(c->analysis->arena, name, (size_t)(q - name));
    }
    return "*";
}

static void tf_companion(struct tf_context *c, int line, const char *kind, const char *bucket)
{
    analysis_add_fact(c->analysis, "terraform.s3-companion", line,
                      arena_printf(c->analysis->arena, "%s %s", kind, bucket));
}

static void tf_public_acl(struct tf_context *c, const struct hcl_body *body, const char *type,
                          const char *name)
{
    const struct hcl_attribute *acl = hcl_body_attribute(body, "acl");
    const char *value = acl ? hcl_value_literal(&acl->value) : NULL;
    if (value && (strcmp(value, "public-read") == 0 || strcmp(value, "public-read-write") == 0 ||
                  strcmp(value, "authenticated-read") == 0))
        tf_report(c, "terraform.s3-public-acl", acl->line, tf_match(c, type, name, value),
                  "%s.%s grants the canned ACL '%s'", type, name, value);
}

static void tf_s3(struct tf_context *c, const struct hcl_block *resource)
{
    const char *type = tf_label(resource, 0), *name = tf_label(resource, 1);
    const struct hcl_body *body = &resource->body;
    if (strcmp(type, "aws_s3_bucket") == 0) {
        analysis_add_fact(c->analysis, "terraform.s3-bucket", resource->line, name);
        tf_public_acl(c, body, type, name);
        /* Provider versions before 4 configured these inside the bucket. */
        size_t index = 0;
        const struct hcl_block *inner;
        if ((inner = hcl_body_next_block(body, "server_side_encryption_configuration", &index)) ||
            tf_dynamic(body, "server_side_encryption_configuration"))
            tf_companion(c, inner ? inner->line : resource->line, "encryption", name);
        index = 0;
        if ((inner = hcl_body_next_block(body, "logging", &index)) || tf_dynamic(body, "logging"))
            tf_companion(c, inner ? inner->line : resource->line, "logging", name);
    } else if (strcmp(type, "aws_s3_bucket_acl") == 0) {
        tf_public_acl(c, body, type, name);
    } else if (strcmp(type, "aws_s3_bucket_public_access_block") == 0) {
        tf_companion(c, resource->line, "public-access-block",
                     tf_bucket_reference(c, body, "bucket"));
    } else if (strcmp(type, "aws_s3_account_public_access_block") == 0) {
        tf_companion(c, resource->line, "public-access-block", "account");
    } else if (strcmp(type, "aws_s3_bucket_server_side_encryption_configuration") == 0) {
        tf_companion(c, resource->line, "encryption", tf_bucket_reference(c, body, "bucket"));
    } else if (strcmp(type, "aws_s3_bucket_logging") == 0) {
        tf_companion(c, resource->line, "logging", tf_bucket_reference(c, body, "bucket"));
        /* The bucket that receives the logs needs no log of its own. */
        const char *target = tf_bucket_reference(c, body, "target_bucket");
        if (strcmp(target, "*") != 0)
            tf_companion(c, resource->line, "logging", target);
    }
}

/* AWS's documentation uses AKIAIOSFODNN7EXAMPLE and a secret ending in
 * EXAMPLEKEY as sample values; like the secrets pack, they are not taken
 * for credentials. */
static bool tf_documented_sample(const char *secret)
{
    size_t length = strlen(secret);
    return (length >= 7 && strcmp(secret + length - 7, "EXAMPLE") == 0) ||
           (length >= 10 && strcmp(secret + length - 10, "EXAMPLEKEY") == 0);
}

/* Reports a literal secret in `attribute` under `rule_id`; `owner` names
 * the block it sits in. The value never leaves here unredacted: the
 * message and the snippet carry its first characters and length, and the
 * fingerprint hashes the owner and the attribute's name only. */
static void tf_literal_secret(struct tf_context *c, const char *rule_id,
                              const struct hcl_attribute *attribute, const char *owner)
{
    const char *secret = attribute ? hcl_value_literal(&attribute->value) : NULL;
    if (!secret || !*secret || attribute->value.heredoc || tf_documented_sample(secret))
        return;
    char redacted[CONTENT_SCAN_REDACTED_MAX];
    content_scan_redact(secret, strlen(secret), redacted);
    /* The snippet is rebuilt, never copied from the line. */
    const char *snippet =
        arena_printf(c->analysis->arena, "%s = \"%s\"", attribute->name, redacted);
    analysis_add_finding(c->analysis, rule_id, attribute->line, 0, snippet,
                         arena_printf(c->analysis->arena, "%s:%s", owner, attribute->name),
                         "%s has a hardcoded %s: %s", owner, attribute->name, redacted);
}

/* ---- EBS, RDS ---- */

static void tf_ebs_device(struct tf_context *c, const struct hcl_block *device, const char *type,
                          const char *name)
{
    tf_require_true(c, "terraform.ebs-unencrypted", &device->body, "encrypted", device->line, type,
                    name, arena_printf(c->analysis->arena, "%s is not encrypted", device->type));
}

static void tf_storage(struct tf_context *c, const struct hcl_block *resource)
{
    const char *type = tf_label(resource, 0), *name = tf_label(resource, 1);
    const struct hcl_body *body = &resource->body;
    if (strcmp(type, "aws_ebs_volume") == 0) {
        /* A volume made from a snapshot inherits the snapshot's encryption. */
        if (!hcl_body_attribute(body, "snapshot_id"))
            tf_require_true(c, "terraform.ebs-unencrypted", body, "encrypted", resource->line, type,
                            name, "volume is not encrypted");
    } else if (strcmp(type, "aws_instance") == 0) {
        static const char *const devices[] = {"root_block_device", "ebs_block_device"};
        for (size_t k = 0; k < TF_COUNT(devices); k++) {
            size_t index = 0;
            const struct hcl_block *device;
            while ((device = hcl_body_next_block(body, devices[k], &index)))
                if (!hcl_body_attribute(&device->body, "snapshot_id"))
                    tf_ebs_device(c, device, type, name);
        }
    } else if (strcmp(type, "aws_launch_template") == 0) {
        size_t index = 0;
        const struct hcl_block *mapping;
        while ((mapping = hcl_body_next_block(body, "block_device_mappings", &index))) {
            size_t inner = 0;
            const struct hcl_block *ebs;
            while ((ebs = hcl_body_next_block(&mapping->body, "ebs", &inner)))
                if (!hcl_body_attribute(&ebs->body, "snapshot_id"))
                    tf_ebs_device(c, ebs, type, name);
        }
    }
}

static void tf_rds(struct tf_context *c, const struct hcl_block *resource)
{
    const char *type = tf_label(resource, 0), *name = tf_label(resource, 1);
    const struct hcl_body *body = &resource->body;
    bool instance = strcmp(type, "aws_db_instance") == 0;
    bool cluster = strcmp(type, "aws_rds_cluster") == 0;
    bool cluster_instance = strcmp(type, "aws_rds_cluster_instance") == 0;
    if (!instance && !cluster && !cluster_instance)
        return;
    const struct hcl_attribute *public_access = hcl_body_attribute(body, "publicly_accessible");
    if ((instance || cluster_instance) && public_access &&
        hcl_value_truth(&public_access->value) == 1)
        tf_report(c, "terraform.rds-public", public_access->line,
                  tf_match(c, type, name, "publicly_accessible"),
                  "%s.%s is publicly accessible: publicly_accessible = true", type, name);
    if (cluster_instance)
        return;
    const char *owner = arena_printf(c->analysis->arena, "%s.%s", type, name);
    tf_literal_secret(c, "terraform.db-password-literal", hcl_body_attribute(body, "password"),
                      owner);
    tf_literal_secret(c, "terraform.db-password-literal",
                      hcl_body_attribute(body, "master_password"), owner);
    /* A replica or a restore takes its storage and backup settings from its
     * source; the attributes are ignored there. */
    bool derived = hcl_body_attribute(body, "replicate_source_db") ||
                   hcl_body_attribute(body, "snapshot_identifier") ||
                   hcl_body_attribute(body, "replication_source_identifier") ||
                   hcl_body_attribute(body, "global_cluster_identifier");
    const char *engine_mode = hcl_value_literal(tf_value(body, "engine_mode"));
    bool serverless_v1 = engine_mode && strcmp(engine_mode, "serverless") == 0;
    if (!derived && !serverless_v1)
        tf_require_true(c, "terraform.rds-unencrypted", body, "storage_encrypted", resource->line,
                        type, name, "storage is not encrypted");
    if (!derived) {
        const struct hcl_attribute *retention = hcl_body_attribute(body, "backup_retention_period");
        double days = 0;
        if (!retention)
            tf_report(c, "terraform.rds-no-backup", resource->line,
                      tf_match(c, type, name, "backup_retention_period"),
                      "%s.%s sets no backup_retention_period (the API default keeps 1 day)", type,
                      name);
        else if (hcl_value_number(&retention->value, &days) && days < 1)
            tf_report(c, "terraform.rds-no-backup", retention->line,
                      tf_match(c, type, name, "backup_retention_period"),
                      "%s.%s turns automated backups off: backup_retention_period = 0", type, name);
    }
    tf_require_true(c, "terraform.rds-no-deletion-protection", body, "deletion_protection",
                    resource->line, type, name, "can be deleted by one apply");
}

/* ---- compute ---- */

static void tf_metadata(struct tf_context *c, const struct hcl_block *resource, const char *type,
                        const char *name)
{
    size_t index = 0;
    const struct hcl_block *options =
        hcl_body_next_block(&resource->body, "metadata_options", &index);
    if (!options && tf_dynamic(&resource->body, "metadata_options"))
        return;
    if (!options) {
        tf_report(c, "terraform.imdsv1-allowed", resource->line,
                  tf_match(c, type, name, "metadata_options"),
                  "%s.%s has no metadata_options block: IMDSv1 stays enabled", type, name);
        return;
    }
    const char *endpoint = hcl_value_literal(tf_value(&options->body, "http_endpoint"));
    if (endpoint && strcmp(endpoint, "disabled") == 0)
        return;
    const struct hcl_attribute *tokens = hcl_body_attribute(&options->body, "http_tokens");
    if (!tokens) {
        tf_report(c, "terraform.imdsv1-allowed", options->line,
                  tf_match(c, type, name, "metadata_options"),
                  "%s.%s metadata_options does not set http_tokens = \"required\"", type, name);
        return;
    }
    const char *value = hcl_value_literal(&tokens->value);
    if (value && strcmp(value, "required") != 0)
        tf_report(c, "terraform.imdsv1-allowed", tokens->line,
                  tf_match(c, type, name, "metadata_options"),
                  "%s.%s allows IMDSv1: http_tokens = \"%s\"", type, name, value);
}

static void tf_public_ip(struct tf_context *c, const struct hcl_body *body, const char *type,
                         const char *name)
{
    const struct hcl_attribute *attribute = hcl_body_attribute(body, "associate_public_ip_address");
    if (attribute && hcl_value_truth(&attribute->value) == 1)
        tf_report(c, "terraform.instance-public-ip", attribute->line,
                  tf_match(c, type, name, "associate_public_ip_address"),
                  "%s.%s gives instances a public IP address", type, name);
}

static void tf_compute(struct tf_context *c, const struct hcl_block *resource)
{
    const char *type = tf_label(resource, 0), *name = tf_label(resource, 1);
    if (strcmp(type, "aws_instance") == 0) {
        tf_public_ip(c, &resource->body, type, name);
        tf_metadata(c, resource, type, name);
    } else if (strcmp(type, "aws_launch_template") == 0) {
        size_t index = 0;
        const struct hcl_block *interface;
        while ((interface = hcl_body_next_block(&resource->body, "network_interfaces", &index)))
            tf_public_ip(c, &interface->body, type, name);
        tf_metadata(c, resource, type, name);
    }
}

/* ---- logging, keys ---- */

static void tf_logging(struct tf_context *c, const struct hcl_block *resource)
{
    const char *type = tf_label(resource, 0), *name = tf_label(resource, 1);
    const struct hcl_body *body = &resource->body;
    if (strcmp(type, "aws_cloudtrail") == 0) {
        const struct hcl_attribute *logging = hcl_body_attribute(body, "enable_logging");
        if (logging && hcl_value_truth(&logging->value) == 0)
            tf_report(c, "terraform.cloudtrail-logging-off", logging->line,
                      tf_match(c, type, name, "enable_logging"),
                      "%s.%s records nothing: enable_logging = false", type, name);
        tf_require_true(c, "terraform.cloudtrail-single-region", body, "is_multi_region_trail",
                        resource->line, type, name, "records one region only");
    } else if (strcmp(type, "aws_lb") == 0 || strcmp(type, "aws_alb") == 0 ||
               strcmp(type, "aws_elb") == 0) {
        const char *lb_type = hcl_value_literal(tf_value(body, "load_balancer_type"));
        if (lb_type && strcmp(lb_type, "gateway") == 0)
            return; /* gateway load balancers have no access logs */
        size_t index = 0;
        const struct hcl_block *logs = hcl_body_next_block(body, "access_logs", &index);
        if (!logs && tf_dynamic(body, "access_logs"))
            return;
        if (!logs) {
            tf_report(c, "terraform.lb-no-access-logs", resource->line,
                      tf_match(c, type, name, "access_logs"),
                      "%s.%s has no access_logs block: requests are not logged", type, name);
            return;
        }
        const struct hcl_attribute *enabled = hcl_body_attribute(&logs->body, "enabled");
        bool classic = strcmp(type, "aws_elb") == 0;
        /* aws_lb's access_logs.enabled defaults to false, aws_elb's to true. */
        if (enabled && hcl_value_truth(&enabled->value) == 0)
            tf_report(c, "terraform.lb-no-access-logs", enabled->line,
                      tf_match(c, type, name, "access_logs"),
                      "%s.%s turns access logs off: enabled = false", type, name);
        else if (!enabled && !classic)
            tf_report(c, "terraform.lb-no-access-logs", logs->line,
                      tf_match(c, type, name, "access_logs"),
                      "%s.%s access_logs does not set enabled = true (defaults to false)", type,
                      name);
    } else if (strcmp(type, "aws_kms_key") == 0) {
        /* Only symmetric encryption keys can rotate automatically. */
        const char *spec = hcl_value_literal(tf_value(body, "customer_master_key_spec"));
        if (!spec)
            spec = hcl_value_literal(tf_value(body, "key_spec"));
        const char *usage = hcl_value_literal(tf_value(body, "key_usage"));
        if ((spec && strcmp(spec, "SYMMETRIC_DEFAULT") != 0) ||
            (usage && strcmp(usage, "ENCRYPT_DECRYPT") != 0))
            return;
        if ((hcl_body_attribute(body, "customer_master_key_spec") && !spec) ||
            (hcl_body_attribute(body, "key_usage") && !usage))
            return;
        tf_require_true(c, "terraform.kms-no-rotation", body, "enable_key_rotation", resource->line,
                        type, name, "key is never rotated");
    }
}

/* ---- IAM ---- */

static bool tf_json_has_star(json_t *value)
{
    if (json_is_string(value))
        return strcmp(json_string_value(value), "*") == 0;
    for (size_t i = 0; i < json_array_size(value); i++) {
        json_t *item = json_array_get(value, i);
        if (json_is_string(item) && strcmp(json_string_value(item), "*") == 0)
            return true;
    }
    return false;
}

static bool tf_json_statement_wildcard(json_t *statement)
{
    json_t *effect = json_object_get(statement, "Effect");
    return json_is_string(effect) && strcmp(json_string_value(effect), "Allow") == 0 &&
           tf_json_has_star(json_object_get(statement, "Action")) &&
           tf_json_has_star(json_object_get(statement, "Resource"));
}

/* Whether a JSON policy document has a statement that allows every action
 * on every resource (Statement is an object or an array of them). */
static bool tf_json_wildcard_policy(json_t *policy)
{
    json_t *statements = json_is_object(policy) ? json_object_get(policy, "Statement") : NULL;
    if (json_is_object(statements))
        return tf_json_statement_wildcard(statements);
    for (size_t i = 0; i < json_array_size(statements); i++) {
        json_t *statement = json_array_get(statements, i);
        if (json_is_object(statement) && tf_json_statement_wildcard(statement))
            return true;
    }
    return false;
}

static bool tf_value_has_star(const struct hcl_value *value)
{
    if (!value)
        return false;
    const char *text = hcl_value_literal(value);
    if (text)
        return strcmp(text, "*") == 0;
    if (value->kind != HCL_VALUE_LIST)
        return false;
    for (size_t i = 0; i < value->item_count; i++) {
        const char *item = hcl_value_literal(&value->items[i]);
        if (item && strcmp(item, "*") == 0)
            return true;
    }
    return false;
}

/* A jsonencode() statement object that allows `*` on `*`: the line of its
 * Action, else 0. */
static int tf_object_wildcard(const struct hcl_value *statement)
{
    const char *effect = hcl_value_literal(hcl_object_item(statement, "Effect"));
    const struct hcl_value *action = hcl_object_item(statement, "Action");
    if (effect && strcmp(effect, "Allow") == 0 && tf_value_has_star(action) &&
        tf_value_has_star(hcl_object_item(statement, "Resource")))
        return action->line;
    return 0;
}

/* The line of the first `"Action"` of a JSON policy in a string or heredoc
 * whose value is or holds "*", so the finding points at the statement; the
 * attribute's line when there is none. A heredoc's text starts on the line
 * after its marker, and `<<-` only removes indentation, never lines. */
static int tf_json_action_line(const struct hcl_value *value)
{
    static const char key[] = "\"Action\"";
    int base = value->line + (value->heredoc ? 1 : 0);
    for (const char *p = strstr(value->string, key); p; p = strstr(p + 1, key)) {
        const char *q = p + sizeof(key) - 1;
        while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r' || *q == ':')
            q++;
        const char *end = *q == '[' ? strchr(q, ']') : q + 1;
        const char *star = strstr(q, "\"*\"");
        if (!star || !end || star > end)
            continue;
        int line = base;
        for (const char *r = value->string; r < p; r++)
            line += *r == '\n';
        return line;
    }
    return value->line;
}

static void tf_policy_value(struct tf_context *c, const struct hcl_attribute *attribute,
                            const char *type, const char *name)
{
    const struct hcl_value *value = &attribute->value;
    const char *match = tf_match(c, type, name, attribute->name);
    if (value->kind == HCL_VALUE_CALL && value->string &&
        strcmp(value->string, "jsonencode") == 0 && value->item_count == 1) {
        const struct hcl_value *statements = hcl_object_item(&value->items[0], "Statement");
        if (!statements)
            return;
        if (statements->kind == HCL_VALUE_OBJECT) {
            int line = tf_object_wildcard(statements);
            if (line)
                tf_report(c, "terraform.iam-wildcard-policy", line, match,
                          "%s.%s allows every action (\"*\") on every resource (\"*\")", type,
                          name);
            return;
        }
        if (statements->kind != HCL_VALUE_LIST)
            return;
        for (size_t i = 0; i < statements->item_count; i++) {
            int line = tf_object_wildcard(&statements->items[i]);
            if (line)
                tf_report(c, "terraform.iam-wildcard-policy", line, match,
                          "%s.%s allows every action (\"*\") on every resource (\"*\")", type,
                          name);
        }
        return;
    }
    if (value->kind != HCL_VALUE_STRING || !value->string || !strchr(value->string, '{'))
        return;
    /* JSON in a string or heredoc; interpolations inside JSON strings keep
     * it valid JSON, and a document that is not JSON is not judged. */
    json_error_t error;
    json_t *policy = json_loads(value->string, JSON_REJECT_DUPLICATES, &error);
    if (!policy)
        return;
    if (tf_json_wildcard_policy(policy))
        tf_report(c, "terraform.iam-wildcard-policy", tf_json_action_line(value), match,
                  "%s.%s allows every action (\"*\") on every resource (\"*\")", type, name);
    json_decref(policy);
}

/* Every `policy` attribute of a resource, in its body and nested blocks
 * (aws_iam_role's inline_policy). */
static void tf_policies(struct tf_context *c, const struct hcl_body *body, const char *type,
                        const char *name, int depth)
{
    if (depth > 3)
        return;
    for (size_t i = 0; i < body->attribute_count; i++)
        if (strcmp(body->attributes[i].name, "policy") == 0)
            tf_policy_value(c, &body->attributes[i], type, name);
    for (size_t i = 0; i < body->block_count; i++)
        tf_policies(c, &body->blocks[i].body, type, name, depth + 1);
}

static void tf_policy_document(struct tf_context *c, const struct hcl_block *data)
{
    const char *name = tf_label(data, 1);
    size_t index = 0;
    const struct hcl_block *statement;
    while ((statement = hcl_body_next_block(&data->body, "statement", &index))) {
        const char *effect = hcl_value_literal(tf_value(&statement->body, "effect"));
        if (effect && strcmp(effect, "Allow") != 0)
            continue;
        if (hcl_body_attribute(&statement->body, "effect") && !effect)
            continue; /* decided by an expression */
        const struct hcl_attribute *actions = hcl_body_attribute(&statement->body, "actions");
        if (actions && tf_value_has_star(&actions->value) &&
            tf_value_has_star(tf_value(&statement->body, "resources")))
            tf_report(c, "terraform.iam-wildcard-policy", actions->line,
                      tf_match(c, "data.aws_iam_policy_document", name, "statement"),
                      "data.aws_iam_policy_document.%s allows every action (\"*\") on every "
                      "resource (\"*\")",
                      name);
    }
}

/* ---- providers ---- */

static void tf_provider(struct tf_context *c, const struct hcl_block *provider)
{
    const char *name = tf_label(provider, 0);
    analysis_add_fact(c->analysis, "terraform.provider", provider->line, name);
    /* Placeholder keys for local emulators (LocalStack, moto) come with
     * skip_credentials_validation: they are not credentials. */
    if (hcl_value_truth(tf_value(&provider->body, "skip_credentials_validation")) == 1)
        return;
    static const char *const keys[] = {"access_key", "secret_key", "token",   "client_secret",
                                       "api_token",  "api_key",    "password"};
    for (size_t i = 0; i < TF_COUNT(keys); i++) {
        tf_literal_secret(c, "terraform.provider-hardcoded-credentials",
                          hcl_body_attribute(&provider->body, keys[i]),
                          arena_printf(c->analysis->arena, "provider \"%s\"", name));
    }
}

static void tf_terraform_block(struct tf_context *c, const struct hcl_block *block)
{
    for (size_t i = 0; i < block->body.block_count; i++) {
        const struct hcl_block *inner = &block->body.blocks[i];
        if (strcmp(inner->type, "backend") == 0)
            analysis_add_fact(c->analysis, "terraform.backend", inner->line, tf_label(inner, 0));
        else if (strcmp(inner->type, "cloud") == 0)
            analysis_add_fact(c->analysis, "terraform.backend", inner->line, "cloud");
    }
}

/* ---- the analyzer interface ---- */

static bool terraform_applies(const struct source_file *file)
{
    /* A cookiecutter or copier template directory ({{ name }}) holds files
     * that are not HCL until rendered. */
    size_t length = strlen(file->path);
    return length > 3 && strcmp(file->path + length - 3, ".tf") == 0 && !strstr(file->path, "{{");
}

static void terraform_run(const struct source_file *file, struct analysis *analysis)
{
    struct hcl_file hcl;
    struct tf_context c = {.file = file, .analysis = analysis};
    if (!hcl_parse(analysis->arena, file->content, file->length, &hcl)) {
        /* A file Terraform would reject is judged on nothing else. */
        tf_report(&c, "terraform.parse-error", hcl.error_line, "parse-error",
                  "not valid HCL, file skipped: %s", hcl.error);
        return;
    }
    for (size_t i = 0; i < hcl.body.block_count; i++) {
        const struct hcl_block *block = &hcl.body.blocks[i];
        if (strcmp(block->type, "terraform") == 0) {
            tf_terraform_block(&c, block);
        } else if (strcmp(block->type, "provider") == 0) {
            tf_provider(&c, block);
        } else if (strcmp(block->type, "data") == 0 &&
                   strcmp(tf_label(block, 0), "aws_iam_policy_document") == 0) {
            tf_policy_document(&c, block);
        } else if (strcmp(block->type, "resource") == 0 && block->label_count == 2) {
            tf_security_group(&c, block);
            tf_s3(&c, block);
            tf_storage(&c, block);
            tf_rds(&c, block);
            tf_compute(&c, block);
            tf_logging(&c, block);
            tf_policies(&c, &block->body, tf_label(block, 0), tf_label(block, 1), 0);
        }
    }
}

const struct analyzer analyzer_terraform = {
    .name = "terraform",
    .applies = terraform_applies,
    .run = terraform_run,
};
