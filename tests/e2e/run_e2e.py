#!/usr/bin/python3
"""End-to-end tests for the prodready binary.

Fixtures: every directory tests/fixtures/<case>/ is a small repository. It is
copied to a temporary directory, `git init`-ed and committed (unless its
expectation file says `# nogit`), audited with `--format json`, and the report
is validated against docs/report.schema.json. The expectation file
tests/fixtures/<case>.expected lists EVERY finding the audit must produce:

    finding RULE-ID FILE[:LINE]     FILE is '-' for a repository-level finding
    check CHECK-ID pass|fail|not-checked
    kind KIND
    files N                         number of audited files
    skipped WHAT N                  a target.skipped count (binary, vendored …)
    language NAME FILES CODE        a target.languages entry
    scope FAMILY...                 compare only findings of these rule families
    # comment; '# nogit' audits the copy without git

The set of findings must match exactly; listed checks and the kind must match.
A `scope` line (families are rule-id prefixes before the first dot: `secrets`,
`docs` ...) limits the exact comparison to those families, so a fixture about
one family does not change each time another family gains a repository-level
rule; a rule counts as silent in a fixture only when its family is in scope.

CLI tests check exit codes, one-line errors and determinism (--jobs 1 vs 8).
Prints one line per test and ends with "N passed, N failed".
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "tests", "fixtures")

try:
    import jsonschema
except ImportError:  # the harness still runs; schema checks are reported as failures
    jsonschema = None


class Failure(Exception):
    pass


FIXTURE_REPORTS = {}  # case -> report, filled by the fixture tests (which run first)


def run(binary, *args, cwd=None, env=None, save=False):
    # Audits do not write a history database into the fixtures unless a test
    # asks for it (save=True, or its own --db).
    if args and args[0] == "audit" and not save and "--db" not in args and "--help" not in args:
        args = ("audit", "--no-save") + tuple(args[1:])
    environment = dict(os.environ)
    environment.pop("NO_COLOR", None)
    if env:
        environment.update(env)
    return subprocess.run([binary, *args], cwd=cwd, env=environment, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600)


def git(directory, *args):
    subprocess.run(["git", "-c", "user.name=prodready-tests", "-c",
                    "user.email=tests@prodready.invalid", "-c", "init.defaultBranch=main",
                    "-c", "commit.gpgsign=false", *args],
                   cwd=directory, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


def load_schema():
    with open(os.path.join(ROOT, "docs", "report.schema.json")) as handle:
        return json.load(handle)


def validate(report):
    if jsonschema is None:
        raise Failure("python3-jsonschema is not installed: cannot validate the report")
    schema = load_schema()
    validator_class = jsonschema.validators.validator_for(schema)
    errors = sorted(validator_class(schema).iter_errors(report), key=lambda e: list(e.path))
    if errors:
        first = errors[0]
        raise Failure("report does not match docs/report.schema.json at %s: %s"
                      % ("/".join(str(p) for p in first.path), first.message))


def audit_json(binary, directory, *extra, save=False):
    result = run(binary, "audit", directory, "--format", "json", "--no-progress", *extra,
                 save=save)
    if result.returncode not in (0, 1):
        raise Failure("audit exited %d: %s" % (result.returncode, result.stderr.decode()[:500]))
    try:
        report = json.loads(result.stdout)
    except ValueError as error:
        raise Failure("audit did not print JSON: %s" % error)
    validate(report)
    return report


def parse_expected(path):
    findings, checks, kind, use_git = set(), {}, None, True
    target = {}
    scope = None  # None: every family
    with open(path) as handle:
        for number, raw in enumerate(handle, 1):
            line = raw.strip()
            if not line:
                continue
            if line.startswith("#"):
                if line.replace(" ", "") == "#nogit":
                    use_git = False
                continue
            words = line.split()
            if words[0] == "finding" and len(words) == 3:
                rule, where = words[1], words[2]
                if where == "-":
                    findings.add((rule, None, None))
                else:
                    file, _, line_number = where.rpartition(":")
                    if file and line_number.isdigit():
                        findings.add((rule, file, int(line_number)))
                    else:
                        findings.add((rule, where, None))
            elif words[0] == "check" and len(words) == 3:
                checks[words[1]] = words[2]
            elif words[0] == "kind" and len(words) == 2:
                kind = words[1]
            elif words[0] == "files" and len(words) == 2:
                target["files"] = int(words[1])
            elif words[0] == "skipped" and len(words) == 3:
                target["skipped." + words[1]] = int(words[2])
            elif words[0] == "language" and len(words) == 4:
                target["language." + words[1]] = (int(words[2]), int(words[3]))
            elif words[0] == "scope" and len(words) >= 2:
                scope = set(words[1:])
            else:
                raise Failure("%s:%d: cannot read this line" % (path, number))
    for rule, _, _ in findings:
        if scope is not None and family(rule) not in scope:
            raise Failure("%s: finding %s is outside the fixture's scope" % (path, rule))
    return findings, checks, kind, use_git, target, scope


def family(rule_id):
    return rule_id.split(".", 1)[0]


FIXTURE_SCOPES = {}  # case -> set of families compared exactly, or None for all


def in_scope(case, rule_id):
    scope = FIXTURE_SCOPES.get(case)
    return scope is None or family(rule_id) in scope


def format_finding(finding):
    rule, file, line = finding
    if file is None:
        return "%s -" % rule
    return "%s %s%s" % (rule, file, ":%d" % line if line else "")


def fixture_test(binary, case):
    expected_path = os.path.join(FIXTURES, case + ".expected")
    if not os.path.exists(expected_path):
        raise Failure("missing %s" % os.path.relpath(expected_path, ROOT))
    expected, checks, kind, use_git, target, scope = parse_expected(expected_path)
    FIXTURE_SCOPES[case] = scope
    with tempfile.TemporaryDirectory(prefix="prodready-e2e-") as temporary:
        copy = os.path.join(temporary, case)
        shutil.copytree(os.path.join(FIXTURES, case), copy, symlinks=True)
        if use_git:
            git(copy, "init", "-q")
            git(copy, "add", "-A")
            git(copy, "commit", "-q", "-m", "fixture")
        report = audit_json(binary, copy)
    FIXTURE_REPORTS[case] = report
    actual = {(f["rule"], f["file"], f["line"]) for f in report["findings"]
              if in_scope(case, f["rule"])}
    problems = []
    for finding in sorted(expected - actual, key=format_finding):
        problems.append("missing finding: " + format_finding(finding))
    for finding in sorted(actual - expected, key=format_finding):
        problems.append("unexpected finding: " + format_finding(finding))
    statuses = {c["id"]: c["status"] for c in report["checks"]}
    for check, status in sorted(checks.items()):
        if statuses.get(check) != status:
            problems.append("check %s: expected %s, got %s" % (check, status,
                                                               statuses.get(check, "absent")))
    if kind and report["target"]["kind"] != kind:
        problems.append("kind: expected %s, got %s" % (kind, report["target"]["kind"]))
    languages = {l["name"]: (l["files"], l["code"]) for l in report["target"]["languages"]}
    for key, value in sorted(target.items()):
        if key == "files":
            actual_value = report["target"]["files"]
        elif key.startswith("skipped."):
            actual_value = report["target"]["skipped"][key[len("skipped."):]]
        else:
            actual_value = languages.get(key[len("language."):])
        if actual_value != value:
            problems.append("%s: expected %s, got %s" % (key, value, actual_value))
    if problems:
        raise Failure("; ".join(problems))


def without_timing(report):
    report = dict(report)
    report.pop("timing", None)
    return report


def test_every_rule_has_positive_and_negative_fixture(binary):
    """Each rule fires in some fixture (positive) and stays silent in another
    fixture of a project kind it applies to (negative). Fixture findings are
    compared exactly, so silence there is asserted, not assumed."""
    if not FIXTURE_REPORTS:
        raise Failure("no fixture reports (run without --filter)")
    rules = json.loads(run(binary, "rules", "--format", "json").stdout)
    problems = []
    for rule in rules:
        applies = rule["kinds"]
        fired = [c for c, r in FIXTURE_REPORTS.items()
                 if any(f["rule"] == rule["id"] for f in r["findings"])]
        silent = [c for c, r in FIXTURE_REPORTS.items()
                  if not any(f["rule"] == rule["id"] for f in r["findings"])
                  and r["target"]["kind"] in applies and in_scope(c, rule["id"])]
        if not fired:
            problems.append("%s fires in no fixture" % rule["id"])
        if not silent:
            problems.append("%s has no negative fixture" % rule["id"])
    if problems:
        raise Failure("; ".join(problems))


def test_jobs_deterministic(binary):
    """Identical JSON with --jobs 1 and --jobs 8 (timing aside), on this repository."""
    one = audit_json(binary, ROOT, "--jobs", "1")
    eight = audit_json(binary, ROOT, "--jobs", "8")
    if without_timing(one) != without_timing(eight):
        raise Failure("reports differ between --jobs 1 and --jobs 8")
    if one["target"]["files"] < 10:
        raise Failure("suspiciously few files audited: %d" % one["target"]["files"])


def expect_usage_error(binary, args, needle):
    result = run(binary, *args)
    lines = result.stderr.decode().strip().splitlines()
    if result.returncode != 2:
        raise Failure("%s: exit %d, expected 2" % (" ".join(args), result.returncode))
    if len(lines) != 1 or needle not in lines[0]:
        raise Failure("%s: expected one stderr line mentioning %r, got %r"
                      % (" ".join(args), needle, lines))


def test_missing_path(binary):
    expect_usage_error(binary, ["audit", "/nonexistent/prodready-test"], "does not exist")
    with tempfile.NamedTemporaryFile() as handle:
        expect_usage_error(binary, ["audit", handle.name], "not a directory")
    expect_usage_error(binary, ["frobnicate"], "unknown command")


def test_unknown_flag(binary):
    expect_usage_error(binary, ["audit", "--no-such-flag"], "--no-such-flag")


def test_unknown_rule(binary):
    expect_usage_error(binary, ["explain", "docs.no-readm"], "did you mean docs.no-readme")


def test_bad_value(binary):
    expect_usage_error(binary, ["audit", ".", "--jobs", "zero"], "--jobs")
    expect_usage_error(binary, ["audit", ".", "--fail-on", "severe"], "--fail-on")
    expect_usage_error(binary, ["audit", ".", "--format", "pdf"], "pdf")
    for option, value in (("--capacity", "0"), ("--capacity", "-5"), ("--capacity", "1e3"),
                          ("--capacity", "nan"), ("--team", "0"), ("--hourly-rate", "cheap")):
        expect_usage_error(binary, ["audit", ".", option, value], option)


def test_plan_schedule_options(binary):
    """--capacity, --team and --hourly-rate shape the JSON plan: weeks are the
    total over the weekly capacity rounded up, the cost is hours x rate."""
    import math
    fixture = os.path.join(FIXTURES, "docker-bad")
    report = audit_json(binary, fixture, "--capacity", "10", "--team", "2",
                        "--hourly-rate", "90")
    plan = report["plan"]
    if plan["capacity_hours_per_week"] != 10 or plan["team"] != 2:
        raise Failure("capacity/team not reported: %r" % plan)
    if plan["weeks"] != math.ceil(plan["total_hours"] / 20 - 1e-9) or \
            plan["weeks"] != len(plan["schedule"]):
        raise Failure("%s weeks for %s hours at 20 h/week" % (plan["weeks"], plan["total_hours"]))
    if abs(plan["cost"] - 90 * plan["total_hours"]) > 5:
        raise Failure("cost %s for %s hours at 90" % (plan["cost"], plan["total_hours"]))
    if plan["next_step"] != plan["items"][0]:
        raise Failure("next step is not the first work item")
    plain = audit_json(binary, fixture)["plan"]
    if plain["cost"] is not None or plain["capacity_hours_per_week"] != 40 or plain["team"] != 1:
        raise Failure("defaults: cost must be null, 40 hours, 1 person")


def test_help(binary):
    for command in ("audit", "rules", "explain", "version", "history", "diff", "secrets",
                    "init", "config"):
        result = run(binary, command, "--help")
        if result.returncode != 0 or b"usage: prodready " + command.encode() not in result.stdout:
            raise Failure("%s --help did not print its usage" % command)


def test_rules_and_explain(binary):
    listing = run(binary, "rules", "--format", "json")
    rules = json.loads(listing.stdout)
    if listing.returncode != 0 or not rules:
        raise Failure("rules --format json failed")
    ids = [rule["id"] for rule in rules]
    if ids != sorted(ids) or len(set(ids)) != len(ids):
        raise Failure("rule ids are not unique and sorted")
    for rule in rules:
        shown = run(binary, "explain", rule["id"])
        text = shown.stdout.decode()
        if shown.returncode != 0 or "How to fix" not in text or "rules/" not in text:
            raise Failure("explain %s is incomplete" % rule["id"])


def test_gates(binary):
    with tempfile.TemporaryDirectory(prefix="prodready-e2e-") as temporary:
        with open(os.path.join(temporary, "main.py"), "w") as handle:
            handle.write("print('hello')\n")
        # No README: a high finding, so --fail-on high fails and --fail-on critical passes.
        failing = run(binary, "audit", temporary, "--fail-on", "high", "--format", "json")
        passing = run(binary, "audit", temporary, "--fail-on", "critical", "--format", "json")
        under = run(binary, "audit", temporary, "--fail-under", "100", "--format", "json")
        if failing.returncode != 1 or passing.returncode != 0 or under.returncode != 1:
            raise Failure("gate exit codes: fail-on high %d, fail-on critical %d, "
                          "fail-under 100 %d" % (failing.returncode, passing.returncode,
                                                 under.returncode))
        with open(os.path.join(temporary, ".prodready.yml"), "w") as handle:
            handle.write("fail_under: 100\nsurprise: 1\n")
        bad = run(binary, "audit", temporary)
        if bad.returncode != 2 or b".prodready.yml:2" not in bad.stderr:
            raise Failure("a bad config must exit 2 naming file:line, got %d %r"
                          % (bad.returncode, bad.stderr))


def run_in_terminal(binary, args, env):
    """Runs prodready with stdout and stderr on a pseudo-terminal; returns
    everything it printed."""
    import pty
    import select
    leader, follower = pty.openpty()
    environment = dict(os.environ)
    environment.pop("NO_COLOR", None)
    environment.update(env)
    process = subprocess.Popen([binary, *args], stdin=subprocess.DEVNULL, stdout=follower,
                               stderr=follower, env=environment, close_fds=True)
    os.close(follower)
    output = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process is done
            break
        if not chunk:
            break
        output += chunk
    process.wait(timeout=30)
    os.close(leader)
    return output


def test_colour_only_on_terminal_and_without_no_color(binary):
    fixture = os.path.join(FIXTURES, "docs-missing")
    on_terminal = run_in_terminal(binary, ["audit", fixture, "--no-save"], {})
    no_color = run_in_terminal(binary, ["audit", fixture, "--no-save"], {"NO_COLOR": "1"})
    piped = run(binary, "audit", fixture)
    if b"\x1b[" not in on_terminal:
        raise Failure("no colour on a terminal")
    if b"\x1b" in no_color:
        raise Failure("colour despite NO_COLOR")
    if b"\x1b" in piped.stdout or b"\x1b" in piped.stderr:
        raise Failure("colour when not on a terminal")
    if b"SCORE" not in no_color:
        raise Failure("the text report is missing its score line")


def test_secrets_redacted(binary):
    """No secret of the secrets-basic fixture appears in full in the JSON or
    the text report: each secret finding's message ends in "…(N)", and the N
    bytes at its line and column of the fixture file must appear nowhere;
    what is shown of a secret is at most its first 4 characters."""
    fixture = os.path.join(FIXTURES, "secrets-basic")
    with tempfile.TemporaryDirectory(prefix="prodready-e2e-") as temporary:
        copy = os.path.join(temporary, "secrets-basic")
        shutil.copytree(fixture, copy)
        report = audit_json(binary, copy)
        json_text = run(binary, "audit", copy, "--format", "json", "--no-progress").stdout
        text = run(binary, "audit", copy, "--no-progress").stdout
    secrets = []
    for finding in report["findings"]:
        message = finding["message"]
        if not finding["rule"].startswith("secrets.") or not message.endswith(")"):
            continue
        shown, _, length = message.rpartition(": ")[2].rpartition("\u2026(")
        length = int(length[:-1])
        if len(shown) > 4:
            raise Failure("%s shows %d characters of a secret" % (finding["rule"], len(shown)))
        with open(os.path.join(fixture, finding["file"]), "rb") as handle:
            line = handle.read().split(b"\n")[finding["line"] - 1]
        secret = line[finding["column"] - 1:finding["column"] - 1 + length]
        if len(secret) != length or not secret.startswith(shown.encode()):
            raise Failure("%s at %s:%d:%d does not point at the secret"
                          % (finding["rule"], finding["file"], finding["line"], finding["column"]))
        secrets.append(secret)
    if len(secrets) < 20:
        raise Failure("expected at least 20 redacted secrets, found %d" % len(secrets))
    for secret in secrets:
        if secret in json_text or secret in text:
            raise Failure("a secret appears in full in a report: %s…" % secret[:4].decode())


def test_bad_input_survives(binary):
    """Binary files, invalid UTF-8, a symlink loop and one out of the root."""
    with tempfile.TemporaryDirectory(prefix="prodready-e2e-") as temporary:
        root = os.path.join(temporary, "repo")
        os.mkdir(root)
        with open(os.path.join(root, "blob.bin"), "wb") as handle:
            handle.write(b"\x00\x01\x02" * 1000)
        with open(os.path.join(root, "latin1.py"), "wb") as handle:
            handle.write(b"# caf\xe9\nname = '\xff\xfe'\n")
        with open(os.path.join(root, "README.md"), "wb") as handle:
            handle.write(b"# Title \xc3\x28\n\n## Installation\n")
        os.symlink(".", os.path.join(root, "loop"))
        os.symlink("/etc", os.path.join(root, "outside"))
        report = audit_json(binary, root)
        if report["target"]["skipped"]["binary"] != 1:
            raise Failure("binary file not skipped: %r" % report["target"]["skipped"])
        files = report["target"]["files"]
        if files != 2:
            raise Failure("expected 2 audited files, got %d" % files)


SHARED_SCHEMAS = [os.environ.get("PRODREADY_SCHEMAS", ""),
                  os.path.join(os.path.dirname(ROOT), "shared", "schemas")]


def official_schema(name):
    """The official schema from ../shared/schemas (or $PRODREADY_SCHEMAS), or
    None when this machine has no copy (its licence keeps it out of the repo)."""
    for directory in SHARED_SCHEMAS:
        if directory and os.path.exists(os.path.join(directory, name)):
            with open(os.path.join(directory, name)) as handle:
                return json.load(handle)
    return None


def test_sarif_report(binary):
    """--format sarif: valid against the official SARIF 2.1.0 schema, one run,
    each rule once with its ruleIndex, and the same findings and fingerprints
    as the JSON report."""
    fixture = os.path.join(FIXTURES, "secrets-basic")
    result = run(binary, "audit", fixture, "--format", "sarif", "--no-progress")
    if result.returncode not in (0, 1):
        raise Failure("audit exited %d: %s" % (result.returncode, result.stderr.decode()[:300]))
    sarif = json.loads(result.stdout)
    schema = official_schema("sarif-schema-2.1.0.json")
    if schema is not None:
        if jsonschema is None:
            raise Failure("python3-jsonschema is not installed")
        errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(sarif),
                        key=lambda e: list(e.path))
        if errors:
            raise Failure("SARIF invalid at %s: %s" % ("/".join(map(str, errors[0].path)),
                                                       errors[0].message))
    else:
        print("note: official SARIF schema not found; structural checks only")
    if sarif.get("version") != "2.1.0" or len(sarif.get("runs", [])) != 1:
        raise Failure("expected version 2.1.0 and exactly one run")
    run_object = sarif["runs"][0]
    rules = run_object["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    if len(ids) != len(set(ids)) or ids != sorted(ids):
        raise Failure("rules are duplicated or unsorted")
    report = audit_json(binary, fixture)
    expected = sorted((f["rule"], f["file"] or ".", f["line"], f["fingerprint"])
                      for f in report["findings"])
    actual = []
    for item in run_object["results"]:
        if ids[item["ruleIndex"]] != item["ruleId"]:
            raise Failure("ruleIndex of %s points at %s" % (item["ruleId"], ids[item["ruleIndex"]]))
        location = item["locations"][0]["physicalLocation"]
        if location["artifactLocation"].get("uriBaseId") != "%SRCROOT%":
            raise Failure("result without uriBaseId %SRCROOT%")
        actual.append((item["ruleId"], location["artifactLocation"]["uri"],
                       location.get("region", {}).get("startLine"),
                       item["partialFingerprints"]["prodready/v1"]))
    if sorted(actual) != expected:
        raise Failure("SARIF results differ from the JSON findings")
    for rule in rules:
        security = "security" in rule["properties"]["tags"]
        if security != ("security-severity" in rule["properties"]):
            raise Failure("%s: security-severity must be set exactly on security rules" % rule["id"])
        if not rule["help"]["text"] or not rule["shortDescription"]["text"]:
            raise Failure("%s: missing help or short description" % rule["id"])
    if "AKIA33RB6PVP5BN2PZCY" in result.stdout.decode():
        raise Failure("a secret appears in full in the SARIF report")
    # Suppressed findings are results with their suppression, so code
    # scanning shows them dismissed with the reason.
    inline = os.path.join(FIXTURES, "suppress-inline")
    sarif = json.loads(run(binary, "audit", inline, "--format", "sarif", "--quiet").stdout)
    report = audit_json(binary, inline, "--quiet")
    dismissed = sorted((r["ruleId"], r["suppressions"][0]["kind"], r["suppressions"][0].get(
        "justification")) for r in sarif["runs"][0]["results"] if "suppressions" in r)
    expected = sorted((f["rule"], "inSource" if f["suppression"]["kind"] == "inline"
                       else "external", f["suppression"]["reason"]) for f in report["suppressed"])
    if not expected or dismissed != expected:
        raise Failure("SARIF suppressions %r, expected %r" % (dismissed, expected))


def markdown_cells(row):
    """Splits a GFM table row on the '|' that are not backslash-escaped."""
    cells, current, escaped = [], "", False
    for character in row.strip()[1:-1]:
        if character == "|" and not escaped:
            cells.append(current)
            current = ""
        else:
            current += character
        escaped = character == "\\" and not escaped
    cells.append(current)
    return cells


def test_markdown_report(binary):
    """--format md: the sections a reader expects, one blocker row per critical
    finding, table rows that keep their column count whatever the audited
    text holds, no secret in full, and the same document on every run."""
    fixture = os.path.join(FIXTURES, "secrets-basic")
    first = run(binary, "audit", fixture, "--format", "md", "--no-progress")
    second = run(binary, "audit", fixture, "--format", "md", "--no-progress")
    if first.returncode not in (0, 1) or first.stdout != second.stdout:
        raise Failure("exit %d, or two runs differ" % first.returncode)
    text = first.stdout.decode()
    for heading in ("## Executive summary", "## Scores by category", "## Critical blockers",
                    "## Defect inventory", "## Findings and strengths by category",
                    "## Remediation plan", "## How this audit was done"):
        if heading not in text:
            raise Failure("missing section %r" % heading)
    report = audit_json(binary, fixture)
    critical = [f for f in report["findings"] if f["severity"] == "critical"]
    section = text.split("## Critical blockers", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and
            line.split("|")[1].strip().isdigit()]
    if len(rows) != min(len(critical), 25):
        raise Failure("%d blocker rows for %d critical findings" % (len(rows), len(critical)))
    for line in text.splitlines():
        if line.startswith("| ") and line.split("|")[1].strip().isdigit():
            width = len(markdown_cells(line))
            if width not in (3, 6, 7):
                raise Failure("a table row has %d cells: %s" % (width, line[:120]))
    if "AKIA33RB6PVP5BN2PZCY" in text:
        raise Failure("a secret appears in full in the Markdown report")


def fixture_check(case, check_id):
    report = FIXTURE_REPORTS.get(case)
    if report is None:
        raise Failure("no report of fixture %s (run without --filter)" % case)
    found = [c for c in report["checks"] if c["id"] == check_id]
    if len(found) != 1:
        raise Failure("%s: check %s appears %d times" % (case, check_id, len(found)))
    return found[0]


def test_config_environments_evidence(binary):
    """configuration.environments names every environment file it found as
    evidence (config-environments), and configuration.sources lists only
    application settings, not tool configuration (config-tool-configs)."""
    check = fixture_check("config-environments", "configuration.environments")
    evidence = sorted((e["file"], e["note"]) for e in check["evidence"])
    expected = [(".env.staging.example", "staging"), ("app/settings/dev.py", "development"),
                ("app/settings/production.py", "production"),
                ("appsettings.Production.json", "production"),
                ("charts/api/values-prod.yaml", "production"),
                ("deploy/overlays/prod/kustomization.yaml", "production"),
                ("infra/envs/staging/main.tf", "staging"),
                ("src/main/resources/application-prod.yml", "production")]
    if evidence != expected:
        raise Failure("environments evidence %r" % evidence)
    sources = fixture_check("config-tool-configs", "configuration.sources")
    listed = [(e["file"], e["line"], e["note"]) for e in sources["evidence"]]
    if listed != [("api/main.py", 5, "environment variables read in code"),
                  (".env.example", 1, "env files")]:
        raise Failure("tool configuration counted as a configuration source: %r" % listed)


def test_config_env_documented_sources(binary):
    """A placeholder-only .env documents variables, each on its line
    (config-placeholder-env); a Joi schema validated against process.env
    is read key by key, a request-body schema is not (config-joi-schema)."""
    check = fixture_check("config-placeholder-env", "configuration.env-documented")
    evidence = [(e["file"], e["line"], e["note"]) for e in check["evidence"]]
    if evidence != [(".env", 7, "POSTGRES_USER"), (".env", 8, "POSTGRES_PASSWORD"),
                    (".env", 5, "POSTGRES_SERVER"), (".env", 6, "POSTGRES_PORT")]:
        raise Failure("placeholder .env evidence %r" % evidence)
    report = FIXTURE_REPORTS.get("config-joi-schema")
    if report is None:
        raise Failure("no report of fixture config-joi-schema (run without --filter)")
    messages = [f["message"] for f in report["findings"]
                if f["rule"] == "config.env-example-incomplete"]
    if len(messages) != 1 or not messages[0].endswith(": NODE_ENV (src/config/config.js:8)"):
        raise Failure("schema keys not compared with .env.example: %r" % messages)
    validated = fixture_check("config-joi-schema", "configuration.validated")
    if [(e["file"], e["line"]) for e in validated["evidence"]] != [("src/config/config.js", 6)]:
        raise Failure("validation evidence %r" % validated["evidence"])


def test_api_spec_generated_by_framework(binary):
    """A FastAPI service (deps-python-app) has an OpenAPI document generated
    from its code: docs.api-spec passes citing the manifest line that
    declares FastAPI (pyproject.toml:8) and docs.no-api-spec is not raised;
    a service with neither a spec file nor such a framework still fails."""
    check = fixture_check("deps-python-app", "docs.api-spec")
    evidence = [(e["file"], e["line"]) for e in check["evidence"]]
    if check["status"] != "pass" or evidence != [("pyproject.toml", 8)]:
        raise Failure("generated API spec: %s %r" % (check["status"], evidence))
    report = FIXTURE_REPORTS.get("deps-python-app")
    if any(f["rule"] == "docs.no-api-spec" for f in report["findings"]):
        raise Failure("docs.no-api-spec raised for a FastAPI service")
    if fixture_check("docker-bad", "docs.api-spec")["status"] != "fail":
        raise Failure("docker-bad has no API spec and no generator, yet the check passed")


def test_integration_kind_from_http_test_client(binary):
    """A test that drives the app through an HTTP test client (Flask's
    test_client here) is an integration test, cited at its line; tests that
    call functions directly (testing-python) are unit tests only."""
    check = fixture_check("testing-coverage-script", "testing.integration-tests")
    evidence = [(e["file"], e["line"]) for e in check["evidence"]]
    if check["status"] != "pass" or evidence != [("tests/test_main.py", 5)]:
        raise Failure("test_client integration: %s %r" % (check["status"], evidence))
    if fixture_check("testing-python", "testing.integration-tests")["status"] != "fail":
        raise Failure("testing-python has unit tests only, yet integration tests were found")


def test_junit_results_found_in_tree(binary):
    """A committed Surefire report is read without --junit (exact totals), a
    JUnit-named file of another format is passed over silently, and an
    untracked target/surefire-reports/ (ignored by git) is still read."""
    report = FIXTURE_REPORTS.get("testing-junit-found")
    if report is None:
        raise Failure("no report of fixture testing-junit-found (run without --filter)")
    expected = {"tests": 5, "failures": 1, "errors": 1, "skipped": 1, "time": 0.125,
                "sources": ["target/surefire-reports/TEST-com.example.PricingTest.xml"]}
    results = report["metrics"]["tests"]["results"]
    if results != expected:
        raise Failure("committed results %r" % results)
    if report["warnings"]:
        raise Failure("warnings %r" % report["warnings"])
    with tempfile.TemporaryDirectory(prefix="prodready-e2e-") as temporary:
        copy = os.path.join(temporary, "ignored")
        shutil.copytree(os.path.join(FIXTURES, "testing-junit-found"), copy)
        with open(os.path.join(copy, ".gitignore"), "w") as handle:
            handle.write("target/\n")
        git(copy, "init", "-q")
        git(copy, "add", "-A")
        git(copy, "commit", "-q", "-m", "fixture")
        ignored = audit_json(binary, copy)["metrics"]["tests"]["results"]
        if ignored != expected:
            raise Failure("results under an ignored target/ %r" % ignored)
        # Named with --junit as well: still counted once.
        junit = os.path.join(copy, "target", "surefire-reports",
                             "TEST-com.example.PricingTest.xml")
        twice = audit_json(binary, copy, "--junit", junit)["metrics"]["tests"]["results"]
        if twice["tests"] != 5:
            raise Failure("a file named with --junit and found in the tree counted twice: %r"
                          % twice)


def test_junit_report(binary):
    """--format junit: well-formed XML; one testcase per check and per rule
    that ran; a rule's testcase fails exactly when it has findings, and its
    failure lists every one; counts add up; no secret in full."""
    import xml.etree.ElementTree as ElementTree
    fixture = os.path.join(FIXTURES, "secrets-basic")
    result = run(binary, "audit", fixture, "--format", "junit", "--no-progress")
    if result.returncode not in (0, 1):
        raise Failure("audit exited %d" % result.returncode)
    root = ElementTree.fromstring(result.stdout)
    report = audit_json(binary, fixture)
    rules = json.loads(run(binary, "rules", "--format", "json").stdout)
    ran = {r["id"] for r in rules if report["target"]["kind"] in r["kinds"]}
    cases = root.findall("./testsuite/testcase")
    names = [case.get("name").split(":")[0] for case in cases]
    expected = sorted(["check " + c["id"] for c in report["checks"]] + ["rule " + r for r in ran])
    if sorted(names) != expected:
        raise Failure("testcases differ from the checks and rules that ran")
    with_findings = {}
    for finding in report["findings"]:
        with_findings.setdefault(finding["rule"], []).append(finding)
    for case in cases:
        kind, _, rest = case.get("name").partition(" ")
        if kind != "rule":
            continue
        rule = rest.split(":")[0]
        failure = case.find("failure")
        if (failure is not None) != (rule in with_findings):
            raise Failure("%s: failure element does not match its findings" % rule)
        for finding in with_findings.get(rule, []):
            where = finding["file"] or "repository"
            if finding["line"]:
                where += ":%d" % finding["line"]
            if where not in failure.text:
                raise Failure("%s: finding %s missing from the failure" % (rule, where))
    failures = sum(1 for case in cases if case.find("failure") is not None)
    if int(root.get("tests")) != len(cases) or int(root.get("failures")) != failures:
        raise Failure("testsuites counts do not add up")
    if b"AKIA33RB6PVP5BN2PZCY" in result.stdout:
        raise Failure("a secret appears in full in the JUnit report")
    # Control characters and invalid UTF-8 on a finding's line must still
    # give well-formed XML (and a Markdown table that holds together).
    with tempfile.TemporaryDirectory(prefix="prodready-e2e-") as temporary:
        with open(os.path.join(temporary, "app.py"), "wb") as handle:
            handle.write(b'TOKEN = "ghp_KGpOyQNcdOyZbkBFTFoOxtzHq8STZHE6svi3" # \x01\x1b[31m \xff\xfe ]]> <x>\n')
        for format in ("junit", "md", "sarif"):
            output = run(binary, "audit", temporary, "--format", format, "--no-progress")
            if output.returncode not in (0, 1):
                raise Failure("%s on hostile text exited %d" % (format, output.returncode))
            if format == "junit":
                ElementTree.fromstring(output.stdout)
            elif format == "sarif":
                json.loads(output.stdout)


def test_suppressed_findings(binary):
    """suppress-inline: what the prodready:ignore comments and the config's
    rules.ignore suppressed is listed under "suppressed" with where and why,
    counts in no category, and the text report gives the count; unknown ids
    and malformed markers are warnings with file:line."""
    report = FIXTURE_REPORTS.get("suppress-inline")
    if report is None:
        raise Failure("no report of the suppress-inline fixture (run without --filter)")
    suppressed = {(f["rule"], f["file"], f["line"], f["suppression"]["kind"],
                   f["suppression"]["line"], f["suppression"]["reason"])
                  for f in report["suppressed"]}
    expected = {
        ("docs.no-codeowners", None, None, "config", 10,
         "a single maintainer reviews every change"),
        ("secrets.github-token", "app/settings.py", 2, "inline", 2, "revoked test token"),
        ("secrets.aws-access-key-id", "app/settings.py", 4, "inline", 3,
         "sample values the integration tests expect"),
        ("secrets.gitlab-token", "config/ci.yml", 4, "inline", 3, None),
        ("secrets.github-token", "docs/example.md", 4, "inline", 3, "documentation sample"),
    }
    if suppressed != expected:
        raise Failure("suppressed: missing %r, unexpected %r"
                      % (sorted(expected - suppressed, key=str),
                         sorted(suppressed - expected, key=str)))
    if any(f["suppression"]["kind"] == "config" and f["suppression"]["file"] != ".prodready.yml"
           for f in report["suppressed"]):
        raise Failure("a config suppression must name .prodready.yml")
    fingerprints = {f["fingerprint"] for f in report["findings"]}
    if any(f["fingerprint"] in fingerprints for f in report["suppressed"]):
        raise Failure("a suppressed finding is also listed as a finding")
    security = [c for c in report["categories"] if c["id"] == "security"][0]
    if security["findings"] != 5:
        raise Failure("security counts %d findings, expected the 5 not suppressed"
                      % security["findings"])
    severities = {f["rule"]: f["severity"] for f in report["findings"]}
    if severities.get("docs.no-architecture") != "info":
        raise Failure("rules.severity did not lower docs.no-architecture to info")
    warnings = report["warnings"]
    for needle in ("app/settings.py:7: prodready:ignore names unknown rule "
                   "'secrets.aws-acces-key-id'; did you mean secrets.aws-access-key-id?",
                   "app/settings.py:8: malformed prodready:ignore"):
        if not any(needle in warning for warning in warnings):
            raise Failure("no warning %r in %r" % (needle, warnings))
    with tempfile.TemporaryDirectory(prefix="prodready-e2e-") as temporary:
        copy = os.path.join(temporary, "suppress-inline")
        shutil.copytree(os.path.join(FIXTURES, "suppress-inline"), copy)
        text = run(binary, "audit", copy, "--no-progress")
    if b"5 suppressed findings" not in text.stdout:
        raise Failure("the text report does not give the count of suppressed findings")
    if b"app/settings.py:7: prodready:ignore names unknown rule" not in text.stderr:
        raise Failure("the unknown rule id is not a warning on stderr")


NEW_GITLAB_TOKEN = "glpat-Qm4TzR8vXw2LpN6sKd3H"  # made up, in GitLab's documented format


def test_baseline_round_trip(binary):
    """audit -> JSON baseline; lines shift and one secret is added; audit
    with --baseline: only the new finding counts for --fail-on, the others
    are marked baseline (fingerprints survive the moved lines)."""
    with tempfile.TemporaryDirectory(prefix="prodready-e2e-") as temporary:
        copy = os.path.join(temporary, "repo")
        shutil.copytree(os.path.join(FIXTURES, "suppress-inline"), copy)
        baseline = os.path.join(temporary, "baseline.json")
        first = run(binary, "audit", copy, "--format", "json", "--output", baseline,
                    "--no-progress")
        if first.returncode != 0:
            raise Failure("the first audit exited %d" % first.returncode)
        before = json.load(open(baseline))
        unchanged = run(binary, "audit", copy, "--baseline", baseline, "--fail-on", "critical",
                        "--format", "json", "--no-progress")
        if unchanged.returncode != 0:
            raise Failure("nothing new, yet --fail-on critical with the baseline exited %d"
                          % unchanged.returncode)
        report = json.loads(unchanged.stdout)
        if report["baseline"]["new"] != 0 or report["baseline"]["fixed"] != 0:
            raise Failure("unchanged tree: baseline summary %r" % report["baseline"])

        settings = os.path.join(copy, "app", "settings.py")
        with open(settings) as handle:
            lines = handle.read()
        with open(settings, "w") as handle:
            handle.write("# a comment that moves every line down\n\n" + lines)
        with open(os.path.join(copy, "config", "ci.yml"), "a") as handle:
            handle.write("  release_token: %s\n" % NEW_GITLAB_TOKEN)

        changed = run(binary, "audit", copy, "--baseline", baseline, "--fail-on", "critical",
                      "--format", "json", "--no-progress")
        if changed.returncode != 1:
            raise Failure("a new critical finding must fail --fail-on critical, got exit %d"
                          % changed.returncode)
        if b"1 new finding(s)" not in changed.stderr:
            raise Failure("the gate message does not count new findings: %r" % changed.stderr)
        report = json.loads(changed.stdout)
        validate(report)
        new = [(f["rule"], f["file"], f["line"]) for f in report["findings"] if not f["baseline"]]
        if new != [("secrets.gitlab-token", "config/ci.yml", 6)]:
            raise Failure("expected only the added token to be new, got %r" % new)
        known = len(report["findings"]) - 1
        if report["baseline"] != {"file": baseline, "new": 1, "known": known, "fixed": 0}:
            raise Failure("baseline summary %r" % report["baseline"])
        if known != len(before["findings"]):
            raise Failure("%d known findings, the baseline has %d" % (known,
                                                                      len(before["findings"])))
        # Without --fail-on a baseline still fails on a new finding (low or worse).
        default = run(binary, "audit", copy, "--baseline", baseline, "--no-progress")
        if default.returncode != 1:
            raise Failure("--baseline without --fail-on: exit %d, expected 1" % default.returncode)
        if b"1 new" not in default.stdout or b"[baseline]" not in default.stdout:
            raise Failure("the text report does not mark baseline findings and the new count")
        # Removing the file with the new token leaves only known findings:
        # the gate passes and the file's known finding counts as fixed.
        os.remove(os.path.join(copy, "config", "ci.yml"))
        fixed = run(binary, "audit", copy, "--baseline", baseline, "--fail-on", "low",
                    "--format", "json", "--no-progress")
        if fixed.returncode != 0:
            raise Failure("only known findings left, yet --fail-on low exited %d"
                          % fixed.returncode)
        if json.loads(fixed.stdout)["baseline"]["fixed"] != 1:
            raise Failure("removing the file's known finding is not counted as fixed")


def test_baseline_errors(binary):
    with tempfile.TemporaryDirectory(prefix="prodready-e2e-") as temporary:
        missing = os.path.join(temporary, "missing.json")
        expect_usage_error(binary, ["audit", temporary, "--baseline", missing],
                           "cannot read the baseline")
        not_json = os.path.join(temporary, "report.txt")
        with open(not_json, "w") as handle:
            handle.write("SCORE 58/100\n")
        expect_usage_error(binary, ["audit", temporary, "--baseline", not_json], "is not JSON")
        other = os.path.join(temporary, "other.json")
        with open(other, "w") as handle:
            handle.write('{"version": 2, "runs": []}\n')
        expect_usage_error(binary, ["audit", temporary, "--baseline", other],
                           "is not a prodready report")
        expect_usage_error(binary, ["audit", temporary, "--baseline"], "--baseline needs")


def test_config_rule_settings_errors(binary):
    """rules: and exclude: are validated strictly, each problem with file:line."""
    with tempfile.TemporaryDirectory(prefix="prodready-e2e-") as temporary:
        with open(os.path.join(temporary, ".prodready.yml"), "w") as handle:
            handle.write("rules:\n  disable: [docs.no-adrr]\n  ignore:\n"
                         "    - rule: docs.no-readme\n")
        bad = run(binary, "audit", temporary)
        stderr = bad.stderr.decode()
        if bad.returncode != 2 or ".prodready.yml:2: unknown rule 'docs.no-adrr'; did you " \
                                  "mean docs.no-adr?" not in stderr \
                or ".prodready.yml:4: rules.ignore: the entry needs a reason" not in stderr:
            raise Failure("bad rules: settings: exit %d, %r" % (bad.returncode, stderr))


def git_output(directory, *args):
    return subprocess.run(["git", *args], cwd=directory, check=True, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL).stdout.decode().strip()


def test_history_scan(binary):
    """--history reports secrets that past commits added and later removed,
    once per secret (the oldest commit), with the commit's sha, author and
    date; a secret still in the tree is reported by the normal scan only.
    Without --history the history check says it was not checked."""
    token = "ghp_KGpOyQNcdOyZbkBFTFoOxtzHq8STZHE6svi3"  # made up (rules/secrets.yml)
    aws = "AKIA33RB6PVP5BN2PZCY"  # made up (rules/secrets.yml)
    with tempfile.TemporaryDirectory(prefix="prodready-e2e-") as repo:
        def write(path, text):
            os.makedirs(os.path.dirname(os.path.join(repo, path)) or repo, exist_ok=True)
            with open(os.path.join(repo, path), "w") as handle:
                handle.write(text)

        def commit(message):
            git(repo, "add", "-A")
            git(repo, "commit", "-q", "-m", message)
            return git_output(repo, "rev-parse", "HEAD")

        git(repo, "init", "-q")
        write("app.py", "import os\nGITHUB_TOKEN = \"%s\"\n" % token)
        first = commit("add app")
        write("deploy.sh", "#!/bin/sh\nexport AWS_ACCESS_KEY_ID=%s\n" % aws)
        write(".env", "PORT=8000\nSIGNING_KEY=\"Qm9vbGVhbkZha2VTZWNyZXQ4Mw\"\n")
        second = commit("add deploy script and env")
        write("app.py", "import os\nGITHUB_TOKEN = os.environ[\"GITHUB_TOKEN\"]\n")
        os.remove(os.path.join(repo, ".env"))
        commit("read the token from the environment")
        # The same token again in a later commit: still one finding, the oldest.
        write("old/copy.py", "\n\nTOKEN = \"%s\"\n" % token)
        commit("copy")
        os.remove(os.path.join(repo, "old", "copy.py"))
        commit("remove the copy")

        plain = audit_json(binary, repo)
        report = audit_json(binary, repo, "--history")
        author = git_output(repo, "log", "-1", "--format=%an <%ae>", first)

    statuses = {c["id"]: c["status"] for c in plain["checks"]}
    if statuses.get("security.no-secrets-in-history") != "not-checked":
        raise Failure("without --history the history check is %s, not not-checked"
                      % statuses.get("security.no-secrets-in-history"))
    if any("commit" in f for f in plain["findings"]):
        raise Failure("a finding has a commit without --history")

    historic = sorted((f["rule"], f["file"], f["line"], f["commit"]["sha"])
                      for f in report["findings"] if "commit" in f)
    expected = sorted([("secrets.github-token", "app.py", 2, first),
                       ("secrets.file-env", ".env", 2, second)])
    if historic != expected:
        raise Failure("history findings %s, expected %s" % (historic, expected))
    for finding in report["findings"]:
        if "commit" not in finding:
            continue
        commit_info = finding["commit"]
        if commit_info["short"] != commit_info["sha"][:12] or not commit_info["date"].endswith("Z"):
            raise Failure("bad commit fields: %s" % commit_info)
        if finding["rule"] == "secrets.github-token" and commit_info["author"] != author:
            raise Failure("author %r, expected %r" % (commit_info["author"], author))
        if token in json.dumps(finding):
            raise Failure("the history finding prints the token in full")
    current = [(f["rule"], f["file"], f["line"]) for f in report["findings"] if "commit" not in f
               and f["rule"].startswith("secrets.")]
    if ("secrets.aws-access-key-id", "deploy.sh", 2) not in current:
        raise Failure("the secret still in the tree is not reported by the normal scan: %s"
                      % current)
    statuses = {c["id"]: c["status"] for c in report["checks"]}
    if statuses.get("security.no-secrets-in-history") != "fail":
        raise Failure("with --history the history check is %s, not fail"
                      % statuses.get("security.no-secrets-in-history"))
def make_repository(directory, files):
    os.makedirs(directory, exist_ok=True)
    for name, text in files.items():
        path = os.path.join(directory, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as handle:
            handle.write(text)
    git(directory, "init", "-q")
    git(directory, "add", "-A")
    git(directory, "commit", "-q", "-m", "state")


def test_coverage_from_test_script(binary):
    """`coverage run` in the shell script the tests run through
    (testing-coverage-script/scripts/test.sh:4) is the evidence that coverage
    is measured, cited with its line."""
    report = audit_json(binary, os.path.join(FIXTURES, "testing-coverage-script"))
    check = [c for c in report["checks"] if c["id"] == "testing.coverage-measured"][0]
    if check["status"] != "pass" or \
            {"file": "scripts/test.sh", "line": 4, "note": "coverage.py"} not in check["evidence"]:
        raise Failure("coverage-measured: %r" % check)


def test_diff_targets(binary):
    """Fixing the only critical finding makes the target "no critical
    findings" newly met in `diff` (text, JSON, Markdown); the reverse diff
    reports it as no longer met."""
    with tempfile.TemporaryDirectory(prefix="prodready-e2e-") as temporary:
        repo = os.path.join(temporary, "repo")
        make_repository(repo, {"README.md": "# svc\n", "app.py":
                               'TOKEN = "ghp_KGpOyQNcdOyZbkBFTFoOxtzHq8STZHE6svi3"\n'})
        reports = [audit_json(binary, repo)]
        with open(os.path.join(repo, "app.py"), "w") as handle:
            handle.write('import os\nTOKEN = os.environ["TOKEN"]\n')
        git(repo, "commit", "-q", "-am", "fix")
        reports.append(audit_json(binary, repo))
        statuses = [{t["id"]: t["status"] for t in report["targets"]} for report in reports]
        if statuses[0].get("findings.critical") != "unmet" or \
                statuses[1].get("findings.critical") != "met":
            raise Failure("fixture does not flip findings.critical: %r" % statuses)
        expected = sorted(i for i in statuses[1] if statuses[1][i] == "met" and
                          statuses[0].get(i, "not-checked") != "met")
        files = []
        for index, report in enumerate(reports):
            path = os.path.join(temporary, "report%d.json" % index)
            with open(path, "w") as handle:
                json.dump(report, handle)
            files.append(path)
        forward = json.loads(run(binary, "diff", files[0], files[1], "--format", "json").stdout)
        if sorted(t["id"] for t in forward["targets_newly_met"]) != expected or \
                forward["targets_no_longer_met"]:
            raise Failure("targets newly met %r, expected %r" % (forward["targets_newly_met"],
                                                                 expected))
        critical = [t for t in forward["targets_newly_met"] if t["id"] == "findings.critical"][0]
        if (critical["old_status"], critical["new_status"]) != ("unmet", "met") or \
                critical["old_actual"] != "1" or critical["new_actual"] != "0":
            raise Failure("findings.critical change %r" % critical)
        backward = json.loads(run(binary, "diff", files[1], files[0], "--format", "json").stdout)
        if sorted(t["id"] for t in backward["targets_no_longer_met"]) != expected or \
                backward["targets_newly_met"]:
            raise Failure("reverse diff: %r" % backward["targets_no_longer_met"])
        text = run(binary, "diff", files[0], files[1]).stdout.decode()
        markdown = run(binary, "diff", files[0], files[1], "--format", "md").stdout.decode()
        if "Targets newly met (%d)" % len(expected) not in text or \
                "no critical findings: unmet (1) -> met (0)" not in text:
            raise Failure("text diff lacks the targets:\n" + text)
        if "### Targets newly met (%d)" % len(expected) not in markdown:
            raise Failure("Markdown diff lacks the targets:\n" + markdown)


def test_history_and_diff(binary):
    """Two audits are stored; `history` lists both; `diff` of the two stored
    audits equals the diff of their JSON reports and names exactly the new
    and fixed fingerprints; --no-save stores nothing; .prodready ignores
    itself in git."""
    with tempfile.TemporaryDirectory(prefix="prodready-e2e-") as temporary:
        repo = os.path.join(temporary, "repo")
        make_repository(repo, {"README.md": "# svc\n", "app.py":
                               'TOKEN = "ghp_KGpOyQNcdOyZbkBFTFoOxtzHq8STZHE6svi3"\n'})
        first = audit_json(binary, repo, save=True)
        with open(os.path.join(repo, "app.py"), "w") as handle:
            handle.write('KEY = "AKIA33RB6PVP5BN2PZCY"\n')
        git(repo, "commit", "-q", "-am", "change")
        second = audit_json(binary, repo, save=True)
        audit_json(binary, repo, "--no-save", save=True)
        status = subprocess.run(["git", "status", "--porcelain"], cwd=repo,
                                stdout=subprocess.PIPE, check=True).stdout
        if status.strip():
            raise Failure("the history database shows in git status: %r" % status)
        listed = json.loads(run(binary, "history", repo, "--format", "json").stdout)
        if [entry["score"] for entry in listed] != [first["score"], second["score"]]:
            raise Failure("history lists %r" % listed)
        old_prints = sorted(f["fingerprint"] for f in first["findings"])
        new_prints = sorted(f["fingerprint"] for f in second["findings"])
        expected_new = sorted(set(new_prints) - set(old_prints))
        expected_fixed = sorted(set(old_prints) - set(new_prints))
        database = os.path.join(repo, ".prodready", "history.db")
        stored = run(binary, "diff", "--db", database, "--format", "json")
        if stored.returncode != 0:
            raise Failure("diff exited %d: %s" % (stored.returncode, stored.stderr.decode()))
        diff = json.loads(stored.stdout)
        if sorted(f["fingerprint"] for f in diff["new_findings"]) != expected_new or \
                sorted(f["fingerprint"] for f in diff["fixed_findings"]) != expected_fixed:
            raise Failure("diff new/fixed differ from the reports' fingerprints")
        if diff["score_delta"] != second["score"] - first["score"]:
            raise Failure("score delta %r" % diff["score_delta"])
        files = []
        for index, report in enumerate((first, second)):
            path = os.path.join(temporary, "report%d.json" % index)
            with open(path, "w") as handle:
                json.dump(report, handle)
            files.append(path)
        from_files = json.loads(run(binary, "diff", files[0], files[1], "--format", "json").stdout)
        for key in ("new_findings", "fixed_findings", "unchanged", "score_delta", "categories"):
            if from_files[key] != diff[key]:
                raise Failure("diff of files and of stored audits differ in %s" % key)
        if run(binary, "diff", files[0], files[1], "--fail-on-new").returncode != 1:
            raise Failure("--fail-on-new must exit 1 when there are new findings")
        if "AKIA33RB6PVP5BN2PZCY" in run(binary, "diff", "--db", database, "--format",
                                         "md").stdout.decode():
            raise Failure("a secret appears in full in the diff")
        expect_usage_error(binary, ["diff", files[0], os.path.join(repo, "app.py")], "app.py")
        expect_usage_error(binary, ["history", temporary], "history")
        with open(os.path.join(temporary, "garbage.db"), "wb") as handle:
            handle.write(b"not a database" * 100)
        result = run(binary, "audit", repo, "--db", os.path.join(temporary, "garbage.db"),
                     "--format", "json", "--no-progress")
        if result.returncode != 0 or b"not saved" not in result.stderr:
            raise Failure("an unusable database must warn, not fail the audit")


def test_history_survives_kill(binary):
    """A process killed while saving never leaves a corrupt database or half
    an audit: kill -9 at many points of the save, then check integrity and
    that every stored audit is complete."""
    import random
    import signal
    import sqlite3
    import time
    with tempfile.TemporaryDirectory(prefix="prodready-e2e-") as temporary:
        repo = os.path.join(temporary, "repo")
        # Enough findings that the save takes a while: one key per line.
        rng = random.Random(7)
        lines = ['KEY_%d = "AKIA%s"' % (i, "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
                                                 for _ in range(16))) for i in range(6000)]
        make_repository(repo, {"keys.py": "\n".join(lines) + "\n"})
        database = os.path.join(temporary, "history.db")
        environment = dict(os.environ, PRODREADY_STORE_TRACE="1")
        during_save = 0
        for attempt in range(25):
            process = subprocess.Popen([binary, "audit", repo, "--db", database, "--quiet",
                                        "--format", "json", "--output", os.devnull],
                                       env=environment, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.PIPE)
            # Wait for the save to begin, then kill at a random moment of it.
            line = process.stderr.readline()
            if line.startswith(b"store: begin"):
                time.sleep(rng.random() * 0.08)
                process.send_signal(signal.SIGKILL)
            rest = process.communicate()[1]
            if line.startswith(b"store: begin") and b"store: commit" not in rest:
                during_save += 1
        if during_save < 5:
            raise Failure("only %d kills landed inside the save; the test proves nothing"
                          % during_save)
        connection = sqlite3.connect(database)
        try:
            if connection.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise Failure("integrity_check failed")
            for audit_id, count in connection.execute("SELECT id, finding_count FROM audits"):
                stored = connection.execute("SELECT COUNT(*) FROM findings WHERE audit_id = ?",
                                            (audit_id,)).fetchone()[0]
                categories = connection.execute(
                    "SELECT COUNT(*) FROM category_scores WHERE audit_id = ?",
                    (audit_id,)).fetchone()[0]
                if stored != count or categories != 13:
                    raise Failure("audit %d is incomplete: %d of %d findings, %d categories"
                                  % (audit_id, stored, count, categories))
        finally:
            connection.close()
        # And the database still takes new audits.
        if run(binary, "audit", repo, "--db", database, "--quiet", "--format", "json",
               "--output", os.devnull).returncode != 0:
            raise Failure("the database does not take an audit after the kills")


def chromium_dom(path, fragment=""):
    """The DOM of an HTML file after its scripts ran, from Debian's headless
    Chromium (the e2e dependency scripts/install-deps.sh --test installs)."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        raise Failure("chromium is not installed (scripts/install-deps.sh --test installs it)")
    result = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                             "--dump-dom", "file://" + path + fragment],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=120)
    return result.stdout.decode()


