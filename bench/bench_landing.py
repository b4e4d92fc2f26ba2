"""DOI landing pages: time to serve the page, each export, a negotiated citation and the sitemap, against the plain
record page measured in the same run (baseline). Prints numbers, asserts nothing.

Uses the development database of DATABASE_URL: writes BENCH_RECORDS records tagged "bench-landing-" through the
real ingest, and removes them at the end.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "datatera.settings")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from catalogue.exports.csl import _style  # noqa: E402
from catalogue.exports.registry import formats  # noqa: E402
from catalogue.records.ingest import IngestItem, ingest_batch  # noqa: E402
from catalogue.records.models import Record, RecordSource  # noqa: E402
from catalogue.records.unified import BBox, HarvestedDocument, Keyword, OnlineResource, Party, UnifiedRecord  # noqa: E402
from poles.models import HarvestSource  # noqa: E402

PREFIX = "bench-landing-"
BENCH_RECORDS = int(os.environ.get("BENCH_RECORDS", "2000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))


def unified(i: int) -> UnifiedRecord:
    return UnifiedRecord(
        identifier=f"{PREFIX}{i}",
        doi=f"10.99999/{PREFIX}{i}",
        title=f"Benchmark dataset {i}: aerosol optical depth",
        metadata_standard="datacite",
        abstract="<p>Gridded aerosol optical depth from sun photometers.</p>" * 5,
        creators=[
            Party(name=f"Author{i}, Anne", kind="person", orcid="0000-0002-1825-0097"),
            Party(name="AERIS", kind="organisation"),
        ],
        publisher="AERIS",
        publication_year=2021,
        resource_type="dataset",
        version="1.0",
        keywords=[Keyword("aerosols", "GCMD"), Keyword("photometry")],
        bboxes=[BBox(2.9, 50.5, 3.2, 50.7)],
        license="CC-BY-4.0",
        license_url="https://spdx.org/licenses/CC-BY-4.0",
        online_resources=[OnlineResource("https://example.org/d.nc", function="download")],
    )


def timed(client: Client, url: str, repeat: int = REPEAT, **headers) -> tuple[float, int]:
    samples = []
    status = 0
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url, **headers)
        samples.append((time.perf_counter() - start) * 1000)
        status = response.status_code
    return statistics.median(samples), status


def main() -> None:
    source = HarvestSource.objects.get(slug="demo-aeris")
    cleanup()
    start = time.perf_counter()
    for offset in range(0, BENCH_RECORDS, 500):
        items = [
            IngestItem(HarvestedDocument(f"{PREFIX}{i}", f"<resource n='{i}'/>".encode()), unified(i), "datacite")
            for i in range(offset, min(offset + 500, BENCH_RECORDS))
        ]
        ingest_batch(source, items)
    print(f"set-up: {BENCH_RECORDS} records ingested in {time.perf_counter() - start:.1f} s")

    try:
        client = Client()
        record = Record.objects.get(identifier=f"{PREFIX}7")
        landing = f"/doi/{record.doi}"
        _style.cache_clear()
        start = time.perf_counter()
        client.get(landing)
        print(f"landing page, first request (parses apa.csl): {(time.perf_counter() - start) * 1000:.1f} ms")
        baseline, status = timed(client, f"/records/{record.pk}/")
        print(f"baseline  record page /records/<id>/           p50 {baseline:7.2f} ms  (HTTP {status})")
        rows = [("landing page /doi/<doi> (HTML, APA)", landing, {})]
        rows += [(f"landing ?style={s}", f"{landing}?style={s}", {}) for s in ("ieee", "chicago-notes-bibliography")]
        rows += [(f"export {name}", f"{landing}/export/{name}", {}) for name in formats()]
        rows += [("export source-xml", f"{landing}/export/source-xml", {})]
        rows += [("Accept: text/x-bibliography", landing, {"HTTP_ACCEPT": "text/x-bibliography; style=apa"})]
        rows += [("Accept: DataCite XML", landing, {"HTTP_ACCEPT": "application/vnd.datacite.datacite+xml"})]
        rows += [("linkset (json)", f"{landing}/linkset", {})]
        rows += [("unknown DOI (404)", "/doi/10.99999/none", {})]
        for label, url, headers in rows:
            p50, status = timed(client, url, **headers)
            print(f"{label:45s} p50 {p50:7.2f} ms  x{p50 / baseline:5.2f} baseline  (HTTP {status})")
        live = Record.objects.public().count()
        for section in ("records", "landing"):
            p50, status = timed(client, f"/sitemap-{section}.xml", repeat=5)
            print(f"sitemap-{section}.xml ({live} live records)        p50 {p50:7.2f} ms  (HTTP {status})")
        p50, status = timed(client, "/sitemap.xml", repeat=10)
        print(f"sitemap.xml index                             p50 {p50:7.2f} ms  (HTTP {status})")
    finally:
        cleanup()


def cleanup() -> None:
    RecordSource.objects.filter(source_identifier__startswith=PREFIX).delete()
    Record.objects.filter(identifier__startswith=PREFIX).delete()


if __name__ == "__main__":
    main()
