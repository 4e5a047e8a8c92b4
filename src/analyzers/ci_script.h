/*
 * ci_script: recognizes what a CI step does — runs the tests, a linter, a
 * type checker, a coverage gate, a security scanner, a deployment, a
 * post-deploy health check or a rollback — from one line of a shell script,
 * from an action reference (`owner/repo@ref`) or from a job or step name.
 * The GitHub Actions, GitLab CI and other-CI analyzers share it, so every CI
 * system is read the same way, and it turns what it recognizes into the
 * "ci.*" facts that checks/ci.c evaluates.
 *
 * Recognition is by whole word within one simple command (`poetry run
 * pytest -q` runs pytest; `pip install pytest mypy` runs nothing), and a
 * comment or an echo runs nothing. It must stay free of YAML and of any
 * rule: it only says what a line does, never whether that is good.
 */
#ifndef PRODREADY_ANALYZERS_CI_SCRIPT_H
#define PRODREADY_ANALYZERS_CI_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>

#include "analyzers/analyzer.h"

enum ci_script_kind {
    CI_SCRIPT_TEST,
    CI_SCRIPT_LINT,
    CI_SCRIPT_TYPE_CHECK,
    CI_SCRIPT_COVERAGE_GATE,
    CI_SCRIPT_SECURITY,
    CI_SCRIPT_DEPLOY,
    CI_SCRIPT_HEALTH_CHECK,
    CI_SCRIPT_ROLLBACK,
    CI_SCRIPT_PRE_COMMIT, /* runs the pre-commit hooks (whatever they check) */
    CI_SCRIPT_KIND_COUNT
};

#define CI_SCRIPT_BIT(kind) (1u << (kind))

/* The fact key of a kind ("ci.test", "ci.lint" …). */
const char *ci_script_fact_key(enum ci_script_kind kind);

/* What one line of a script does: a CI_SCRIPT_BIT set. offsets[kind] gets
 * the byte offset in the line of the word that proved each kind found. */
unsigned ci_script_line(const char *line, size_t length, size_t offsets[CI_SCRIPT_KIND_COUNT]);

/* What an action, orb or template reference does ("github/codeql-action/
 * init@v3" is a security scan); matched case-insensitively on its
 * owner/name. */
unsigned ci_script_action(const char *reference);

/* What a job or step name announces ("Deploy to production", "Smoke test",
 * "Roll back"): deploy, health-check and rollback bits only. */
unsigned ci_script_name(const char *name);

/* A short note for evidence: at most six words of the line from `offset`;
 * any long word (it could be a credential) is shown as "…". */
const char *ci_script_note(struct arena *arena, const char *line, size_t length, size_t offset);

/* Whether a line runs a script of the repository (`scripts/test`,
 * `./ci/lint.sh`, `bash tools/check.sh`, `uv run bash scripts/t.sh`): its
 * path (without "./") is at *offset, *path_length bytes long. */
bool ci_script_called_path(const char *line, size_t length, size_t *offset, size_t *path_length);

/* Recognizes every line of `text` (`length` bytes, whose first line is line
 * `first_line` of the file) and records one fact per kind per line found,
 * and a "ci.calls" fact for each repository script a line runs. Returns
 * the kinds found. */
unsigned ci_script_record_lines(struct analysis *analysis, const char *text, size_t length,
                                int first_line);

/* Records one fact per kind in `kinds` at `line` with the note `note`. */
void ci_script_record(struct analysis *analysis, unsigned kinds, int line, const char *note);

#endif