def visible_findings(dom):
    import re
    rows = re.findall(r'<tr class="finding"[^>]*>', dom)
    return [row for row in rows if " hidden" not in row]


def test_html_report(binary):
    """--format html: self-contained (no network loads), secrets redacted; in
    headless Chromium every finding is a row, the severity/category/search
    filters (driven by the URL fragment) show exactly the matching rows, and
    a screenshot is not blank."""
    import re
    fixture = os.path.join(FIXTURES, "secrets-basic")
    with tempfile.TemporaryDirectory(prefix="prodready-e2e-") as temporary:
        page = os.path.join(temporary, "report.html")
        result = run(binary, "audit", fixture, "--format", "html", "--output", page,
                     "--no-progress")
        if result.returncode not in (0, 1):
            raise Failure("audit exited %d" % result.returncode)
        with open(page, encoding="utf-8") as handle:
            text = handle.read()
        if re.search(r'<(script|img|link|iframe)[^>]+(src|href)=', text) or "@import" in text \
                or "url(http" in text:
            raise Failure("the page loads something from outside itself")
        if "AKIA33RB6PVP5BN2PZCY" in text:
            raise Failure("a secret appears in full in the HTML report")
        report = audit_json(binary, fixture)
        findings = report["findings"]
        dom = chromium_dom(page)
        if len(visible_findings(dom)) != len(findings):
            raise Failure("%d rows shown for %d findings" % (len(visible_findings(dom)),
                                                             len(findings)))
        critical = sum(1 for f in findings if f["severity"] == "critical")
        dom = chromium_dom(page, "#severity=critical")
        if len(visible_findings(dom)) != critical or \
                "%d of %d findings shown" % (critical, len(findings)) not in dom:
            raise Failure("severity filter: %d rows for %d critical findings"
                          % (len(visible_findings(dom)), critical))
        expected = sum(1 for f in findings if f["rule"].startswith("docs.")
                       and "readme" in (f["rule"] + " " + f["message"]).lower())
        dom = chromium_dom(page, "#category=documentation&q=readme")
        if len(visible_findings(dom)) != expected or expected == 0:
            raise Failure("category+search filter: %d rows, expected %d"
                          % (len(visible_findings(dom)), expected))
        browser = shutil.which("chromium") or shutil.which("chromium-browser")
        shot = os.path.join(temporary, "shot.png")
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                        "--hide-scrollbars", "--window-size=1280,1600", "--screenshot=" + shot,
                        "file://" + page], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=120)
        try:
            from PIL import Image
        except ImportError:
            raise Failure("python3-pil is not installed (scripts/install-deps.sh --test)")
        with Image.open(shot) as image:
            colors = image.convert("RGB").getcolors(maxcolors=1 << 20) or []
        if len(colors) < 50:
            raise Failure("the screenshot looks blank (%d colours)" % len(colors))


