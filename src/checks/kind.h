/*
 * kind: decides the project's kind (service, library, cli, infrastructure,
 * documentation, unknown) from the "kind.*" facts and the file roles, with
 * the evidence that decided it. Runs before every other check, because rules
 * apply to kinds.
 */
#ifndef PRODREADY_CHECKS_KIND_H
#define PRODREADY_CHECKS_KIND_H

#include "checks/check.h"

/* Sets context->kind and returns the evidence (arena-owned) in *evidence. */
enum project_kind kind_decide(struct check_context *context, struct evidence **evidence,
                              size_t *evidence_count);

#endif
