/*
 * ci_script: recognition of what a CI step does (see ci_script.h). The word
 * lists come from each tool's own documentation of how it is invoked; a
 * pattern is a short sequence of words that must appear in order within one
 * simple command ("go test" matches `go test -race ./...` and `go -C svc
 * test`), where "word*" matches a prefix and "*word*" a part of a word.
 *
 * It only reads the text it is given; it must not know about YAML or rules.
 */
#include "analyzers/ci_script.h"
#include "util/text.h"

#include <stdint.h>
#include <string.h>

#define CI_SCRIPT_COUNT(array) (sizeof(array) / sizeof((array)[0]))

enum { CI_SCRIPT_TOKENS_MAX = 64, CI_SCRIPT_NOTE_WORDS = 6, CI_SCRIPT_NOTE_WORD_MAX = 40 };

struct ci_script_pattern {
    const char *words;
    enum ci_script_kind kind;
};

// clang-format off
static const struct ci_script_pattern ci_script_patterns[] = {
    /* tests */
    {"pytest", CI_SCRIPT_TEST}, {"py.test", CI_SCRIPT_TEST}, {"unittest", CI_SCRIPT_TEST},
    {"nose2", CI_SCRIPT_TEST}, {"nosetests", CI_SCRIPT_TEST}, {"tox", CI_SCRIPT_TEST},
    {"nox", CI_SCRIPT_TEST}, {"go test", CI_SCRIPT_TEST}, {"gotestsum", CI_SCRIPT_TEST},
    {"npm test*", CI_SCRIPT_TEST}, {"npm t", CI_SCRIPT_TEST}, {"npm run test*", CI_SCRIPT_TEST},
    {"yarn test*", CI_SCRIPT_TEST}, {"pnpm test*", CI_SCRIPT_TEST}, {"bun test*", CI_SCRIPT_TEST},
    {"deno test", CI_SCRIPT_TEST}, {"jest", CI_SCRIPT_TEST}, {"vitest", CI_SCRIPT_TEST},
    {"mocha", CI_SCRIPT_TEST}, {"karma start", CI_SCRIPT_TEST}, {"cargo test", CI_SCRIPT_TEST},
    {"cargo nextest", CI_SCRIPT_TEST}, {"mvn test", CI_SCRIPT_TEST},
    {"mvn verify", CI_SCRIPT_TEST}, {"mvn install", CI_SCRIPT_TEST},
    {"mvnw test", CI_SCRIPT_TEST}, {"mvnw verify", CI_SCRIPT_TEST},
    {"mvnw install", CI_SCRIPT_TEST}, {"gradle test*", CI_SCRIPT_TEST},
    {"gradle check", CI_SCRIPT_TEST}, {"gradle build", CI_SCRIPT_TEST},
    {"gradlew test*", CI_SCRIPT_TEST}, {"gradlew check", CI_SCRIPT_TEST},
    {"gradlew build", CI_SCRIPT_TEST}, {"make test*", CI_SCRIPT_TEST},
    {"make check", CI_SCRIPT_TEST}, {"ctest", CI_SCRIPT_TEST}, {"dotnet test", CI_SCRIPT_TEST},
    {"rspec", CI_SCRIPT_TEST}, {"rake test", CI_SCRIPT_TEST}, {"rake spec", CI_SCRIPT_TEST},
    {"phpunit", CI_SCRIPT_TEST}, {"mix test", CI_SCRIPT_TEST}, {"swift test", CI_SCRIPT_TEST},
    {"meson test", CI_SCRIPT_TEST}, {"bazel test", CI_SCRIPT_TEST},
    {"flutter test", CI_SCRIPT_TEST}, {"dart test", CI_SCRIPT_TEST},
    {"playwright test", CI_SCRIPT_TEST}, {"cypress run", CI_SCRIPT_TEST},
    {"hatch test", CI_SCRIPT_TEST}, {"coverage run", CI_SCRIPT_TEST},
    {"cabal test", CI_SCRIPT_TEST}, {"stack test", CI_SCRIPT_TEST}, {"sbt test", CI_SCRIPT_TEST},
    {"zig test", CI_SCRIPT_TEST}, {"just test*", CI_SCRIPT_TEST},
    /* linters and formatters in check mode */
    {"ruff", CI_SCRIPT_LINT}, {"flake8", CI_SCRIPT_LINT}, {"pylint", CI_SCRIPT_LINT},
    {"pycodestyle", CI_SCRIPT_LINT}, {"pyflakes", CI_SCRIPT_LINT}, {"black", CI_SCRIPT_LINT},
    {"isort", CI_SCRIPT_LINT}, {"eslint", CI_SCRIPT_LINT}, {"prettier", CI_SCRIPT_LINT},
    {"stylelint", CI_SCRIPT_LINT}, {"golangci-lint", CI_SCRIPT_LINT}, {"go vet", CI_SCRIPT_LINT},
    {"staticcheck", CI_SCRIPT_LINT}, {"gofmt", CI_SCRIPT_LINT}, {"cargo clippy", CI_SCRIPT_LINT},
    {"cargo fmt", CI_SCRIPT_LINT}, {"rubocop", CI_SCRIPT_LINT}, {"shellcheck", CI_SCRIPT_LINT},
    {"hadolint", CI_SCRIPT_LINT}, {"yamllint", CI_SCRIPT_LINT}, {"markdownlint*", CI_SCRIPT_LINT},
    {"pre-commit run", CI_SCRIPT_LINT}, {"prek run", CI_SCRIPT_LINT},
    {"pre-commit run", CI_SCRIPT_PRE_COMMIT}, {"prek run", CI_SCRIPT_PRE_COMMIT}, {"ktlint", CI_SCRIPT_LINT}, {"detekt", CI_SCRIPT_LINT},
    {"checkstyle*", CI_SCRIPT_LINT}, {"spotlesscheck", CI_SCRIPT_LINT},
    {"swiftlint", CI_SCRIPT_LINT}, {"clang-tidy", CI_SCRIPT_LINT}, {"cppcheck", CI_SCRIPT_LINT},
    {"clang-format", CI_SCRIPT_LINT}, {"cpplint", CI_SCRIPT_LINT}, {"biome", CI_SCRIPT_LINT},
    {"oxlint", CI_SCRIPT_LINT}, {"tflint", CI_SCRIPT_LINT}, {"actionlint", CI_SCRIPT_LINT},
    {"phpcs", CI_SCRIPT_LINT}, {"phpstan", CI_SCRIPT_LINT}, {"dotnet format", CI_SCRIPT_LINT},
    {"deno lint", CI_SCRIPT_LINT}, {"npm run lint*", CI_SCRIPT_LINT},
    {"yarn lint*", CI_SCRIPT_LINT}, {"pnpm lint*", CI_SCRIPT_LINT},
    {"make lint*", CI_SCRIPT_LINT}, {"tox lint*", CI_SCRIPT_LINT}, {"nox lint*", CI_SCRIPT_LINT},
    {"hatch fmt", CI_SCRIPT_LINT}, {"just lint*", CI_SCRIPT_LINT},
    /* type checkers */
    {"mypy", CI_SCRIPT_TYPE_CHECK}, {"dmypy", CI_SCRIPT_TYPE_CHECK},
    {"pyright", CI_SCRIPT_TYPE_CHECK}, {"basedpyright", CI_SCRIPT_TYPE_CHECK},
    {"pytype", CI_SCRIPT_TYPE_CHECK}, {"ty check", CI_SCRIPT_TYPE_CHECK}, {"tsc", CI_SCRIPT_TYPE_CHECK},
    {"vue-tsc", CI_SCRIPT_TYPE_CHECK}, {"npm run type*", CI_SCRIPT_TYPE_CHECK},
    {"npm run tsc", CI_SCRIPT_TYPE_CHECK}, {"yarn type*", CI_SCRIPT_TYPE_CHECK},
    {"pnpm type*", CI_SCRIPT_TYPE_CHECK}, {"make type*", CI_SCRIPT_TYPE_CHECK},
    /* coverage gates: the flag or setting that fails the build */
    {"--cov-fail-under*", CI_SCRIPT_COVERAGE_GATE}, {"--fail-under*", CI_SCRIPT_COVERAGE_GATE},
    {"fail_under*", CI_SCRIPT_COVERAGE_GATE}, {"coveragethreshold*", CI_SCRIPT_COVERAGE_GATE},
    {"--coverage.thresholds*", CI_SCRIPT_COVERAGE_GATE},
    {"jacocotestcoverageverification", CI_SCRIPT_COVERAGE_GATE},
    {"go-test-coverage", CI_SCRIPT_COVERAGE_GATE},
    /* security scanners */
    {"bandit", CI_SCRIPT_SECURITY}, {"semgrep", CI_SCRIPT_SECURITY},
    {"gitleaks", CI_SCRIPT_SECURITY}, {"trufflehog", CI_SCRIPT_SECURITY},
    {"trivy", CI_SCRIPT_SECURITY}, {"grype", CI_SCRIPT_SECURITY},
    {"osv-scanner", CI_SCRIPT_SECURITY}, {"pip-audit", CI_SCRIPT_SECURITY},
    {"safety check", CI_SCRIPT_SECURITY}, {"safety scan", CI_SCRIPT_SECURITY},
    {"npm audit", CI_SCRIPT_SECURITY}, {"yarn audit", CI_SCRIPT_SECURITY},
    {"yarn npm audit", CI_SCRIPT_SECURITY}, {"pnpm audit", CI_SCRIPT_SECURITY},
    {"cargo audit", CI_SCRIPT_SECURITY}, {"cargo deny", CI_SCRIPT_SECURITY},
    {"govulncheck", CI_SCRIPT_SECURITY}, {"gosec", CI_SCRIPT_SECURITY},
    {"snyk", CI_SCRIPT_SECURITY}, {"checkov", CI_SCRIPT_SECURITY}, {"tfsec", CI_SCRIPT_SECURITY},
    {"kics", CI_SCRIPT_SECURITY}, {"bundle-audit", CI_SCRIPT_SECURITY},
    {"bundler-audit", CI_SCRIPT_SECURITY}, {"bundle audit", CI_SCRIPT_SECURITY},
    {"brakeman", CI_SCRIPT_SECURITY}, {"dependency-check*", CI_SCRIPT_SECURITY},
    {"codeql", CI_SCRIPT_SECURITY}, {"zizmor", CI_SCRIPT_SECURITY},
    {"docker scout", CI_SCRIPT_SECURITY}, {"dotnet --vulnerable", CI_SCRIPT_SECURITY},
    /* deployment and publishing */
    {"kubectl apply", CI_SCRIPT_DEPLOY}, {"kubectl set", CI_SCRIPT_DEPLOY},
    {"helm upgrade", CI_SCRIPT_DEPLOY}, {"helm install", CI_SCRIPT_DEPLOY},
    {"terraform apply", CI_SCRIPT_DEPLOY}, {"tofu apply", CI_SCRIPT_DEPLOY},
    {"pulumi up", CI_SCRIPT_DEPLOY}, {"fly deploy", CI_SCRIPT_DEPLOY},
    {"flyctl deploy", CI_SCRIPT_DEPLOY}, {"vercel deploy", CI_SCRIPT_DEPLOY},
    {"vercel --prod", CI_SCRIPT_DEPLOY}, {"netlify deploy", CI_SCRIPT_DEPLOY},
    {"gcloud deploy", CI_SCRIPT_DEPLOY}, {"aws update-service", CI_SCRIPT_DEPLOY},
    {"aws update-function-code", CI_SCRIPT_DEPLOY}, {"serverless deploy", CI_SCRIPT_DEPLOY},
    {"sls deploy", CI_SCRIPT_DEPLOY}, {"cdk deploy", CI_SCRIPT_DEPLOY},
    {"sam deploy", CI_SCRIPT_DEPLOY}, {"eb deploy", CI_SCRIPT_DEPLOY},
    {"az deploy", CI_SCRIPT_DEPLOY}, {"git heroku", CI_SCRIPT_DEPLOY},
    {"ansible-playbook", CI_SCRIPT_DEPLOY}, {"cap deploy", CI_SCRIPT_DEPLOY},
    {"docker deploy", CI_SCRIPT_DEPLOY}, {"wrangler deploy", CI_SCRIPT_DEPLOY},
    {"firebase deploy", CI_SCRIPT_DEPLOY}, {"kamal deploy", CI_SCRIPT_DEPLOY},
    {"argocd sync", CI_SCRIPT_DEPLOY}, {"skaffold run", CI_SCRIPT_DEPLOY},
    {"skaffold deploy", CI_SCRIPT_DEPLOY}, {"railway up", CI_SCRIPT_DEPLOY},
    {"twine upload", CI_SCRIPT_DEPLOY}, {"npm publish", CI_SCRIPT_DEPLOY},
    {"cargo publish", CI_SCRIPT_DEPLOY}, {"gem push", CI_SCRIPT_DEPLOY},
    {"poetry publish", CI_SCRIPT_DEPLOY}, {"uv publish", CI_SCRIPT_DEPLOY},
    {"flit publish", CI_SCRIPT_DEPLOY}, {"mvn deploy", CI_SCRIPT_DEPLOY},
    {"gradlew publish*", CI_SCRIPT_DEPLOY}, {"gradle publish*", CI_SCRIPT_DEPLOY},
    {"goreleaser", CI_SCRIPT_DEPLOY}, {"dotnet push", CI_SCRIPT_DEPLOY},
    /* after a deployment: health checks and rollbacks */
    {"kubectl rollout status", CI_SCRIPT_HEALTH_CHECK}, {"kubectl wait", CI_SCRIPT_HEALTH_CHECK},
    {"helm --wait", CI_SCRIPT_HEALTH_CHECK}, {"curl *health*", CI_SCRIPT_HEALTH_CHECK},
    {"curl *readyz*", CI_SCRIPT_HEALTH_CHECK}, {"wget *health*", CI_SCRIPT_HEALTH_CHECK},
    {"smoke", CI_SCRIPT_HEALTH_CHECK}, {"smoke-test*", CI_SCRIPT_HEALTH_CHECK},
    {"smoke_test*", CI_SCRIPT_HEALTH_CHECK}, {"smoketest*", CI_SCRIPT_HEALTH_CHECK},
    {"*-smoke-test*", CI_SCRIPT_HEALTH_CHECK}, {"*_smoke_test*", CI_SCRIPT_HEALTH_CHECK}, {"aws services-stable", CI_SCRIPT_HEALTH_CHECK},
    {"helm rollback", CI_SCRIPT_ROLLBACK}, {"kubectl rollout undo", CI_SCRIPT_ROLLBACK},
    {"helm --atomic", CI_SCRIPT_ROLLBACK}, {"*rollback*", CI_SCRIPT_ROLLBACK},
};

