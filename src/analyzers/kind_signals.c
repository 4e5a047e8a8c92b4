/*
 * kind_signals: per-file evidence of what kind of project this is — a server
 * or bot being started (service), an entry point for a command-line program
 * (cli), packaging metadata for a library — as facts "kind.service",
 * "kind.cli" and "kind.library" with the line that shows it. The decision
 * itself is made over all facts in checks/kind.c.
 *
 * Signals are literal substrings chosen to be specific (a call that starts
 * a server, not an import), and each file reports a signal once, at its
 * first line. This analyzer must not decide anything on its own.
 */
#include "analyzers/analyzer.h"
#include "util/text.h"

#include <string.h>

struct kind_signal {
    const char *language;  /* language name, or NULL: match by file name */
    const char *file_name; /* base name to match when language is NULL */
    const char *needle;
    const char *kind; /* fact key */
    const char *note;
};

static const struct kind_signal kind_signals[] = {
    /* Python services and bots */
    {"Python", NULL, "app.run(", "kind.service", "web application started (app.run)"},
    {"Python", NULL, "uvicorn.run(", "kind.service", "ASGI server started (uvicorn.run)"},
    {"Python", NULL, "web.run_app(", "kind.service", "aiohttp server started"},
    {"Python", NULL, "serve_forever(", "kind.service", "socket server started"},
    {"Python", NULL, "= FastAPI(", "kind.service", "FastAPI application"},
    {"Python", NULL, "= Flask(__name__", "kind.service", "Flask application"},
    {"Python", NULL, "execute_from_command_line(", "kind.service", "Django project (manage.py)"},
    {"Python", NULL, ".run_polling(", "kind.service", "chat bot polling loop"},
    {"Python", NULL, ".start_polling(", "kind.service", "chat bot polling loop"},
    {"Python", NULL, ".infinity_polling(", "kind.service", "chat bot polling loop"},
    {"Python", NULL, "client.run(", "kind.service", "bot client started"},
    {"Python", NULL, "bot.run(", "kind.service", "bot started"},
    {"Python", NULL, "scheduler.start(", "kind.service", "scheduled job runner started"},
    {"Python", NULL, "Celery(", "kind.service", "Celery worker application"},
    {"Python", NULL, "argparse.ArgumentParser(", "kind.cli", "command-line arguments parsed"},
    {"Python", NULL, "@click.command", "kind.cli", "click command"},
    {"Python", NULL, "typer.Typer(", "kind.cli", "typer application"},
    /* JavaScript / TypeScript */
    {"JavaScript", NULL, "express()", "kind.service", "Express application"},
    {"TypeScript", NULL, "express()", "kind.service", "Express application"},
    {"JavaScript", NULL, "createServer(", "kind.service", "HTTP server created"},
    {"TypeScript", NULL, "createServer(", "kind.service", "HTTP server created"},
    {"JavaScript", NULL, "Fastify(", "kind.service", "Fastify server"},
    {"TypeScript", NULL, "NestFactory.create(", "kind.service", "NestJS application"},
    /* Go */
    {"Go", NULL, "http.ListenAndServe", "kind.service", "HTTP server started"},
    {"Go", NULL, "gin.Default()", "kind.service", "Gin router"},
    {"Go", NULL, "grpc.NewServer(", "kind.service", "gRPC server"},
    {"Go", NULL, "package main", "kind.cli", "Go main package"},
    /* JVM */
    {"Java", NULL, "@SpringBootApplication", "kind.service", "Spring Boot application"},
    {"Kotlin", NULL, "@SpringBootApplication", "kind.service", "Spring Boot application"},
    {"Java", NULL, "public static void main(", "kind.cli", "Java main method"},
    /* Rust */
    {"Rust", NULL, "HttpServer::new(", "kind.service", "actix-web server"},
    {"Rust", NULL, "axum::serve(", "kind.service", "axum server"},
    {"Rust", NULL, "fn main()", "kind.cli", "Rust main function"},
    /* C and C++ */
    {"C", NULL, "int main(", "kind.cli", "C main function"},
    {"C++", NULL, "int main(", "kind.cli", "C++ main function"},
    /* Ruby */
    {"Ruby", NULL, "Rails.application", "kind.service", "Rails application"},
    /* Containers and process files: something is meant to run. */
    {NULL, "Procfile", "web:", "kind.service", "Procfile web process"},
    {NULL, "Procfile", "worker:", "kind.service", "Procfile worker process"},
    {NULL, "Dockerfile", "EXPOSE ", "kind.service", "container exposes a port"},
    /* Packaging metadata: something is meant to be imported. */
    {NULL, "pyproject.toml", "[project]", "kind.library", "Python package metadata (PEP 621)"},
    {NULL, "pyproject.toml", "[tool.poetry]", "kind.library", "Poetry package metadata"},
    {NULL, "pyproject.toml", "[project.scripts]", "kind.cli", "console scripts declared"},
    {NULL, "setup.py", "setup(", "kind.library", "setuptools package"},
    {NULL, "setup.cfg", "[metadata]", "kind.library", "setuptools package metadata"},
    {NULL, "setup.cfg", "console_scripts", "kind.cli", "console scripts declared"},
    {NULL, "Cargo.toml", "[lib]", "kind.library", "Rust library crate"},
    {NULL, "Cargo.toml", "[[bin]]", "kind.cli", "Rust binary target"},
    {NULL, "package.json", "\"bin\":", "kind.cli", "npm package with executables"},
    {NULL, "package.json", "\"exports\":", "kind.library", "npm package exports"},
    {NULL, "package.json", "\"main\":", "kind.library", "npm package entry point"},
    {NULL, "Chart.yaml", "apiVersion:", "kind.infrastructure", "Helm chart"},
};

