/*
 * language: maps a file to its language by exact file name, by extension and
 * finally by shebang, and describes each language's comment syntax for
 * linecount.c.
 *
 * Names are cloc's (`cloc --show-lang`, cloc 1.96) so that totals can be
 * compared with it; the few languages cloc does not know ("Go Module") get a
 * name of their own. Everything here is static const data and pure functions:
 * it is called from worker threads at once, so it must not keep state,
 * allocate, or read anything but the path and the first line it is given.
 */
#include "inventory/language.h"
#include "util/text.h"

#include <string.h>

enum language_id {
    L_ADA,
    L_ASSEMBLY,
    L_AWK,
    L_BASH,
    L_BATCH,
    L_BAZEL,
    L_C,
    L_CHEADER,
    L_CPP,
    L_CSHARP,
    L_CSHELL,
    L_CLOJURE,
    L_CLOJURESCRIPT,
    L_CLOJUREC,
    L_CMAKE,
    L_CONTAINERFILE,
    L_CRYSTAL,
    L_CSS,
    L_CSV,
    L_CUCUMBER,
    L_CUDA,
    L_CYTHON,
    L_D,
    L_DART,
    L_DOCKERFILE,
    L_ELIXIR,
    L_ELM,
    L_ERB,
    L_ERLANG,
    L_FSHARP,
    L_FISH,
    L_FORTRAN77,
    L_FORTRAN90,
    L_FORTRAN95,
    L_GLSL,
    L_GO,
    L_GOMOD,
    L_GRADLE,
    L_GRAPHQL,
    L_GROOVY,
    L_HANDLEBARS,
    L_HASKELL,
    L_HCL,
    L_HTML,
    L_INI,
    L_JAVA,
    L_JAVASCRIPT,
    L_JINJA,
    L_JSON,
    L_JSON5,
    L_JSX,
    L_JULIA,
    L_JUPYTER,
    L_KORN,
    L_KOTLIN,
    L_LESS,
    L_LISP,
    L_LUA,
    L_M4,
    L_MAKE,
    L_MARKDOWN,
    L_MATLAB,
    L_MESON,
    L_MSBUILD,
    L_MUSTACHE,
    L_NIM,
    L_NIX,
    L_OBJC,
    L_OBJCPP,
    L_OCAML,
    L_PASCAL,
    L_PERL,
    L_PHP,
    L_POWERSHELL,
    L_PROPERTIES,
    L_PROTOBUF,
    L_PYTHON,
    L_R,
    L_RACKET,
    L_RST,
    L_RUBY,
    L_RUST,
    L_SASS,
    L_SCALA,
    L_SCHEME,
    L_SCSS,
    L_SED,
    L_SH,
    L_SOLIDITY,
    L_SQL,
    L_STARLARK,
    L_SVELTE,
    L_SVG,
    L_SWIFT,
    L_TCL,
    L_TEX,
    L_TEXT,
    L_THRIFT,
    L_TOML,
    L_TWIG,
    L_TYPESCRIPT,
    L_VB_NET,
    L_VERILOG,
    L_VHDL,
    L_VUE,
    L_XAML,
    L_XML,
    L_XSD,
    L_XSLT,
    L_YAML,
    L_ZIG,
    L_ZSH,
    L_COUNT
};

/* Whole-line comment markers (see struct language.start_comments). */
static const char *const start_hash[] = {"#", NULL};
static const char *const start_ini[] = {";", "#", NULL};
static const char *const start_properties[] = {"#", "!", NULL};
static const char *const start_batch[] = {"rem", "@rem", "::", NULL};
static const char *const start_assembly[] = {";", "#", "@", "|", "!", "--", NULL};
static const char *const start_clojure[] = {"#_", NULL};
static const char *const start_vb[] = {"rem", NULL};
static const char *const start_m4[] = {"dnl", NULL};

/* Comment styles shared by many languages. */
#define C_COMMENTS .line_comment = "//", .block_open = "/*", .block_close = "*/"
#define C_STYLE    C_COMMENTS, .quotes = "\"'"
#define HASH_STYLE .line_comment = "#"
#define SGML_STYLE .block_open = "<!--", .block_close = "-->"

