/*
 * role: what part a file plays in the project (source, test, docs, config,
 * ci, container, iac, migration, data, build), from its path and language.
 * Path-only: it must not read file contents.
 */
#ifndef PRODREADY_INVENTORY_ROLE_H
#define PRODREADY_INVENTORY_ROLE_H

#include "inventory/language.h"
#include "model/model.h"

enum file_role role_detect(const char *path, const struct language *language);

#endif
