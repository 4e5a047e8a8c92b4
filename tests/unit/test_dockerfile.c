/*
 * test_dockerfile: unit tests of the Dockerfile parser (analyzers/dockerfile.h:
 * continuations, the escape directive, comments, heredocs, exec vs shell
 * form, stages, ARG expansion, CRLF, odd bytes), of every docker.* rule of
 * the analyzer (a positive case with its exact line and a negative case),
 * and of the container check family (checks/container.c) on hand-built
 * contexts.
 *
 * Contents are copied into buffers of exactly their length, so a sanitizer
 * build catches any read past the end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analyzers/analyzer.h"
#include "analyzer_harness.h"
#include "analyzers/dockerfile.h"
#include "checks/check.h"
#include "model/model.h"
#include "rules/registry.h"
#include "util/arena.h"

extern const struct analyzer analyzer_dockerfile;
extern const struct check_family check_family_container;

/* ---- parsing ---- */

struct parsed {
    struct arena arena;
    struct dockerfile df;
    char *buffer;
};

static void parse(struct parsed *parsed, const char *content, size_t length)
{
    arena_init(&parsed->arena);
    parsed->buffer = malloc(length ? length : 1);
    assert_non_null(parsed->buffer);
    memcpy(parsed->buffer, content, length);
    dockerfile_parse(&parsed->arena, parsed->buffer, length, &parsed->df);
}

static void parsed_release(struct parsed *parsed)
{
    arena_destroy(&parsed->arena);
    free(parsed->buffer);
}

#define PARSE(p, text) parse((p), (text), strlen(text))

/* The commands of instruction `index`'s shell text. */
static size_t commands_of(struct parsed *p, size_t index, struct dockerfile_command **commands)
{
    const struct dockerfile_instruction *in = &p->df.instructions[index];
    return dockerfile_shell_commands(&p->arena, in->text + in->rest, in->text_lines + in->rest,
                                     in->text_length - in->rest, commands);
}

static void test_parse_continuations(void **state)
{
    (void)state;
    struct parsed p;
    PARSE(&p, "FROM alpine:3.20\n"
              "RUN apk add --no-cache curl \\\n"
              "    # a comment inside the continuation\n"
              "\n"
              "    && echo done\n"
              "CMD [\"sh\"]\n");
    assert_int_equal(p.df.instruction_count, 3);
    assert_int_equal(p.df.error_count, 0);
    const struct dockerfile_instruction *run = &p.df.instructions[1];
    assert_string_equal(run->keyword, "RUN");
    assert_int_equal(run->line, 2);
    assert_int_equal(run->end_line, 5);
    assert_string_equal(run->text, "apk add --no-cache curl     && echo done");
    struct dockerfile_command *commands;
    assert_int_equal(commands_of(&p, 1, &commands), 2);
    assert_string_equal(commands[1].words[0].text, "echo");
    assert_int_equal(commands[1].words[0].line, 5);
    assert_int_equal(commands[0].words[3].line, 2);
    assert_int_equal(p.df.instructions[2].line, 6);
    parsed_release(&p);
}

static void test_parse_escape_directive(void **state)
{
    (void)state;
    struct parsed p;
    PARSE(&p, "# syntax=docker/dockerfile:1\n"
              "# escape=`\n"
              "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n"
              "RUN dir C:\\ `\n"
              "    && echo ok\n");
    assert_int_equal(p.df.escape, '`');
    assert_int_equal(p.df.instruction_count, 2);
    assert_string_equal(p.df.instructions[1].text, "dir C:\\     && echo ok");
    assert_int_equal(p.df.instructions[1].end_line, 5);
    parsed_release(&p);

    /* Below an instruction it is only a comment. */
    PARSE(&p, "FROM a:1\n# escape=`\nRUN echo `\nCMD [\"x\"]\n");
    assert_int_equal(p.df.escape, '\\');
    assert_int_equal(p.df.instruction_count, 3);
    parsed_release(&p);

    PARSE(&p, "# escape=x\nFROM a:1\n");
    assert_int_equal(p.df.error_count, 1);
    assert_int_equal(p.df.errors[0].line, 1);
    parsed_release(&p);
}

