"""Oversized input: a 50 MB record, a record with 100,000 keywords, a 10,000-page OAI-PMH listing whose token
expires once midway. Prints time, peak memory and the outcome of each; exits 1 if an outcome is not the clear one.

    .venv/bin/python bench/limits.py [--pages 10000] [--only big-record,keywords,oai-listing]

Runs against DATABASE_URL (your own database: it adds one source `limits-oai` and a few records, and removes them).
Each case runs in a fresh process, so its peak RSS (ru_maxrss) is its own; the baseline is the same process after
Django's set-up, before the case.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "datatera.settings")

PRELUDE = """
import json, resource, sys, time, django
django.setup()
def rss_mb(): return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
baseline = rss_mb(); started = time.perf_counter()
def report(**outcome):
    print(json.dumps({"seconds": round(time.perf_counter() - started, 2), "baseline_mb": round(baseline),
                      "peak_mb": round(rss_mb()), **outcome}))
"""

BIG_RECORD = """
from django.conf import settings
from harvesters.crosswalks import CrosswalkError, parse_document
from tests.peers.records import iso_record
limit = settings.HARVEST_MAX_DOCUMENT_BYTES
template = iso_record("limits-big").decode()
filler = "Sea surface temperature measured by drifting buoys. "
def document(size):
    end = "</gco:CharacterString></gmd:abstract>"
    head, tail = template.split(end, 1)
    body = head + (filler * (size // len(filler) + 1))[: size - len(template)] + end + tail
    return body.encode()
over = document(limit + 1024)
try:
    parse_document(over)
    over_outcome = "parsed (limit not enforced!)"
except CrosswalkError as exc:
    over_outcome = f"CrosswalkError: {exc}"
del over
under = document(limit - 4096)
try:
    fmt, record = parse_document(under)
    under_outcome = f"parsed: abstract of {len(record.abstract) / 1e6:.1f} MB"
    from catalogue.records.ingest import IngestItem, ingest_batch
    from catalogue.records.unified import HarvestedDocument
    from poles.models import HarvestSource
    source = HarvestSource.objects.get(slug="demo-odatis")
    try:
        result = ingest_batch(source, [IngestItem(HarvestedDocument("limits-big", under), record, fmt)])
        under_outcome += f"; ingest: {result}"
    except Exception as exc:
        under_outcome += f"; ingest raised {type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
except CrosswalkError as exc:
    under_outcome = f"CrosswalkError: {exc}"
from catalogue.records.models import Record
stored = Record.objects.filter(identifier="limits-big").first()
report(size_mb=round(limit / 1e6, 1), over_limit=over_outcome[:300], under_limit=under_outcome[:400],
       stored=bool(stored), stored_abstract_mb=round(len(stored.abstract) / 1e6, 1) if stored else 0)
Record.objects.filter(identifier="limits-big").delete()
"""

KEYWORDS = """
from lxml import etree
from harvesters.crosswalks import CrosswalkError, parse_document
from tests.peers.records import iso_record
template = iso_record("limits-keywords").decode()
words = "".join(
    f"<gmd:keyword><gco:CharacterString>keyword number {i} of the record</gco:CharacterString></gmd:keyword>"
    for i in range(100_000)
)
block = f"<gmd:descriptiveKeywords><gmd:MD_Keywords>{words}</gmd:MD_Keywords></gmd:descriptiveKeywords>"
document = template.replace("<gmd:descriptiveKeywords>", block + "<gmd:descriptiveKeywords>", 1).encode()
assert len(document) > len(template) + 1000, "the template has no descriptiveKeywords to extend"
try:
    fmt, record = parse_document(document)
    outcome = f"parsed: {len(record.keywords)} keywords"
    from catalogue.records.ingest import IngestItem, ingest_batch
    from catalogue.records.unified import HarvestedDocument
    from poles.models import HarvestSource
    try:
        result = ingest_batch(HarvestSource.objects.get(slug="demo-odatis"),
                              [IngestItem(HarvestedDocument("limits-keywords", document), record, fmt)])
        outcome += f"; ingest: {result}"
    except Exception as exc:
        outcome += f"; ingest raised {type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
except CrosswalkError as exc:
    outcome = f"CrosswalkError: {exc}"
from catalogue.records.models import Record
stored = Record.objects.filter(identifier="limits-keywords").first()
found = 0
if stored:
    from catalogue.search.params import parse_search_params
    from catalogue.search.service import search
    found = search(parse_search_params({"q": "limits-keywords"})[0]).count
report(document_mb=round(len(document) / 1e6, 1), outcome=outcome[:400], stored=bool(stored),
       stored_keywords=len(stored.keywords) if stored else 0, findable=found)
Record.objects.filter(identifier="limits-keywords").delete()
"""

OAI_LISTING = """
import threading, time
from wsgiref.simple_server import make_server, WSGIRequestHandler
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIServer
from urllib.parse import parse_qs
PAGES = int(sys.argv[1])
EXPIRE_AT = PAGES // 2  # the token of this page is refused once, as an expired token is
refused = []
requests_seen = [0]
def record(i):
    return (f"<record><header><identifier>oai:limits:{i}</identifier><datestamp>2024-01-01</datestamp></header>"
            f"<metadata><oai_dc:dc xmlns:oai_dc='http://www.openarchives.org/OAI/2.0/oai_dc/' "
            f"xmlns:dc='http://purl.org/dc/elements/1.1/'><dc:title>Listing record {i}</dc:title>"
            f"<dc:identifier>oai:limits:{i}</dc:identifier></oai_dc:dc></metadata></record>")
def app(environ, start_response):
    q = {k: v[-1] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
    requests_seen[0] += 1
    verb = q.get("verb")
    head = ("<?xml version='1.0'?><OAI-PMH xmlns='http://www.openarchives.org/OAI/2.0/'>"
            "<responseDate>2024-01-01T00:00:00Z</responseDate><request>x</request>")
    if verb == "Identify":
        body = head + ("<Identify><repositoryName>limits</repositoryName><baseURL>x</baseURL>"
                       "<protocolVersion>2.0</protocolVersion><earliestDatestamp>2000-01-01</earliestDatestamp>"
                       "<deletedRecord>no</deletedRecord><granularity>YYYY-MM-DD</granularity></Identify></OAI-PMH>")
    elif verb == "ListMetadataFormats":
        body = head + ("<ListMetadataFormats><metadataFormat><metadataPrefix>oai_dc</metadataPrefix><schema>x</schema>"
                       "<metadataNamespace>x</metadataNamespace></metadataFormat></ListMetadataFormats></OAI-PMH>")
    else:
        token = q.get("resumptionToken", "")
        page = int(token.split("-")[1]) if token else 0
        if page == EXPIRE_AT and not refused:
            refused.append(page)
            body = head + "<error code='badResumptionToken'>expired</error></OAI-PMH>"
        else:
            following = f"p-{page + 1}" if page + 1 < PAGES else ""
            nxt = f"<resumptionToken completeListSize='{PAGES}' cursor='{page}'>{following}</resumptionToken>"
            body = head + f"<ListRecords>{record(page)}{nxt}</ListRecords></OAI-PMH>"
    data = body.encode()
    start_response("200 OK", [("Content-Type", "text/xml"), ("Content-Length", str(len(data)))])
    return [data]
class Quiet(WSGIRequestHandler):
    def log_message(self, *a): pass
class Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True
server = make_server("127.0.0.1", 0, app, server_class=Server, handler_class=Quiet)
threading.Thread(target=server.serve_forever, daemon=True).start()
from poles.models import HarvestSource, Pole
from harvesters.job_queue import create_job
from harvesters.jobs import run_job
from catalogue.records.models import Record
source, _ = HarvestSource.objects.update_or_create(slug="limits-oai", defaults=dict(
    pole=Pole.objects.get(code="THEIA"), name="limits", protocol="oaipmh", schedule="manual",
    url=f"http://127.0.0.1:{server.server_port}/", options={"metadata_prefix": "oai_dc", "set": ""}))
samples = []
def sample():
    while True:
        samples.append(rss_mb()); time.sleep(2)
threading.Thread(target=sample, daemon=True).start()
job = run_job(create_job(source, full=True).pk)
live = Record.objects.filter(provenance__source=source).distinct().count()
report(pages=PAGES, requests=requests_seen[0], status=job.status, seen=job.seen, created=job.created,
       unchanged=job.unchanged, failed=job.failed, live_records=live, token_refused_at_page=refused,
       restarted="restart" in job.log.lower(), rss_mid_mb=round(samples[len(samples) // 2]) if samples else 0,
       error=job.error_summary[:200])
Record.objects.filter(provenance__source=source).delete(); source.delete()
"""


def run(name: str, code: str, *args: str) -> dict:
    script = textwrap.dedent(PRELUDE) + textwrap.dedent(code)
    result = subprocess.run(
        [sys.executable, "-c", script, *args], cwd=ROOT, env=os.environ, capture_output=True, text=True, timeout=3600
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        return {"error": (result.stderr or result.stdout)[-1500:]}
    return json.loads(lines[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--only", default="big-record,keywords,oai-listing")
    args = parser.parse_args()
    print(f"load before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1/5/15 min)")
    good = True
    if "big-record" in args.only:
        out = run("big-record", BIG_RECORD)
        print("big-record:", json.dumps(out, indent=1))
        good &= "error" not in out and out["over_limit"].startswith("CrosswalkError")
    if "keywords" in args.only:
        out = run("keywords", KEYWORDS)
        print("keywords:", json.dumps(out, indent=1))
        good &= "error" not in out and (out["stored"] or "CrosswalkError" in out["outcome"])
    if "oai-listing" in args.only:
        out = run("oai-listing", OAI_LISTING, str(args.pages))
        print("oai-listing:", json.dumps(out, indent=1))
        good &= "error" not in out and out["status"] == "success" and out["live_records"] == args.pages
    print(f"load after: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1/5/15 min)")
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
