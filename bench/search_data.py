"""Synthetic records for the search benchmark when `manage.py generate_records` (branch demo) is not available:
  python bench/search_data.py --count 100000 [--seed 1]
Writes through catalogue.records.ingest.ingest_batch (the normal save path, so the search_vector trigger runs)."""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "datatera.settings")

import django  # noqa: E402

django.setup()

from catalogue.records.ingest import IngestItem, ingest_batch  # noqa: E402
from catalogue.records.unified import BBox, HarvestedDocument, Keyword, Party, UnifiedRecord  # noqa: E402
from poles.models import HarvestSource  # noqa: E402

EN_SUBJECTS = [
    "sea surface temperature",
    "ocean salinity",
    "chlorophyll concentration",
    "aerosol optical depth",
    "ozone profiles",
    "soil moisture",
    "land cover",
    "snow cover",
    "glacier mass balance",
    "seismic waveforms",
    "GNSS displacements",
    "ground deformation",
    "river discharge",
    "lake water levels",
    "precipitation",
    "cloud properties",
    "wind speed",
    "sea ice extent",
    "coastal bathymetry",
    "phytoplankton biomass",
    "evapotranspiration",
    "leaf area index",
    "volcanic gas emissions",
    "magnetic field",
    "fisheries landings",
]
FR_SUBJECTS = [
    "température de surface de la mer",
    "salinité océanique",
    "concentration en chlorophylle",
    "épaisseur optique des aérosols",
    "profils d'ozone",
    "humidité des sols",
    "occupation des sols",
    "couverture neigeuse",
    "bilan de masse glaciaire",
    "formes d'onde sismiques",
    "déplacements GNSS",
    "déformation du sol",
    "débit des rivières",
    "niveaux des lacs",
    "précipitations",
    "propriétés des nuages",
    "vitesse du vent",
    "étendue de la banquise",
    "bathymétrie côtière",
    "biomasse phytoplanctonique",
    "évapotranspiration",
    "indice foliaire",
    "émissions de gaz volcaniques",
    "champ magnétique",
    "pêcheries artisanales",
]
PLACES = [
    ("Mediterranean Sea", "mer Méditerranée", (-6, 30, 36, 46)),
    ("Bay of Biscay", "golfe de Gascogne", (-10, 43, -1, 48)),
    ("French Polynesia", "Polynésie française", (-155, -28, -134, -7)),
    ("Alps", "Alpes", (5, 43, 16, 48)),
    ("Fiji", "Fidji", (177, -21, -178, -12)),
    ("Bering Sea", "mer de Béring", (162, 51, -157, 66)),
    ("Sahel", "Sahel", (-17, 10, 20, 20)),
    ("Antarctica", "Antarctique", (-180, -90, 180, -60)),
    ("Brittany", "Bretagne", (-5.2, 47, -1, 49)),
    ("Indian Ocean", "océan Indien", (20, -60, 120, 25)),
    ("Amazon basin", "bassin amazonien", (-80, -20, -45, 5)),
    ("Réunion", "La Réunion", (55.2, -21.4, 55.9, -20.8)),
]
INSTRUMENTS = ["MODIS", "SEVIRI", "IASI", "Argo float", "CTD", "seismometer", "lidar", "radiometer", "SAR", "gauge"]
GCMD = [
    "OCEANS",
    "ATMOSPHERE",
    "LAND SURFACE",
    "CRYOSPHERE",
    "SOLID EARTH",
    "BIOSPHERE",
    "HYDROSPHERE",
    "SEA SURFACE TEMPERATURE",
    "SALINITY",
    "AEROSOLS",
    "SOIL MOISTURE",
    "PRECIPITATION",
    "SEISMOLOGY",
    "GLACIERS",
    "CHLOROPHYLL",
    "WINDS",
    "CLOUDS",
    "FISHERIES",
    "OZONE",
    "LAND COVER",
]
TOPICS = [
    "oceans",
    "climatologyMeteorologyAtmosphere",
    "geoscientificInformation",
    "inlandWaters",
    "imageryBaseMapsEarthCover",
    "environment",
    "biota",
    "elevation",
]
ORGS = [
    "Ifremer",
    "CNRS",
    "Météo-France",
    "IPGP",
    "CNES",
    "IRD",
    "INRAE",
    "SHOM",
    "IGN",
    "OMP",
    "IPSL",
    "BRGM",
    "Université Grenoble Alpes",
    "Sorbonne Université",
    "LEGOS",
    "LOCEAN",
]
FORMATS = ["NetCDF", "GeoTIFF", "CSV", "HDF5", "miniSEED", "GRIB", "Shapefile", "JSON"]
LICENSES = ["CC-BY-4.0", "etalab-2.0", "CC0-1.0", "ODbL-1.0", "Restricted"]
TYPES = ["dataset"] * 6 + ["series", "service", "software"]
SOURCES = ["demo-aeris", "demo-formater", "demo-odatis", "demo-theia"]


