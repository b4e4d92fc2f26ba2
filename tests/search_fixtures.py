"""A small known catalogue for the search tests: every filter, facet and text rule has records that must and must
not match. Written through catalogue.records.ingest (the normal save path, so the search_vector trigger runs)."""

from __future__ import annotations

from datetime import date

from catalogue.records.ingest import IngestItem, delete_from_source, ingest_batch
from catalogue.records.models import Record
from catalogue.records.unified import BBox, HarvestedDocument, Keyword, Party
from poles.models import HarvestSource
from tests.conftest import make_unified


def _org(name: str) -> list[Party]:
    return [Party(organisation=name, role="pointOfContact", kind="organisation")]


def _kw(*values: str) -> list[Keyword]:
    return [Keyword(v, "GCMD") for v in values]


# slug -> (source, fields)
FIXTURE = {
    "sst": (
        "demo-odatis",
        dict(
            title="Sea surface temperature of the Mediterranean Sea",
            abstract="Daily SST analysis from satellites.",
            keywords=_kw("OCEANS", "SEA SURFACE TEMPERATURE"),
            topic_categories=["oceans"],
            resource_type="dataset",
            organisations=_org("Ifremer"),
            formats=["NetCDF"],
            license="CC-BY-4.0",
            doi="10.1234/sst",
            publication_year=2020,
            temporal_start=date(2000, 1, 1),
            temporal_end=date(2019, 12, 31),
            bboxes=[BBox(-6, 30, 36, 46)],
            language="en",
        ),
    ),
    "peche": (
        "demo-odatis",
        dict(
            title="Pêcheries artisanales du golfe de Gascogne",
            abstract="Débarquements de la pêche côtière <b>2010</b>.",
            keywords=_kw("FISHERIES"),
            topic_categories=["biota"],
            resource_type="dataset",
            organisations=_org("Ifremer"),
            formats=["CSV"],
            license="etalab-2.0",
            publication_year=2015,
            temporal_start=date(2010, 1, 1),
            bboxes=[BBox(-10, 43, -1, 48)],
            language="fr",
        ),
    ),
    "peche-plain": (
        "demo-theia",
        dict(
            title="Statistiques de peche en lac",
            abstract="Captures annuelles.",
            keywords=_kw("INLAND WATERS"),
            topic_categories=["inlandWaters"],
            resource_type="series",
            organisations=_org("INRAE"),
            formats=["CSV"],
            license="etalab-2.0",
            publication_year=2018,
            bboxes=[BBox(0, 45, 5, 48)],
            language="fr",
        ),
    ),
    "fiji": (
        "demo-odatis",
        dict(
            title="Coral reef monitoring around Fiji",
            abstract="Reef surveys <script>alert(1)</script> coral cover.",
            keywords=_kw("OCEANS", "CORAL REEFS"),
            topic_categories=["oceans"],
            resource_type="dataset",
            organisations=_org("IRD"),
            formats=["NetCDF"],
            license="CC-BY-4.0",
            doi="10.1234/fiji",
            publication_year=2021,
            temporal_start=date(2019, 1, 1),
            temporal_end=date(2021, 12, 31),
            bboxes=[BBox(177, -21, -178, -12)],
        ),
    ),
    "aerosol": (
        "demo-aeris",
        dict(
            title="Aerosol optical depth over the Sahel",
            abstract="Retrievals from photometers.",
            keywords=_kw("ATMOSPHERE", "AEROSOLS"),
            topic_categories=["climatologyMeteorologyAtmosphere"],
            resource_type="dataset",
            organisations=_org("CNRS"),
            formats=["HDF5"],
            license="CC-BY-4.0",
            doi="10.1234/aod",
            publication_year=2012,
            temporal_start=date(2005, 1, 1),
            temporal_end=date(2010, 12, 31),
            bboxes=[BBox(-17, 10, 20, 20)],
        ),
    ),
    "seismic": (
        "demo-formater",
        dict(
            title="Seismic waveforms of the Alps network",
            abstract="Continuous broadband records.",
            keywords=_kw("SOLID EARTH", "SEISMOLOGY"),
            topic_categories=["geoscientificInformation"],
            resource_type="dataset",
            organisations=_org("IPGP"),
            formats=["miniSEED"],
            license="CC-BY-4.0",
            publication_year=2022,
            temporal_end=date(2022, 6, 30),
            bboxes=[BBox(5, 43, 16, 48)],
        ),
    ),
    "glacier": (
        "demo-theia",
        dict(
            title="Glaciers mass balance in the Alps",
            abstract="We measured melting at stakes every summer.",
            keywords=_kw("CRYOSPHERE", "GLACIERS"),
            topic_categories=["environment"],
            resource_type="dataset",
            organisations=_org("INRAE"),
            formats=["CSV"],
            license="CC-BY-4.0",
            publication_year=2019,
            temporal_start=date(1990, 1, 1),
            bboxes=[BBox(6, 45, 8, 46.5)],
        ),
    ),
    "bering": (
        "demo-odatis",
        dict(
            title="Sea ice extent in the Bering Sea",
            abstract="Passive microwave ice concentration.",
            keywords=_kw("CRYOSPHERE", "SEA ICE"),
            topic_categories=["oceans"],
            resource_type="dataset",
            organisations=_org("Ifremer"),
            formats=["NetCDF"],
            license="CC-BY-4.0",
            publication_year=2016,
            temporal_start=date(2000, 1, 1),
            temporal_end=date(2016, 12, 31),
            bboxes=[BBox(162, 51, -157, 66)],
        ),
    ),
    "sal-title": (
        "demo-odatis",
        dict(
            title="Salinity profiles",
            abstract="Profiles from floats.",
            keywords=_kw("OCEANS"),
            topic_categories=["oceans"],
            resource_type="dataset",
            organisations=_org("Ifremer"),
            formats=["NetCDF"],
            license="CC-BY-4.0",
            publication_year=2017,
            bboxes=[BBox(-40, 0, -10, 30)],
        ),
    ),
    "sal-kw": (
        "demo-odatis",
        dict(
            title="Argo float data",
            abstract="Profiles from floats.",
            keywords=_kw("OCEANS", "SALINITY"),
            topic_categories=["oceans"],
            resource_type="dataset",
            organisations=_org("Ifremer"),
            formats=["NetCDF"],
            license="CC-BY-4.0",
            publication_year=2017,
            bboxes=[BBox(-40, 0, -10, 30)],
        ),
    ),
    "sal-abs": (
        "demo-odatis",
        dict(
            title="Ship cruise report",
            abstract="The cruise also measured salinity.",
            keywords=_kw("OCEANS"),
            topic_categories=["oceans"],
            resource_type="dataset",
            organisations=_org("Ifremer"),
            formats=["NetCDF"],
            license="CC-BY-4.0",
            publication_year=2017,
            bboxes=[BBox(-40, 0, -10, 30)],
        ),
    ),
    "gone": (
        "demo-odatis",
        dict(
            title="Sea surface salinity (withdrawn)",
            abstract="Withdrawn.",
            keywords=_kw("OCEANS", "FISHERIES"),
            topic_categories=["oceans"],
            resource_type="dataset",
            organisations=_org("Ifremer"),
            formats=["NetCDF"],
            license="CC-BY-4.0",
            publication_year=2020,
            temporal_start=date(2000, 1, 1),
            bboxes=[BBox(177, -21, -178, -12)],
        ),
    ),
}
# Published by two hubs with the same DOI: one record with two hubs.
FLUX = dict(
    title="Ocean-atmosphere heat fluxes",
    abstract="Air-sea fluxes from buoys.",
    keywords=_kw("OCEANS", "ATMOSPHERE"),
    topic_categories=["oceans", "climatologyMeteorologyAtmosphere"],
    resource_type="dataset",
    organisations=_org("CNRS"),
    formats=["NetCDF"],
    license="CC-BY-4.0",
    doi="10.1234/flux",
    publication_year=2020,
    temporal_start=date(2015, 1, 1),
    temporal_end=date(2020, 12, 31),
    bboxes=[BBox(-30, 10, 0, 40)],
)
LIVE = [slug for slug in FIXTURE if slug != "gone"] + ["flux"]


def load_search_fixture() -> dict[str, str]:
    """Write the fixture; returns slug -> record id (str)."""
    sources = {s.slug: s for s in HarvestSource.objects.all()}
    by_source: dict[str, list[IngestItem]] = {}
    for slug, (source, fields) in FIXTURE.items():
        doc = HarvestedDocument(slug, f"<?xml version='1.0'?><md id='{slug}'/>".encode())
        by_source.setdefault(source, []).append(IngestItem(doc, make_unified(slug, **fields), "iso19139"))
    for source, items in by_source.items():
        ingest_batch(sources[source], items)
    for source, sid in (("demo-odatis", "flux-odatis"), ("demo-aeris", "flux-aeris")):
        doc = HarvestedDocument(sid, f"<md id='{sid}'/>".encode())
        ingest_batch(sources[source], [IngestItem(doc, make_unified("flux", **FLUX), "iso19139")])
    delete_from_source(sources["demo-odatis"], ["gone"], "withdrawn by the source")
    ids = {r.identifier: str(r.pk) for r in Record.objects.all()}
    return ids