struct ci_script_action_entry {
    const char *owner_name;
    unsigned kinds;
};

static const struct ci_script_action_entry ci_script_actions[] = {
    {"cypress-io/github-action", CI_SCRIPT_BIT(CI_SCRIPT_TEST)},
    {"golangci/golangci-lint-action", CI_SCRIPT_BIT(CI_SCRIPT_LINT)},
    {"astral-sh/ruff-action", CI_SCRIPT_BIT(CI_SCRIPT_LINT)},
    {"chartboost/ruff-action", CI_SCRIPT_BIT(CI_SCRIPT_LINT)},
    {"pre-commit/action", CI_SCRIPT_BIT(CI_SCRIPT_LINT) | CI_SCRIPT_BIT(CI_SCRIPT_PRE_COMMIT)},
    {"pre-commit-ci/lite-action", CI_SCRIPT_BIT(CI_SCRIPT_LINT) | CI_SCRIPT_BIT(CI_SCRIPT_PRE_COMMIT)},
    {"github/super-linter", CI_SCRIPT_BIT(CI_SCRIPT_LINT)},
    {"super-linter/super-linter", CI_SCRIPT_BIT(CI_SCRIPT_LINT)},
    {"oxsecurity/megalinter", CI_SCRIPT_BIT(CI_SCRIPT_LINT)},
    {"psf/black", CI_SCRIPT_BIT(CI_SCRIPT_LINT)},
    {"ludeeus/action-shellcheck", CI_SCRIPT_BIT(CI_SCRIPT_LINT)},
    {"hadolint/hadolint-action", CI_SCRIPT_BIT(CI_SCRIPT_LINT)},
    {"wearerequired/lint-action", CI_SCRIPT_BIT(CI_SCRIPT_LINT)},
    {"rhysd/actionlint", CI_SCRIPT_BIT(CI_SCRIPT_LINT)},
    {"dominikh/staticcheck-action", CI_SCRIPT_BIT(CI_SCRIPT_LINT)},
    {"jidicula/clang-format-action", CI_SCRIPT_BIT(CI_SCRIPT_LINT)},
    {"giraffate/clippy-action", CI_SCRIPT_BIT(CI_SCRIPT_LINT)},
    {"jakebailey/pyright-action", CI_SCRIPT_BIT(CI_SCRIPT_TYPE_CHECK)},
    {"vladopajic/go-test-coverage", CI_SCRIPT_BIT(CI_SCRIPT_COVERAGE_GATE)},
    {"github/codeql-action", CI_SCRIPT_BIT(CI_SCRIPT_SECURITY)},
    {"aquasecurity/trivy-action", CI_SCRIPT_BIT(CI_SCRIPT_SECURITY)},
    {"aquasecurity/tfsec-action", CI_SCRIPT_BIT(CI_SCRIPT_SECURITY)},
    {"snyk/actions", CI_SCRIPT_BIT(CI_SCRIPT_SECURITY)},
    {"returntocorp/semgrep-action", CI_SCRIPT_BIT(CI_SCRIPT_SECURITY)},
    {"semgrep/semgrep-action", CI_SCRIPT_BIT(CI_SCRIPT_SECURITY)},
    {"gitleaks/gitleaks-action", CI_SCRIPT_BIT(CI_SCRIPT_SECURITY)},
    {"google/osv-scanner-action", CI_SCRIPT_BIT(CI_SCRIPT_SECURITY)},
    {"pypa/gh-action-pip-audit", CI_SCRIPT_BIT(CI_SCRIPT_SECURITY)},
    {"actions/dependency-review-action", CI_SCRIPT_BIT(CI_SCRIPT_SECURITY)},
    {"anchore/scan-action", CI_SCRIPT_BIT(CI_SCRIPT_SECURITY)},
    {"ossf/scorecard-action", CI_SCRIPT_BIT(CI_SCRIPT_SECURITY)},
    {"trufflesecurity/trufflehog", CI_SCRIPT_BIT(CI_SCRIPT_SECURITY)},
    {"pycqa/bandit-action", CI_SCRIPT_BIT(CI_SCRIPT_SECURITY)},
    {"securego/gosec", CI_SCRIPT_BIT(CI_SCRIPT_SECURITY)},
    {"golang/govulncheck-action", CI_SCRIPT_BIT(CI_SCRIPT_SECURITY)},
    {"docker/scout-action", CI_SCRIPT_BIT(CI_SCRIPT_SECURITY)},
    {"bridgecrewio/checkov-action", CI_SCRIPT_BIT(CI_SCRIPT_SECURITY)},
    {"sonarsource/sonarcloud-github-action", CI_SCRIPT_BIT(CI_SCRIPT_SECURITY)},
    {"sonarsource/sonarqube-scan-action", CI_SCRIPT_BIT(CI_SCRIPT_SECURITY)},
    {"zizmorcore/zizmor-action", CI_SCRIPT_BIT(CI_SCRIPT_SECURITY)},
    {"rustsec/audit-check", CI_SCRIPT_BIT(CI_SCRIPT_SECURITY)},
    {"checkmarx/kics-github-action", CI_SCRIPT_BIT(CI_SCRIPT_SECURITY)},
    {"aws-actions/amazon-ecs-deploy-task-definition", CI_SCRIPT_BIT(CI_SCRIPT_DEPLOY)},
    {"aws-actions/aws-cloudformation-github-deploy", CI_SCRIPT_BIT(CI_SCRIPT_DEPLOY)},
    {"azure/webapps-deploy", CI_SCRIPT_BIT(CI_SCRIPT_DEPLOY)},
    {"azure/k8s-deploy", CI_SCRIPT_BIT(CI_SCRIPT_DEPLOY)},
    {"azure/functions-action", CI_SCRIPT_BIT(CI_SCRIPT_DEPLOY)},
    {"google-github-actions/deploy-cloudrun", CI_SCRIPT_BIT(CI_SCRIPT_DEPLOY)},
    {"google-github-actions/deploy-appengine", CI_SCRIPT_BIT(CI_SCRIPT_DEPLOY)},
    {"pypa/gh-action-pypi-publish", CI_SCRIPT_BIT(CI_SCRIPT_DEPLOY)},
    {"actions/deploy-pages", CI_SCRIPT_BIT(CI_SCRIPT_DEPLOY)},
    {"peaceiris/actions-gh-pages", CI_SCRIPT_BIT(CI_SCRIPT_DEPLOY)},
    {"cloudflare/wrangler-action", CI_SCRIPT_BIT(CI_SCRIPT_DEPLOY)},
    {"akhileshns/heroku-deploy", CI_SCRIPT_BIT(CI_SCRIPT_DEPLOY)},
    {"jtalk/url-health-check-action", CI_SCRIPT_BIT(CI_SCRIPT_HEALTH_CHECK)},
};
// clang-format on