def record(rng: random.Random, n: int, seed: int) -> UnifiedRecord:
    i = rng.randrange(len(EN_SUBJECTS))
    place_en, place_fr, (w, s, e, nn) = rng.choice(PLACES)
    french = rng.random() < 0.4
    inst = rng.choice(INSTRUMENTS)
    y0 = rng.randint(1960, 2024)
    y1 = y0 + rng.randint(0, 30)
    subj2 = rng.choice(EN_SUBJECTS)
    title_en = f"{EN_SUBJECTS[i].capitalize()} in the {place_en} from {inst} observations, {y0}-{min(y1, 2026)}"
    title_fr = f"{FR_SUBJECTS[i].capitalize()} : {place_fr}, observations {inst}, {y0}-{min(y1, 2026)}"
    abstract_en = (
        f"This dataset provides {EN_SUBJECTS[i]} and {subj2} measured by {inst} over the {place_en}. "
        f"Data were quality controlled and gridded; version {rng.randint(1, 5)}.{rng.randint(0, 9)}. "
        f"Record {seed}-{n}."
    )
    abstract_fr = (
        f"Ce jeu de données fournit {FR_SUBJECTS[i]} mesurée par {inst} sur {place_fr}. "
        f"Les données ont été contrôlées et maillées."
    )
    jitter = rng.uniform(-2, 2)
    box = BBox(w, s, e, nn) if w > e else BBox(max(-180, w + jitter), s, min(180, e + jitter), nn)
    start = date(y0, rng.randint(1, 12), 1)
    end = None if rng.random() < 0.15 else date(min(y1, 2026), rng.randint(1, 12), 28)
    keywords = [Keyword(k, "GCMD") for k in rng.sample(GCMD, rng.randint(2, 5))]
    return UnifiedRecord(
        identifier=f"bench-{seed}-{n}",
        title=title_fr if french else title_en,
        abstract=abstract_fr if french else abstract_en,
        translations={"en": {"title": title_en, "abstract": abstract_en}} if french else {},
        language="fr" if french else "en",
        metadata_standard="iso19139",
        doi=f"10.99999/bench.{seed}.{n}" if rng.random() < 0.3 else "",
        keywords=keywords,
        topic_categories=[rng.choice(TOPICS)],
        resource_type=rng.choice(TYPES),
        organisations=[
            Party(organisation=o, role="pointOfContact", kind="organisation")
            for o in rng.sample(ORGS, rng.randint(1, 2))
        ],
        publication_year=min(2026, y1 + rng.randint(0, 3)),
        temporal_start=None if rng.random() < 0.05 else start,
        temporal_end=end,
        bboxes=[box],
        license=rng.choice(LICENSES),
        formats=[rng.choice(FORMATS)],
        instruments=[inst],
        lineage=f"Processed with chain v{rng.randint(1, 9)}",
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--batch", type=int, default=2000)
    args = parser.parse_args()
    rng = random.Random(args.seed * 1_000_003 + args.start)
    sources = {s.slug: s for s in HarvestSource.objects.filter(slug__in=SOURCES)}
    t0 = time.perf_counter()
    for first in range(args.start, args.count, args.batch):
        by_source: dict[str, list[IngestItem]] = {}
        for n in range(first, min(first + args.batch, args.count)):
            unified = record(rng, n, args.seed)
            doc = HarvestedDocument(unified.identifier, f"<bench n='{n}'/>".encode())
            by_source.setdefault(rng.choice(SOURCES), []).append(IngestItem(doc, unified, "iso19139"))
        for slug, items in by_source.items():
            ingest_batch(sources[slug], items)
        done = min(first + args.batch, args.count)
        rate = (done - args.start) / (time.perf_counter() - t0)
        print(f"{done}/{args.count} records, {rate:.0f}/s", flush=True)


if __name__ == "__main__":
    main()
