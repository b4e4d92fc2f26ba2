"""The README cannot drift from the product: every command it documents parses with the real command's parser (the
read-only ones run for real), every `make` target and script it names exists, every URL it names answers on a
catalogue holding the demo records, and every `curl` example runs against the live test server.

Placeholders in the READMEs (`<id>`, `<doi>`, `<slug>`, ...) are replaced by values of the demo catalogue; a
placeholder this test does not know fails loudly, so a new README line cannot escape the check.
"""

from __future__ import annotations

import re
import shlex
import subprocess
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command, get_commands, load_command_class

ROOT = Path(__file__).resolve().parent.parent
READMES = [ROOT / "README.md", ROOT / "README.fr.md"]
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.S | re.M)
INLINE_PATH = re.compile(r"`((?:https?://[^/`\s]+)?/[A-Za-z0-9_./<>?=&%:@+,-]*)`")
PLACEHOLDER = re.compile(r"<([a-zA-Z _-]+)>")
INLINE_CODE = re.compile(r"`([^`\n]+)`")
HOSTS = ("http://127.0.0.1:8000", "http://localhost:8000", "http://<host>", "https://<host>")
# Commands that change nothing: the test runs them for real (the others are parsed with their own parser only).
READ_ONLY = {("source", "list"), ("source", "show"), ("hubadmin", "list"), ("catalogue", "check")}
# Paths that are not URLs of this site (files of the repository, shown in backticks).
NOT_URLS = ("/etc/", "/usr/", "/var/", "/tmp/", "/work/", "/opt/")


def readme_texts() -> list[tuple[str, str]]:
    return [(path.name, path.read_text(encoding="utf-8")) for path in READMES if path.exists()]


def code_lines(text: str) -> list[str]:
    """Lines of the fenced code blocks, continuation backslashes joined, comments and prompts removed."""
    lines: list[str] = []
    for block in FENCE.findall(text):
        joined = re.sub(r"\\\n\s*", " ", block)
        for line in joined.splitlines():
            line = line.strip()
            if line.startswith("$ "):
                line = line[2:]
            if not line or line.startswith("#"):
                continue
            # a trailing comment (outside quotes) is prose
            try:
                tokens = shlex.split(line, comments=True)
            except ValueError:
                tokens = line.split()
            if tokens:
                lines.append(shlex.join(tokens))
    return lines


def documented_commands() -> list[tuple[str, list[str]]]:
    """`manage.py` commands of the code blocks and of inline code (`manage.py source list` in a sentence)."""
    found = []
    for name, text in readme_texts():
        inline = [span for span in INLINE_CODE.findall(FENCE.sub("", text)) if "manage.py " in span]
        for line in code_lines(text) + inline:
            tokens = shlex.split(line)
            for i, token in enumerate(tokens):
                if token.endswith("manage.py"):
                    found.append((name, tokens[i + 1 :]))
                    break
    return found


def documented_urls() -> list[tuple[str, str]]:
    found = set()
    for name, text in readme_texts():
        for match in INLINE_PATH.findall(text):
            url = match
            for host in HOSTS:
                if url.startswith(host):
                    url = url[len(host) :] or "/"
            if url.startswith("http") or url.startswith(NOT_URLS) or not url.startswith("/"):
                continue
            if url.startswith("//") or "." in url.split("/")[1][:1]:
                continue
            found.add((name, url))
    return sorted(found)


def documented_curls() -> list[tuple[str, str]]:
    return [(name, line) for name, text in readme_texts() for line in code_lines(text) if line.startswith("curl ")]


@pytest.fixture
def demo_catalogue():
    """The demo records, harvested as `make run` does, and the values the placeholders stand for."""
    from catalogue.records.models import Record
    from poles.models import HarvestSource

    call_command("harvest", "--protocol", "local", stdout=StringIO(), stderr=StringIO())
    record = Record.objects.public().exclude(doi__isnull=True).exclude(doi="").order_by("id").first()
    assert record is not None, "the demo harvest gave no record with a DOI"
    source = HarvestSource.objects.filter(protocol="local").order_by("slug").first()
    return {
        "id": str(record.id),
        "record id": str(record.id),
        "record_id": str(record.id),
        "doi": record.doi,
        "slug": source.slug,
        "source": source.slug,
        "format": "bibtex",
        "code": "ODATIS",
        "pole": "ODATIS",
        "hub": "ODATIS",
        "username": "readme-user",
        "host": "127.0.0.1:8000",
        "yyyy-mm-dd": "2026-01-15",
        "yyyy-mm": "2026-01",
        "file": "/tmp/datatera-readme-check.dump",
    }