static const struct language languages[L_COUNT] = {
    [L_ADA] = {.name = "Ada", .line_comment = "--", .quotes = "\"", .flags = LANGUAGE_CONTINUATION},
    [L_ASSEMBLY] = {.name = "Assembly",
                    .line_comment = "//",
                    .block_open = "/*",
                    .block_close = "*/",
                    .start_comments = start_assembly,
                    .flags = LANGUAGE_CPP_DIRECTIVES | LANGUAGE_CONTINUATION},
    [L_AWK] = {.name = "awk", HASH_STYLE, .flags = LANGUAGE_CONTINUATION},
    [L_BASH] = {.name = "Bourne Again Shell", HASH_STYLE, .flags = LANGUAGE_CONTINUATION},
    [L_BATCH] = {.name = "DOS Batch", .start_comments = start_batch},
    [L_BAZEL] = {.name = "Bazel", HASH_STYLE},
    [L_C] = {.name = "C", C_STYLE, .flags = LANGUAGE_CONTINUATION},
    [L_CHEADER] = {.name = "C/C++ Header", C_STYLE, .flags = LANGUAGE_CONTINUATION},
    [L_CPP] = {.name = "C++", C_STYLE, .flags = LANGUAGE_CONTINUATION},
    [L_CSHARP] = {.name = "C#",
                  C_STYLE,
                  .flags =
                      LANGUAGE_VERBATIM_STRINGS | LANGUAGE_TRIPLE_STRINGS | LANGUAGE_CONTINUATION},
    [L_CSHELL] = {.name = "C Shell", HASH_STYLE, .flags = LANGUAGE_CONTINUATION},
    [L_CLOJURE] = {.name = "Clojure",
                   .line_comment = ";",
                   .start_comments = start_clojure,
                   .quotes = "\""},
    [L_CLOJURESCRIPT] = {.name = "ClojureScript",
                         .line_comment = ";",
                         .start_comments = start_clojure,
                         .quotes = "\""},
    [L_CLOJUREC] = {.name = "ClojureC",
                    .line_comment = ";",
                    .start_comments = start_clojure,
                    .quotes = "\""},
    [L_CMAKE] = {.name = "CMake",
                 HASH_STYLE,
                 .quotes = "\"",
                 .flags = LANGUAGE_LONG_BRACKETS | LANGUAGE_CONTINUATION},
    [L_CONTAINERFILE] = {.name = "Containerfile", HASH_STYLE},
    [L_CRYSTAL] = {.name = "Crystal", HASH_STYLE},
    [L_CSS] = {.name = "CSS", .block_open = "/*", .block_close = "*/", .quotes = "\"'"},
    [L_CSV] = {.name = "CSV"},
    [L_CUCUMBER] = {.name = "Cucumber", .start_comments = start_hash},
    [L_CUDA] = {.name = "CUDA", C_STYLE},
    [L_CYTHON] = {.name = "Cython",
                  HASH_STYLE,
                  .python_docstrings = true,
                  .quotes = "\"'",
                  .flags = LANGUAGE_CONTINUATION},
    [L_D] = {.name = "D",
             C_STYLE,
             .block_open2 = "/+",
             .block_close2 = "+/",
             .flags = LANGUAGE_CONTINUATION},
    [L_DART] = {.name = "Dart",
                C_STYLE,
                .nested_blocks = true,
                .flags = LANGUAGE_TRIPLE_STRINGS | LANGUAGE_CONTINUATION},
    [L_DOCKERFILE] = {.name = "Dockerfile", HASH_STYLE},
    [L_ELIXIR] = {.name = "Elixir",
                  HASH_STYLE,
                  .quotes = "\"'",
                  .flags = LANGUAGE_ELIXIR_DOCS | LANGUAGE_TRIPLE_STRINGS},
    [L_ELM] = {.name = "Elm",
               .line_comment = "--",
               .block_open = "{-",
               .block_close = "-}",
               .nested_blocks = true,
               .quotes = "\"",
               .flags = LANGUAGE_HASKELL_PRAGMAS | LANGUAGE_TRIPLE_STRINGS},
    [L_ERB] = {.name = "ERB", .block_open = "<%#", .block_close = "%>"},
    [L_ERLANG] = {.name = "Erlang", .line_comment = "%", .quotes = "\""},
    [L_FSHARP] = {.name = "F#",
                  .line_comment = "//",
                  .block_open = "(*",
                  .block_close = "*)",
                  .nested_blocks = true,
                  .quotes = "\"",
                  .flags = LANGUAGE_TRIPLE_STRINGS},
    [L_FISH] = {.name = "Fish Shell", HASH_STYLE},
    [L_FORTRAN77] = {.name = "Fortran 77",
                     .line_comment = "!",
                     .quotes = "\"'",
                     .flags = LANGUAGE_FORTRAN_FIXED},
    [L_FORTRAN90] = {.name = "Fortran 90", .line_comment = "!", .quotes = "\"'"},
    [L_FORTRAN95] = {.name = "Fortran 95", .line_comment = "!", .quotes = "\"'"},
    [L_GLSL] = {.name = "GLSL", C_STYLE},
    [L_GO] = {.name = "Go",
              C_COMMENTS,
              .quotes = "\"'`",
              .flags = LANGUAGE_BACKTICK_STRINGS | LANGUAGE_RAW_BACKTICKS | LANGUAGE_CONTINUATION},
    [L_GOMOD] = {.name = "Go Module", .line_comment = "//", .quotes = "\""},
    [L_GRADLE] = {.name = "Gradle", C_STYLE, .flags = LANGUAGE_TRIPLE_STRINGS},
    [L_GRAPHQL] = {.name = "GraphQL", HASH_STYLE, .python_docstrings = true, .quotes = "\""},
    [L_GROOVY] = {.name = "Groovy", C_STYLE, .flags = LANGUAGE_TRIPLE_STRINGS},
    [L_HANDLEBARS] = {.name = "Handlebars",
                      .block_open = "{{!--",
                      .block_close = "--}}",
                      .block_open2 = "{{!",
                      .block_close2 = "}}"},
    [L_HASKELL] = {.name = "Haskell",
                   .line_comment = "--",
                   .block_open = "{-",
                   .block_close = "-}",
                   .nested_blocks = true,
                   .quotes = "\"",
                   .flags = LANGUAGE_HASKELL_PRAGMAS},
    [L_HCL] = {.name = "HCL",
               .line_comment = "#",
               .line_comment2 = "//",
               .block_open = "/*",
               .block_close = "*/",
               .quotes = "\""},
    [L_HTML] = {.name = "HTML", SGML_STYLE},
    [L_INI] = {.name = "INI", .start_comments = start_ini},
    [L_JAVA] = {.name = "Java", C_STYLE, .flags = LANGUAGE_TRIPLE_STRINGS},
    [L_JAVASCRIPT] = {.name = "JavaScript",
                      C_COMMENTS,
                      .quotes = "\"'`",
                      .flags = LANGUAGE_BACKTICK_STRINGS | LANGUAGE_CONTINUATION},
    [L_JINJA] = {.name = "Jinja Template", .block_open = "{#", .block_close = "#}"},
    [L_JSON] = {.name = "JSON"},
    [L_JSON5] = {.name = "JSON5", C_STYLE, .flags = LANGUAGE_CONTINUATION},
    [L_JSX] = {.name = "JSX",
               C_COMMENTS,
               .quotes = "\"'`",
               .flags = LANGUAGE_BACKTICK_STRINGS | LANGUAGE_CONTINUATION},
    [L_JULIA] = {.name = "Julia",
                 HASH_STYLE,
                 .block_open = "#=",
                 .block_close = "=#",
                 .nested_blocks = true,
                 .python_docstrings = true,
                 .quotes = "\""},
    [L_JUPYTER] = {.name = "Jupyter Notebook", .flags = LANGUAGE_JUPYTER},
    [L_KORN] = {.name = "Korn Shell", HASH_STYLE, .flags = LANGUAGE_CONTINUATION},
    [L_KOTLIN] = {.name = "Kotlin",
                  C_STYLE,
                  .nested_blocks = true,
                  .flags = LANGUAGE_TRIPLE_STRINGS},
    [L_LESS] = {.name = "LESS", C_STYLE, .flags = LANGUAGE_CONTINUATION},
    [L_LISP] = {.name = "Lisp",
                .line_comment = ";",
                .block_open = "#|",
                .block_close = "|#",
                .nested_blocks = true,
                .quotes = "\""},
    [L_LUA] = {.name = "Lua",
               .line_comment = "--",
               .quotes = "\"'",
               .flags = LANGUAGE_LONG_BRACKETS | LANGUAGE_CONTINUATION},
    [L_M4] = {.name = "m4", HASH_STYLE, .start_comments = start_m4},
    [L_MAKE] = {.name = "make", HASH_STYLE, .flags = LANGUAGE_CONTINUATION},
    [L_MARKDOWN] = {.name = "Markdown", SGML_STYLE, .is_prose = true, .flags = LANGUAGE_MARKDOWN},
    [L_MATLAB] = {.name = "MATLAB",
                  .line_comment = "%",
                  .block_open = "%{",
                  .block_close = "%}",
                  .quotes = "\""},
    [L_MESON] = {.name = "Meson", HASH_STYLE, .flags = LANGUAGE_CONTINUATION},
    [L_MSBUILD] = {.name = "MSBuild script", SGML_STYLE},
    [L_MUSTACHE] = {.name = "Mustache", .block_open = "{{!", .block_close = "}}"},
    [L_NIM] = {.name = "Nim",
               HASH_STYLE,
               .block_open = "#[",
               .block_close = "]#",
               .nested_blocks = true,
               .quotes = "\""},
    [L_NIX] = {.name = "Nix", HASH_STYLE, .block_open = "/*", .block_close = "*/", .quotes = "\""},
    [L_OBJC] = {.name = "Objective-C", C_STYLE, .flags = LANGUAGE_CONTINUATION},
    [L_OBJCPP] = {.name = "Objective-C++", C_STYLE, .flags = LANGUAGE_CONTINUATION},
    [L_OCAML] = {.name = "OCaml",
                 .block_open = "(*",
                 .block_close = "*)",
                 .nested_blocks = true,
                 .quotes = "\"",
                 .flags = LANGUAGE_CONTINUATION},
    [L_PASCAL] = {.name = "Pascal",
                  .line_comment = "//",
                  .block_open = "(*",
                  .block_close = "*)",
                  .block_open2 = "{",
                  .block_close2 = "}",
                  .quotes = "'",
                  .flags = LANGUAGE_PASCAL_DIRECTIVES},
    [L_PERL] = {.name = "Perl", HASH_STYLE, .flags = LANGUAGE_PERL_POD},
    [L_PHP] = {.name = "PHP", C_STYLE, .line_comment2 = "#"},
    [L_POWERSHELL] = {.name = "PowerShell",
                      HASH_STYLE,
                      .block_open = "<#",
                      .block_close = "#>",
                      .flags = LANGUAGE_CONTINUATION},
    [L_PROPERTIES] = {.name = "Properties", .start_comments = start_properties},
    [L_PROTOBUF] = {.name = "Protocol Buffers", C_STYLE},
    [L_PYTHON] = {.name = "Python",
                  HASH_STYLE,
                  .python_docstrings = true,
                  .quotes = "\"'",
                  .flags = LANGUAGE_CONTINUATION},
    [L_R] = {.name = "R", HASH_STYLE, .flags = LANGUAGE_CONTINUATION},
    [L_RACKET] = {.name = "Racket",
                  .line_comment = ";",
                  .block_open = "#|",
                  .block_close = "|#",
                  .nested_blocks = true,
                  .quotes = "\""},
    [L_RST] = {.name = "reStructuredText", .is_prose = true, .flags = LANGUAGE_RST},
    [L_RUBY] = {.name = "Ruby",
                HASH_STYLE,
                .flags = LANGUAGE_RUBY_BEGIN_END | LANGUAGE_CONTINUATION},
    [L_RUST] = {.name = "Rust",
                .line_comment = "//",
                .block_open = "/*",
                .block_close = "*/",
                .nested_blocks = true,
                .quotes = "\"",
                .flags = LANGUAGE_MULTILINE_STRINGS | LANGUAGE_RUST_LITERALS},
    [L_SASS] = {.name = "Sass", C_STYLE},
    [L_SCALA] = {.name = "Scala", C_STYLE, .nested_blocks = true, .flags = LANGUAGE_TRIPLE_STRINGS},
    [L_SCHEME] = {.name = "Scheme",
                  .line_comment = ";",
                  .block_open = "#|",
                  .block_close = "|#",
                  .nested_blocks = true,
                  .quotes = "\""},
    [L_SCSS] = {.name = "SCSS", C_STYLE},
    [L_SED] = {.name = "sed", HASH_STYLE, .flags = LANGUAGE_CONTINUATION},
    [L_SH] = {.name = "Bourne Shell", HASH_STYLE, .flags = LANGUAGE_CONTINUATION},
    [L_SOLIDITY] = {.name = "Solidity", C_STYLE, .flags = LANGUAGE_CONTINUATION},
    [L_SQL] = {.name = "SQL",
               .line_comment = "--",
               .block_open = "/*",
               .block_close = "*/",
               .quotes = "'\""},
    [L_STARLARK] = {.name = "Starlark",
                    HASH_STYLE,
                    .python_docstrings = true,
                    .quotes = "\"'",
                    .flags = LANGUAGE_CONTINUATION},
    [L_SVELTE] = {.name = "Svelte", SGML_STYLE},
    [L_SVG] = {.name = "SVG", SGML_STYLE},
    [L_SWIFT] = {.name = "Swift",
                 C_COMMENTS,
                 .nested_blocks = true,
                 .quotes = "\"",
                 .flags = LANGUAGE_TRIPLE_STRINGS | LANGUAGE_CONTINUATION},
    [L_TCL] = {.name = "Tcl/Tk", HASH_STYLE, .flags = LANGUAGE_CONTINUATION},
    [L_TEX] = {.name = "TeX", .line_comment = "%"},
    [L_TEXT] = {.name = "Text", .is_prose = true},
    [L_THRIFT] = {.name = "Thrift", C_STYLE, .line_comment2 = "#"},
    [L_TOML] = {.name = "TOML", HASH_STYLE},
    [L_TWIG] = {.name = "Twig", .block_open = "{#", .block_close = "#}"},
    [L_TYPESCRIPT] = {.name = "TypeScript",
                      C_COMMENTS,
                      .quotes = "\"'`",
                      .flags = LANGUAGE_BACKTICK_STRINGS | LANGUAGE_CONTINUATION},
    [L_VB_NET] = {.name = "Visual Basic .NET",
                  .line_comment = "'",
                  .start_comments = start_vb,
                  .quotes = "\""},
    [L_VERILOG] = {.name = "Verilog-SystemVerilog", C_STYLE},
    [L_VHDL] = {.name = "VHDL", .line_comment = "--", .quotes = "\""},
    [L_VUE] = {.name = "Vuejs Component", C_STYLE, .block_open2 = "<!--", .block_close2 = "-->"},
    [L_XAML] = {.name = "XAML", SGML_STYLE},
    [L_XML] = {.name = "XML", SGML_STYLE},
    [L_XSD] = {.name = "XSD", SGML_STYLE},
    [L_XSLT] = {.name = "XSLT", SGML_STYLE},
    [L_YAML] = {.name = "YAML", HASH_STYLE},
    [L_ZIG] = {.name = "Zig", .line_comment = "//", .quotes = "\"'"},
    [L_ZSH] = {.name = "zsh", HASH_STYLE, .flags = LANGUAGE_CONTINUATION},
};

