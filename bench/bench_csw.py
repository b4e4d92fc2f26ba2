"""GetRecords latency of our /csw (pycsw embedded in Django, over the catalogue_csw_record view) against a
standalone pycsw 2.6.2 (its own PostgreSQL/PostGIS repository with full-text index, SQLAlchemy 1.4) holding the
same records, on the same machine, measured in the same run.

    .venv/bin/python bench/bench_csw.py            # 100,000 records (loaded once, reused afterwards)
    BENCH_CSW_RECORDS=10000 .venv/bin/python bench/bench_csw.py

Both servers run as separate processes behind the same single-threaded wsgiref server, as a gunicorn sync worker
(our deployment, docker-compose.yml) serves them: a thread per request would make Django open a new database
connection on every request (its persistent connections are per thread) while pycsw's SQLAlchemy pool keeps
them, so the bench would time PostgreSQL log-ins (4-11 ms each here) rather than the CSW. One client sends CSW 2.0.2 XML
POST requests (what OWSLib and QGIS MetaSearch send) sequentially. The standalone repository is loaded from our own
ISO 19139 output of the bench records through pycsw's own record parser, so both index the same metadata.
Prints p50/p95 per query and the ratio standalone/ours (> 1 means we are faster).
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "datatera.settings")

RECORDS = int(os.environ.get("BENCH_CSW_RECORDS", "100000"))
REPEAT = int(os.environ.get("BENCH_CSW_REPEAT", "60"))
SOURCE_SLUG = "bench-csw"
TEXT_WORD = "hydrology"  # in ~3% of the records
WORDS = (
    "ocean atmosphere aerosol salinity temperature profile float satellite radar altimetry glacier sediment seismic "
    "gravity magnetic vegetation soil moisture albedo river lake coastal wave current chlorophyll plankton nitrate "
    "oxygen carbon methane ozone cloud precipitation humidity wind pressure snow ice permafrost landslide volcano "
    "earthquake tide estuary lagoon reef mangrove forest crop drought flood erosion dune delta basin aquifer"
).split()


class _Quiet(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


def _standalone_db_url() -> str:
    from django.conf import settings

    db = settings.DATABASES["default"]
    return f"postgresql://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}_standalone_pycsw"


# --- servers (each in its own process) -------------------------------------------------------------------------


def serve(kind: str) -> None:
    if kind == "django":
        import django
        from django.core.wsgi import get_wsgi_application

        django.setup()
        app = get_wsgi_application()
    else:
        import logging

        import django

        django.setup()
        from pycsw import server

        logging.getLogger("pycsw").setLevel(logging.CRITICAL)  # as in our views: logging is not what we measure

        from catalogue.csw.config import pycsw_config

        def app(environ, start_response):
            config = pycsw_config("/csw")
            config["server"]["url"] = f"http://127.0.0.1:{environ.get('SERVER_PORT')}/csw"
            config["repository"] = {"database": _standalone_db_url(), "table": "records"}
            csw = server.Csw(config, environ)
            status, contents = csw.dispatch_wsgi()
            start_response(status, [("Content-Type", str(csw.contenttype)), ("Content-Length", str(len(contents)))])
            return [contents]

    httpd = make_server("127.0.0.1", 0, app, server_class=WSGIServer, handler_class=_Quiet)
    print(f"READY {httpd.server_port}", flush=True)
    httpd.serve_forever()


def start_server(kind: str) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen(
        [sys.executable, __file__, "--serve", kind], stdout=subprocess.PIPE, text=True, cwd=ROOT, env=os.environ.copy()
    )
    line = process.stdout.readline().strip()
    if not line.startswith("READY"):
        process.kill()
        raise SystemExit(f"{kind} server did not start: {line!r}")
    return process, f"http://127.0.0.1:{line.split()[1]}/csw"


# --- data ------------------------------------------------------------------------------------------------------


def ensure_records(count: int) -> list:
    """Our catalogue holds `count` bench records (ingested like a harvest would). Returns their ids."""
    from catalogue.records.ingest import IngestItem, ingest_batch
    from catalogue.records.models import Record
    from catalogue.records.unified import BBox, HarvestedDocument, Keyword, Party, UnifiedRecord
    from poles.models import HarvestSource, Pole

    source, _ = HarvestSource.objects.get_or_create(
        slug=SOURCE_SLUG,
        defaults={
            "pole": Pole.objects.get(code="ODATIS"),
            "name": "CSW benchmark records",
            "protocol": "local",
            "url": "bench",
            "schedule": "manual",
        },
    )
    existing = Record.objects.filter(source_slugs__contains=[SOURCE_SLUG], deleted=False).count()
    if existing < count:
        rng = random.Random(42)
        started = time.perf_counter()
        for start in range(existing, count, 2000):
            items = []
            for i in range(start, min(start + 2000, count)):
                words = rng.sample(WORDS, 12)
                if rng.random() < 0.03:
                    words[rng.randrange(12)] = TEXT_WORD
                west, south = rng.uniform(-180, 170), rng.uniform(-80, 70)
                east = min(180.0, west + rng.uniform(0.5, 10))
                if rng.random() < 0.02:  # Pacific boxes across the antimeridian (west > east)
                    west, east = rng.uniform(160, 179), rng.uniform(-179, -165)
                unified = UnifiedRecord(
                    identifier=f"bench-{i:06d}",
                    title=" ".join(words[:5]).capitalize() + f" {i}",
                    abstract=" ".join(words[3:]) + ". " + " ".join(rng.sample(WORDS, 20)),
                    metadata_standard="iso19139",
                    doi=f"10.99999/bench.{i}" if i % 3 == 0 else "",
                    keywords=[Keyword(w, "GCMD Science Keywords", "theme") for w in words[:3]],
                    organisations=[
                        Party(
                            organisation=rng.choice(["Ifremer", "CNES", "IPSL", "OMP", "IRD"]),
                            role="pointOfContact",
                            kind="organisation",
                        )
                    ],
                    date_published=date(1990 + i % 35, 1 + i % 12, 1),
                    temporal_start=date(1980 + i % 40, 1, 1),
                    temporal_end=date(2020 + i % 5, 12, 31),
                    bboxes=[BBox(west, south, east, south + rng.uniform(0.5, 10))],
                    language="en",
                )
                items.append(IngestItem(HarvestedDocument(unified.identifier, b"<bench/>"), unified, "dublincore"))
            ingest_batch(source, items)
            print(
                f"  ingested {min(start + 2000, count):,}/{count:,} ({time.perf_counter() - started:.0f} s)", flush=True
            )
    return list(
        Record.objects.filter(source_slugs__contains=[SOURCE_SLUG], deleted=False)
        .order_by("identifier")
        .values_list("pk", flat=True)[:count]
    )


def ensure_standalone(record_ids: list) -> None:
    """The standalone pycsw repository holds the same records, loaded from our ISO 19139 through pycsw's parser."""
    import psycopg
    from lxml import etree
    from pycsw.core import admin, config, metadata, repository, util

    from catalogue.exports.iso19139_documents import iso19139_documents

    url = _standalone_db_url()
    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0].replace("postgresql://", "postgres://") + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    with psycopg.connect(url.replace("postgresql://", "postgres://"), autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        has_table = conn.execute("SELECT to_regclass('public.records')").fetchone()[0]
        loaded = conn.execute("SELECT count(*) FROM records").fetchone()[0] if has_table else 0
    if loaded == len(record_ids):
        return
    if has_table:
        with psycopg.connect(url.replace("postgresql://", "postgres://"), autocommit=True) as conn:
            conn.execute("DROP TABLE records CASCADE")
    admin.setup_db(url, "records", str(ROOT), create_plpythonu_functions=False)
    context = config.StaticContext()
    repo = repository.Repository(url, context, table="records")
    started, now = time.perf_counter(), util.get_today_and_now()
    for start in range(0, len(record_ids), 1000):
        chunk = record_ids[start : start + 1000]
        documents = iso19139_documents(chunk)
        repo.session.begin()
        for record_id in chunk:
            for record in metadata.parse_record(context, etree.fromstring(documents[record_id]), repo):
                record.xml = record.xml.decode() if isinstance(record.xml, bytes) else record.xml
                record.insert_date = now
                repo.session.add(record)
        repo.session.commit()
        print(
            f"  standalone pycsw loaded {start + len(chunk):,}/{len(record_ids):,} "
            f"({time.perf_counter() - started:.0f} s)",
            flush=True,
        )


def vacuum() -> None:
    """Both sides start from analysed tables with a visibility map, as autovacuum leaves them in production."""
    import psycopg
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE catalogue_record")
    with psycopg.connect(_standalone_db_url().replace("postgresql://", "postgres://"), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE records")


# --- measurement ----------------------------------------------------------------------------------------------

FILTERS = {
    "AnyText 3%": f"""<ogc:PropertyIsLike wildCard="%" singleChar="_" escapeChar="\\">
        <ogc:PropertyName>csw:AnyText</ogc:PropertyName><ogc:Literal>%{TEXT_WORD}%</ogc:Literal>
      </ogc:PropertyIsLike>""",
    "AnyText 1 hit": """<ogc:PropertyIsLike wildCard="%" singleChar="_" escapeChar="\\">
        <ogc:PropertyName>csw:AnyText</ogc:PropertyName><ogc:Literal>%bench-012345%</ogc:Literal>
      </ogc:PropertyIsLike>""",
    "BBOX": """<ogc:BBOX><ogc:PropertyName>ows:BoundingBox</ogc:PropertyName>
        <gml:Envelope><gml:lowerCorner>40 -5</gml:lowerCorner><gml:upperCorner>52 10</gml:upperCorner></gml:Envelope>
      </ogc:BBOX>""",
}


def get_records(filter_xml: str, max_records: int) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<csw:GetRecords xmlns:csw="http://www.opengis.net/cat/csw/2.0.2" xmlns:ogc="http://www.opengis.net/ogc"
    xmlns:gml="http://www.opengis.net/gml" xmlns:ows="http://www.opengis.net/ows" service="CSW" version="2.0.2"
    resultType="results" startPosition="1" maxRecords="{max_records}"
    outputSchema="http://www.opengis.net/cat/csw/2.0.2">
  <csw:Query typeNames="csw:Record"><csw:ElementSetName>full</csw:ElementSetName>
    <csw:Constraint version="1.1.0"><ogc:Filter>{filter_xml}</ogc:Filter></csw:Constraint>
  </csw:Query>
</csw:GetRecords>""".encode()


def measure_pair(urls: tuple[str, str], body: bytes) -> list[tuple[list[float], str, int]]:
    """Time the same request on both servers, alternating which goes first, so that load from anything else on
    the machine falls on both alike. Returns (timings ms, numberOfRecordsMatched, records returned) per server."""
    sessions = [requests.Session(), requests.Session()]
    headers = {"Content-Type": "application/xml"}
    results = []
    for session, url in zip(sessions, urls, strict=True):
        for _ in range(3):  # warm caches and connections
            response = session.post(url, data=body, headers=headers, timeout=120)
        matched = response.text.split('numberOfRecordsMatched="', 1)[-1].split('"', 1)[0]
        results.append(([], matched, response.text.count("<csw:Record>")))
    for i in range(REPEAT):
        for side in (0, 1) if i % 2 == 0 else (1, 0):
            started = time.perf_counter()
            sessions[side].post(urls[side], data=body, headers=headers, timeout=120).raise_for_status()
            results[side][0].append((time.perf_counter() - started) * 1000)
    return results


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    import django

    django.setup()
    print(
        f"CSW benchmark: {RECORDS:,} records, {REPEAT} timed requests per query and server (after 3 warm-up "
        f"requests), alternating servers; load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"
    )
    record_ids = ensure_records(RECORDS)
    ensure_standalone(record_ids)
    vacuum()
    from catalogue.records.models import Record

    print(f"live records in our catalogue: {Record.objects.public().count():,} (bench: {len(record_ids):,})")
    ours, ours_url = start_server("django")
    standalone, standalone_url = start_server("standalone")
    rows = []
    try:
        for name, filter_xml in FILTERS.items():
            for max_records in (10, 100):
                body = get_records(filter_xml, max_records)
                (our_times, our_matched, our_returned), (sa_times, sa_matched, sa_returned) = measure_pair(
                    (ours_url, standalone_url), body
                )
                rows.append(
                    (
                        f"{name} maxRecords={max_records}",
                        our_times,
                        our_matched,
                        our_returned,
                        sa_times,
                        sa_matched,
                        sa_returned,
                    )
                )
    finally:
        ours.kill()
        standalone.kill()
    header = (
        f"{'query':<28}{'ours p50':>10}{'ours p95':>10}{'pycsw p50':>11}{'pycsw p95':>11}{'ratio p50':>11}"
        f"{'matched ours/pycsw':>22}{'returned':>10}"
    )
    print(header)
    print("-" * len(header))
    for name, our_times, our_matched, our_returned, sa_times, sa_matched, sa_returned in rows:
        ours50, sa50 = statistics.median(our_times), statistics.median(sa_times)
        print(
            f"{name:<28}{ours50:>8.1f}ms{percentile(our_times, 0.95):>8.1f}ms{sa50:>9.1f}ms"
            f"{percentile(sa_times, 0.95):>9.1f}ms{sa50 / ours50:>10.2f}x{our_matched + '/' + sa_matched:>22}"
            f"{f'{our_returned}/{sa_returned}':>10}"
        )
    print(
        "ratio = standalone p50 / ours p50 (> 1: ours is faster). 'matched' can differ on BBOX: pycsw reads a box "
        "across the antimeridian (west > east) as the complementary longitudes; we split it at 180."
    )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--serve":
        serve(sys.argv[2])
    else:
        main()
