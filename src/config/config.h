/*
 * config: the configuration file (.prodready.yml at the audited root, or
 * --config FILE). This first version knows the gate and limit settings;
 * every other key is rejected with file:line so that a setting is never
 * silently ignored. Command-line options override the file.
 */
#ifndef PRODREADY_CONFIG_CONFIG_H
#define PRODREADY_CONFIG_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "model/model.h"
#include "util/strbuf.h"

struct config {
    bool has_fail_under;
    int fail_under; /* 0..100 */
    bool has_fail_on;
    enum severity fail_on;
    uint64_t max_file_size; /* 0 = not set */
    unsigned jobs;          /* 0 = not set */
};

/* Loads `path`. Returns 0, or -1 with "FILE:LINE: problem" lines in
 * `error` (the file is unreadable, not YAML, or has a bad setting). */
int config_load(const char *path, struct config *config, struct strbuf *error);
/* Parses sizes such as 5242880, 512k, 5M, 1G (powers of 1024). */
bool config_parse_size(const char *text, uint64_t *out);

#endif