struct language_key {
    const char *key;
    enum language_id id;
};

/* Exact file names (case-sensitive; both spellings listed where both occur).
 * Checked before extensions so that CMakeLists.txt is not Text. */
static const struct language_key file_names[] = {
    {".bash_aliases", L_BASH},
    {".bash_logout", L_BASH},
    {".bash_profile", L_BASH},
    {".bashrc", L_BASH},
    {".cshrc", L_CSHELL},
    {".editorconfig", L_INI},
    {".gitconfig", L_INI},
    {".irbrc", L_RUBY},
    {".kshrc", L_KORN},
    {".profile", L_SH},
    {".pryrc", L_RUBY},
    {".tcshrc", L_CSHELL},
    {".zlogin", L_ZSH},
    {".zprofile", L_ZSH},
    {".zshenv", L_ZSH},
    {".zshrc", L_ZSH},
    {"BUILD", L_BAZEL},
    {"BUILD.bazel", L_STARLARK},
    {"Berksfile", L_RUBY},
    {"Brewfile", L_RUBY},
    {"CMakeLists.txt", L_CMAKE},
    {"Capfile", L_RUBY},
    {"Cargo.lock", L_TOML},
    {"Containerfile", L_CONTAINERFILE},
    {"Dangerfile", L_RUBY},
    {"Dockerfile", L_DOCKERFILE},
    {"Fastfile", L_RUBY},
    {"GNUmakefile", L_MAKE},
    {"Gemfile", L_RUBY},
    {"Gnumakefile", L_MAKE},
    {"Guardfile", L_RUBY},
    {"Jenkinsfile", L_GROOVY},
    {"MODULE.bazel", L_STARLARK},
    {"Makefile", L_MAKE},
    {"Makefile.PL", L_PERL},
    {"Pipfile", L_TOML},
    {"Pipfile.lock", L_JSON},
    {"Podfile", L_RUBY},
    {"Rakefile", L_RUBY},
    {"SConscript", L_PYTHON},
    {"SConstruct", L_PYTHON},
    {"Snakefile", L_PYTHON},
    {"Thorfile", L_RUBY},
    {"Tiltfile", L_STARLARK},
    {"Vagrantfile", L_RUBY},
    {"WORKSPACE", L_BAZEL},
    {"WORKSPACE.bazel", L_STARLARK},
    {"cmakelists.txt", L_CMAKE},
    {"composer.lock", L_JSON},
    {"containerfile", L_CONTAINERFILE},
    {"cpanfile", L_PERL},
    {"dockerfile", L_DOCKERFILE},
    {"gnumakefile", L_MAKE},
    {"go.mod", L_GOMOD},
    {"go.work", L_GOMOD},
    {"makefile", L_MAKE},
    {"meson.build", L_MESON},
    {"meson_options.txt", L_MESON},
    {"poetry.lock", L_TOML},
    {"rebar.config", L_ERLANG},
};