static void test_parse_heredocs(void **state)
{
    (void)state;
    struct parsed p;
    PARSE(&p, "FROM debian:12\n"
              "RUN <<EOF\n"
              "apt-get update\n"
              "apt-get install -y curl\n"
              "EOF\n"
              "COPY <<-'CONF' /etc/app.conf\n"
              "\tkey=value\n"
              "\tCONF\n"
              "RUN python3 <<PY\n"
              "print('hi')\n"
              "PY\n"
              "CMD [\"bash\"]\n");
    assert_int_equal(p.df.error_count, 0);
    assert_int_equal(p.df.instruction_count, 5);
    const struct dockerfile_instruction *run = &p.df.instructions[1];
    assert_int_equal(run->heredoc_count, 1);
    assert_true(run->heredocs[0].shell);
    assert_string_equal(run->heredocs[0].delimiter, "EOF");
    assert_string_equal(run->heredocs[0].body, "apt-get update\napt-get install -y curl\n");
    assert_int_equal(run->heredocs[0].line, 3);
    assert_int_equal(run->end_line, 5);
    struct dockerfile_command *commands;
    size_t count =
        dockerfile_shell_commands(&p.arena, run->heredocs[0].body, run->heredocs[0].body_lines,
                                  run->heredocs[0].body_length, &commands);
    assert_int_equal(count, 2);
    assert_int_equal(commands[1].words[0].line, 4);
    const struct dockerfile_instruction *copy = &p.df.instructions[2];
    assert_string_equal(copy->keyword, "COPY");
    assert_string_equal(copy->heredocs[0].body, "key=value\n");
    assert_false(p.df.instructions[3].heredocs[0].shell);
    assert_int_equal(p.df.instructions[4].line, 12);
    parsed_release(&p);

    PARSE(&p, "FROM a:1\nRUN <<EOF\necho never closed\n");
    assert_int_equal(p.df.error_count, 1);
    assert_int_equal(p.df.errors[0].line, 2);
    parsed_release(&p);
}

static void test_parse_exec_form(void **state)
{
    (void)state;
    struct parsed p;
    PARSE(&p, "FROM a:1\n"
              "CMD [\"python\", \"app.py\", \"--name=\\\"x\\\"\"]\n"
              "ENTRYPOINT [\"broken\"\n"
              "RUN [\"sh\", \"-c\", \"echo a | cat\"]\n"
              "CMD python app.py\n");
    assert_true(p.df.instructions[1].exec_form);
    assert_int_equal(p.df.instructions[1].exec_count, 3);
    assert_string_equal(p.df.instructions[1].exec[2].text, "--name=\"x\"");
    assert_false(p.df.instructions[2].exec_form); /* not valid JSON: shell form */
    assert_true(p.df.instructions[3].exec_form);
    assert_false(p.df.instructions[4].exec_form);
    parsed_release(&p);
}

static void test_parse_stages_and_args(void **state)
{
    (void)state;
    struct parsed p;
    PARSE(&p, "ARG TAG=3.12\n"
              "ARG REGISTRY\n"
              "FROM --platform=$BUILDPLATFORM python:${TAG}-slim AS build\n"
              "RUN make\n"
              "FROM ${REGISTRY}/base:1 AS other\n"
              "FROM Build\n"
              "COPY --from=build /out /out\n"
              "FROM python:${MISSING:-3.11}\n");
    assert_int_equal(p.df.stage_count, 4);
    assert_string_equal(p.df.stages[0].image, "python:3.12-slim");
    assert_string_equal(p.df.stages[0].name, "build");
    assert_string_equal(p.df.stages[0].platform, "$BUILDPLATFORM");
    assert_false(p.df.stages[0].image_unresolved);
    assert_true(p.df.stages[1].image_unresolved);
    assert_int_equal(p.df.stages[2].base_stage, 0); /* stage names ignore case */
    assert_int_equal(p.df.stages[2].end, 7);
    assert_string_equal(p.df.stages[3].image, "python:3.11");
    assert_string_equal(dockerfile_flag(&p.df.instructions[6], "from"), "build");
    assert_null(dockerfile_flag(&p.df.instructions[6], "chown"));
    assert_int_equal(p.df.instructions[3].stage, 0);
    parsed_release(&p);
}

static void test_parse_expand(void **state)
{
    (void)state;
    struct arena arena;
    arena_init(&arena);
    struct dockerfile_vars vars = {0};
    dockerfile_vars_set(&arena, &vars, "A", "one");
    dockerfile_vars_set(&arena, &vars, "EMPTY", "");
    dockerfile_vars_set(&arena, &vars, "A", "two");
    bool unresolved = false;
    assert_string_equal(dockerfile_expand(&arena, &vars, "$A-${A}", '\\', &unresolved), "two-two");
    assert_false(unresolved);
    assert_string_equal(dockerfile_expand(&arena, &vars, "${EMPTY:-d}${A:+set}", '\\', NULL),
                        "dset");
    assert_string_equal(dockerfile_expand(&arena, &vars, "\\$A ${ and $", '\\', NULL),
                        "$A ${ and $");
    assert_string_equal(dockerfile_expand(&arena, &vars, "x$NOPE", '\\', &unresolved), "x");
    assert_true(unresolved);
    arena_destroy(&arena);
}

