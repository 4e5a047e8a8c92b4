/*
 * Unit tests for src/util: arena, string builder, hashing, thread pool.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/chunk_array.h"
#include "util/hash.h"
#include "util/strbuf.h"
#include "util/threadpool.h"
#include "util/text.h"
#include "util/utf8.h"

/* The marker spelled in two pieces: written whole, the malformed ones below
 * would be read as real (malformed) markers when prodready audits itself. */
#define TEST_MARKER                                                                                \
    "prodready"                                                                                    \
    ":ignore"

static void test_arena_alignment_and_zeroing(void **state)
{
    (void)state;
    struct arena arena;
    arena_init(&arena);
    for (size_t size = 1; size < 200; size += 7) {
        unsigned char *p = arena_alloc(&arena, size);
        assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
        for (size_t i = 0; i < size; i++)
            assert_int_equal(p[i], 0);
        memset(p, 0xab, size);
    }
    /* A request larger than a block gets its own block. */
    char *big = arena_alloc(&arena, 1 << 20);
    big[(1 << 20) - 1] = 'x';
    char *text = arena_printf(&arena, "%s-%d", "rule", 42);
    assert_string_equal(text, "rule-42");
    assert_string_equal(arena_strndup(&arena, "abcdef", 3), "abc");
    assert_null(arena_strdup(&arena, NULL));
    arena_destroy(&arena);
    assert_null(arena.head);
}

static void test_arena_adopt(void **state)
{
    (void)state;
    struct arena result, worker;
    arena_init(&result);
    arena_init(&worker);
    char *kept = arena_strdup(&worker, "kept after the worker's arena is gone");
    arena_strdup(&result, "already there");
    arena_adopt(&result, &worker);
    assert_null(worker.head);
    arena_destroy(&worker); /* nothing to free: ownership moved */
    assert_string_equal(kept, "kept after the worker's arena is gone");
    arena_destroy(&result);
}

static void test_strbuf(void **state)
{
    (void)state;
    struct strbuf buffer = STRBUF_INIT;
    assert_non_null(buffer.data);
    assert_string_equal(buffer.data, "");
    strbuf_append_str(&buffer, "abc");
    strbuf_append_char(&buffer, '-');
    strbuf_printf(&buffer, "%05d", 42);
    assert_string_equal(buffer.data, "abc-00042");
    assert_int_equal(buffer.length, 9);
    for (int i = 0; i < 10000; i++)
        strbuf_append(&buffer, "0123456789", 10);
    assert_int_equal(buffer.length, 100009);
    size_t length;
    char *owned = strbuf_detach(&buffer, &length);
    assert_int_equal(length, 100009);
    assert_int_equal(buffer.length, 0);
    assert_string_equal(buffer.data, "");
    free(owned);
    strbuf_reset(&buffer);
    strbuf_release(&buffer);
}

static void test_hash_is_stable(void **state)
{
    (void)state;
    /* FNV-1a 64 reference values: fingerprints must never change across
     * builds or machines. */
    assert_true(hash_fnv64(HASH_FNV64_INIT, "", 0) == UINT64_C(0xcbf29ce484222325));
    assert_true(hash_fnv64(HASH_FNV64_INIT, "a", 1) == UINT64_C(0xaf63dc4c8601ec8c));
    char hex[17];
    hash_hex64(UINT64_C(0x0123456789abcdef), hex);
    assert_string_equal(hex, "0123456789abcdef");
    /* Field boundaries matter. */
    uint64_t ab_c = hash_fnv64_str(hash_fnv64_str(HASH_FNV64_INIT, "ab"), "c");
    uint64_t a_bc = hash_fnv64_str(hash_fnv64_str(HASH_FNV64_INIT, "a"), "bc");
    assert_true(ab_c != a_bc);
}

struct pool_counts {
    atomic_int hits[1000];
    atomic_int workers_seen;
};

static void pool_task(void *context, size_t index, unsigned worker)
{
    struct pool_counts *counts = context;
    atomic_fetch_add(&counts->hits[index], 1);
    /* No cmocka assertion here: it would longjmp across threads. */
    if (worker >= 4)
        atomic_fetch_add(&counts->workers_seen, 1);
}

