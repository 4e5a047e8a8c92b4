/*
 * xml_safe: the one way prodready parses XML from audited repositories with
 * libxml2 — coverage and JUnit reports, pom.xml and .NET project files —
 * which is hostile input.
 *
 * Never loads a DTD or anything over the network, never substitutes
 * entities, refuses documents that declare entities at all (billion laughs,
 * external entities) and anything not in an ASCII-compatible encoding, and
 * caps the size. It must not be used to write XML (the JUnit report writer
 * uses libxml2's text writer) or to read anything prodready trusts.
 */
#ifndef PRODREADY_METRICS_XML_SAFE_H
#define PRODREADY_METRICS_XML_SAFE_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/strbuf.h"

/* Returns the parsed document (free with xmlFreeDoc), or NULL with a
 * one-line reason in `error`. */
xmlDocPtr xml_safe_parse(const char *data, size_t length, size_t max_bytes, struct strbuf *error);

/* Whether `node` is an element named `name`. */
bool xml_safe_is(const xmlNode *node, const char *name);

/* The next element after `node` in document order (depth first), staying
 * inside `root`; NULL at the end. `skip_children` steps over node's subtree. */
xmlNode *xml_safe_next(xmlNode *node, const xmlNode *root, bool skip_children);

/* Attribute `name` as a non-negative integer. Returns false when it is
 * missing or not a plain decimal number that fits. */
bool xml_safe_attr_u64(const xmlNode *node, const char *name, uint64_t *out);
/* Attribute `name` as a finite, non-negative decimal (123, 0.25, 1e3). */
bool xml_safe_attr_double(const xmlNode *node, const char *name, double *out);
/* Attribute `name` copied into `buffer` (truncated; "" when missing). */
void xml_safe_attr_text(const xmlNode *node, const char *name, char *buffer, size_t size);

/* Parses a whole plain decimal number (optional surrounding blanks). */
bool xml_safe_parse_u64(const char *text, size_t length, uint64_t *out);

#endif