def test_secrets_command(binary):
    """`prodready secrets FILE...` (the pre-commit hook): exit 1 with one
    redacted line per secret, 0 on clean or no files, 2 on an unreadable
    file; binary files skipped; the JSON list matches the audit's secrets."""
    fixture = os.path.join(FIXTURES, "secrets-basic")
    settings = os.path.join(fixture, "app", "settings.py")
    result = run(binary, "secrets", settings)
    if result.returncode != 1 or b"AKIA33RB6PVP5BN2PZCY" in result.stdout:
        raise Failure("secrets on a file with secrets: exit %d" % result.returncode)
    listed = json.loads(run(binary, "secrets", "--format", "json", settings).stdout)
    report = audit_json(binary, fixture)
    expected = sorted((f["rule"], f["line"]) for f in report["findings"]
                      if f["file"] == "app/settings.py" and f["rule"].startswith("secrets."))
    if sorted((item["rule"], item["line"]) for item in listed) != expected:
        raise Failure("secrets lists %r, the audit %r" % (listed, expected))
    if len(result.stdout.decode().strip().splitlines()) != len(expected):
        raise Failure("one line per secret expected")
    # A directory: every file as an audit lists it, secret rules only, paths
    # shown under the directory as given.
    tree = json.loads(run(binary, "secrets", "--format", "json", "--jobs", "2", fixture).stdout)
    audited = sorted((os.path.join(fixture, f["file"]), f["line"], f["rule"])
                     for f in report["findings"] if f["rule"].startswith("secrets."))
    if sorted((item["file"], item["line"], item["rule"]) for item in tree) != audited:
        raise Failure("secrets DIR and the audit disagree")
    with tempfile.TemporaryDirectory(prefix="prodready-e2e-") as temporary:
        clean = os.path.join(temporary, "clean.py")
        blob = os.path.join(temporary, "blob.bin")
        with open(clean, "w") as handle:
            handle.write("token = os.environ['GITHUB_TOKEN']\n")
        with open(blob, "wb") as handle:
            handle.write(b"\0ghp_KGpOyQNcdOyZbkBFTFoOxtzHq8STZHE6svi3\n")
        if run(binary, "secrets", clean, blob).returncode != 0:
            raise Failure("a clean file and a binary one must pass")
        if run(binary, "secrets").returncode != 0:
            raise Failure("no files must pass")
        missing = run(binary, "secrets", os.path.join(temporary, "nope.py"))
        if missing.returncode != 2 or b"nope.py" not in missing.stderr:
            raise Failure("an unreadable file must exit 2 naming it")