/* File-name prefixes. A Dockerfile.* or Containerfile.* is a Dockerfile
 * whatever its suffix ("Dockerfile.prod", "Dockerfile.go"); the others only
 * apply when the extension means nothing ("Makefile.in", but "makefile.py"
 * is Python). Lower-case "dockerfile." is weak: source code about
 * Dockerfiles is named that way ("dockerfile.c", "dockerfile.py"). */
static const struct language_key strong_prefixes[] = {
    {"Containerfile.", L_CONTAINERFILE},
    {"Dockerfile.", L_DOCKERFILE},
    {"Dockerfile-", L_DOCKERFILE},
    {"Jenkinsfile.", L_GROOVY},
};
static const struct language_key weak_prefixes[] = {
    {"dockerfile.", L_DOCKERFILE},
    {"Makefile.", L_MAKE},
    {"makefile.", L_MAKE},
    {"GNUmakefile.", L_MAKE},
};

/* Extensions without the dot, as cloc spells them (case-sensitive first; an
 * extension that matches nothing is retried in lower case, so "X.PY" is
 * Python while ".C" stays C++). Multi-part entries ("gradle.kts") win over
 * their last part because the longest suffix is tried first. */
static const struct language_key extensions[] = {
    {"C", L_CPP},
    {"H", L_CHEADER},
    {"R", L_R},
    {"S", L_ASSEMBLY},
    {"ada", L_ADA},
    {"adb", L_ADA},
    {"ads", L_ADA},
    {"asm", L_ASSEMBLY},
    {"awk", L_AWK},
    {"bash", L_BASH},
    {"bat", L_BATCH},
    {"bazel", L_STARLARK},
    {"bzl", L_STARLARK},
    {"c", L_C},
    {"c++", L_CPP},
    {"cc", L_CPP},
    {"cfg", L_INI},
    {"cjs", L_JAVASCRIPT},
    {"clang-format", L_YAML},
    {"clang-tidy", L_YAML},
    {"clj", L_CLOJURE},
    {"cljc", L_CLOJUREC},
    {"cljs", L_CLOJURESCRIPT},
    {"cmake", L_CMAKE},
    {"cmake.in", L_CMAKE},
    {"cmd", L_BATCH},
    {"cpp", L_CPP},
    {"cr", L_CRYSTAL},
    {"cs", L_CSHARP},
    {"csh", L_CSHELL},
    {"csproj", L_MSBUILD},
    {"css", L_CSS},
    {"csv", L_CSV},
    {"cu", L_CUDA},
    {"cuh", L_CUDA},
    {"cxx", L_CPP},
    {"d", L_D},
    {"dart", L_DART},
    {"dockerfile", L_DOCKERFILE},
    {"el", L_LISP},
    {"elm", L_ELM},
    {"erb", L_ERB},
    {"erl", L_ERLANG},
    {"ex", L_ELIXIR},
    {"exs", L_ELIXIR},
    {"f", L_FORTRAN77},
    {"f77", L_FORTRAN77},
    {"f90", L_FORTRAN90},
    {"f95", L_FORTRAN95},
    {"feature", L_CUCUMBER},
    {"fish", L_FISH},
    {"for", L_FORTRAN77},
    {"frag", L_GLSL},
    {"fs", L_FSHARP},
    {"fsi", L_FSHARP},
    {"fsx", L_FSHARP},
    {"gemspec", L_RUBY},
    {"geojson", L_JSON},
    {"glsl", L_GLSL},
    {"gyp", L_PYTHON},
    {"gypi", L_PYTHON},
    {"go", L_GO},
    {"gql", L_GRAPHQL},
    {"gradle", L_GRADLE},
    {"gradle.kts", L_GRADLE},
    {"graphql", L_GRAPHQL},
    {"groovy", L_GROOVY},
    {"h", L_CHEADER},
    {"h++", L_CPP},
    {"handlebars", L_HANDLEBARS},
    {"hbs", L_HANDLEBARS},
    {"hcl", L_HCL},
    {"hh", L_CHEADER},
    {"hpp", L_CHEADER},
    {"hrl", L_ERLANG},
    {"hs", L_HASKELL},
    {"htm", L_HTML},
    {"html", L_HTML},
    {"hxx", L_CHEADER},
    {"ini", L_INI},
    {"inl", L_CPP},
    {"ipp", L_CPP},
    {"ipynb", L_JUPYTER},
    {"j2", L_JINJA},
    {"java", L_JAVA},
    {"jenkinsfile", L_GROOVY},
    {"jinja", L_JINJA},
    {"jinja2", L_JINJA},
    {"jl", L_JULIA},
    {"js", L_JAVASCRIPT},
    {"json", L_JSON},
    {"json5", L_JSON5},
    {"jsonl", L_JSON},
    {"jsx", L_JSX},
    {"ksh", L_KORN},
    {"kt", L_KOTLIN},
    {"kts", L_KOTLIN},
    {"less", L_LESS},
    {"lhs", L_HASKELL},
    {"lisp", L_LISP},
    {"lsp", L_LISP},
    {"lua", L_LUA},
    {"m", L_OBJC},
    {"m4", L_M4},
    {"markdown", L_MARKDOWN},
    {"md", L_MARKDOWN},
    {"mdx", L_MARKDOWN},
    {"mjs", L_JAVASCRIPT},
    {"mk", L_MAKE},
    {"mak", L_MAKE},
    {"ml", L_OCAML},
    {"mli", L_OCAML},
    {"mm", L_OBJCPP},
    {"mustache", L_MUSTACHE},
    {"mysql", L_SQL},
    {"nim", L_NIM},
    {"nimble", L_NIM},
    {"nix", L_NIX},
    {"nomad", L_HCL},
    {"pas", L_PASCAL},
    {"php", L_PHP},
    {"phtml", L_PHP},
    {"pl", L_PERL},
    {"plist", L_XML},
    {"pm", L_PERL},
    {"pod", L_PERL},
    {"properties", L_PROPERTIES},
    {"props", L_XML},
    {"proto", L_PROTOBUF},
    {"ps1", L_POWERSHELL},
    {"psd1", L_POWERSHELL},
    {"psm1", L_POWERSHELL},
    {"psql", L_SQL},
    {"pxd", L_CYTHON},
    {"pxi", L_CYTHON},
    {"py", L_PYTHON},
    {"py3", L_PYTHON},
    {"pyi", L_PYTHON},
    {"pyw", L_PYTHON},
    {"pyx", L_CYTHON},
    {"r", L_R},
    {"rake", L_RUBY},
    {"rb", L_RUBY},
    {"rkt", L_RACKET},
    {"rs", L_RUST},
    {"rs.in", L_RUST},
    {"rst", L_RST},
    {"rst.txt", L_RST},
    {"ru", L_RUBY},
    {"s", L_ASSEMBLY},
    {"sass", L_SASS},
    {"sbt", L_SCALA},
    {"scala", L_SCALA},
    {"scm", L_SCHEME},
    {"scss", L_SCSS},
    {"sed", L_SED},
    {"sh", L_SH},
    {"sol", L_SOLIDITY},
    {"sql", L_SQL},
    {"ss", L_SCHEME},
    {"sv", L_VERILOG},
    {"svelte", L_SVELTE},
    {"svg", L_SVG},
    {"svh", L_VERILOG},
    {"swift", L_SWIFT},
    {"t", L_PERL},
    {"tcl", L_TCL},
    {"tex", L_TEX},
    {"tf", L_HCL},
    {"targets", L_XML},
    {"tfvars", L_HCL},
    {"thrift", L_THRIFT},
    {"tk", L_TCL},
    {"toml", L_TOML},
    {"tpp", L_CPP},
    {"ts", L_TYPESCRIPT},
    {"tsx", L_TYPESCRIPT},
    {"twig", L_TWIG},
    {"txt", L_TEXT},
    {"vb", L_VB_NET},
    {"vert", L_GLSL},
    {"vhd", L_VHDL},
    {"vhdl", L_VHDL},
    {"vue", L_VUE},
    {"xaml", L_XAML},
    {"xml", L_XML},
    {"xsd", L_XSD},
    {"xsl", L_XSLT},
    {"xslt", L_XSLT},
    {"yaml", L_YAML},
    {"yml", L_YAML},
    {"zig", L_ZIG},
    {"zsh", L_ZSH},
};