static void test_parse_crlf_no_newline_garbage(void **state)
{
    (void)state;
    struct parsed p;
    PARSE(&p, "FROM a:1\r\nRUN echo a \\\r\n  b\r\nUSER app");
    assert_int_equal(p.df.instruction_count, 3);
    assert_string_equal(p.df.instructions[1].text, "echo a   b");
    assert_string_equal(p.df.instructions[2].text, "app");
    assert_int_equal(p.df.instructions[2].line, 4);
    parsed_release(&p);

    static const char garbage[] = "\x00\xff\\\n\\\n<<\n[\"\n\xc3\x28 FROM\x00 AS\n\"${\n`\\";
    parse(&p, garbage, sizeof(garbage) - 1);
    assert_true(p.df.error_count > 0);
    parsed_release(&p);

    PARSE(&p, "");
    assert_int_equal(p.df.instruction_count, 0);
    assert_int_equal(p.df.error_count, 0);
    parsed_release(&p);

    PARSE(&p, "FROM a:1\nRUN echo \\");
    assert_int_equal(p.df.instruction_count, 2);
    parsed_release(&p);
}

static void test_shell_commands(void **state)
{
    (void)state;
    struct arena arena;
    arena_init(&arena);
    const char *script = "set -eux; A=1 sudo -u app env B=2 curl 'x | y' | sh && "
                         "echo \"$(date | tr a b)\" || true # | not a pipe";
    struct dockerfile_command *commands;
    size_t count = dockerfile_shell_commands(&arena, script, NULL, strlen(script), &commands);
    assert_int_equal(count, 5);
    assert_string_equal(commands[1].words[6].text, "curl");
    assert_string_equal(commands[1].words[7].text, "x | y");
    assert_true(commands[1].pipe_next);
    assert_false(commands[2].pipe_next);
    assert_int_equal(commands[3].word_count, 2);
    assert_false(commands[3].pipe_next);
    arena_destroy(&arena);
}

/* ---- rules ---- */

static void scan_run(struct analyzer_scan *scan, const char *path, const char *content)
{
    static const struct analyzer *const analyzers[] = {&analyzer_dockerfile, NULL};
    assert_int_equal(
        analyzer_scan_run(scan, analyzers, path, FILE_ROLE_CONTAINER, content, strlen(content)), 1);
}

struct rule_case {
    const char *rule;
    const char *content;
    const char *lines; /* expected lines, "" for a negative case */
};