def test_secret_files_too_large(binary):
    """A Terraform state or keystore over --max-file-size is never read but
    still reported by its name, with no line."""
    with tempfile.TemporaryDirectory(prefix="prodready-e2e-") as repo:
        with open(os.path.join(repo, "prod.tfstate"), "w") as handle:
            handle.write('{\n  "version": 4,\n  "terraform_version": "1.6.2",\n  "x": "%s"\n}\n'
                         % ("a" * 4096))
        with open(os.path.join(repo, "release.jks"), "wb") as handle:
            handle.write(b"\xfe\xed\xfe\xed" + b"\x00" * 4096)
        with open(os.path.join(repo, "small.tfstate"), "w") as handle:
            handle.write('{\n  "version": 4,\n  "terraform_version": "1.6.2"\n}\n')
        report = audit_json(binary, repo, "--max-file-size", "1k")
    found = sorted((f["rule"], f["file"], f["line"]) for f in report["findings"]
                   if f["rule"].startswith("secrets.file-"))
    expected = [("secrets.file-keystore", "release.jks", None),
                ("secrets.file-terraform-state", "prod.tfstate", None),
                ("secrets.file-terraform-state", "small.tfstate", 3)]
    if found != expected:
        raise Failure("findings %s, expected %s" % (found, expected))
    if report["target"]["skipped"]["too_large"] != 2:
        raise Failure("too_large %s, expected 2" % report["target"]["skipped"]["too_large"])