/* Words that start no command of their own: what follows them is the command. */
static const char *const ci_script_prefix_words[] = {"sudo", "time", "exec",  "env", "command",
                                                     "then", "do",   "else",  "if",  "!",
                                                     "{",    "nice", "xargs", NULL};
/* Commands that only print or wait: nothing they mention runs. */
static const char *const ci_script_print_words[] = {"echo",         "printf", "print", "write-host",
                                                    "write-output", "sleep",  NULL};
/* Package managers: `pip install pytest` installs a test runner, it does not run one. */
static const char *const ci_script_installers[] = {
    "pip", "pip3",    "pipx", "uv",    "npm",    "yarn",     "pnpm",  "bun",   "poetry",
    "apt", "apt-get", "brew", "gem",   "cargo",  "go",       "conda", "mamba", "micromamba",
    "apk", "dnf",     "yum",  "choco", "dotnet", "composer", NULL};
/* Words after which a quoted argument is a script the shell runs. */
static const char *const ci_script_shell_words[] = {"sh", "bash", "zsh",        "dash",     "ksh",
                                                    "-c", "pwsh", "powershell", "-command", "cmd",
                                                    "/c", "bat",  "eval",       NULL};
static const char *const ci_script_install_verbs[] = {"install", "add", "i", "tool", NULL};

