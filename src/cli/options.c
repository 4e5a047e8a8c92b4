/*
 * options: argument scanning helpers shared by the commands. Hand-written
 * rather than getopt_long so every command reports errors the same way and
 * options may follow the PATH operand.
 */
#include "cli/cli.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

bool cli_option_value(int argc, char **argv, int *index, const char *long_name,
                      const char *short_name, const char **value, bool *missing)
{
    const char *argument = argv[*index];
    size_t long_length = strlen(long_name);
    *missing = false;
    if (strncmp(argument, long_name, long_length) == 0 && argument[long_length] == '=') {
        *value = argument + long_length + 1;
        return true;
    }
    if (strcmp(argument, long_name) == 0 || (short_name && strcmp(argument, short_name) == 0)) {
        if (*index + 1 >= argc) {
            *value = NULL;
            *missing = true;
            return true;
        }
        *value = argv[++*index];
        return true;
    }
    return false;
}

bool cli_parse_uint(const char *text, uint64_t max, uint64_t *out)
{
    if (!text || !isdigit((unsigned char)text[0]))
        return false;
    errno = 0;
    char *end = NULL;
    unsigned long long value = strtoull(text, &end, 10);
    if (errno || *end || value > max)
        return false;
    *out = value;
    return true;
}