static void test_threadpool_runs_each_index_once(void **state)
{
    (void)state;
    static struct pool_counts counts;
    for (unsigned threads = 1; threads <= 4; threads++) {
        memset(&counts, 0, sizeof(counts));
        threadpool_run(threads, 1000, pool_task, &counts);
        for (int i = 0; i < 1000; i++)
            assert_int_equal(atomic_load(&counts.hits[i]), 1);
        assert_int_equal(atomic_load(&counts.workers_seen), 0);
    }
    threadpool_run(4, 0, pool_task, &counts); /* nothing to do: returns */
    assert_true(threadpool_cpu_count() >= 1);
}

/* The fed pool runs each published index once, also when the producer
 * publishes in uneven steps, sometimes before the threads even wait, and
 * when finish adds the last ones. */
static void test_threadpool_feed_runs_each_index_once(void **state)
{
    (void)state;
    static struct pool_counts counts;
    for (unsigned threads = 1; threads <= 4; threads++) {
        memset(&counts, 0, sizeof(counts));
        struct threadpool_feed *feed = threadpool_feed_start(threads, pool_task, &counts);
        size_t ready = 0;
        for (size_t step = 1; ready + step < 990; step = step * 3 % 17 + 1) {
            ready += step;
            threadpool_feed_publish(feed, ready);
        }
        threadpool_feed_publish(feed, ready / 2); /* never goes back */
        threadpool_feed_finish(feed, 1000);
        for (int i = 0; i < 1000; i++)
            assert_int_equal(atomic_load(&counts.hits[i]), 1);
        assert_int_equal(atomic_load(&counts.workers_seen), 0);
    }
    struct threadpool_feed *empty = threadpool_feed_start(2, pool_task, &counts);
    threadpool_feed_finish(empty, 0); /* nothing published: returns */
}

/* Elements keep their address while the array grows past block ends, come
 * back zeroed, and are found again by index. */
static void test_chunk_array(void **state)
{
    (void)state;
    struct chunk_array array;
    chunk_array_init(&array, sizeof(uint64_t) * 3);
    uint64_t *first = chunk_array_append(&array);
    assert_int_equal(first[0] + first[1] + first[2], 0);
    first[0] = 7;
    const size_t total = 3 * CHUNK_ARRAY_BLOCK + 5;
    for (size_t i = 1; i < total; i++) {
        uint64_t *element = chunk_array_append(&array);
        assert_int_equal(element[0] | element[1] | element[2], 0);
        element[0] = i * 2 + 1;
        element[2] = i;
    }
    assert_int_equal(array.count, total);
    assert_ptr_equal(chunk_array_at(&array, 0), first);
    assert_int_equal(first[0], 7);
    for (size_t i = 1; i < total; i++) {
        const uint64_t *element = chunk_array_at(&array, i);
        assert_int_equal(element[0], i * 2 + 1);
        assert_int_equal(element[2], i);
    }
    /* Neighbours across a block boundary do not overlap. */
    assert_true((const char *)chunk_array_at(&array, CHUNK_ARRAY_BLOCK) !=
                (const char *)chunk_array_at(&array, CHUNK_ARRAY_BLOCK - 1));
    chunk_array_release(&array);
    assert_int_equal(array.count, 0);
}

static void test_utf8_validate(void **state)
{
    (void)state;
    size_t bad = 99;
    assert_true(utf8_validate("plain ascii", 11, NULL));
    assert_true(utf8_validate("caf\xc3\xa9 \xe2\x80\xa6 \xf0\x9f\x98\x80", 14, NULL));
    assert_false(utf8_validate("ab\xff", 3, &bad));
    assert_int_equal(bad, 2);
    assert_false(utf8_validate("\xc0\xaf", 2, &bad)); /* overlong '/' */
    assert_int_equal(bad, 0);
    assert_false(utf8_validate("\xed\xa0\x80", 3, &bad));     /* surrogate */
    assert_false(utf8_validate("\xf4\x90\x80\x80", 4, &bad)); /* above U+10FFFF */
    assert_false(utf8_validate("x\xe2\x80", 3, &bad));        /* truncated */
    assert_int_equal(bad, 1);
    assert_int_equal(text_line_of("a\nb\nc", 4), 3);
}

