#!/usr/bin/python3
"""Generates a corpus with planted secrets and planted look-alikes, from a
fixed seed, for bench/secrets_recall.sh and the speed benchmarks.

Every planted value is made up here from the token format its provider
documents (prefix, alphabet, length); nothing is taken from any scanner's
rule file. Each planted secret and look-alike is written on its own line and
recorded in DIR/planted.tsv (kind, provider, file, line), so recall can be
measured line by line:

    secret      a credential in its documented format: must be found
    lookalike   text that resembles one (placeholders, providers' sample
                values, hashes, UUIDs, lockfile integrity hashes, base64
                images): must not be reported

Usage: bench/gen_secrets_corpus.py DIR [--files N] [--seed S] [--filler-lines L]
The files hold ordinary code and configuration around the planted lines
(filler), so the corpus also serves as a throughput benchmark.
"""
import argparse
import base64
import hashlib
import os
import random
import string
import uuid

ALNUM = string.ascii_letters + string.digits
UPPER_DIGITS = string.ascii_uppercase + string.digits
BASE32 = string.ascii_uppercase + "234567"
HEX = "0123456789abcdef"
URLSAFE = ALNUM + "-_"
B64 = ALNUM + "+/"


def rand(rng, alphabet, length):
    return "".join(rng.choice(alphabet) for _ in range(length))


def b64url(raw):
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


# ---- planted secrets: (provider, function(rng) -> value) --------------------
# Formats as each provider documents them; see docs of each provider.
def aws_key_id(rng):
    return "AKIA" + rand(rng, BASE32, 16)


def aws_secret(rng):
    return rand(rng, B64, 40)


def jwt(rng):
    header = b64url(b'{"alg":"HS256","typ":"JWT"}')
    payload = b64url(('{"sub":"%d","name":"%s","iat":%d}'
                      % (rng.randrange(10**6), rand(rng, string.ascii_lowercase, 8),
                         1600000000 + rng.randrange(10**8))).encode())
    return "%s.%s.%s" % (header, payload, b64url(bytes(rng.randrange(256) for _ in range(32))))


def private_key_block(rng, label):
    body = base64.b64encode(bytes(rng.randrange(256) for _ in range(600))).decode()
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return ["-----BEGIN %s-----" % label] + lines + ["-----END %s-----" % label]