struct ci_script_token {
    const char *text;
    size_t length;
    size_t offset; /* in the line */
};

static bool ci_script_token_is(const struct ci_script_token *token, const char *word)
{
    return text_equals_nocase(token->text, token->length, word);
}

static bool ci_script_token_in(const struct ci_script_token *token, const char *const *words)
{
    /* Every word of these lists is non-empty: a token's first byte rules
     * out most of them without a call (this runs for every token of every
     * line of every shell script). */
    if (!token->length)
        return false;
    const char first = text_lower(token->text[0]);
    for (size_t i = 0; words[i]; i++)
        if (text_lower(words[i][0]) == first && ci_script_token_is(token, words[i]))
            return true;
    return false;
}

static bool ci_script_contains_nocase(const char *text, size_t length, const char *part,
                                      size_t part_length)
{
    for (size_t i = 0; i + part_length <= length; i++) {
        size_t k = 0;
        while (k < part_length && text_lower(text[i + k]) == text_lower(part[k]))
            k++;
        if (k == part_length)
            return true;
    }
    return false;
}

/* One pattern word ("exact", "prefix*" or "*part*") against one token. */
static bool ci_script_word_matches(const char *word, size_t word_length,
                                   const struct ci_script_token *token)
{
    if (word_length > 2 && word[0] == '*' && word[word_length - 1] == '*')
        return ci_script_contains_nocase(token->text, token->length, word + 1, word_length - 2);
    /* Pattern words are lower case: most tokens fail on their first byte. */
    if (!token->length || text_lower(token->text[0]) != word[0])
        return false;
    if (word_length > 1 && word[word_length - 1] == '*') {
        size_t prefix = word_length - 1;
        return token->length >= prefix &&
               ci_script_contains_nocase(token->text, prefix, word, prefix);
    }
    if (token->length != word_length)
        return false;
    for (size_t i = 0; i < word_length; i++)
        if (text_lower(token->text[i]) != text_lower(word[i]))
            return false;
    return true;
}