def test_output_dir_several_formats(binary):
    """--format md,html,sarif,json,junit,text --output-dir DIR writes one file
    per format from the same audit; several formats without --output-dir and
    repeated or unknown formats are usage errors."""
    import xml.etree.ElementTree as ElementTree
    fixture = os.path.join(FIXTURES, "docker-bad")
    with tempfile.TemporaryDirectory(prefix="prodready-e2e-") as temporary:
        out = os.path.join(temporary, "reports")
        result = run(binary, "audit", fixture, "--format", "md,html,sarif,json,junit,text",
                     "--output-dir", out, "--no-progress")
        if result.returncode != 0:
            raise Failure("exit %d: %s" % (result.returncode, result.stderr.decode()))
        names = sorted(os.listdir(out))
        expected = sorted(["prodready.md", "prodready.html", "prodready.sarif", "prodready.json",
                           "prodready-junit.xml", "prodready.txt"])
        if names != expected:
            raise Failure("wrote %r" % names)
        with open(os.path.join(out, "prodready.json")) as handle:
            report = json.load(handle)
        validate(report)
        with open(os.path.join(out, "prodready.sarif")) as handle:
            sarif = json.load(handle)
        if len(sarif["runs"][0]["results"]) != len(report["findings"]):
            raise Failure("the SARIF and JSON files disagree")
        ElementTree.parse(os.path.join(out, "prodready-junit.xml"))
        with open(os.path.join(out, "prodready.txt"), "rb") as handle:
            if b"\x1b[" in handle.read():
                raise Failure("colour codes in a text report written to a file")
    expect_usage_error(binary, ["audit", fixture, "--format", "md,html"], "--output-dir")
    expect_usage_error(binary, ["audit", fixture, "--format", "md,md", "--output-dir", "x"],
                       "repeated")
    expect_usage_error(binary, ["audit", fixture, "--format", "md,pdf", "--output-dir", "x"],
                       "pdf")