/* Interpreter names in a shebang, after any version suffix is dropped
 * ("python3.11" -> "python", "perl5" -> "perl"). */
static const struct language_key interpreters[] = {
    {"ash", L_SH},
    {"awk", L_AWK},
    {"bash", L_BASH},
    {"bun", L_JAVASCRIPT},
    {"crystal", L_CRYSTAL},
    {"csh", L_CSHELL},
    {"dart", L_DART},
    {"dash", L_SH},
    {"deno", L_JAVASCRIPT},
    {"elixir", L_ELIXIR},
    {"escript", L_ERLANG},
    {"fish", L_FISH},
    {"gawk", L_AWK},
    {"groovy", L_GROOVY},
    {"jruby", L_RUBY},
    {"julia", L_JULIA},
    {"ksh", L_KORN},
    {"lua", L_LUA},
    {"luajit", L_LUA},
    {"make", L_MAKE},
    {"mawk", L_AWK},
    {"mksh", L_KORN},
    {"nawk", L_AWK},
    {"node", L_JAVASCRIPT},
    {"nodejs", L_JAVASCRIPT},
    {"perl", L_PERL},
    {"php", L_PHP},
    {"powershell", L_POWERSHELL},
    {"pwsh", L_POWERSHELL},
    {"pypy", L_PYTHON},
    {"python", L_PYTHON},
    {"rscript", L_R},
    {"ruby", L_RUBY},
    {"runghc", L_HASKELL},
    {"runhaskell", L_HASKELL},
    {"scala", L_SCALA},
    {"sed", L_SED},
    {"sh", L_SH},
    {"swift", L_SWIFT},
    {"tclsh", L_TCL},
    {"tcsh", L_CSHELL},
    {"ts-node", L_TYPESCRIPT},
    {"tsx", L_TYPESCRIPT},
    {"wish", L_TCL},
    {"zsh", L_ZSH},
};