static const struct rule_case rule_cases[] = {
    {"docker.root-user", "FROM alpine:3.20\nRUN true\n", "1"},
    {"docker.root-user", "FROM a:1\nUSER app\nRUN x\nUSER 0:0\n", "4"},
    {"docker.root-user", "FROM a:1 AS b\nUSER root\nFROM b\n", "2"},
    {"docker.root-user", "FROM a:1\nUSER app\n", ""},
    {"docker.root-user", "FROM a:1 AS b\nUSER 10001\nFROM b\n", ""},
    {"docker.root-user", "FROM gcr.io/distroless/static:nonroot\n", ""},
    {"docker.base-latest", "FROM ubuntu\n", "1"},
    {"docker.base-latest", "ARG V=latest\nFROM registry:5000/team/app:$V\n", "2"},
    {"docker.base-latest", "FROM registry:5000/team/app:1.2\nFROM scratch\n", ""},
    {"docker.base-latest", "FROM a:1 AS build\nFROM build\nFROM ${UNKNOWN}\n", ""},
    {"docker.base-not-digest", "FROM ubuntu:24.04\n", "1"},
    {"docker.base-not-digest", "FROM ubuntu:24.04@sha256:0123456789abcdef\n", ""},
    {"docker.base-not-digest", "FROM ubuntu\n", ""},
    {"docker.no-healthcheck", "FROM a:1 AS build\nHEALTHCHECK CMD [\"t\"]\nFROM b:1\n", "3"},
    {"docker.no-healthcheck", "FROM a:1\nHEALTHCHECK NONE\n", "1"},
    {"docker.no-healthcheck", "FROM a:1\nHEALTHCHECK --interval=5s CMD [\"true\"]\n", ""},
    {"docker.secret-in-env", "FROM a:1\nENV LOG_LEVEL=info \\\n    API_KEY=abcd1234efgh\n", "3"},
    {"docker.secret-in-env", "FROM a:1\nARG DB_PASSWORD=changeme\n", "2"},
    {"docker.secret-in-env", "ARG GITHUB_TOKEN=xyz\nFROM a:1\n", "1"},
    {"docker.secret-in-env", "FROM a:1\nENV API_KEY_FILE=/run/secrets/key API_KEY=\n", ""},
    {"docker.secret-in-env", "FROM a:1\nARG NPM_TOKEN\nARG TOKEN_URL=https://x\n", ""},
    {"docker.secret-build-arg", "FROM a:1\nARG NPM_TOKEN\n", "2"},
    {"docker.secret-build-arg", "FROM a:1\nARG VERSION\nENV SECRET_NAME=db\n", ""},
    {"docker.secret-in-env", "FROM a:1\nENV apiKey=k1 DB_PASS=p2 \\\n  AWS_SECRET_ACCESS_KEY=k3\n",
     "2,2,3"},
    {"docker.secret-in-env",
     "FROM a:1\nENV TOKENIZERS_PARALLELISM=false PWD=/x KEYBOARD=us PASSENGER_ENV=prod\n", ""},
    /* fuzzing regression: more name words than the splitter keeps */
    {"docker.secret-in-env", "FROM a:1\nARG a_b_c_d_e_f_g_h_i_j_k_l_m_n_o_p_q_r_s_TOKEN=1\n", ""},
    {"docker.add-remote-url", "FROM a:1\nADD https://e.org/t.tar.gz /opt/\n", "2"},
    {"docker.add-remote-url", "FROM a:1\nADD --checksum=sha256:ab https://e.org/t /opt/\n", ""},
    {"docker.add-instead-of-copy", "FROM a:1\nADD app.py config/ /srv/\n", "2"},
    {"docker.add-instead-of-copy", "FROM a:1\nADD rootfs.tar.xz /\nCOPY app.py /srv/\n", ""},
    {"docker.curl-pipe-shell", "FROM a:1\nRUN apk add curl && \\\n  curl -fsSL https://x | sh\n",
     "3"},
    {"docker.curl-pipe-shell", "FROM a:1\nRUN sh -c \"$(wget -qO- https://x)\"\n", "2"},
    {"docker.curl-pipe-shell", "FROM a:1\nRUN wget -O- https://x | sudo bash -s\n", "2"},
    {"docker.curl-pipe-shell", "FROM a:1\nRUN curl -fsSLo x https://x && sha256sum -c x.sha\n", ""},
    {"docker.apt-missing-yes", "FROM a:1\nRUN apt-get update && apt-get install curl\n", "2"},
    {"docker.apt-missing-yes", "FROM a:1\nRUN apt-get install -qy curl\nRUN apt-get -y install x\n",
     ""},
    {"docker.apt-no-install-recommends", "FROM a:1\nRUN apt-get install -y curl\n", "2"},
    {"docker.apt-no-install-recommends",
     "FROM a:1\nRUN apt-get install -y --no-install-recommends curl\n", ""},
    {"docker.apt-lists-not-cleaned", "FROM a:1\nRUN apt-get update \\\n && apt-get install -y x\n",
     "3"},
    {"docker.apt-lists-not-cleaned",
     "FROM a:1\nRUN apt-get update && apt-get install -y x && rm -rf /var/lib/apt/lists/*\n", ""},
    {"docker.apt-lists-not-cleaned",
     "FROM a:1\nRUN set -eux; apt-get update; apt-get install -y x; apt-get dist-clean\n", ""},
    {"docker.apt-lists-not-cleaned",
     "FROM a:1 AS build\nRUN apt-get update && apt-get install -y x\nFROM b:1\n", ""},
    {"docker.apt-lists-not-cleaned",
     "FROM a:1\nRUN --mount=type=cache,target=/var/lib/apt apt-get install -y x\n", ""},
    {"docker.apt-update-alone", "FROM a:1\nRUN apt-get update\nRUN apt-get install -y x\n", "2"},
    {"docker.apt-update-alone", "FROM a:1\nRUN apt-get update && apt-get install -y x\n", ""},
    {"docker.package-upgrade", "FROM a:1\nRUN apt-get update && apt-get -y dist-upgrade\n", "2"},
    {"docker.package-upgrade", "FROM a:1\nRUN yum -y update\n", "2"},
    {"docker.package-upgrade",
     "FROM a:1\nRUN apt-get install -y --only-upgrade openssl\nRUN yum update -y openssl\n", ""},
    {"docker.apk-no-cache", "FROM alpine:3\nRUN apk update && apk add curl\n", "2"},
    {"docker.apk-no-cache", "FROM alpine:3\nRUN apk add --no-cache curl\n", ""},
    {"docker.pip-unpinned", "FROM a:1\nRUN pip install flask==3.0.0 requests>=2\n", "2"},
    {"docker.pip-unpinned", "FROM a:1\nRUN python3 -m pip install --user flask\n", "2"},
    {"docker.pip-unpinned",
     "FROM a:1\nRUN pip install -U pip setuptools && pip install -r req.txt flask==3.0.0 "
     "./pkg -e . \"a[b]==1\"\n",
     ""},
    {"docker.pip-unpinned", "FROM a:1\nRUN pip3.12 install -c constraints.txt flask\n", ""},
    {"docker.pip-no-cache-dir", "FROM a:1\nRUN pip install -r requirements.txt\n", "2"},
    {"docker.pip-no-cache-dir", "FROM a:1\nRUN pip install --no-cache-dir -r requirements.txt\n",
     ""},
    {"docker.pip-no-cache-dir", "FROM a:1\nENV PIP_NO_CACHE_DIR=1\nRUN pip install x==1\n", ""},
    {"docker.pip-no-cache-dir", "FROM a:1 AS build\nRUN pip install x==1\nFROM a:1\n", ""},
    {"docker.npm-install", "FROM node:20\nRUN npm install --omit=dev\n", "2"},
    {"docker.npm-install", "FROM node:20\nRUN npm ci && npm install -g pnpm@9\n", ""},
    {"docker.npm-install", "FROM node:20\nRUN yarn install --pure-lockfile\n", "2"},
    {"docker.npm-install", "FROM node:20\nRUN yarn --production\n", "2"},
    {"docker.npm-install", "FROM node:20\nRUN yarn --cwd app install\n", "2"},
    {"docker.npm-install", "FROM node:20\nRUN pnpm i --prod\n", "2"},
    {"docker.npm-install", "FROM node:20\nRUN yarn install --frozen-lockfile && yarn build\n", ""},
    {"docker.npm-install", "FROM node:20\nRUN yarn install --immutable\n", ""},
    {"docker.npm-install", "FROM node:20\nRUN pnpm install --frozen-lockfile --prod\n", ""},
    {"docker.npm-install", "FROM node:20\nRUN pnpm install typescript && yarn test\n", ""},
    {"docker.sudo", "FROM a:1\nRUN make && \\\n    sudo make install\n", "3"},
    {"docker.sudo", "FROM a:1\nRUN make install && echo sudo\n", ""},
    {"docker.expose-ssh", "FROM a:1\nEXPOSE 8080 22/tcp\n", "2"},
    {"docker.expose-ssh", "FROM a:1\nEXPOSE 8022 2222\n", ""},
    {"docker.multiple-cmd", "FROM a:1\nCMD [\"a\"]\nCMD [\"b\"]\nCMD [\"c\"]\n", "2,3"},
    {"docker.multiple-cmd", "FROM a:1 AS x\nCMD [\"a\"]\nFROM x\nCMD [\"b\"]\n", ""},
    {"docker.multiple-entrypoint", "FROM a:1\nENTRYPOINT [\"a\"]\nENTRYPOINT [\"b\"]\n", "2"},
    {"docker.multiple-entrypoint", "FROM a:1\nENTRYPOINT [\"a\"]\nCMD [\"b\"]\n", ""},
    {"docker.workdir-relative", "FROM a:1\nWORKDIR app\n", "2"},
    {"docker.workdir-relative", "FROM a:1\nWORKDIR /app\nWORKDIR sub\nWORKDIR $HOME\n", ""},
    {"docker.cd-in-run", "FROM a:1\nRUN make && (cd /src && make)\n", "2"},
    {"docker.cd-in-run", "FROM a:1\nRUN make -C /src && echo cd\n", ""},
    {"docker.copy-all-no-dockerignore", "FROM a:1\nCOPY . .\n", ""}, /* a check: see below */
    {"docker.cmd-shell-form", "FROM a:1\nCMD python app.py\nENTRYPOINT exec run\n", "2,3"},
    {"docker.cmd-shell-form", "FROM a:1\nCMD [\"python\", \"app.py\"]\n", ""},
    {"docker.chmod-777", "FROM a:1\nRUN mkdir /d && \\\n    chmod -R 777 /d\n", "3"},
    {"docker.chmod-777", "FROM a:1\nCOPY --chmod=777 run.sh /\n", "2"},
    {"docker.chmod-777", "FROM a:1\nRUN chmod 1777 /tmp && chmod 755 /x\n", ""},
    {"docker.maintainer", "FROM a:1\nMAINTAINER me@example.com\n", "2"},
    {"docker.maintainer", "FROM a:1\nLABEL org.opencontainers.image.authors=me\n", ""},
    {"docker.pipe-no-pipefail", "FROM a:1\nRUN echo start && \\\n  wget -O- x | tar xz\n", "3"},
    {"docker.pipe-no-pipefail", "FROM a:1\nRUN set -euo pipefail; wget -O- x | tar xz\n", ""},
    {"docker.pipe-no-pipefail",
     "FROM a:1\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN wget -O- x | tar xz\n",
     ""},
    {"docker.pipe-no-pipefail", "FROM a:1\nRUN a || b\n", ""},
    {"docker.from-platform-constant", "FROM --platform=linux/amd64 a:1\n", "1"},
    {"docker.from-platform-constant", "FROM --platform=$BUILDPLATFORM a:1\n", ""},
    {"docker.parse-error", "FROM a:1\napt-get install x\nRUN\n", "2,3"},
    {"docker.parse-error", "RUN make\nFROM a:1\n", "1"},
    {"docker.parse-error", "# escape=`\nARG A=1\nFROM a:$A\nRUN a `\n  b\n", ""},
    {"docker.duplicate-stage-name", "FROM a:1 AS x\nFROM b:1 AS X\n", "2"},
    {"docker.duplicate-stage-name", "FROM a:1 AS x\nFROM b:1 AS y\n", ""},
    /* COPY --from: a typo, a later stage, a missing number; valid forms */
    {"docker.copy-from-unknown-stage",
     "FROM a:1 AS builder\nFROM b:1\nCOPY --from=buildr /x /x\nCOPY --from=later /y /y\n"
     "COPY --from=5 /z /z\nFROM c:1 AS later\n",
     "3,4,5"},
    {"docker.copy-from-unknown-stage",
     "FROM a:1 AS builder\nFROM b:1\nCOPY --from=BUILDER /x /x\nCOPY --from=0 /y /y\n"
     "COPY --from=alpine:3.20 /z /z\nCOPY --from=${BASE} /w /w\n",
     ""},
    {"docker.apt-cli", "FROM a:1\nRUN apt install -y curl\n", "2"},
    {"docker.apt-cli", "FROM a:1\nRUN apt-get install -y curl && echo apt\n", ""},
    {"docker.legacy-env-format", "FROM a:1\nENV A b c\n", "2"},
    {"docker.legacy-env-format", "FROM a:1\nENV A=b C=\"d e\"\n", ""},
    /* heredoc scripts are read like shell form, on their own lines */
    {"docker.apt-missing-yes", "FROM a:1\nRUN <<EOF\napt-get update\napt-get install curl\nEOF\n",
     "4"},
    {"docker.apt-missing-yes", "FROM a:1\nRUN python3 <<EOF\napt-get install curl\nEOF\n", ""},
    /* exec-form sh -c scripts too */
    {"docker.sudo", "FROM a:1\nRUN [\"sh\", \"-c\", \"sudo make install\"]\n", "2"},
    /* a non-POSIX SHELL turns the shell rules off */
    {"docker.cd-in-run", "FROM a:1\nSHELL [\"pwsh\", \"-Command\"]\nRUN cd C:\\\\app\n", ""},
};