USER_PACK = """pack: acme
rules:
  - id: acme.internal-token
    category: security
    severity: high
    effort_minutes: 30
    title: ACME internal service token committed
    pattern: '\\bACME-[A-Z0-9]{20}\\b'
    why: Internal tokens open the ACME back office.
    fix: Rotate the token in the ACME vault and load it from the environment.
    references: [https://wiki.acme.invalid/tokens]
    examples: ['token = "ACME-AB12CD34EF56GH78IJ90"']
    counter_examples: ['token = "ACME-short"']
"""

BAD_PACKS = {
    "typo.yml": ("pack: typo\nrules:\n  - id: typo.rule\n    category: securty\n"
                 "    severity: high\n    effort_minutes: 5\n    title: x\n    why: y\n"
                 "    fix: z\n    references: [https://x.invalid]\n", "typo.yml:4"),
    "backref.yml": ("pack: backref\nrules:\n  - id: backref.repeat\n    category: security\n"
                    "    severity: low\n    effort_minutes: 5\n    title: t\n"
                    "    pattern: '(\\w+) \\1'\n    why: y\n    fix: z\n"
                    "    references: [https://x.invalid]\n    examples: ['the the']\n"
                    "    counter_examples: ['the cat']\n", "backref.yml:3: backref.repeat"),
    "dup.yml": ("pack: dup\nrules:\n  - id: secrets.github-token\n    category: security\n"
                "    severity: low\n    effort_minutes: 5\n    title: t\n    why: y\n"
                "    fix: z\n    references: [https://x.invalid]\n", "dup.yml:3"),
    "silent.yml": ("pack: silent\nrules:\n  - id: silent.never\n    category: security\n"
                   "    severity: low\n    effort_minutes: 5\n    title: t\n"
                   "    pattern: 'NEVERMATCHES[0-9]{4}'\n    why: y\n    fix: z\n"
                   "    references: [https://x.invalid]\n    examples: ['nothing here']\n"
                   "    counter_examples: ['still nothing']\n", "silent.yml:3: silent.never"),
}


def test_user_rule_packs(binary):
    """--rules FILE: a user's pack runs like a built-in one (finding on the
    exact line); an invalid pack, a pattern vectorscan cannot compile, a
    rule id already taken and an example that does not fire each skip their
    pack with a warning naming file and line, and the audit goes on."""
    with tempfile.TemporaryDirectory(prefix="prodready-e2e-") as temporary:
        repo = os.path.join(temporary, "repo")
        os.mkdir(repo)
        with open(os.path.join(repo, "app.py"), "w") as handle:
            handle.write('x = 1\nsvc_token = "ACME-AB12CD34EF56GH78IJ90"\n')
        arguments = []
        for name, text in [("acme.yml", USER_PACK)] + [(n, t) for n, (t, _) in BAD_PACKS.items()]:
            path = os.path.join(temporary, name)
            with open(path, "w") as handle:
                handle.write(text)
            arguments += ["--rules", path]
        result = run(binary, "audit", repo, "--format", "json", "--no-progress", *arguments)
        if result.returncode != 0:
            raise Failure("exit %d: %s" % (result.returncode, result.stderr.decode()))
        report = json.loads(result.stdout)
        validate(report)
        found = [(f["rule"], f["file"], f["line"]) for f in report["findings"]
                 if f["rule"].startswith(("acme.", "backref.", "typo.", "silent.", "secrets."))]
        if found != [("acme.internal-token", "app.py", 2)]:
            raise Failure("findings %r" % found)
        if "ACME-AB12CD34EF56GH78IJ90" in result.stdout.decode():
            raise Failure("the user rule's secret appears in full")
        stderr = result.stderr.decode()
        for name, (_, needle) in BAD_PACKS.items():
            if needle not in stderr:
                raise Failure("no warning %r for %s in %r" % (needle, name, stderr))
        if stderr.count("pack skipped") != len(BAD_PACKS):
            raise Failure("expected %d skipped packs: %r" % (len(BAD_PACKS), stderr))


def test_config_weights_plan_and_packs(binary):
    """.prodready.yml: rule_packs (relative to the file) load before `rules:`
    is read, so a user rule can be re-rated there; weights change the overall
    score (0 leaves a category out); plan sets capacity, team and rate; bad
    values are file:line errors."""
    with tempfile.TemporaryDirectory(prefix="prodready-e2e-") as temporary:
        repo = os.path.join(temporary, "repo")
        os.makedirs(os.path.join(repo, "packs"))
        with open(os.path.join(repo, "packs", "acme.yml"), "w") as handle:
            handle.write(USER_PACK)
        with open(os.path.join(repo, "app.py"), "w") as handle:
            handle.write('x = 1\nsvc_token = "ACME-AB12CD34EF56GH78IJ90"\n')
        with open(os.path.join(repo, ".prodready.yml"), "w") as handle:
            handle.write("rule_packs: [packs/acme.yml]\nweights:\n  security: 5\n"
                         "  documentation: 0\nplan:\n  capacity_hours: 10\n  team: 2\n"
                         "  hourly_rate: 80\nrules:\n  severity:\n"
                         "    acme.internal-token: critical\ngrades:\n  A: 97\n  B: 93\n")
        report = audit_json(binary, repo)
        token = [f for f in report["findings"] if f["file"] == "app.py"
                 and f["rule"] == "acme.internal-token"]
        if len(token) != 1 or token[0]["severity"] != "critical" or token[0]["line"] != 2:
            raise Failure("the pack's rule, re-rated by the config: %r" % token)
        scores = {c["id"]: (c["score"], c["applicable"]) for c in report["categories"]}
        weights = {"security": 5, "dependencies": 2, "ci": 2, "testing": 2}
        total = weight_sum = 0
        for category, (score, applicable) in scores.items():
            if not applicable or category == "documentation":
                continue
            weight = weights.get(category, 1)
            total += weight * score
            weight_sum += weight
        if report["score"] != int(total / weight_sum + 0.5):
            raise Failure("score %d, expected %d from the weights" % (report["score"],
                                                                     int(total / weight_sum + 0.5)))
        bands = [(97, "A"), (93, "B"), (70, "C"), (60, "D"), (0, "F")]
        for scored in [report] + report["categories"]:
            if scored.get("score") is None:
                continue
            expected = [grade for bound, grade in bands if scored["score"] >= bound][0]
            if scored["grade"] != expected:
                raise Failure("score %d graded %s with grades A: 97, B: 93" % (scored["score"],
                                                                            scored["grade"]))
        plan = report["plan"]
        if (plan["capacity_hours_per_week"], plan["team"], plan["hourly_rate"]) != (10, 2, 80):
            raise Failure("plan settings not taken from the config: %r" % plan)
        with open(os.path.join(repo, ".prodready.yml"), "w") as handle:
            handle.write("weights:\n  securty: 5\nplan:\n  team: 1.5\n")
        result = run(binary, "audit", repo, "--no-progress")
        errors = result.stderr.decode()
        if result.returncode != 2 or ".prodready.yml:2: weights: unknown category 'securty'" \
                not in errors or ".prodready.yml:4: plan.team" not in errors:
            raise Failure("bad config: exit %d, %r" % (result.returncode, errors))