#define COUNT_OF(array) (sizeof(array) / sizeof((array)[0]))

static const struct language *language_lookup(const struct language_key *table, size_t count,
                                              const char *key, size_t length)
{
    /* Linear scan: the tables are small, and a sorted-table invariant would be
     * one more thing to break when adding a language. */
    for (size_t i = 0; i < count; i++) {
        /* Compare lengths first: `key` may hold a NUL byte, and strncmp would
         * stop there and let key[length] run past the table entry. */
        if (strlen(table[i].key) == length && memcmp(table[i].key, key, length) == 0)
            return &languages[table[i].id];
    }
    return NULL;
}

/* Looks an extension up as written, then in ASCII lower case. */
static const struct language *language_by_extension(const char *extension, size_t length)
{
    const struct language *found =
        language_lookup(extensions, COUNT_OF(extensions), extension, length);
    if (found || length > 15)
        return found;
    char lower[16];
    bool changed = false;
    for (size_t i = 0; i < length; i++) {
        lower[i] = text_lower(extension[i]);
        changed |= lower[i] != extension[i];
    }
    lower[length] = '\0';
    return changed ? language_lookup(extensions, COUNT_OF(extensions), lower, length) : NULL;
}

static bool language_starts_with(const char *text, size_t length, const char *prefix)
{
    size_t prefix_length = strlen(prefix);
    return length >= prefix_length && memcmp(text, prefix, prefix_length) == 0;
}