static void test_rules(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(rule_cases) / sizeof(rule_cases[0]); i++) {
        const struct rule_case *c = &rule_cases[i];
        struct analyzer_scan scan;
        scan_run(&scan, "Dockerfile", c->content);
        const char *lines = analyzer_scan_rule_lines(&scan, c->rule);
        if (strcmp(lines, c->lines) != 0)
            analyzer_scan_print_mismatch(&scan, i, c->rule, c->lines, lines);
        assert_string_equal(lines, c->lines);
        analyzer_scan_release(&scan);
    }
}

/* Every docker.* rule has a positive case above or a check test below. */
static void test_rules_covered(void **state)
{
    (void)state;
    size_t count;
    const struct rule *rules = rule_registry_all(&count);
    size_t docker = 0;
    for (size_t i = 0; i < count; i++) {
        if (strncmp(rules[i].id, "docker.", 7) != 0)
            continue;
        docker++;
        bool positive = strcmp(rules[i].id, "docker.copy-all-no-dockerignore") == 0 ||
                        strcmp(rules[i].id, "docker.dockerignore-incomplete") == 0;
        bool negative = positive;
        for (size_t k = 0; k < sizeof(rule_cases) / sizeof(rule_cases[0]); k++)
            if (strcmp(rule_cases[k].rule, rules[i].id) == 0) {
                positive = positive || rule_cases[k].lines[0];
                negative = negative || !rule_cases[k].lines[0];
            }
        if (!positive || !negative)
            print_message("%s lacks a %s case\n", rules[i].id, positive ? "negative" : "positive");
        assert_true(positive && negative);
    }
    assert_true(docker >= 30);
}