def test_init_and_config_check(binary):
    """`prodready init` writes a starter config that changes nothing (every
    setting commented out) and refuses to overwrite; every setting in it,
    uncommented, is valid for `config --check` except the example rule pack,
    which does not exist and is reported; a bad value is FILE:LINE."""
    import re
    with tempfile.TemporaryDirectory(prefix="prodready-e2e-") as temporary:
        if run(binary, "init", temporary).returncode != 0:
            raise Failure("init failed")
        path = os.path.join(temporary, ".prodready.yml")
        check = run(binary, "config", "--check", path)
        if check.returncode != 0:
            raise Failure("the starter config is not valid: %s" % check.stderr.decode())
        again = run(binary, "init", temporary)
        if again.returncode != 2 or b"exists" not in again.stderr:
            raise Failure("init overwrote an existing config")
        with open(path) as handle:
            lines = handle.read().splitlines()
        # Settings are the commented lines that start with a key or an indent.
        uncommented = [line[2:] if re.match(r"^# ([a-z_]+:|  )", line) else line
                       for line in lines]
        with open(path, "w") as handle:
            handle.write("\n".join(uncommented) + "\n")
        check = run(binary, "config", "--check", path)
        errors = check.stderr.decode()
        if check.returncode != 2 or "trading-safety.yml" not in errors or \
                "pack skipped" not in errors:
            raise Failure("uncommented starter: exit %d, %r" % (check.returncode, errors))
        uncommented = [line for line in uncommented if not line.startswith("rule_packs:")]
        with open(path, "w") as handle:
            handle.write("\n".join(uncommented) + "\n")
        check = run(binary, "config", "--check", path)
        if check.returncode != 0:
            raise Failure("every starter setting, uncommented, must be valid: %s"
                          % check.stderr.decode())
        jobs_line = uncommented.index("jobs: 4") + 1
        uncommented[jobs_line - 1] = "jobs: many"
        with open(path, "w") as handle:
            handle.write("\n".join(uncommented) + "\n")
        check = run(binary, "config", "--check", path)
        if check.returncode != 2 or (".prodready.yml:%d: jobs" % jobs_line) \
                not in check.stderr.decode():
            raise Failure("a bad value must be FILE:LINE: %r" % check.stderr.decode())


def test_trading_safety_example_pack(binary):
    """docs/examples/trading-safety.yml loads as a user pack (its own examples
    checked on load) and finds what it describes on the exact lines."""
    pack = os.path.join(ROOT, "docs", "examples", "trading-safety.yml")
    with tempfile.TemporaryDirectory(prefix="prodready-e2e-") as temporary:
        os.makedirs(os.path.join(temporary, "bot"))
        with open(os.path.join(temporary, "bot", "engine.py"), "w") as handle:
            handle.write('import ccxt\n\nexchange = ccxt.binance({"enableRateLimit": False})\n'
                         'LIVE_TRADING = True\n\n\ndef buy(symbol, amount):\n'
                         '    return exchange.create_market_buy_order(symbol, amount)\n')
        result = run(binary, "audit", temporary, "--rules", pack, "--format", "json",
                     "--no-progress")
        if result.returncode != 0 or result.stderr.strip():
            raise Failure("exit %d: %s" % (result.returncode, result.stderr.decode()))
        found = sorted((f["rule"], f["file"], f["line"]) for f in json.loads(result.stdout)
                       ["findings"] if f["rule"].startswith("trading."))
        expected = [("trading.live-by-default", "bot/engine.py", 4),
                    ("trading.order-placement", "bot/engine.py", 8),
                    ("trading.rate-limit-disabled", "bot/engine.py", 3)]
        if found != expected:
            raise Failure("found %r" % found)


def test_targets(binary):
    """Success criteria: the defaults without a config; the config's
    `targets:` met/unmet/not-checked with what was measured; the
    --fail-on-targets gate; bad targets are FILE:LINE errors."""
    with tempfile.TemporaryDirectory(prefix="prodready-e2e-") as temporary:
        repo = os.path.join(temporary, "docker-bad")
        shutil.copytree(os.path.join(FIXTURES, "docker-bad"), repo)
        report = audit_json(binary, repo)
        ids = [t["id"] for t in report["targets"]]
        if ids != ["score", "category.security", "findings.critical", "coverage"]:
            raise Failure("default targets %r" % ids)
        with open(os.path.join(repo, ".prodready.yml"), "w") as handle:
            handle.write("targets:\n  categories: {container: 50}\n  max_findings: {medium: 0}\n"
                         "  checks: [container.dockerignore, no.such]\n")
        report = audit_json(binary, repo)
        got = {t["id"]: (t["status"], t["actual"]) for t in report["targets"]}
        container = [c["score"] for c in report["categories"] if c["id"] == "container"][0]
        medium = sum(1 for f in report["findings"] if f["severity"] == "medium")
        expected = {
            "category.container": ("met" if container >= 50 else "unmet", str(container)),
            "findings.medium": ("met" if medium == 0 else "unmet", str(medium)),
            "check.container.dockerignore": ("unmet", "fail"),
            "check.no.such": ("not-checked", "no such check"),
        }
        if got != expected:
            raise Failure("targets %r, expected %r" % (got, expected))
        gate = run(binary, "audit", repo, "--fail-on-targets", "--quiet", "--format", "json")
        if gate.returncode != 1:
            raise Failure("--fail-on-targets with unmet targets exited %d" % gate.returncode)
        with open(os.path.join(repo, ".prodready.yml"), "w") as handle:
            handle.write("targets:\n  score: 120\n")
        bad = run(binary, "audit", repo, "--no-progress")
        if bad.returncode != 2 or b".prodready.yml:2: targets.score" not in bad.stderr:
            raise Failure("bad target: exit %d %r" % (bad.returncode, bad.stderr))


def test_too_large_files(binary):
    """A file over --max-file-size is not audited but is still searched for
    secrets, streamed in chunks (exact line), and still counts as present
    for the checks: a big package-lock.json is a lockfile."""
    with tempfile.TemporaryDirectory(prefix="prodready-e2e-") as repo:
        with open(os.path.join(repo, "dump.sql"), "w") as handle:
            for number in range(4000):
                handle.write("INSERT INTO t VALUES (%d, 'row data');\n" % number)
            handle.write('-- token = "ghp_KGpOyQNcdOyZbkBFTFoOxtzHq8STZHE6svi3"\n')
        with open(os.path.join(repo, "package.json"), "w") as handle:
            handle.write('{"name": "x", "dependencies": {"left-pad": "1.3.0"}}\n')
        with open(os.path.join(repo, "package-lock.json"), "w") as handle:
            json.dump({"name": "x", "lockfileVersion": 3, "packages": {
                "node_modules/p%d" % i: {"version": "1.0.%d" % i} for i in range(3000)}},
                handle, indent=2)
        report = audit_json(binary, repo, "--max-file-size", "64k")
    if report["target"]["skipped"]["too_large"] != 2:
        raise Failure("too_large %r" % report["target"]["skipped"])
    secrets = [(f["rule"], f["file"], f["line"]) for f in report["findings"]
               if f["rule"].startswith("secrets.")]
    if secrets != [("secrets.github-token", "dump.sql", 4001)]:
        raise Failure("streamed secrets %r" % secrets)
    lockfile = [c["status"] for c in report["checks"] if c["id"] == "dependencies.lockfile"]
    if lockfile != ["pass"]:
        raise Failure("a too-large package-lock.json must still count: %r" % lockfile)



GOLDEN = os.path.join(ROOT, "tests", "golden")
GOLDEN_CASES = ("docs-partial", "docker-bad", "secrets-basic")
GOLDEN_FORMATS = {"text": "txt", "json": "json", "md": "md", "html": "html", "sarif": "sarif",
                  "junit": "xml"}


def golden_output(binary, case, format):
    """The report of a fixture in one format, made comparable across runs:
    audited without git (no commit id), as '.', with the clock-dependent
    parts (JSON timing, the text report's duration) removed."""
    with tempfile.TemporaryDirectory(prefix="prodready-golden-") as temporary:
        copy = os.path.join(temporary, case)
        # A history database left in the fixture by a hand-run audit would
        # add a trend chart: golden files must not depend on the checkout.
        shutil.copytree(os.path.join(FIXTURES, case), copy,
                        ignore=shutil.ignore_patterns(".prodready"))
        result = run(binary, "audit", ".", "--format", format, "--no-progress", "--quiet",
                     cwd=copy)
    if result.returncode not in (0, 1):
        raise Failure("%s %s: exit %d" % (case, format, result.returncode))
    text = result.stdout.decode()
    if format == "json":
        report = json.loads(text)
        report.pop("timing", None)
        text = json.dumps(report, indent=2, sort_keys=False) + "\n"
    elif format == "text":
        text = "".join(line for line in text.splitlines(True) if "audit took" not in line)
    return text


def test_golden_reports(binary):
    """Every format's report of a few fixtures, byte for byte, against the
    files in tests/golden/ (stable output: a change to a report shows up in
    review). PRODREADY_UPDATE_GOLDEN=1 rewrites them after an intended change."""
    update = os.environ.get("PRODREADY_UPDATE_GOLDEN") == "1"
    problems = []
    for case in GOLDEN_CASES:
        for format, extension in sorted(GOLDEN_FORMATS.items()):
            text = golden_output(binary, case, format)
            path = os.path.join(GOLDEN, "%s.%s" % (case, extension))
            if update:
                os.makedirs(GOLDEN, exist_ok=True)
                with open(path, "w") as handle:
                    handle.write(text)
                continue
            if not os.path.exists(path):
                problems.append("missing %s" % os.path.relpath(path, ROOT))
                continue
            with open(path) as handle:
                expected = handle.read()
            if expected != text:
                first = next(i for i, (a, b) in enumerate(zip(expected.splitlines() + [""],
                                                              text.splitlines() + [""]))
                             if a != b)
                problems.append("%s differs from line %d (PRODREADY_UPDATE_GOLDEN=1 after an "
                                "intended change)" % (os.path.relpath(path, ROOT), first + 1))
    if problems:
        raise Failure("; ".join(problems))

OSV_FIXTURE = os.path.join(FIXTURES, "deps-vulnerable")
OSV_EXPECTED = {
    ("requirements.txt", 1, "GHSA-2099-reqs-0001"),
    ("requirements.txt", 4, "GHSA-2099-pyym-0005"),
    ("package.json", 7, "GHSA-2099-mini-0006"),
    ("package-lock.json", 15, "GHSA-2099-lodh-0004"),
    ("package-lock.json", 18, "GHSA-2099-mini-0006"),
}


def osv_fixture_copy(temporary, config=False):
    """The deps-vulnerable fixture without its advisories and (unless asked)
    its .prodready.yml, so --advisories alone decides what is loaded."""
    copy = os.path.join(temporary, "repo")
    shutil.copytree(OSV_FIXTURE, copy, ignore=shutil.ignore_patterns(
        "osv", *([] if config else [".prodready.yml"])))
    return copy


