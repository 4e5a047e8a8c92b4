/*
 * utf8: a strict UTF-8 validator (see utf8.h). Must never read past
 * `length`; runs on whole files, so the ASCII path is kept short.
 */
#include "util/utf8.h"

size_t utf8_decode(const unsigned char *s, size_t available, uint32_t *code)
{
    unsigned char lead = s[0];
    size_t need;
    if (lead < 0x80) {
        *code = lead;
        return 1;
    }
    if (lead >= 0xc2 && lead <= 0xdf) {
        need = 2;
        *code = lead & 0x1fu;
    } else if (lead >= 0xe0 && lead <= 0xef) {
        need = 3;
        *code = lead & 0x0fu;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
        need = 4;
        *code = lead & 0x07u;
    } else {
        return 0;
    }
    if (available < need)
        return 0;
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xc0u) != 0x80u)
            return 0;
        *code = (*code << 6) | (s[i] & 0x3fu);
    }
    /* No overlongs, no surrogates, nothing above U+10FFFF. */
    if (need == 3 && (*code < 0x800 || (*code >= 0xd800 && *code <= 0xdfff)))
        return 0;
    if (need == 4 && (*code < 0x10000 || *code > 0x10ffff))
        return 0;
    return need;
}

bool utf8_validate(const char *text, size_t length, size_t *bad_offset)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t i = 0;
    uint32_t code;
    while (i < length) {
        if (p[i] < 0x80) {
            i++; /* the common case, kept cheap */
            continue;
        }
        size_t step = utf8_decode(p + i, length - i, &code);
        if (!step) {
            if (bad_offset)
                *bad_offset = i;
            return false;
        }
        i += step;
    }
    return true;
}