static void test_secret_redacted(void **state)
{
    (void)state;
    struct analyzer_scan scan;
    scan_run(&scan, "Dockerfile", "FROM a:1\nENV API_TOKEN=s3cr3tvalue1234\n");
    bool found = false;
    for (size_t i = 0; i < scan.analysis.finding_count; i++) {
        const struct finding *finding = &scan.analysis.findings[i];
        if (strcmp(finding->rule->id, "docker.secret-in-env") != 0)
            continue;
        found = true;
        assert_null(strstr(finding->snippet, "s3cr3tvalue1234"));
        assert_non_null(strstr(finding->snippet, "s3cr\xe2\x80\xa6(15)"));
        assert_null(strstr(finding->message, "s3cr3t"));
    }
    assert_true(found);
    analyzer_scan_release(&scan);

    /* A value cut off by the snippet's length limit is not shown in part. */
    char long_line[400];
    snprintf(long_line, sizeof(long_line), "FROM a:1\nENV PADDING=%0190d API_TOKEN=%s\n", 0,
             "tok3nvaluethatcrossesthecut");
    scan_run(&scan, "Dockerfile", long_line);
    found = false;
    for (size_t i = 0; i < scan.analysis.finding_count; i++) {
        const struct finding *finding = &scan.analysis.findings[i];
        if (strcmp(finding->rule->id, "docker.secret-in-env") != 0)
            continue;
        found = true;
        assert_null(strstr(finding->snippet, "valuethat"));
        assert_string_equal(finding->snippet, "ENV API_TOKEN=tok3\xe2\x80\xa6(27)");
    }
    assert_true(found);
    analyzer_scan_release(&scan);
}