def osv_findings(report):
    found = set()
    for finding in report["findings"]:
        if finding["rule"] == "deps.known-vulnerability":
            words = finding["message"].split()
            found.add((finding["file"], finding["line"], words[words.index("by") + 1].rstrip(":")))
    return found


def osv_check(report):
    return next(c for c in report["checks"] if c["id"] == "dependencies.known-vulnerabilities")


def test_advisories_fixtures_match_osv_schema(binary):
    """The fixture advisories are valid OSV (../shared/schemas/osv-schema.json)."""
    schema = official_schema("osv-schema.json")
    if schema is None:
        print("     (osv-schema.json not found: fixture advisories not validated)")
        return
    if jsonschema is None:
        raise Failure("python3-jsonschema is not installed")
    validator = jsonschema.validators.validator_for(schema)(schema)
    problems, count = [], 0
    for directory, _, names in os.walk(os.path.join(OSV_FIXTURE, "osv")):
        for name in sorted(names):
            count += 1
            with open(os.path.join(directory, name)) as handle:
                errors = list(validator.iter_errors(json.load(handle)))
            if errors:
                problems.append("%s: %s" % (name, errors[0].message))
    if count < 5 or problems:
        raise Failure("%d advisories; %s" % (count, "; ".join(problems)))


def test_advisories_directory_and_zip(binary):
    """--advisories with a directory, then with an all.zip built from the same
    files, then the zip inside a directory: the same findings, ids in the JSON
    report, severities from the advisories."""
    with tempfile.TemporaryDirectory(prefix="prodready-e2e-") as temporary:
        repo = osv_fixture_copy(temporary)
        advisories = os.path.join(OSV_FIXTURE, "osv")
        by_directory = audit_json(binary, repo, "--advisories", advisories)
        found = osv_findings(by_directory)
        if found != OSV_EXPECTED:
            raise Failure("directory export: got %s" % sorted(found))
        severities = {f["file"] + ":" + str(f["line"]): f["severity"]
                      for f in by_directory["findings"] if f["rule"] == "deps.known-vulnerability"}
        if severities["requirements.txt:4"] != "critical" or severities["requirements.txt:1"] != "high" \
                or severities["package.json:7"] != "medium":
            raise Failure("severities: %s" % severities)
        check = osv_check(by_directory)
        if check["status"] != "fail" or "against 7 advisories" not in check["summary"]:
            raise Failure("check: %s" % check)
        if "CVE-2099-0001" not in json.dumps(by_directory["findings"]):
            raise Failure("the aliases are not in the JSON report")

        # all.zip as osv.dev publishes it: flat, one JSON file per advisory.
        import zipfile
        archive = os.path.join(temporary, "all.zip")
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as handle:
            for directory, _, names in os.walk(advisories):
                for name in sorted(names):
                    handle.write(os.path.join(directory, name), name)
        by_zip = audit_json(binary, repo, "--advisories", archive)
        if osv_findings(by_zip) != OSV_EXPECTED:
            raise Failure("zip export: got %s" % sorted(osv_findings(by_zip)))
        nested = os.path.join(temporary, "exports")
        os.mkdir(nested)
        shutil.move(archive, os.path.join(nested, "PyPI-and-npm.zip"))
        if osv_findings(audit_json(binary, repo, "--advisories", nested)) != OSV_EXPECTED:
            raise Failure("a zip inside a directory was not read")

        # Without the advisories that hit, the check passes with its evidence.
        clean = os.path.join(temporary, "clean")
        os.mkdir(clean)
        shutil.copy(os.path.join(advisories, "pypi", "GHSA-2099-ulib-0002.json"), clean)
        check = osv_check(audit_json(binary, repo, "--advisories", clean))
        if check["status"] != "pass" or "checked against 1 advisory from" not in check["summary"] \
                or "none affected" not in check["summary"]:
            raise Failure("clean export: %s" % check)
        # An export without a single advisory checks nothing.
        empty = os.path.join(temporary, "empty")
        os.mkdir(empty)
        check = osv_check(audit_json(binary, repo, "--advisories", empty))
        if check["status"] != "not-checked" or "no OSV advisory found" not in check["summary"]:
            raise Failure("empty export: %s" % check)


def test_advisories_not_checked(binary):
    """No --advisories: the check says "not checked" in JSON and text, never
    that there are none; a missing export is a usage error."""
    with tempfile.TemporaryDirectory(prefix="prodready-e2e-") as temporary:
        repo = osv_fixture_copy(temporary)
        report = audit_json(binary, repo)
        check = osv_check(report)
        wanted = "known vulnerabilities: not checked (no --advisories given)"
        if check["status"] != "not-checked" or check["summary"] != wanted:
            raise Failure("JSON check: %s" % check)
        if osv_findings(report):
            raise Failure("findings without advisories")
        text = run(binary, "audit", repo, "--no-progress").stdout.decode()
        if wanted not in text:
            raise Failure("the text report does not say: " + wanted)
        markdown = run(binary, "audit", repo, "--no-progress", "--format", "md").stdout.decode()
        if wanted not in markdown:
            raise Failure("the Markdown report does not say: " + wanted)
        missing = run(binary, "audit", repo, "--advisories", os.path.join(temporary, "none"))
        if missing.returncode != 2 or b"cannot read the advisories" not in missing.stderr:
            raise Failure("missing export: exit %d, %s" % (missing.returncode, missing.stderr))


def test_advisories_config_and_malformed(binary):
    """advisories: in the config (relative to it); a broken advisory file is a
    warning naming it, and the audit goes on with the others."""
    with tempfile.TemporaryDirectory(prefix="prodready-e2e-") as temporary:
        repo = osv_fixture_copy(temporary, config=True)
        shutil.copytree(os.path.join(OSV_FIXTURE, "osv"), os.path.join(repo, "osv"))
        with open(os.path.join(repo, "osv", "pypi", "PYSEC-2099-9.json"), "w") as handle:
            handle.write('{"id": "PYSEC-2099-9", "affected": [{"package": {"name": "requests"')
        result = run(binary, "audit", repo, "--format", "json", "--no-progress")
        if result.returncode not in (0, 1):
            raise Failure("audit exited %d: %s" % (result.returncode, result.stderr[:300]))
        report = json.loads(result.stdout)
        validate(report)
        if osv_findings(report) != OSV_EXPECTED:
            raise Failure("findings: %s" % sorted(osv_findings(report)))
        stderr = result.stderr.decode()
        if "PYSEC-2099-9.json:1: not valid JSON" not in stderr:
            raise Failure("no warning naming the broken file: %s" % stderr[:500])
        if not any("PYSEC-2099-9.json" in w for w in report["warnings"]):
            raise Failure("the JSON report's warnings do not name the broken file")


def test_dependencies_direct_and_go_versions(binary):
    """A lockfile entry is direct when the manifest beside it declares it
    (poetry.lock and yarn.lock do not say); go.mod versions are exact
    (pseudo-versions and +incompatible too), so they are pins and are looked
    up in the advisories; a replaced module has no exact version."""
    files = {
        "api/pyproject.toml": '[tool.poetry]\nname = "api"\n\n[tool.poetry.dependencies]\n'
                              'python = "^3.11"\nFastAPI = "^0.109.1"\n',
        "api/poetry.lock": '[[package]]\nname = "fastapi"\nversion = "0.109.2"\n\n'
                           '[[package]]\nname = "starlette"\nversion = "0.36.3"\n',
        "package.json": '{"name": "web", "dependencies": {"validator": "^13.0.0"}}\n',
        "yarn.lock": '# yarn lockfile v1\n\n\nvalidator@^13.0.0:\n  version "13.6.0"\n\n'
                     'ms@2.1.2:\n  version "2.1.2"\n',
        "svc/go.mod": "module example.com/svc\n\ngo 1.22\n\nrequire (\n"
                      "\tgithub.com/gin-gonic/gin v1.4.0\n"
                      "\tgithub.com/dgrijalva/jwt-go v3.1.0+incompatible\n"
                      "\tgolang.org/x/sys v0.0.0-20190412213103-97732733099d // indirect\n"
                      "\texample.com/forked v1.0.0\n)\n\n"
                      "replace example.com/forked => ../forked\n",
        "svc/go.sum": "",
        "other/go.mod": "module example.com/other\n\nrequire github.com/gin-gonic/gin v1.9.1\n",
        "other/go.sum": "",
    }
    advisory = {"schema_version": "1.6.0", "id": "GO-2099-0001", "modified": "2099-01-01T00:00:00Z",
                "summary": "Fixture: jwt-go audience check bypass",
                "affected": [{"package": {"ecosystem": "Go", "name": "github.com/dgrijalva/jwt-go"},
                              "ranges": [{"type": "SEMVER", "events": [
                                  {"introduced": "0"}, {"fixed": "4.0.0-preview1"}]}]}]}
    with tempfile.TemporaryDirectory(prefix="prodready-e2e-") as temporary:
        repo = os.path.join(temporary, "repo")
        for name, text in files.items():
            os.makedirs(os.path.dirname(os.path.join(repo, name)), exist_ok=True)
            with open(os.path.join(repo, name), "w") as handle:
                handle.write(text)
        osv = os.path.join(temporary, "osv")
        os.makedirs(osv)
        with open(os.path.join(osv, "GO-2099-0001.json"), "w") as handle:
            json.dump(advisory, handle)
        report = audit_json(binary, repo, "--advisories", osv)
    got = sorted((d["file"], d["line"], d["name"], d["version"], d["direct"])
                 for d in report["dependencies"])
    expected = sorted([
        ("api/pyproject.toml", 6, "FastAPI", None, True),
        ("api/poetry.lock", 2, "fastapi", "0.109.2", True),
        ("api/poetry.lock", 6, "starlette", "0.36.3", False),
        ("package.json", 1, "validator", None, True),
        ("yarn.lock", 4, "validator", "13.6.0", True),
        ("yarn.lock", 7, "ms", "2.1.2", False),
        ("svc/go.mod", 6, "github.com/gin-gonic/gin", "v1.4.0", True),
        ("svc/go.mod", 7, "github.com/dgrijalva/jwt-go", "v3.1.0+incompatible", True),
        ("svc/go.mod", 8, "golang.org/x/sys", "v0.0.0-20190412213103-97732733099d", False),
        ("svc/go.mod", 9, "example.com/forked", None, True),
        ("other/go.mod", 3, "github.com/gin-gonic/gin", "v1.9.1", True),
    ])
    if got != expected:
        raise Failure("dependencies:\n  got      %s\n  expected %s" % (got, expected))
    findings = sorted((f["rule"], f["file"], f["line"]) for f in report["findings"]
                      if f["rule"] in ("deps.conflicting-pins", "deps.known-vulnerability"))
    if findings != [("deps.conflicting-pins", "svc/go.mod", 6),
                    ("deps.known-vulnerability", "svc/go.mod", 7)]:
        raise Failure("findings %r" % findings)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--filter", default="")
    options = parser.parse_args()
    binary = os.path.abspath(options.binary)

    tests = []
    for case in sorted(os.listdir(FIXTURES)) if os.path.isdir(FIXTURES) else []:
        if os.path.isdir(os.path.join(FIXTURES, case)):
            tests.append(("fixture " + case, lambda case=case: fixture_test(binary, case)))
    for name, function in sorted(globals().items()):
        if name.startswith("test_") and callable(function):
            tests.append((name, lambda function=function: function(binary)))

    passed = failed = 0
    for name, test in tests:
        if options.filter and options.filter not in name:
            continue
        try:
            test()
        except Failure as failure:
            failed += 1
            print("FAIL %s: %s" % (name, failure))
        except Exception as error:  # a crash in the harness is a failure too
            failed += 1
            print("FAIL %s: %s: %s" % (name, type(error).__name__, error))
        else:
            passed += 1
            print("ok   %s" % name)
    print("e2e: %d passed, %d failed" % (passed, failed))
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