/* The length of the first line of `text`, without its line ending. */
static size_t language_line_length(const char *text, size_t length)
{
    const char *newline = memchr(text, '\n', length);
    size_t line = newline ? (size_t)(newline - text) : length;
    while (line > 0 && (text[line - 1] == '\r' || text[line - 1] == ' ' || text[line - 1] == '\t'))
        line--;
    return line;
}

static bool language_is_space(char c)
{
    return c == ' ' || c == '\t';
}

/* Language named by a "#!" line: the interpreter's base name, or for
 * "/usr/bin/env [-S] [-i] [NAME=value] prog" the first word that is neither
 * an option nor an assignment. */
static const struct language *language_by_shebang(const char *line, size_t length)
{
    length = language_line_length(line, length);
    if (length < 3 || line[0] != '#' || line[1] != '!')
        return NULL;
    size_t pos = 2;
    bool after_env = false;
    bool skip_argument = false;
    while (pos < length) {
        while (pos < length && language_is_space(line[pos]))
            pos++;
        size_t start = pos;
        while (pos < length && !language_is_space(line[pos]))
            pos++;
        if (pos == start)
            break;
        const char *word = line + start;
        size_t word_length = pos - start;
        if (after_env) {
            if (skip_argument) {
                skip_argument = false;
                continue;
            }
            if (word[0] == '-') {
                /* env options that take a separate argument */
                skip_argument = (word_length == 2 && (word[1] == 'u' || word[1] == 'C'));
                continue;
            }
            if (memchr(word, '=', word_length))
                continue;
        }
        const char *slash = NULL;
        for (size_t i = 0; i < word_length; i++) {
            if (word[i] == '/')
                slash = word + i;
        }
        if (slash) {
            word_length -= (size_t)(slash + 1 - word);
            word = slash + 1;
        }
        if (!after_env && word_length == 3 && memcmp(word, "env", 3) == 0) {
            after_env = true;
            continue;
        }
        /* Drop a version suffix, then compare in lower case ("Rscript"). */
        while (word_length > 0 && ((word[word_length - 1] >= '0' && word[word_length - 1] <= '9') ||
                                   word[word_length - 1] == '.'))
            word_length--;
        if (word_length == 0 || word_length > 31)
            return NULL;
        char name[32];
        for (size_t i = 0; i < word_length; i++)
            name[i] = text_lower(word[i]);
        name[word_length] = '\0';
        return language_lookup(interpreters, COUNT_OF(interpreters), name, word_length);
    }
    return NULL;
}

