#!/usr/bin/env python3
"""Regenerate the local demo records: demo/<hub>/*.xml, one metadata file per dataset.

The datasets are hand-written specs (demo/generator/<hub>.py): invented but plausible Data Terra datasets, with
DOIs only under the hubs' real prefixes and a visible fake suffix (DEMO-nnnn). Each spec is written in one format
(ISO 19139, ISO 19115-2, ISO 19115-3 or DataCite 4) by the writers in demo/generator/. Deterministic: the same
specs always give the same bytes, so `git diff` after a run shows exactly what changed.

    python demo/build_demo.py            # rewrite demo/aeris, demo/formater, demo/odatis, demo/theia
    python demo/build_demo.py --out DIR  # write elsewhere (tests compare the two)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generator import aeris, datacite, formater, iso19115_3, iso19139, odatis, theia  # noqa: E402

HUBS = {"aeris": aeris.SPECS, "formater": formater.SPECS, "odatis": odatis.SPECS, "theia": theia.SPECS}
WRITERS = {
    "iso19139": iso19139.write,
    "gmi": iso19139.write,
    "iso19115-3": iso19115_3.write,
    "datacite": datacite.write,
}


def build(out: Path) -> dict[str, int]:
    counts = {}
    for hub, specs in HUBS.items():
        folder = out / hub
        folder.mkdir(parents=True, exist_ok=True)
        slugs = [spec.slug for spec in specs]
        duplicates = {slug for slug in slugs if slugs.count(slug) > 1}
        if duplicates:
            raise SystemExit(f"{hub}: duplicate slugs {sorted(duplicates)}")
        wanted = set()
        for spec in specs:
            name = f"{spec.slug}.xml"
            wanted.add(name)
            (folder / name).write_bytes(WRITERS[spec.fmt](spec))
        for stale in folder.glob("*.xml"):  # a spec that was removed takes its file with it
            if stale.name not in wanted:
                stale.unlink()
        counts[hub] = len(specs)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="output folder (default: demo/)")
    args = parser.parse_args()
    counts = build(args.out)
    print(", ".join(f"{hub}: {n} records" for hub, n in counts.items()), f"-> {args.out}")


if __name__ == "__main__":
    main()
