/*
 * linecount: code / comment / blank line counts for one file, following the
 * conventions of cloc (a line with both code and a comment is code; blank
 * lines inside block comments are blank; Python docstrings are comments), so
 * totals can be checked against it. Must never read past `length`.
 */
#ifndef PRODREADY_INVENTORY_LINECOUNT_H
#define PRODREADY_INVENTORY_LINECOUNT_H

#include <stddef.h>

#include "inventory/language.h"
#include "model/model.h"

void linecount_count(const struct language *language, const char *content, size_t length,
                     struct line_counts *out);

#endif