def fill(text: str, values: dict[str, str]) -> str:
    def one(match: re.Match) -> str:
        key = match.group(1).strip().lower()
        assert key in values, f"README placeholder <{match.group(1)}> is unknown to tests/test_readme.py"
        return values[key]

    return PLACEHOLDER.sub(one, text)


def test_the_readmes_document_commands_and_urls():
    assert documented_commands(), "no `manage.py` command found in the README"
    assert documented_urls(), "no URL found in the README"
    assert (ROOT / "README.fr.md").exists(), "the French README is missing"


@pytest.mark.django_db(transaction=True)
def test_every_documented_manage_py_command_parses_and_the_read_only_ones_run(demo_catalogue):
    known = get_commands()
    for readme, argv in documented_commands():
        argv = [fill(a, demo_catalogue) for a in argv]
        name, args = argv[0], argv[1:]
        assert name in known, f"{readme}: `manage.py {name}` is not a command"
        command = load_command_class(known[name], name)
        parser = command.create_parser("manage.py", name)
        try:
            parser.parse_args(args)
        except SystemExit as exc:  # argparse reports bad arguments by exiting
            pytest.fail(f"{readme}: `manage.py {shlex.join(argv)}` is refused by its parser ({exc})")
        if tuple(argv[:2]) in READ_ONLY:
            call_command(name, *args, stdout=StringIO(), stderr=StringIO())


def test_every_documented_make_target_and_script_exists():
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.M))
    for readme, text in readme_texts():
        for line in code_lines(text):
            tokens = shlex.split(line)
            if tokens[0] == "make":
                for target in tokens[1:]:
                    assert target in targets, f"{readme}: `make {target}` is not a Makefile target"
        for script in re.findall(r"(?<![\w/.])(scripts/[\w.-]+\.sh)", text):
            path = ROOT / script
            assert path.exists(), f"{readme}: {script} does not exist"
            assert path.stat().st_mode & 0o111, f"{readme}: {script} is not executable"
        for doc in re.findall(r"\]\(((?:docs/)?[\w./-]+\.md)\)", text):
            assert (ROOT / doc).exists(), f"{readme}: the linked page {doc} does not exist"


@pytest.mark.django_db(transaction=True)
def test_every_documented_url_answers(demo_catalogue, client):
    urls = documented_urls()
    assert len(urls) >= 10
    for readme, url in urls:
        path = fill(url, demo_catalogue)
        response = client.get(path, HTTP_ACCEPT="text/html,application/json;q=0.9,*/*;q=0.8")
        # 3xx (login required, redirects), 401/403 (token, staff) and 405 (POST only) mean the URL exists; a strict
        # health check may say 503 (no worker runs beside this test), which is its documented answer.
        refused = (404, 500) if path.startswith("/healthz") else (404, 500, 503)
        assert response.status_code not in refused, f"{readme}: GET {path} answered {response.status_code}"


@pytest.mark.django_db(transaction=True)
def test_every_documented_curl_example_runs(demo_catalogue, live_server):
    curls = documented_curls()
    assert curls, "the README shows no curl example"
    for readme, line in curls:
        filled = fill(line, demo_catalogue)
        tokens = shlex.split(filled)
        if "|" in tokens:  # what a pipe does with the answer is the reader's business
            tokens = tokens[: tokens.index("|")]
        args = []
        for token in tokens[1:]:
            for host in HOSTS:
                token = token.replace(fill(host, demo_catalogue), live_server.url)
            args.append(token)
        urls = [a for a in args if a.startswith(live_server.url)]
        assert urls, f"{readme}: `{line}` names no URL of this site"
        done = subprocess.run(
            ["curl", "--silent", "--show-error", "--fail", "--max-time", "30", "-o", "/dev/null", *args],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, f"{readme}: `{line}` failed: {done.stderr.strip()} ({urlsplit(urls[0]).path})"