static const struct fact *find_fact(struct analyzer_scan *scan, const char *key)
{
    for (size_t i = 0; i < scan->analysis.fact_count; i++)
        if (strcmp(scan->analysis.facts[i].key, key) == 0)
            return &scan->analysis.facts[i];
    return NULL;
}

static void test_facts(void **state)
{
    (void)state;
    struct analyzer_scan scan;
    scan_run(&scan, "svc/Dockerfile.prod",
             "FROM golang:1.22@sha256:abcd AS build\n"
             "COPY . .\n"
             "FROM gcr.io/distroless/static:1\n"
             "COPY --from=build /app /app\n"
             "USER 65532\n"
             "HEALTHCHECK CMD [\"/app\", \"health\"]\n");
    assert_int_equal(find_fact(&scan, "docker.copy-all")->line, 2);
    assert_int_equal(find_fact(&scan, "docker.strength.multi-stage")->line, 3);
    assert_int_equal(find_fact(&scan, "docker.strength.non-root")->line, 5);
    assert_int_equal(find_fact(&scan, "docker.strength.healthcheck")->line, 6);
    assert_int_equal(find_fact(&scan, "docker.strength.pinned-base")->line, 1);
    analyzer_scan_release(&scan);

    scan_run(&scan, "Dockerfile", "FROM a:1 AS b\nCOPY --from=b . .\nCOPY src/ /src\n");
    assert_null(find_fact(&scan, "docker.copy-all"));
    assert_null(find_fact(&scan, "docker.strength.multi-stage"));
    analyzer_scan_release(&scan);
}

static void test_applies(void **state)
{
    (void)state;
    static const char *const yes[] = {
        "Dockerfile",    "app/Dockerfile.prod", "build.Dockerfile",           "x.dockerfile",
        "Containerfile", ".dockerignore",       "web/Dockerfile.dockerignore"};
    static const char *const no[] = {"dockerfiles.md",
                                     "src/main.c",
                                     "Dockerfile-notes.txt",
                                     ".devcontainer/Dockerfile",
                                     "a/.devcontainer/Dockerfile",
                                     "Dockerfile-linux.template",
                                     "Dockerfile.j2"};
    for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
        struct source_file file = {.path = yes[i], .content = "", .length = 0};
        assert_true(analyzer_dockerfile.applies(&file));
    }
    for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
        struct source_file file = {.path = no[i], .content = "", .length = 0};
        assert_false(analyzer_dockerfile.applies(&file));
    }
}

/* The values of "docker.ignore-missing" facts, comma-joined. */
static void expect_ignore_missing(const char *content, const char *expected)
{
    struct analyzer_scan scan;
    scan_run(&scan, ".dockerignore", content);
    char joined[64] = "";
    size_t used = 0;
    for (size_t i = 0; i < scan.analysis.fact_count; i++) {
        const struct fact *fact = &scan.analysis.facts[i];
        assert_string_equal(fact->key, "docker.ignore-missing");
        int written =
            snprintf(joined + used, sizeof(joined) - used, "%s%s", used ? "," : "", fact->value);
        if (written > 0 && (size_t)written < sizeof(joined) - used)
            used += (size_t)written;
    }
    assert_string_equal(joined, expected);
    assert_int_equal(scan.analysis.finding_count, 0);
    analyzer_scan_release(&scan);
}

static void test_dockerignore(void **state)
{
    (void)state;
    expect_ignore_missing("node_modules\n", ".git,.env");
    expect_ignore_missing(".git\n.env\n", "");
    expect_ignore_missing("# comment\n/.git/\n**/.env\n", "");
    expect_ignore_missing("*\n!src\n", "");
    expect_ignore_missing("*\n!.env\n!.git\n", ".git,.env");
    expect_ignore_missing(".git\r\n*.env\r\n", "");
    expect_ignore_missing(".env*\n", ".git");
}

/* ---- the container check family ---- */

struct check_run {
    struct arena arena;
    struct check_context context;
};

static void check_run(struct check_run *run, const struct check_file *files, size_t file_count,
                      const struct fact *facts, size_t fact_count)
{
    arena_init(&run->arena);
    memset(&run->context, 0, sizeof(run->context));
    run->context.arena = &run->arena;
    run->context.files = files;
    run->context.file_count = file_count;
    run->context.facts = facts;
    run->context.fact_count = fact_count;
    run->context.kind = PROJECT_KIND_SERVICE;
    check_family_container.run(&run->context);
}

