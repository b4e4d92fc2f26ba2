"""GetRecords cost per output schema: DataCite 4 against Dublin Core (the baseline) and ISO 19139, same run.

    .venv/bin/python bench/bench_csw_outputs.py                 # 5,000 synthetic records (generate_records, seed 1)
    BENCH_CSW_OUTPUT_RECORDS=20000 .venv/bin/python bench/bench_csw_outputs.py

Requests go through Django's test client in this process (no HTTP server, so no network noise), CSW 2.0.2 KVP
GetRecords without a filter, elementsetname=full, maxRecords 10 and 100, alternated schema by schema so load
changes hit all of them alike. Prints wall p50/p95 and CPU ms per request (process time: what the machine's other
users cannot inflate) and the ratio to Dublin Core. DataCite pages hold only records with a DOI (as served).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "datatera.settings")

RECORDS = int(os.environ.get("BENCH_CSW_OUTPUT_RECORDS", "5000"))
REPEAT = int(os.environ.get("BENCH_CSW_OUTPUT_REPEAT", "40"))
SCHEMAS = {
    "dublin core": "http://www.opengis.net/cat/csw/2.0.2",
    "datacite": "http://datacite.org/schema/kernel-4",
    "iso 19139": "http://www.isotc211.org/2005/gmd",
}


def ensure_records(count: int) -> None:
    from django.core.management import call_command

    from catalogue.records.models import Record

    existing = Record.objects.count()
    if existing < count:
        call_command("generate_records", count=count - existing, offset=existing, seed=1, no_progress=True)


def params(schema: str, max_records: int) -> dict:
    return {
        "service": "CSW",
        "version": "2.0.2",
        "request": "GetRecords",
        "typenames": "csw:Record",
        "resulttype": "results",
        "elementsetname": "full",
        "outputschema": schema,
        "maxrecords": str(max_records),
    }


def main() -> None:
    import django

    django.setup()
    from django.test import Client

    from catalogue.records.models import Record

    ensure_records(RECORDS)
    public = Record.objects.public()
    print(f"records: {public.count():,} live, {public.filter(doi__isnull=False).count():,} with a DOI")
    print(f"load average (1, 5, 15 min): {os.getloadavg()}")
    client = Client()
    for max_records in (10, 100):
        samples = {name: ([], []) for name in SCHEMAS}
        for name, schema in SCHEMAS.items():  # warm-up: imports, pycsw model, caches
            response = client.get("/csw", params(schema, max_records))
            assert response.status_code == 200 and b"ExceptionReport" not in response.content, response.content[:300]
            assert response.content.count(b'numberOfRecordsReturned="%d"' % max_records) == 1, name
        for _ in range(REPEAT):
            for name, schema in SCHEMAS.items():
                wall, cpu = time.perf_counter(), time.process_time()
                client.get("/csw", params(schema, max_records))
                samples[name][0].append((time.perf_counter() - wall) * 1000)
                samples[name][1].append((time.process_time() - cpu) * 1000)
        base_wall = statistics.median(samples["dublin core"][0])
        base_cpu = statistics.median(samples["dublin core"][1])
        print(f"\nmaxRecords={max_records} ({REPEAT} requests each)")
        for name, (walls, cpus) in samples.items():
            p50, p95 = statistics.median(walls), statistics.quantiles(walls, n=20)[-1]
            cpu = statistics.median(cpus)
            print(
                f"  {name:12} wall p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  cpu p50 {cpu:6.1f} ms"
                f"  x DC wall {p50 / base_wall:4.2f}  cpu {cpu / base_cpu:4.2f}"
            )
    print(f"\nload average (1, 5, 15 min): {os.getloadavg()}")


if __name__ == "__main__":
    main()