/* Whether the pattern's words appear in order among the tokens; *first gets
 * the index of the token that matched the first word. */
static bool ci_script_pattern_matches(const char *pattern, const struct ci_script_token *tokens,
                                      size_t count, size_t *first)
{
    const char *space = strchr(pattern, ' ');
    size_t head_length = space ? (size_t)(space - pattern) : strlen(pattern);
    for (size_t i = 0; i < count; i++) {
        if (!ci_script_word_matches(pattern, head_length, &tokens[i]))
            continue;
        const char *word = space ? space + 1 : NULL;
        size_t next = i + 1;
        while (word) {
            const char *end = strchr(word, ' ');
            size_t length = end ? (size_t)(end - word) : strlen(word);
            while (next < count && !ci_script_word_matches(word, length, &tokens[next]))
                next++;
            if (next == count)
                break;
            next++;
            word = end ? end + 1 : NULL;
        }
        if (!word) {
            *first = i;
            return true;
        }
    }
    return false;
}

/* What one simple command does. */
static unsigned ci_script_command(struct ci_script_token *tokens, size_t count,
                                  size_t offsets[CI_SCRIPT_KIND_COUNT])
{
    size_t start = 0;
    while (start < count && (ci_script_token_in(&tokens[start], ci_script_prefix_words) ||
                             memchr(tokens[start].text, '=', tokens[start].length)))
        start++;
    if (start == count || ci_script_token_in(&tokens[start], ci_script_print_words))
        return 0;
    for (size_t i = start; i + 1 < count; i++)
        if (ci_script_token_in(&tokens[i], ci_script_installers))
            for (size_t k = i + 1; k < count; k++)
                if (ci_script_token_in(&tokens[k], ci_script_install_verbs))
                    return 0;
    /* The tokens' lower-case first bytes: a pattern's first word, unless it
     * starts with '*', matches only a token that starts with its first byte
     * (ci_script_word_matches), so most patterns are passed over at once. */
    uint64_t firsts[4] = {0};
    for (size_t i = start; i < count; i++) {
        if (!tokens[i].length)
            continue;
        unsigned char first = (unsigned char)text_lower(tokens[i].text[0]);
        firsts[first >> 6] |= (uint64_t)1 << (first & 63);
    }
    unsigned kinds = 0;
    for (size_t p = 0; p < CI_SCRIPT_COUNT(ci_script_patterns); p++) {
        const struct ci_script_pattern *pattern = &ci_script_patterns[p];
        if (kinds & CI_SCRIPT_BIT(pattern->kind))
            continue;
        unsigned char head = (unsigned char)pattern->words[0];
        if (head != '*' && !(firsts[head >> 6] & ((uint64_t)1 << (head & 63))))
            continue;
        size_t first = 0;
        if (ci_script_pattern_matches(pattern->words, tokens + start, count - start, &first)) {
            kinds |= CI_SCRIPT_BIT(pattern->kind);
            if (offsets)
                offsets[pattern->kind] = tokens[start + first].offset;
        }
    }
    return kinds;
}

