"""Parse-only speed of the crosswalks against raw lxml parsing of the same bytes (issue 3).

Run: .venv/bin/python bench/bench_crosswalk.py [--seconds 2] [--rounds 3]

Prints docs/s and MB/s for, on the corpus's well-formed ISO 19139 records:
  (1) raw lxml parse (same hardened parser settings, no crosswalk) - the physical limit, the baseline;
  (2) our crosswalk, parse_document = safety checks + parse + convert;
  (3) OWSLib 0.28.1 MD_Metadata on the parsed tree (parse included),
and the ratios (2)/(1), (3)/(1); then DataCite and ISO 19115-3 crosswalk vs raw parse; then memory: tracemalloc
peak over 1x and 5x the number of documents (documents streamed, results dropped, as a harvest page loop does).
Each figure is the best of --rounds runs of about --seconds each (the corpus is repeated to fill the time).
Target from issue 3: crosswalk >= 50% of raw lxml parse speed, memory flat in the number of records.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
import tracemalloc
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "datatera.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from lxml import etree  # noqa: E402

from harvesters.crosswalks import CrosswalkError, parse_document, unwrap  # noqa: E402
from harvesters.xmlsafe import _new_parser  # noqa: E402

RAW_PARSER = _new_parser()


def corpus_documents(folder: str) -> list[bytes]:
    """The folder's records that convert, as the bytes of the metadata element itself (OAI envelopes removed)."""
    documents = []
    for path in sorted((Path(settings.SHARED_CORPUS_DIR) / folder).glob("*.xml")):
        content = path.read_bytes()
        try:
            parse_document(content)
        except CrosswalkError:
            continue  # the broken ones are for the error tests, not for speed
        root, _ = unwrap(etree.fromstring(content, RAW_PARSER))
        inner = etree.tostring(root) if root.getparent() is not None else content
        try:
            parse_document(inner)  # the envelope may have carried the only identifier (RADAR)
        except CrosswalkError:
            inner = content
        documents.append(inner)
    return documents


def timed(label: str, work, documents: list[bytes], seconds: float, rounds: int) -> float:
    """Best docs/s over ``rounds`` runs of about ``seconds`` each; prints docs/s and MB/s.

    Timed in process CPU time: other work on the machine (parallel test suites) steals wall-clock time from us
    but not CPU time, so the ratios stay meaningful on a busy 2-core box.
    """
    start = time.process_time()
    for document in documents:
        work(document)
    one_pass = time.process_time() - start
    repeats = max(1, round(seconds / max(one_pass, 1e-6)))
    total_bytes = sum(len(d) for d in documents) * repeats
    count = len(documents) * repeats
    best = float("inf")
    for _ in range(rounds):
        gc.collect()
        start = time.process_time()
        for _ in range(repeats):
            for document in documents:
                work(document)
        best = min(best, time.process_time() - start)
    rate = count / best
    print(f"  {label:<44} {rate:>9,.0f} docs/s  {total_bytes / best / 1e6:>7.1f} MB/s   ({count:,} docs in {best:.2f} s CPU)")
    return rate


def raw_parse(document: bytes) -> None:
    etree.fromstring(document, RAW_PARSER)


def crosswalk(document: bytes) -> None:
    parse_document(document)


def owslib_md_metadata(document: bytes) -> None:
    from owslib.iso import MD_Metadata

    MD_Metadata(etree.fromstring(document, RAW_PARSER))


def tracemalloc_peak(documents: list[bytes], count: int) -> int:
    gc.collect()
    tracemalloc.start()
    tracemalloc.reset_peak()
    done = 0
    while done < count:
        for document in documents:
            parse_document(document)
            done += 1
            if done == count:
                break
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="approximate duration of one measurement")
    parser.add_argument("--rounds", type=int, default=3, help="runs per measurement, the best is kept")
    parser.add_argument("--memory-docs", type=int, default=1000, help="documents for the 1x memory run")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")  # OWSLib warns on some records; the measurement is what matters here

    iso = corpus_documents("iso19139")
    datacite = corpus_documents("datacite")
    iso3 = corpus_documents("iso19115-3")
    mean_kb = sum(map(len, iso)) / len(iso) / 1024
    print(f"corpus: {settings.SHARED_CORPUS_DIR}")
    print(f"ISO 19139: {len(iso)} well-formed records, mean {mean_kb:.1f} KB; one core, best of {args.rounds} runs")

    raw = timed("(1) raw lxml parse (baseline)", raw_parse, iso, args.seconds, args.rounds)
    ours = timed("(2) crosswalk iso19139 (parse + convert)", crosswalk, iso, args.seconds, args.rounds)
    owslib = timed("(3) OWSLib 0.28.1 MD_Metadata (parse + read)", owslib_md_metadata, iso, args.seconds, args.rounds)
    print(f"  ratio (2)/(1) crosswalk / raw parse  = {ours / raw:.0%}   (target >= 50%)")
    print(f"  ratio (3)/(1) OWSLib / raw parse     = {owslib / raw:.0%}")
    print(f"  crosswalk is {ours / owslib:.1f}x OWSLib")

    for label, documents in (("DataCite", datacite), ("ISO 19115-3", iso3)):
        kb = sum(map(len, documents)) / len(documents) / 1024
        print(f"{label}: {len(documents)} well-formed records, mean {kb:.1f} KB")
        base = timed("raw lxml parse (baseline)", raw_parse, documents, args.seconds, args.rounds)
        rate = timed(f"crosswalk {label}", crosswalk, documents, args.seconds, args.rounds)
        print(f"  ratio crosswalk / raw parse = {rate / base:.0%}")

    n = args.memory_docs
    small = tracemalloc_peak(iso, n)
    large = tracemalloc_peak(iso, 5 * n)
    print(f"memory (tracemalloc peak, ISO 19139 crosswalk, documents streamed and results dropped):")
    print(f"  {n:,} docs: {small / 1024:,.0f} KiB   {5 * n:,} docs: {large / 1024:,.0f} KiB   ratio 5x/1x = {large / small:.2f}")


if __name__ == "__main__":
    main()
