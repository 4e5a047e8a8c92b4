/*
 * utf8: a strict UTF-8 validator (see utf8.h). Must never read past
 * `length`; runs on whole files, so the ASCII path is kept short.
 */
#include "util/utf8.h"

bool utf8_validate(const char *text, size_t length, size_t *bad_offset)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t i = 0;
    while (i < length) {
        unsigned char c = p[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t need;
        unsigned char low = 0x80, high = 0xbf; /* allowed range of the 2nd byte */
        if (c >= 0xc2 && c <= 0xdf) {
            need = 1;
        } else if (c >= 0xe0 && c <= 0xef) {
            need = 2;
            if (c == 0xe0)
                low = 0xa0; /* no overlongs */
            else if (c == 0xed)
                high = 0x9f; /* no surrogates */
        } else if (c >= 0xf0 && c <= 0xf4) {
            need = 3;
            if (c == 0xf0)
                low = 0x90;
            else if (c == 0xf4)
                high = 0x8f; /* nothing above U+10FFFF */
        } else {
            goto bad;
        }
        if (length - i - 1 < need)
            goto bad;
        if (p[i + 1] < low || p[i + 1] > high)
            goto bad;
        for (size_t k = 2; k <= need; k++)
            if ((p[i + k] & 0xc0) != 0x80)
                goto bad;
        i += need + 1;
    }
    return true;
bad:
    if (bad_offset)
        *bad_offset = i;
    return false;
}

int utf8_line_of(const char *text, size_t length, size_t offset)
{
    int line = 1;
    for (size_t i = 0; i < offset && i < length; i++)
        if (text[i] == '\n')
            line++;
    return line;
}
