/*
 * config: .prodready.yml reader (see config.h). Strict on purpose: unknown
 * keys and bad values are errors with file and line.
 */
#include "config/config.h"
#include "util/file.h"
#include "util/xalloc.h"
#include "util/yaml.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool config_parse_size(const char *text, uint64_t *out)
{
    if (!text || !isdigit((unsigned char)text[0]))
        return false;
    errno = 0;
    char *end = NULL;
    unsigned long long value = strtoull(text, &end, 10);
    if (errno)
        return false;
    unsigned shift = 0;
    if (*end) {
        switch (tolower((unsigned char)*end)) {
        case 'k':
            shift = 10;
            break;
        case 'm':
            shift = 20;
            break;
        case 'g':
            shift = 30;
            break;
        default:
            return false;
        }
        end++;
        if (tolower((unsigned char)*end) == 'i')
            end++;
        if (tolower((unsigned char)*end) == 'b')
            end++;
        if (*end)
            return false;
    }
    if (value == 0 || value > (UINT64_MAX >> shift))
        return false;
    *out = (uint64_t)value << shift;
    return true;
}

int config_load(const char *path, struct config *config, struct strbuf *error)
{
    size_t length = 0;
    char *text = file_read_all(path, 1024 * 1024, &length);
    if (!text) {
        strbuf_printf(error, "%s: cannot read the config file: %s", path, strerror(errno));
        return -1;
    }
    /* An empty file (or one with only comments) sets nothing. */
    bool blank = true;
    for (size_t i = 0, line_start = 1; i < length && blank; i++) {
        if (text[i] == '\n') {
            line_start = 1;
        } else if (line_start && text[i] == '#') {
            while (i < length && text[i] != '\n')
                i++;
        } else if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r') {
            blank = false;
        }
    }
    if (blank) {
        free(text);
        return 0;
    }
    struct strbuf yaml_error = STRBUF_INIT;
    /* libfyaml parses `text` in place: it must outlive the document. */
    struct fy_document *document = yaml_parse(text, length, &yaml_error, NULL);
    if (!document) {
        free(text);
        strbuf_printf(error, "%s:%s", path, yaml_error.data);
        strbuf_release(&yaml_error);
        return -1;
    }
    strbuf_release(&yaml_error);
    int errors = 0;
    struct fy_node *root = fy_document_root(document);
    if (fy_node_get_type(root) != FYNT_MAPPING) {
        strbuf_printf(error, "%s:%d: the config must be a mapping of settings", path,
                      yaml_node_line(root));
        fy_document_destroy(document);
        free(text);
        return -1;
    }
    void *iterator = NULL;
    struct fy_node_pair *pair;
    while ((pair = fy_node_mapping_iterate(root, &iterator)) != NULL) {
        struct fy_node *key_node = fy_node_pair_key(pair);
        struct fy_node *value_node = fy_node_pair_value(pair);
        char *key = yaml_scalar_dup(key_node);
        char *value = yaml_scalar_dup(value_node);
        int line = yaml_node_line(value_node ? value_node : key_node);
        const char *problem = NULL;
        if (!key) {
            problem = "setting names must be plain text";
        } else if (strcmp(key, "fail_under") == 0) {
            char *end = NULL;
            long score = value ? strtol(value, &end, 10) : -1;
            if (!value || !*value || *end || score < 0 || score > 100)
                problem = "fail_under must be a whole number from 0 to 100";
            else {
                config->has_fail_under = true;
                config->fail_under = (int)score;
            }
        } else if (strcmp(key, "fail_on") == 0) {
            if (!value || !severity_parse(value, &config->fail_on))
                problem = "fail_on must be one of critical, high, medium, low, info";
            else
                config->has_fail_on = true;
        } else if (strcmp(key, "max_file_size") == 0) {
            if (!config_parse_size(value, &config->max_file_size))
                problem = "max_file_size must be a size such as 5242880, 512k or 5M";
        } else if (strcmp(key, "jobs") == 0) {
            char *end = NULL;
            long jobs = value ? strtol(value, &end, 10) : -1;
            if (!value || !*value || *end || jobs < 1 || jobs > 256)
                problem = "jobs must be a whole number from 1 to 256";
            else
                config->jobs = (unsigned)jobs;
        } else {
            strbuf_printf(error,
                          "%s%s:%d: unknown setting '%s' (known: fail_under, fail_on, "
                          "max_file_size, jobs)",
                          errors ? "\n" : "", path, yaml_node_line(key_node), key);
            errors++;
        }
        if (problem) {
            strbuf_printf(error, "%s%s:%d: %s", errors ? "\n" : "", path, line, problem);
            errors++;
        }
        free(key);
        free(value);
    }
    fy_document_destroy(document);
    free(text);
    return errors ? -1 : 0;
}
