/*
 * secret_files: files that are secrets by what they are rather than by a
 * token format — committed .env files with secret values, private key files
 * named as such, keystores — plus the facts the .env/.gitignore check needs
 * (which lines load env files, the root .gitignore's lines).
 *
 * The pure helpers below are shared with the binary-file path of the audit
 * (keystores are binary and never reach the analyzers) and with the history
 * scan. They must never return or print a secret value in full, and they
 * must not read any file: callers hand them names and contents.
 */
#ifndef PRODREADY_ANALYZERS_SECRET_FILES_H
#define PRODREADY_ANALYZERS_SECRET_FILES_H

#include <stdbool.h>
#include <stddef.h>

#include "analyzers/analyzer.h"

/* The file rule a path's name alone raises (secrets.file-keystore,
 * secrets.file-private-key), or NULL. `binary`: the content is not text
 * (a text key file is reported only when no PEM header is in it, since
 * secrets.private-key reports those line by line). Paths under test and
 * fixture directories raise nothing (see secret_files.c). */
const char *secret_files_name_rule(const char *path, bool binary, const char *content,
                                   size_t length);

/* Whether `path` is a dotenv file (.env, .env.production …) and not a
 * template (.env.example, .env.sample, .env.template …). */
bool secret_files_is_env_file(const char *path);

/* The first assignment of a secret-like variable to a real-looking value in
 * a dotenv text. */
struct secret_files_env_hit {
    int line;   /* 1-based line in `content` */
    int column; /* 1-based byte column of the value */
    int count;  /* secret-like variables with a value in the text */
    char key[64];
    char redacted[32]; /* the value as content_scan_redact shows it */
    char snippet[160]; /* "KEY=" and the redacted value */
    char match[96];    /* fingerprint input: rule id and a hash of the value */
};
bool secret_files_env_scan(const char *content, size_t length, struct secret_files_env_hit *hit);

/* Name-only findings for a file the audit does not analyse (binary). */
void secret_files_binary(const char *path, struct analysis *analysis);
/* Name-only findings for a file over the size limit (never read): keys and
 * keystores as for binaries, and Terraform state files, with no line. */
void secret_files_too_large(const char *path, struct analysis *analysis);

#endif
