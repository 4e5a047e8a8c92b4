/*
 * xml_safe: hardened libxml2 parsing for report files (see xml_safe.h).
 */
#include "metrics/xml_safe.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Entities are refused rather than left unexpanded: a report never needs
 * them, and refusing keeps libxml2's entity code out of reach entirely. */
static bool xml_safe_declares_entities(const char *data, size_t length)
{
    static const char marker[] = "<!ENTITY";
    const size_t marker_length = sizeof(marker) - 1;
    for (const char *at = data; length >= marker_length;) {
        const char *hit = memchr(at, '<', length - marker_length + 1);
        if (!hit)
            return false;
        if (memcmp(hit, marker, marker_length) == 0)
            return true;
        length -= (size_t)(hit - at) + 1;
        at = hit + 1;
    }
    return false;
}

static bool xml_safe_subset_has_entities(const xmlDtd *subset)
{
    for (const xmlNode *node = subset ? subset->children : NULL; node; node = node->next)
        if (node->type == XML_ENTITY_DECL)
            return true;
    return false;
}

xmlDocPtr xml_safe_parse(const char *data, size_t length, size_t max_bytes, struct strbuf *error)
{
    if (length == 0) {
        strbuf_printf(error, "empty file");
        return NULL;
    }
    if (length > max_bytes || length > (size_t)INT32_MAX) {
        strbuf_printf(error, "larger than %zu bytes: not read", max_bytes);
        return NULL;
    }
    /* UTF-16 and UTF-32 would hide markup from the byte checks below. */
    size_t head = length < 4 ? length : 4;
    if (memchr(data, '\0', head) ||
        (length >= 2 && ((unsigned char)data[0] == 0xFE || (unsigned char)data[0] == 0xFF))) {
        strbuf_printf(error, "not an ASCII-compatible XML encoding (UTF-16/32 is not read)");
        return NULL;
    }
    if (xml_safe_declares_entities(data, length)) {
        strbuf_printf(error, "declares XML entities: refused (entity expansion attack?)");
        return NULL;
    }
    /* No XML_PARSE_NOENT (no substitution), no XML_PARSE_DTDLOAD (the
     * JaCoCo DOCTYPE names report.dtd: never fetched), no XML_PARSE_HUGE
     * (keeps libxml2's depth and size limits). */
    int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
    xmlResetLastError();
    /* Read as UTF-8 whatever the declaration says: an encoding such as
     * UTF-7 could spell "<!ENTITY" in bytes the check above never sees. */
    xmlDocPtr document = xmlReadMemory(data, (int)length, "report.xml", "UTF-8", options);
    if (!document) {
        const xmlError *last = xmlGetLastError();
        if (last && last->message) {
            size_t message_length = strcspn(last->message, "\r\n");
            strbuf_printf(error, "not well-formed XML (line %d: %.*s)", last->line,
                          (int)(message_length > 120 ? 120 : message_length), last->message);
        } else {
            strbuf_printf(error, "not well-formed XML");
        }
        return NULL;
    }
    if (xml_safe_subset_has_entities(document->intSubset) ||
        xml_safe_subset_has_entities(document->extSubset)) {
        xmlFreeDoc(document);
        strbuf_printf(error, "declares XML entities: refused (entity expansion attack?)");
        return NULL;
    }
    if (!xmlDocGetRootElement(document)) {
        xmlFreeDoc(document);
        strbuf_printf(error, "no root element");
        return NULL;
    }
    return document;
}

bool xml_safe_is(const xmlNode *node, const char *name)
{
    return node && node->type == XML_ELEMENT_NODE && node->name &&
           strcmp((const char *)node->name, name) == 0;
}

xmlNode *xml_safe_next(xmlNode *node, const xmlNode *root, bool skip_children)
{
    /* Iterative, so a deep document cannot exhaust the stack. */
    if (!skip_children) {
        for (xmlNode *child = node->children; child; child = child->next)
            if (child->type == XML_ELEMENT_NODE)
                return child;
    }
    while (node && node != root) {
        for (xmlNode *sibling = node->next; sibling; sibling = sibling->next)
            if (sibling->type == XML_ELEMENT_NODE)
                return sibling;
        node = node->parent;
    }
    return NULL;
}

bool xml_safe_parse_u64(const char *text, size_t length, uint64_t *out)
{
    size_t i = 0;
    while (i < length && (text[i] == ' ' || text[i] == '\t'))
        i++;
    while (length > i && (text[length - 1] == ' ' || text[length - 1] == '\t'))
        length--;
    if (i == length)
        return false;
    uint64_t value = 0;
    for (; i < length; i++) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        unsigned digit = (unsigned)(text[i] - '0');
        if (value > (UINT64_MAX - digit) / 10)
            return false;
        value = value * 10 + digit;
    }
    *out = value;
    return true;
}

bool xml_safe_attr_u64(const xmlNode *node, const char *name, uint64_t *out)
{
    xmlChar *value = xmlGetProp(node, (const xmlChar *)name);
    if (!value)
        return false;
    bool ok = xml_safe_parse_u64((const char *)value, strlen((const char *)value), out);
    xmlFree(value);
    return ok;
}

bool xml_safe_attr_double(const xmlNode *node, const char *name, double *out)
{
    xmlChar *value = xmlGetProp(node, (const xmlChar *)name);
    if (!value)
        return false;
    const char *text = (const char *)value;
    char *end = NULL;
    bool ok = false;
    /* strtod accepts hex, inf and nan: allow only plain decimals. */
    if (strspn(text, " 0123456789.eE+-") == strlen(text) && *text) {
        double parsed = strtod(text, &end);
        while (end && (*end == ' '))
            end++;
        if (end && *end == '\0' && isfinite(parsed) && parsed >= 0) {
            *out = parsed;
            ok = true;
        }
    }
    xmlFree(value);
    return ok;
}

void xml_safe_attr_text(const xmlNode *node, const char *name, char *buffer, size_t size)
{
    if (!size)
        return;
    buffer[0] = '\0';
    xmlChar *value = xmlGetProp(node, (const xmlChar *)name);
    if (!value)
        return;
    size_t length = strlen((const char *)value);
    if (length >= size)
        length = size - 1;
    memcpy(buffer, value, length);
    buffer[length] = '\0';
    xmlFree(value);
}