SECRETS = [
    # provider, language, template (format with {v}), value generator
    ("aws-access-key-id", "py", 'AWS_ACCESS_KEY_ID = "{v}"', aws_key_id),
    ("aws-secret-access-key", "ini", "aws_secret_access_key = {v}", aws_secret),
    ("github-classic", "py", 'GITHUB_TOKEN = "{v}"', lambda r: "ghp_" + rand(r, ALNUM, 36)),
    ("github-oauth", "yaml", "oauth_token: {v}", lambda r: "gho_" + rand(r, ALNUM, 36)),
    ("github-fine-grained", "sh", "export GH_TOKEN={v}",
     lambda r: "github_pat_" + rand(r, ALNUM, 22) + "_" + rand(r, ALNUM, 59)),
    ("gitlab-pat", "yaml", "gitlab_token: {v}", lambda r: "glpat-" + rand(r, URLSAFE, 20)),
    ("slack-bot", "js", "const slackToken = '{v}';",
     lambda r: "xoxb-%d-%d-%s" % (r.randrange(10**11, 10**12), r.randrange(10**12, 10**13),
                                  rand(r, ALNUM, 24))),
    ("slack-webhook", "env", "SLACK_WEBHOOK_URL={v}",
     lambda r: "https://hooks.slack.com/services/T%s/B%s/%s"
     % (rand(r, UPPER_DIGITS, 8), rand(r, UPPER_DIGITS, 10), rand(r, ALNUM, 24))),
    ("stripe-live", "py", 'stripe.api_key = "{v}"', lambda r: "sk_live_" + rand(r, ALNUM, 24)),
    ("stripe-restricted", "env", "STRIPE_KEY={v}", lambda r: "rk_live_" + rand(r, ALNUM, 24)),
    ("openai-project", "env", "OPENAI_API_KEY={v}",
     lambda r: "sk-proj-" + rand(r, URLSAFE, 74) + "T3BlbkFJ" + rand(r, URLSAFE, 74)),
    ("anthropic", "py", 'client = Anthropic(api_key="{v}")',
     lambda r: "sk-ant-api03-" + rand(r, URLSAFE, 93) + "AA"),
    ("huggingface", "py", 'HF_TOKEN = "{v}"', lambda r: "hf_" + rand(r, string.ascii_letters, 34)),
    ("google-api-key", "js", "const mapsKey = \"{v}\";", lambda r: "AIza" + rand(r, URLSAFE, 35)),
    ("sendgrid", "env", "SENDGRID_API_KEY={v}",
     lambda r: "SG." + rand(r, URLSAFE, 22) + "." + rand(r, URLSAFE, 43)),
    ("telegram-bot", "py", 'TELEGRAM_BOT_TOKEN = "{v}"',
     lambda r: "%d:AA%s" % (r.randrange(10**9, 10**10), rand(r, URLSAFE, 33))),
    ("discord-webhook", "json", '  "webhook": "{v}",',
     lambda r: "https://discord.com/api/webhooks/%d/%s" % (r.randrange(10**17, 10**18),
                                                          rand(r, URLSAFE, 68))),
    ("npm", "npmrc-like", "//registry.npmjs.org/:_authToken={v}",
     lambda r: "npm_" + rand(r, ALNUM, 36)),
    ("pypi", "ini", "password = {v}",
     lambda r: "pypi-AgEIcHlwaS5vcmc" + rand(r, URLSAFE, 60)),
    ("dockerhub", "sh", "echo {v} | docker login -u deploy --password-stdin",
     lambda r: "dckr_pat_" + rand(r, URLSAFE, 27)),
    ("digitalocean", "env", "DIGITALOCEAN_TOKEN={v}", lambda r: "dop_v1_" + rand(r, HEX, 64)),
    ("shopify", "rb", "ShopifyAPI::Context.setup(api_key: \"{v}\")",
     lambda r: "shpat_" + rand(r, HEX, 32)),
    ("postgres-url", "env", "DATABASE_URL={v}",
     lambda r: "postgresql://app:%s@db.internal:5432/app" % rand(r, ALNUM, 20)),
    ("mongodb-srv", "js", "mongoose.connect('{v}');",
     lambda r: "mongodb+srv://svc:%s@cluster0.%s.mongodb.net/prod" % (rand(r, ALNUM, 18),
                                                                     rand(r, string.ascii_lowercase, 5))),
    ("redis-url", "py", 'REDIS_URL = "{v}"',
     lambda r: "redis://:%s@cache.internal:6379/0" % rand(r, ALNUM, 24)),
    ("jwt", "js", "const token = '{v}';", jwt),
    ("generic-password", "py", 'DB_PASSWORD = "{v}"', lambda r: rand(r, ALNUM + "!#%", 22)),
    ("generic-api-key", "yaml", "api_key: {v}", lambda r: rand(r, ALNUM, 32)),
    ("twilio-api-key", "py", 'TWILIO_API_KEY = "{v}"', lambda r: "SK" + rand(r, HEX, 32)),
    ("mailchimp", "py", 'MAILCHIMP_API_KEY = "{v}"',
     lambda r: rand(r, HEX, 32) + "-us%d" % r.randrange(1, 21)),
]

PRIVATE_KEYS = [("rsa-private-key", "RSA PRIVATE KEY"), ("openssh-private-key", "OPENSSH PRIVATE KEY"),
                ("ec-private-key", "EC PRIVATE KEY"), ("pkcs8-private-key", "PRIVATE KEY")]

# ---- look-alikes: must not be reported -------------------------------------
LOOKALIKES = [
    ("aws-documented-sample", "py", 'AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"'),
    ("aws-documented-sample-secret", "ini",
     "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
    ("placeholder-x", "py", 'GITHUB_TOKEN = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"'),
    ("placeholder-template", "yaml", "token: ${{ secrets.GITHUB_TOKEN }}"),
    ("placeholder-jinja", "yaml", "api_key: {{ vault_api_key }}"),
    ("placeholder-angle", "env", "OPENAI_API_KEY=<your-api-key>"),
    ("placeholder-env-ref", "py", 'DB_PASSWORD = os.environ["DB_PASSWORD"]'),
    ("placeholder-getenv", "js", "const key = process.env.STRIPE_SECRET_KEY;"),
    ("placeholder-changeme", "env", "ADMIN_PASSWORD=changeme"),
    ("placeholder-url", "env", "DATABASE_URL=postgresql://user:password@localhost:5432/app"),
    ("placeholder-dollar-url", "env", "DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app"),
]


def lookalike_values(rng):
    sha256 = hashlib.sha256(rand(rng, ALNUM, 16).encode()).hexdigest()
    sha1 = hashlib.sha1(rand(rng, ALNUM, 16).encode()).hexdigest()
    integrity = "sha512-" + base64.b64encode(hashlib.sha512(rand(rng, ALNUM, 16).encode()).digest()).decode()
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(60))).decode()
    return [
        ("sha256-hash", "py", 'EXPECTED_SHA256 = "%s"' % sha256),
        ("git-sha", "yaml", "    - uses: actions/checkout@%s" % sha1),
        ("uuid", "json", '  "request_id": "%s",' % uuid.UUID(int=rng.getrandbits(128))),
        ("lockfile-integrity", "json", '      "integrity": "%s",' % integrity),
        ("base64-image", "css", ".logo { background: url(data:image/png;base64,%s); }" % png),
        ("commit-hash-var", "py", 'COMMIT = "%s"' % sha1),
    ]