static void test_text_helpers(void **state)
{
    (void)state;
    assert_true(text_equals_nocase("README", 6, "readme"));
    assert_true(text_equals_nocase("Docs/x", 4, "docs"));
    assert_false(text_equals_nocase("doc", 3, "docs"));
    assert_false(text_equals_nocase("docs", 4, "doc"));
    assert_true(text_prefix_nocase("OpenAPI.yaml", "openapi."));
    assert_false(text_prefix_nocase("open", "openapi"));
    assert_true(text_contains_nocase("backend/Scripts/Test.sh", "test"));
    assert_true(text_contains_nocase("docs/Disaster-Recovery.md", "disaster-recovery"));
    assert_false(text_contains_nocase("deploy.sh", "test"));
    assert_false(text_contains_nocase("te", "test"));
    assert_string_equal(text_basename("a/b/c.txt"), "c.txt");
    assert_string_equal(text_basename("c.txt"), "c.txt");
    assert_int_equal(text_line_of("x", 0), 1);
    assert_int_equal(text_lower('Q'), 'q');
    assert_int_equal(text_lower('\xc3'), '\xc3');
}

/* The reference: the first start where all `needle_length` bytes match. */
static const char *find_slowly(const char *text, size_t length, const char *needle,
                               size_t needle_length)
{
    for (size_t at = 0; at + needle_length <= length; at++)
        if (memcmp(text + at, needle, needle_length) == 0)
            return text + at;
    return NULL;
}

/* text_find against a byte-by-byte search on random texts over a small
 * alphabet (many partial matches, NUL bytes included), at every needle
 * length from 0 to 40 and text lengths across the 16-byte blocks. */
static void test_text_find(void **state)
{
    (void)state;
    uint32_t seed = 12345;
    char text[200], needle[48];
    /* Alphabets of common and rare bytes, so the two anchor bytes text_find
     * picks fall anywhere in the needle (first, last, adjacent, apart). */
    static const char *const alphabets[] = {"ab\0c", "e:yp", "Q e\n", "zzz~"};
    for (int round = 0; round < 40000; round++) {
        const char *alphabet = alphabets[(round >> 1) % 4];
        seed = seed * 1103515245u + 12345u;
        size_t length = (seed >> 8) % sizeof(text);
        seed = seed * 1103515245u + 12345u;
        size_t needle_length = (seed >> 8) % 41;
        for (size_t i = 0; i < length; i++) {
            seed = seed * 1103515245u + 12345u;
            text[i] = alphabet[(seed >> 16) % 4];
        }
        /* Half the needles are cut from the text, so they are found. */
        bool cut = (round & 1) && needle_length <= length;
        size_t from =
            cut && length > needle_length ? (seed >> 4) % (length - needle_length + 1) : 0;
        for (size_t i = 0; i < needle_length; i++) {
            seed = seed * 1103515245u + 12345u;
            needle[i] = cut ? text[from + i] : alphabet[(seed >> 16) % 4];
        }
        const char *expected = find_slowly(text, length, needle, needle_length);
        assert_ptr_equal(text_find(text, length, needle, needle_length), expected);
    }
    const char *marker = "x = 1  # " TEST_MARKER "[secrets.x] reason";
    assert_ptr_equal(text_find(marker, strlen(marker), TEST_MARKER, 16), marker + 9);
    assert_null(text_find(marker, 20, TEST_MARKER, 16));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena_alignment_and_zeroing),
        cmocka_unit_test(test_arena_adopt),
        cmocka_unit_test(test_strbuf),
        cmocka_unit_test(test_hash_is_stable),
        cmocka_unit_test(test_threadpool_runs_each_index_once),
        cmocka_unit_test(test_utf8_validate),
        cmocka_unit_test(test_text_helpers),
        cmocka_unit_test(test_text_find),
        cmocka_unit_test(test_threadpool_feed_runs_each_index_once),
        cmocka_unit_test(test_chunk_array),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
