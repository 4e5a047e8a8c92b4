/*
 * rule_packs: loads the user's rule packs named on the command line (or in
 * the config file) before an audit, printing each problem of a pack it
 * skips as a warning that names the file and line, and releases them at
 * exit. A bad pack never stops the audit: the built-in rules still run.
 */
#include "analyzers/user_rules.h"
#include "cli/cli.h"
#include "rules/registry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void cli_release_rule_packs(void)
{
    user_rules_release();
    rule_registry_release_user();
}

int cli_load_rule_packs(const char *const *files, size_t count, bool quiet)
{
    static bool registered;
    if (!registered) {
        atexit(cli_release_rule_packs);
        registered = true;
    }
    struct strbuf warnings = STRBUF_INIT, errors = STRBUF_INIT;
    rule_registry_load_user(files, count, user_rules_check_pack, &warnings);
    if (!quiet && warnings.length > 0) {
        for (char *line = warnings.data; *line;) {
            char *newline = strchr(line, '\n');
            if (newline)
                *newline = '\0';
            fprintf(stderr, "prodready: warning: %s\n", line);
            if (!newline)
                break;
            line = newline + 1;
        }
    }
    int status = warnings.length > 0 ? 1 : 0; /* a pack was skipped */
    strbuf_release(&warnings);
    if (!user_rules_prepare(&errors)) {
        /* Every pack was checked on its own; together they should compile
         * too, so this is not expected — but say so rather than run without. */
        fprintf(stderr, "prodready: the user rule packs cannot be compiled together: %s\n",
                errors.data);
        status = -1;
    }
    strbuf_release(&errors);
    return status;
}
