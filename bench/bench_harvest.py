"""Harvest benchmark: end-to-end records/s from a local pycsw peer into PostGIS, with baselines from the same run.

For 1k and 10k ISO 19139 records (page size 100), each size in its own process (so peak RSS is per size):
  fetch only    the CSW client paging through the peer (HTTP + pycsw + splitting records): the peer's own speed
  raw lxml      etree.fromstring of the same bytes (the physical limit of parsing)
  crosswalk     harvesters.crosswalks.parse_document of the same bytes
  end to end    a full harvest job: fetch -> crosswalk -> ingest (one transaction per page) -> PostGIS
  unchanged     the same harvest again (every record unchanged: nothing rewritten)
  e2e per CPU   records per CPU-second of the harvesting process (less sensitive to a busy machine than wall time)
  peak RSS      of the harvesting process after the end-to-end run (flat in the number of records = streaming)
The peer runs in a separate process (python -m tests.peers.pycsw_peer), as a remote server would.
Writes to the database named by DATABASE_URL, under throw-away sources it deletes afterwards.

    .venv/bin/python bench/bench_harvest.py            # 1k and 10k
    .venv/bin/python bench/bench_harvest.py --sizes 1000
    .venv/bin/python bench/bench_harvest.py --sizes 1000 --versions 2.0.2 3.0.0   # the CSW versions side by side
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PAGE_SIZE = 100
TARGET = 500.0


def build_peer_db(size: int) -> Path:
    from tests.peers.pycsw_peer import build_repository
    from tests.peers.records import iso_record

    path = ROOT / "var" / "bench" / f"pycsw-peer-{size}.db"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        tmp = path.with_suffix(".tmp")
        build_repository(
            tmp,
            (
                iso_record(f"bench-{size}-{i:05d}", doi=f"10.5555/bench.{size}.{i}" if i % 3 == 0 else "")
                for i in range(size)
            ),
        )
        tmp.rename(path)
        print(f"  built the peer's repository of {size} records in {time.perf_counter() - started:.1f}s", flush=True)
    return path


def start_peer(db: Path) -> tuple[subprocess.Popen, str]:
    peer = subprocess.Popen(
        [sys.executable, "-W", "ignore", "-m", "tests.peers.pycsw_peer", str(db), "0", str(PAGE_SIZE)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    return peer, peer.stdout.readline().strip()


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(size: int, version: str) -> dict:
    """One size and CSW version option, in this process: returns the numbers."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "datatera.settings")
    django.setup()
    import logging

    logging.getLogger("harvesters").setLevel(logging.WARNING)
    from lxml import etree

    from catalogue.records.models import Record
    from harvesters.crosswalks import parse_document
    from harvesters.job_queue import create_job
    from harvesters.jobs import run_job
    from harvesters.protocols.csw import CSWClient
    from poles.models import HarvestSource, Pole

    db = build_peer_db(size)
    peer, url = start_peer(db)
    slug = f"bench-csw-{size}-{os.getpid()}"
    source = HarvestSource.objects.create(
        pole=Pole.objects.get(code="ODATIS"),
        slug=slug,
        name=slug,
        protocol="csw",
        url=url,
        options={"page_size": PAGE_SIZE, "version": version},
        schedule="manual",
    )
    results = {"size": size, "rss_start_mb": rss_mb()}
    try:
        started, cpu = time.perf_counter(), time.process_time()
        job = run_job(create_job(source, full=True).pk)
        elapsed = time.perf_counter() - started
        results["e2e_cpu_rps"] = size / (time.process_time() - cpu)  # records per CPU-second of the harvester
        assert job.status == "success" and job.created == size, (job.status, job.created, job.error_summary)
        results["e2e_rps"] = size / elapsed
        results["version"] = job.checkpoint["client"]["version"]  # the version spoken (auto decides)
        results["e2e_s"] = elapsed
        results["rss_after_e2e_mb"] = rss_mb()

        started = time.perf_counter()
        again = run_job(create_job(source, full=True).pk)
        results["unchanged_rps"] = size / (time.perf_counter() - started)
        assert again.unchanged == size

        client = CSWClient(source, log=lambda m: None)
        started = time.perf_counter()
        client.check()
        documents = [d.content for page in client.pages() for d in page.documents]
        results["fetch_rps"] = len(documents) / (time.perf_counter() - started)
        assert len(documents) == size

        started = time.perf_counter()
        for content in documents:
            etree.fromstring(content)
        results["lxml_rps"] = size / (time.perf_counter() - started)
        started = time.perf_counter()
        for content in documents:
            parse_document(content, "iso19139")
        results["crosswalk_rps"] = size / (time.perf_counter() - started)
        results["mean_doc_kb"] = sum(map(len, documents)) / size / 1024
    finally:
        peer.terminate()
        peer.wait()
        record_ids = list(Record.objects.filter(provenance__source=source).values_list("pk", flat=True))
        source.delete()  # jobs and provenance cascade
        Record.objects.filter(pk__in=record_ids).delete()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--versions", nargs="+", default=["auto"], choices=["auto", "2.0.2", "3.0.0"])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: measure one size, print JSON
    parser.add_argument("--build", type=int, help=argparse.SUPPRESS)  # internal: build the peer's repository
    args = parser.parse_args()
    if args.build:
        build_peer_db(args.build)
        return
    if args.one:
        print(json.dumps(measure(args.one, args.versions[0])))
        return
    rows = []
    for size in args.sizes:
        print(f"== {size} ISO 19139 records, page size {PAGE_SIZE}", flush=True)
        # Built in its own process, so pycsw's loader does not count in the harvester's peak RSS.
        subprocess.run([sys.executable, "-W", "ignore", __file__, "--build", str(size)], cwd=ROOT, check=True)
        for version in args.versions:
            child = subprocess.run(
                [sys.executable, __file__, "--one", str(size), "--versions", version],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=False,
            )
            if child.returncode:
                print(child.stdout, child.stderr, sep="\n")
                raise SystemExit(f"benchmark of {size} records (CSW version {version}) failed")
            for line in child.stdout.splitlines():
                if line.startswith("  "):
                    print(line)
            rows.append(json.loads(child.stdout.splitlines()[-1]))
    print()
    print(
        f"{'records':>8} {'CSW':>6} {'fetch only':>11} {'raw lxml':>9} {'crosswalk':>10} {'end to end':>11}"
        f" {'unchanged':>10}"
        f" {'e2e/fetch':>10} {'xwalk/lxml':>11} {'e2e per CPU':>12} {'peak RSS':>9}"
    )
    for r in rows:
        print(
            f"{r['size']:>8} {r['version']:>6} {r['fetch_rps']:>9.0f}/s {r['lxml_rps']:>7.0f}/s"
            f" {r['crosswalk_rps']:>8.0f}/s"
            f" {r['e2e_rps']:>9.0f}/s {r['unchanged_rps']:>8.0f}/s {r['e2e_rps'] / r['fetch_rps']:>9.0%}"
            f" {r['crosswalk_rps'] / r['lxml_rps']:>10.0%} {r['e2e_cpu_rps']:>10.0f}/s {r['rss_after_e2e_mb']:>6.0f} MB"
        )
    print(f"\nload average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        f"mean document {rows[0]['mean_doc_kb']:.1f} KB; end-to-end target >= {TARGET:.0f} records/s: "
        + ", ".join(f"{r['size']}: {'met' if r['e2e_rps'] >= TARGET else 'NOT met'}" for r in rows)
    )
    for size in args.sizes:
        by_version = {r["version"]: r for r in rows if r["size"] == size}
        if {"2.0.2", "3.0.0"} <= by_version.keys():
            old, new = by_version["2.0.2"], by_version["3.0.0"]
            print(
                f"{size} records, CSW 3.0.0 / 2.0.2 (same run): end to end x{new['e2e_rps'] / old['e2e_rps']:.2f}, "
                f"fetch only x{new['fetch_rps'] / old['fetch_rps']:.2f}, "
                f"per CPU x{new['e2e_cpu_rps'] / old['e2e_cpu_rps']:.2f}"
            )
    if len(args.sizes) > 1:
        one_version = [r for r in rows if r["version"] == rows[0]["version"]]
        first, last = one_version[0], one_version[-1]
        print(
            f"peak RSS after Django start-up {first['rss_start_mb']:.0f} MB / {last['rss_start_mb']:.0f} MB; "
            f"after the harvest {first['rss_after_e2e_mb']:.0f} MB at {first['size']} vs "
            f"{last['rss_after_e2e_mb']:.0f} MB "
            f"at {last['size']} records (x{last['rss_after_e2e_mb'] / first['rss_after_e2e_mb']:.2f} for "
            f"x{last['size'] / first['size']:.0f} records)"
        )


if __name__ == "__main__":
    main()