static void check_release(struct check_run *run)
{
    free(run->context.checks);
    free(run->context.findings);
    arena_destroy(&run->arena);
}

static void test_container_check(void **state)
{
    (void)state;
    /* No .dockerignore beside api/Dockerfile: a finding on its COPY line. */
    static const struct check_file files1[] = {
        {"Dockerfile", "Dockerfile", FILE_ROLE_CONTAINER},
        {"api/Dockerfile", "Dockerfile", FILE_ROLE_CONTAINER},
        {"web/.dockerignore", NULL, FILE_ROLE_CONTAINER},
    };
    static const struct fact facts1[] = {
        {"docker.copy-all", "api/Dockerfile", 7, "COPY"},
    };
    struct check_run run;
    check_run(&run, files1, 3, facts1, 1);
    assert_int_equal(run.context.finding_count, 1);
    assert_string_equal(run.context.findings[0].rule->id, "docker.copy-all-no-dockerignore");
    assert_string_equal(run.context.findings[0].file, "api/Dockerfile");
    assert_int_equal(run.context.findings[0].line, 7);
    assert_int_equal(run.context.check_count, 1);
    assert_int_equal(run.context.checks[0].status, CHECK_FAIL);
    check_release(&run);

    /* A per-Dockerfile ignore file that misses .env. */
    static const struct check_file files2[] = {
        {"web/Dockerfile.prod", "Dockerfile", FILE_ROLE_CONTAINER},
        {"web/Dockerfile.prod.dockerignore", NULL, FILE_ROLE_CONTAINER},
    };
    static const struct fact facts2[] = {
        {"docker.copy-all", "web/Dockerfile.prod", 3, "COPY"},
        {"docker.copy-all", "web/Dockerfile.prod", 9, "ADD"},
        {"docker.ignore-missing", "web/Dockerfile.prod.dockerignore", 0, ".env"},
    };
    check_run(&run, files2, 2, facts2, 3);
    assert_int_equal(run.context.finding_count, 1);
    assert_string_equal(run.context.findings[0].rule->id, "docker.dockerignore-incomplete");
    assert_string_equal(run.context.findings[0].file, "web/Dockerfile.prod.dockerignore");
    check_release(&run);

    /* A complete .dockerignore: the check passes with evidence. */
    static const struct check_file files3[] = {
        {".dockerignore", NULL, FILE_ROLE_CONTAINER},
        {"Dockerfile", "Dockerfile", FILE_ROLE_CONTAINER},
    };
    static const struct fact facts3[] = {{"docker.copy-all", "Dockerfile", 4, "COPY"}};
    check_run(&run, files3, 2, facts3, 1);
    assert_int_equal(run.context.finding_count, 0);
    assert_int_equal(run.context.checks[0].status, CHECK_PASS);
    assert_string_equal(run.context.checks[0].evidence[0].file, ".dockerignore");
    check_release(&run);

    /* docker/Dockerfile built with the root as context: the root's file counts. */
    static const struct check_file files4[] = {
        {".dockerignore", NULL, FILE_ROLE_CONTAINER},
        {"docker/Dockerfile.arm", "Dockerfile", FILE_ROLE_CONTAINER},
    };
    static const struct fact facts4[] = {
        {"docker.copy-all", "docker/Dockerfile.arm", 5, "COPY"},
        {"docker.ignore-missing", ".dockerignore", 0, ".git"},
    };
    check_run(&run, files4, 2, facts4, 2);
    assert_int_equal(run.context.finding_count, 1);
    assert_string_equal(run.context.findings[0].rule->id, "docker.dockerignore-incomplete");
    assert_string_equal(run.context.findings[0].file, ".dockerignore");
    check_release(&run);

    /* No whole-context copy: nothing to check. */
    check_run(&run, files3, 2, NULL, 0);
    assert_int_equal(run.context.check_count, 0);
    check_release(&run);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_continuations),
        cmocka_unit_test(test_parse_escape_directive),
        cmocka_unit_test(test_parse_heredocs),
        cmocka_unit_test(test_parse_exec_form),
        cmocka_unit_test(test_parse_stages_and_args),
        cmocka_unit_test(test_parse_expand),
        cmocka_unit_test(test_parse_crlf_no_newline_garbage),
        cmocka_unit_test(test_shell_commands),
        cmocka_unit_test(test_rules),
        cmocka_unit_test(test_rules_covered),
        cmocka_unit_test(test_secret_redacted),
        cmocka_unit_test(test_facts),
        cmocka_unit_test(test_applies),
        cmocka_unit_test(test_dockerignore),
        cmocka_unit_test(test_container_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
