/*
 * cmd_version: `prodready version` — the tool's version and the versions of
 * the libraries it was linked with, which is what a bug report needs.
 */
#include "cli/cli.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <git2.h>
#include <hs.h>
#include <jansson.h>
#include <libfyaml.h>
#include <libxml/xmlversion.h>
#include <pcre2.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <zip.h>

int cmd_version(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs("usage: prodready version\n\nPrints the version of prodready and of the "
                  "libraries it uses.\n",
                  stdout);
            return CLI_EXIT_OK;
        }
        return cli_usage_error("version", "unexpected argument '%s'", argv[i]);
    }
    printf("prodready %s\n", PRODREADY_VERSION);
    int major = 0, minor = 0, revision = 0;
    git_libgit2_version(&major, &minor, &revision);
    char pcre2_version[64] = "";
    pcre2_config(PCRE2_CONFIG_VERSION, pcre2_version);
    printf("  libgit2 %d.%d.%d\n", major, minor, revision);
    printf("  hyperscan API (vectorscan) %s\n", hs_version());
    printf("  pcre2 %s\n", pcre2_version);
    printf("  libfyaml %s\n", fy_library_version());
    printf("  jansson %s\n", jansson_version_str());
    printf("  libxml2 %s\n", LIBXML_DOTTED_VERSION);
    printf("  sqlite %s\n", sqlite3_libversion());
    printf("  libzip %s\n", zip_libzip_version());
    return CLI_EXIT_OK;
}
