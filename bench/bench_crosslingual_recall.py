"""Recall of French/English query pairs, without and with the cross-language expansion (prints numbers).

    python bench/bench_crosslingual_recall.py [--pairs bench/crosslingual_pairs.csv] [--backend postgres]
        [--held-out bench/crosslingual_pairs_heldout.csv]

Two sets of pairs, reported apart: the pairs the glossary was written for (`crosslingual_pairs.csv`), and held-out
pairs (`crosslingual_pairs_heldout.csv`) whose words are in no row of the glossary (tests/portal/test_cross_language.py
keeps it so). A held-out pair is expanded only when a thesaurus the records cite (INSPIRE themes, GEMET concepts,
place names) happens to name it; each is marked "vocabulary: yes/no". `--held-out ""` runs the first set alone.

Against the database of DATABASE_URL (load records first, e.g. `python manage.py harvest --protocol local` for the
120 demo records). For each pair (French words, English words) the relevant set is pooled from the baseline: the
records either query finds WITHOUT expansion (so the pool does not depend on the glossary being measured). Recall
of a query = share of its pair's pool it finds. The baseline is the same search in the same run with the expansion
off. Records an expanded query finds outside the pool are counted apart ("extra"): they may be relevant records
neither literal query finds, or noise; read them with --show-extra.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "datatera.settings")

import django  # noqa: E402

django.setup()

from catalogue.search import SearchQuery, search  # noqa: E402
from catalogue.search.params import MAX_PAGE_SIZE  # noqa: E402

HERE = Path(__file__).resolve().parent


def hits(q: str, expand: bool, backend: str | None) -> dict[str, str]:
    found: dict[str, str] = {}
    page = 1
    while True:
        query = SearchQuery(q=q, page=page, page_size=MAX_PAGE_SIZE)
        result = search(query, backend=backend, facets=False, cross_language=expand)
        found.update({str(hit.id): hit.title for hit in result.hits})
        if page >= result.pages:
            return found
        page += 1


def read_pairs(path: str) -> list[tuple[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [(row["fr"], row["en"]) for row in csv.DictReader(handle)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", default=str(HERE / "crosslingual_pairs.csv"))
    parser.add_argument("--held-out", default=str(HERE / "crosslingual_pairs_heldout.csv"))
    parser.add_argument("--backend", default=None)
    parser.add_argument("--show-extra", action="store_true")
    args = parser.parse_args()
    print(f"== pairs the glossary was written for: {args.pairs}")
    measure(read_pairs(args.pairs), args)
    if args.held_out:
        print(f"\n== held-out pairs (no glossary word): {args.held_out}")
        measure(read_pairs(args.held_out), args, mark_vocabulary=True)


def measure(pairs: list[tuple[str, str]], args, mark_vocabulary: bool = False) -> None:
    from catalogue.search.expansion import variants

    print(f"load: {os.getloadavg()[0]:.2f} (1 min) · {len(pairs)} pairs · backend {args.backend or 'default'}")
    header = (
        f"{'French':<34}{'English':<30}{'pool':>5} {'fr before':>10} {'fr after':>9} {'en before':>10} {'en after':>9}"
    )
    print(header + ("  vocabulary" if mark_vocabulary else ""))
    totals = {"fr": [0, 0], "en": [0, 0]}  # found before, found after (summed over pools)
    pooled, extra_total, timings = 0, 0, {False: 0.0, True: 0.0}
    for fr, en in pairs:
        found = {}
        for expand in (False, True):
            started = time.perf_counter()
            found[("fr", expand)] = hits(fr, expand, args.backend)
            found[("en", expand)] = hits(en, expand, args.backend)
            timings[expand] += time.perf_counter() - started
        pool = set(found[("fr", False)]) | set(found[("en", False)])
        if not pool:
            print(f"{fr:<34}{en:<30}{0:>5}  (no record matches either query: left out)")
            continue
        pooled += len(pool)
        cells = []
        for language in ("fr", "en"):
            before = len(pool & set(found[(language, False)]))
            after = len(pool & set(found[(language, True)]))
            totals[language][0] += before
            totals[language][1] += after
            cells += [f"{before / len(pool):>10.0%}", f"{after / len(pool):>9.0%}"]
            extra = set(found[(language, True)]) - pool
            extra_total += len(extra)
            if args.show_extra and extra:
                titles = "; ".join(sorted(found[(language, True)][i] for i in extra))
                print(f"    extra for {language} '{fr if language == 'fr' else en}': {titles}")
        known = ""
        if mark_vocabulary:
            known = "  yes" if len(variants(fr)) > 1 or len(variants(en)) > 1 else "  no"
        print(f"{fr:<34}{en:<30}{len(pool):>5} " + " ".join(cells) + known)
    print()
    if not pooled:
        print("no pair has a pooled record: nothing to measure")
        return
    for language, label in (("fr", "French queries"), ("en", "English queries")):
        before, after = totals[language]
        print(f"{label}: micro-averaged recall {before / pooled:.1%} without expansion -> {after / pooled:.1%} with")
    print(f"pooled relevant records: {pooled}; records found by expanded queries outside the pool: {extra_total}")
    n = 2 * len(pairs)
    print(
        f"time per query: {timings[False] / n * 1000:.1f} ms without expansion, {timings[True] / n * 1000:.1f} ms with"
    )


if __name__ == "__main__":
    main()