/* Extensions cloc disambiguates by content; the first line is enough for the
 * common cases. */
static const struct language *language_refine(const struct language *language,
                                              const char *first_line, size_t length)
{
    if (!first_line)
        return language;
    size_t line = language_line_length(first_line, length);
    size_t pos = 0;
    while (pos < line && language_is_space(first_line[pos]))
        pos++;
    const char *text = first_line + pos;
    size_t text_length = line - pos;
    if (language == &languages[L_TYPESCRIPT] &&
        (language_starts_with(text, text_length, "<?xml") ||
         language_starts_with(text, text_length, "<!DOCTYPE TS")))
        return &languages[L_XML]; /* Qt Linguist translation file */
    if (language == &languages[L_OBJC] && (language_starts_with(text, text_length, "%") ||
                                           language_starts_with(text, text_length, "function") ||
                                           language_starts_with(text, text_length, "classdef")))
        return &languages[L_MATLAB];
    return language;
}

const struct language *language_detect(const char *path, const char *first_line,
                                       size_t first_line_length)
{
    if (!path)
        return NULL;
    const char *base = text_basename(path);
    size_t base_length = strlen(base);
    if (base_length == 0)
        return NULL;

    const struct language *found =
        language_lookup(file_names, COUNT_OF(file_names), base, base_length);
    if (found)
        return found;
    /* Dockerfile.dockerignore is an ignore list, not a Dockerfile */
    const bool ignore_list =
        base_length > 13 && strcmp(base + base_length - 13, ".dockerignore") == 0;
    for (size_t i = 0; i < COUNT_OF(strong_prefixes) && !ignore_list; i++) {
        if (language_starts_with(base, base_length, strong_prefixes[i].key))
            return &languages[strong_prefixes[i].id];
    }

    /* Longest suffix first: "x.gradle.kts" tries "gradle.kts", then "kts".
     * A leading dot counts, so ".clang-format" is tried as "clang-format". */
    for (size_t i = 0; i < base_length; i++) {
        if (base[i] != '.' || i + 1 == base_length)
            continue;
        found = language_by_extension(base + i + 1, base_length - i - 1);
        if (found)
            return language_refine(found, first_line, first_line_length);
    }

    for (size_t i = 0; i < COUNT_OF(weak_prefixes); i++) {
        if (language_starts_with(base, base_length, weak_prefixes[i].key))
            return &languages[weak_prefixes[i].id];
    }
    if (first_line)
        return language_by_shebang(first_line, first_line_length);
    return NULL;
}

const struct language *language_find(const char *name)
{
    if (!name)
        return NULL;
    for (size_t i = 0; i < L_COUNT; i++) {
        if (strcmp(languages[i].name, name) == 0)
            return &languages[i];
    }
    return NULL;
}

const struct language *language_table(size_t *count)
{
    if (count)
        *count = L_COUNT;
    return languages;
}

bool language_is_shell(const struct language *language)
{
    static const char *const shells[] = {"Bourne Shell", "Bourne Again Shell", "zsh", "Korn Shell",
                                         NULL};
    for (size_t i = 0; language && shells[i]; i++)
        if (strcmp(language->name, shells[i]) == 0)
            return true;
    return false;
}