static bool kind_signals_applies(const struct source_file *file)
{
    return file->role != FILE_ROLE_TEST && file->role != FILE_ROLE_DOCS;
}

/* Whether `at` sits inside a string literal or after a comment marker on
 * its line — a table of signals (like the one above) mentions "int main("
 * without being a program. A line-local guess: quotes are counted from the
 * start of the line, and multi-line strings and block comments are not
 * followed. */
static bool kind_in_string_or_comment(const char *content, const char *at)
{
    const char *line = at;
    while (line > content && line[-1] != '\n')
        line--;
    const char *first = line;
    while (first < at && (*first == ' ' || *first == '\t'))
        first++;
    if (*first == '*' || (first[0] == '/' && first[1] == '*'))
        return true; /* a block comment's line */
    char quote = 0;
    for (const char *p = line; p < at; p++) {
        if (quote) {
            if (*p == '\\' && p + 1 < at)
                p++;
            else if (*p == quote)
                quote = 0;
        } else if (*p == '"' || *p == '\'' || *p == '`') {
            quote = *p;
        } else if (*p == '#' || (p[0] == '/' && p[1] == '/')) {
            return true;
        }
    }
    return quote != 0;
}

static void kind_signals_run(const struct source_file *file, struct analysis *analysis)
{
    const char *base = text_basename(file->path);
    const char *language = file->language ? file->language->name : NULL;
    for (size_t i = 0; i < sizeof(kind_signals) / sizeof(kind_signals[0]); i++) {
        const struct kind_signal *signal = &kind_signals[i];
        if (signal->language) {
            /* First bytes first: this loop runs for every file. */
            if (!language || signal->language[0] != language[0] ||
                strcmp(signal->language, language) != 0)
                continue;
        } else if ((signal->file_name[0] != base[0] || strcmp(signal->file_name, base) != 0) &&
                   !(signal->file_name[0] == 'D' && strcmp(signal->file_name, "Dockerfile") == 0 &&
                     strncmp(base, "Dockerfile", 10) == 0)) {
            continue;
        }
        size_t needle_length = strlen(signal->needle);
        const char *end = file->content + file->length;
        const char *found = text_find(file->content, file->length, signal->needle, needle_length);
        while (found && signal->language && kind_in_string_or_comment(file->content, found))
            found = text_find(found + 1, (size_t)(end - found - 1), signal->needle, needle_length);
        if (found)
            analysis_add_fact(analysis, signal->kind,
                              text_line_of(file->content, (size_t)(found - file->content)),
                              signal->note);
    }
}

const struct analyzer analyzer_kind_signals = {
    .name = "kind-signals",
    .applies = kind_signals_applies,
    .run = kind_signals_run,
};