FILLER = {
    "py": ["import os", "def handler(event, context):", "    result = compute(event)",
           "    return {\"status\": 200, \"body\": result}", "# keep the retry budget small",
           "class Repository:", "    def __init__(self, session):", "        self.session = session"],
    "js": ["const express = require('express');", "function route(req, res) {",
           "  res.json({ ok: true });", "}", "// cache the lookup", "module.exports = { route };"],
    "yaml": ["service:", "  name: api", "  replicas: 2", "  ports:", "    - 8080", "# defaults"],
    "json": ["{", '  "name": "app",', '  "version": "1.0.0",', '  "private": true,', "}"],
    "env": ["LOG_LEVEL=info", "PORT=8080", "# local settings", "WORKERS=4"],
    "ini": ["[default]", "region = eu-west-1", "output = json", "; profile"],
    "sh": ["#!/bin/sh", "set -eu", "echo building", "make -j4", "# deploy step"],
    "rb": ["require 'json'", "class Worker", "  def perform(id)", "    Job.find(id).run", "  end", "end"],
    "npmrc-like": ["registry=https://registry.npmjs.org/", "save-exact=true"],
    "css": [".app { display: flex; }", "body { margin: 0; }"],
}
EXTENSION = {"py": "py", "js": "js", "yaml": "yml", "json": "json", "env": "env", "ini": "cfg",
             "sh": "sh", "rb": "rb", "npmrc-like": "npmrc", "css": "css"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory")
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--filler-lines", type=int, default=200)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    os.makedirs(options.directory, exist_ok=True)
    manifest = []
    for index in range(options.files):
        choice = rng.random()
        planted = []  # (kind, provider, language, lines)
        if choice < 0.45:
            provider, language, template, make = rng.choice(SECRETS)
            planted.append(("secret", provider, language, [template.format(v=make(rng))]))
        elif choice < 0.55:
            provider, label = rng.choice(PRIVATE_KEYS)
            planted.append(("secret", provider, "key", private_key_block(rng, label)))
        elif choice < 0.85:
            provider, language, line = rng.choice(LOOKALIKES + lookalike_values(rng))
            planted.append(("lookalike", provider, language, [line]))
        language = planted[0][2] if planted else rng.choice(sorted(FILLER))
        filler = FILLER.get(language, FILLER["py"])
        lines = [rng.choice(filler) for _ in range(rng.randrange(options.filler_lines // 2,
                                                                 options.filler_lines + 1))]
        directory = os.path.join(options.directory, "pkg%02d" % (index % 40))
        os.makedirs(directory, exist_ok=True)
        if language == "key":
            name = "id_%04d.pem" % index
            lines = []
        elif language == "env":
            name = "service%04d.env" % index
        else:
            name = "module%04d.%s" % (index, EXTENSION[language])
        path = os.path.join(directory, name)
        for kind, provider, _, block in planted:
            at = rng.randrange(len(lines) + 1)
            lines[at:at] = block
            manifest.append((kind, provider, os.path.relpath(path, options.directory), at + 1))
        with open(path, "w") as handle:
            handle.write("\n".join(lines) + "\n")
    with open(os.path.join(options.directory, "planted.tsv"), "w") as handle:
        handle.write("kind\tprovider\tfile\tline\n")
        for row in manifest:
            handle.write("%s\t%s\t%s\t%d\n" % row)
    secrets = sum(1 for row in manifest if row[0] == "secret")
    print("%d files, %d planted secrets, %d look-alikes in %s"
          % (options.files, secrets, len(manifest) - secrets, options.directory))


if __name__ == "__main__":
    main()