static bool ci_script_separator(char c)
{
    return c == ';' || c == '&' || c == '|' || c == '(' || c == ')' || c == '`' || c == '\n';
}

static bool ci_script_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '"' || c == '\'' || c == '<' || c == '>' ||
           c == ',' || c == '[' || c == ']';
}

unsigned ci_script_line(const char *line, size_t length, size_t offsets[CI_SCRIPT_KIND_COUNT])
{
    struct ci_script_token tokens[CI_SCRIPT_TOKENS_MAX];
    size_t count = 0;
    unsigned kinds = 0;
    size_t i = 0;
    while (i <= length) {
        if (i == length || ci_script_separator(line[i])) {
            kinds |= ci_script_command(tokens, count, offsets);
            count = 0;
            i++;
            continue;
        }
        /* A quoted argument is one opaque word (`git commit -m "bump
         * pre-commit"` runs git, not pre-commit), unless it is the script of
         * a shell (`sh 'make test'`, `bash -c "pytest"`) or starts the
         * command (YAML quoting of the whole line). */
        if ((line[i] == '"' || line[i] == '\'') && count > 0 &&
            !ci_script_token_in(&tokens[count - 1], ci_script_shell_words)) {
            char quote = line[i++];
            size_t start = i;
            while (i < length && line[i] != quote) {
                if (quote == '"' && line[i] == '\\' && i + 1 < length)
                    i++;
                i++;
            }
            size_t word = start;
            for (size_t k = start; k < i; k++)
                if (line[k] == '/')
                    word = k + 1;
            if (word < i && count < CI_SCRIPT_TOKENS_MAX)
                tokens[count++] = (struct ci_script_token){line + word, i - word, word};
            if (i < length)
                i++;
            continue;
        }
        if (ci_script_blank(line[i])) {
            i++;
            continue;
        }
        /* A '#' that starts a word starts a comment (as in sh, YAML and Groovy's '//'). */
        if (line[i] == '#' || (line[i] == '/' && i + 1 < length && line[i + 1] == '/' &&
                               (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t'))) {
            kinds |= ci_script_command(tokens, count, offsets);
            return kinds;
        }
        size_t start = i;
        while (i < length && !ci_script_separator(line[i]) && !ci_script_blank(line[i]))
            i++;
        /* Paths count by their last part: ./gradlew, node_modules/.bin/jest;
         * a variable prefix is dropped: ${PREFIX}pytest. */
        size_t word = start;
        if (i - start > 3 && line[start] == '$' && line[start + 1] == '{') {
            const char *close = memchr(line + start, '}', i - start);
            if (close && (size_t)(close - line) + 1 < i)
                word = start = (size_t)(close - line) + 1;
        }
        if (line[start] != '-')
            for (size_t k = start; k < i; k++)
                if (line[k] == '/')
                    word = k + 1;
        if (word < i && count < CI_SCRIPT_TOKENS_MAX)
            tokens[count++] = (struct ci_script_token){line + word, i - word, word};
    }
    return kinds;
}

unsigned ci_script_action(const char *reference)
{
    unsigned kinds = 0;
    size_t length = strlen(reference);
    for (size_t i = 0; i < CI_SCRIPT_COUNT(ci_script_actions); i++) {
        const char *name = ci_script_actions[i].owner_name;
        size_t name_length = strlen(name);
        if (length < name_length || !text_equals_nocase(reference, name_length, name))
            continue;
        char next = reference[name_length];
        if (next == '\0' || next == '@' || next == '/')
            kinds |= ci_script_actions[i].kinds;
    }
    return kinds;
}

/* Whether `word` occurs in `text` not followed by a letter ("smoke test",
 * "smoke-tests", but not "smokeshow"). */
static bool ci_script_has_word(const char *text, const char *word)
{
    size_t length = strlen(text), word_length = strlen(word);
    for (size_t i = 0; i + word_length <= length; i++) {
        char next = text[i + word_length];
        bool letter = (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z');
        if (text_equals_nocase(text + i, word_length, word) && !letter)
            return true;
    }
    return false;
}

unsigned ci_script_name(const char *name)
{
    size_t length = strlen(name);
    unsigned kinds = 0;
    if (ci_script_contains_nocase(name, length, "deploy", 6))
        kinds |= CI_SCRIPT_BIT(CI_SCRIPT_DEPLOY);
    if (ci_script_contains_nocase(name, length, "health", 6) || ci_script_has_word(name, "smoke"))
        kinds |= CI_SCRIPT_BIT(CI_SCRIPT_HEALTH_CHECK);
    if (ci_script_contains_nocase(name, length, "rollback", 8) ||
        ci_script_contains_nocase(name, length, "roll back", 9) ||
        ci_script_contains_nocase(name, length, "roll-back", 9))
        kinds |= CI_SCRIPT_BIT(CI_SCRIPT_ROLLBACK);
    return kinds;
}

const char *ci_script_fact_key(enum ci_script_kind kind)
{
    static const char *const keys[CI_SCRIPT_KIND_COUNT] = {
        "ci.test",   "ci.lint",         "ci.type-check", "ci.coverage-gate",   "ci.security",
        "ci.deploy", "ci.health-check", "ci.rollback",   "ci.runs-pre-commit",
    };
    return (unsigned)kind < CI_SCRIPT_KIND_COUNT ? keys[kind] : "ci.unknown";
}

const char *ci_script_note(struct arena *arena, const char *line, size_t length, size_t offset)
{
    char note[CI_SCRIPT_NOTE_WORDS * (CI_SCRIPT_NOTE_WORD_MAX + 4)];
    size_t used = 0;
    size_t i = offset < length ? offset : length;
    for (int words = 0; words < CI_SCRIPT_NOTE_WORDS && i < length;) {
        while (i < length && (line[i] == ' ' || line[i] == '\t'))
            i++;
        size_t start = i;
        while (i < length && line[i] != ' ' && line[i] != '\t' && line[i] != '\r' &&
               line[i] != '\n')
            i++;
        if (i == start)
            break;
        size_t word_length = i - start;
        if (used)
            note[used++] = ' ';
        if (word_length > CI_SCRIPT_NOTE_WORD_MAX) {
            memcpy(note + used, "\xe2\x80\xa6", 3);
            used += 3;
        } else {
            /* Quotes belong to the script's syntax, not to what it runs. */
            for (size_t k = 0; k < word_length; k++) {
                unsigned char c = (unsigned char)line[start + k];
                if (c == '"' || c == '\'' || c == '`')
                    continue;
                note[used++] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
            }
        }
        words++;
    }
    return arena_strndup(arena, note, used);
}

void ci_script_record(struct analysis *analysis, unsigned kinds, int line, const char *note)
{
    for (int kind = 0; kind < CI_SCRIPT_KIND_COUNT; kind++)
        if (kinds & CI_SCRIPT_BIT(kind))
            analysis_add_fact(analysis, ci_script_fact_key((enum ci_script_kind)kind), line, note);
}

/* Commands that run the script named by their next word. */
static const char *const ci_script_runners[] = {"bash", "sh",   "zsh",  "source", ".",
                                                "run",  "exec", "pwsh", NULL};

bool ci_script_called_path(const char *line, size_t length, size_t *offset, size_t *path_length)
{
    size_t i = 0;
    while (i < length) {
        /* One command: its words up to a separator. */
        bool command_word = true, after_runner = false;
        while (i < length && !ci_script_separator(line[i])) {
            if (ci_script_blank(line[i])) {
                i++;
                continue;
            }
            if (line[i] == '#')
                return false;
            size_t start = i;
            while (i < length && !ci_script_separator(line[i]) && !ci_script_blank(line[i]))
                i++;
            const char *word = line + start;
            size_t word_length = i - start;
            struct ci_script_token token = {word, word_length, start};
            if (memchr(word, '=', word_length) ||
                ci_script_token_in(&token, ci_script_prefix_words))
                continue;
            bool candidate = (command_word || after_runner) && word[0] != '-' && word[0] != '$' &&
                             word[0] != '/' && word[0] != '~';
            bool path = memchr(word, '/', word_length) != NULL ||
                        (word_length > 3 && memcmp(word + word_length - 3, ".sh", 3) == 0);
            bool url = word_length > 3 && memchr(word, ':', word_length) != NULL;
            if (candidate && path && !url) {
                if (word_length > 2 && word[0] == '.' && word[1] == '/') {
                    start += 2;
                    word_length -= 2;
                }
                *offset = start;
                *path_length = word_length;
                return true;
            }
            after_runner =
                ci_script_token_in(&token, ci_script_runners) || (after_runner && word[0] == '-');
            command_word = false;
        }
        i++;
    }
    return false;
}

unsigned ci_script_record_lines(struct analysis *analysis, const char *text, size_t length,
                                int first_line)
{
    unsigned all = 0;
    int line = first_line;
    for (size_t start = 0; start < length; line++) {
        const char *newline = memchr(text + start, '\n', length - start);
        size_t end = newline ? (size_t)(newline - text) : length;
        size_t offsets[CI_SCRIPT_KIND_COUNT] = {0};
        unsigned kinds = ci_script_line(text + start, end - start, offsets);
        for (int kind = 0; kind < CI_SCRIPT_KIND_COUNT; kind++)
            if (kinds & CI_SCRIPT_BIT(kind))
                analysis_add_fact(
                    analysis, ci_script_fact_key((enum ci_script_kind)kind), line,
                    ci_script_note(analysis->arena, text + start, end - start, offsets[kind]));
        all |= kinds;
        size_t path_offset = 0, path_length = 0;
        if (ci_script_called_path(text + start, end - start, &path_offset, &path_length))
            analysis_add_fact(
                analysis, "ci.calls", line,
                arena_strndup(analysis->arena, text + start + path_offset, path_length));
        start = end + 1;
    }
    return all;
}
