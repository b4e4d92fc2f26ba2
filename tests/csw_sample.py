"""A small catalogue for the CSW/OAI-PMH tests: three hubs, antimeridian boxes, DOIs, tombstones, one real ISO record.

Written through catalogue.records.ingest like a harvest would, so the endpoints see exactly what production sees.
Fixtures `sample` (the loaded catalogue) and `csw_url` (/csw of the live server) are shared by the endpoint tests
(registered in tests/conftest.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from catalogue.records.ingest import IngestItem, delete_from_source, ingest_batch
from catalogue.records.unified import BBox, HarvestedDocument, Keyword, OnlineResource, Party
from poles.models import HarvestSource
from poles.seed import seed
from tests.conftest import make_unified

# A real ISO 19139 record from the shared corpus (pycsw's own test data, MIT): served verbatim as gmd.
CORPUS_ISO = "iso19139/pycsw__T_ortho_RAS_1998_284404.xml"
GMD = {"gmd": "http://www.isotc211.org/2005/gmd", "gco": "http://www.isotc211.org/2005/gco"}
EUROPE = BBox(-5.0, 41.0, 10.0, 51.0)
FIJI = BBox(175.0, -20.0, -178.0, -15.0)  # crosses the antimeridian


@dataclass
class Sample:
    live_ids: set[str] = field(default_factory=set)  # CSW identifiers (Record.identifier) of live records
    deleted_ids: set[str] = field(default_factory=set)
    iso_identifier: str = ""
    iso_title: str = ""


def _unified(i: int, hub: str):
    words = ["salinity" if i % 4 == 0 else "aerosol" if i % 4 == 1 else "seismic" if i % 4 == 2 else "vegetation"]
    return make_unified(
        f"{hub.lower()}-rec-{i:03d}",
        title=f"{words[0].capitalize()} observations {i:03d}",
        abstract=f"Measurements number {i} from the {hub} hub.",
        doi=f"10.12770/{hub.lower()}-{i:03d}" if i % 2 else "",
        keywords=[Keyword(words[0], "GCMD Science Keywords", "theme"), Keyword("Atlantic", "", "place")],
        organisations=[Party(organisation=f"{hub} data centre", role="pointOfContact", kind="organisation")],
        creators=[Party(name=f"Author {i}", kind="person", orcid="0000-0002-1825-0097")],
        publisher=hub,
        date_published=date(2000 + i % 25, 1 + i % 12, 1),
        temporal_start=date(1990 + i % 20, 1, 1),
        temporal_end=date(2010 + i % 10, 12, 31),
        bboxes=[FIJI] if i % 10 == 7 else [EUROPE, BBox(-60.0, -10.0, -50.0, 0.0)] if i % 10 == 3 else [EUROPE],
        online_resources=[OnlineResource(f"https://data.example.org/{i}", "WWW:DOWNLOAD-1.0-http--download", "data")],
        language="en",
        topic_categories=["oceans"] if words[0] == "salinity" else [],
        license="CC-BY-4.0",
    )


def load_sample(corpus_dir: Path, per_hub: int = 12) -> Sample:
    seed()
    sample = Sample()
    for hub, slug in (("ODATIS", "demo-odatis"), ("AERIS", "demo-aeris"), ("THEIA", "demo-theia")):
        source = HarvestSource.objects.get(slug=slug)
        items = []
        for i in range(per_hub):
            unified = _unified(i, hub)
            content = f"<dc id='{unified.identifier}'/>".encode()
            items.append(IngestItem(HarvestedDocument(unified.identifier, content), unified, "dublincore"))
        ingest_batch(source, items)
        gone = [f"{hub.lower()}-rec-{i:03d}" for i in (5, 10)]
        delete_from_source(source, gone, "withdrawn at source")
        sample.deleted_ids.update(gone)
        sample.live_ids.update(item.record.identifier for item in items if item.record.identifier not in gone)

    original = (corpus_dir / CORPUS_ISO).read_bytes()
    root = etree.fromstring(original)
    sample.iso_identifier = root.findtext("gmd:fileIdentifier/gco:CharacterString", namespaces=GMD).strip()
    sample.iso_title = root.findtext(".//gmd:citation//gmd:title/gco:CharacterString", namespaces=GMD).strip()
    unified = make_unified(sample.iso_identifier, title=sample.iso_title, bboxes=[BBox(21.0, 37.0, 22.0, 38.0)])
    ingest_batch(
        HarvestSource.objects.get(slug="demo-formater"),
        [IngestItem(HarvestedDocument(sample.iso_identifier, original), unified, "iso19139")],
    )
    sample.live_ids.add(sample.iso_identifier)
    return sample


@pytest.fixture
def sample(corpus_dir) -> Sample:
    return load_sample(corpus_dir)


@pytest.fixture
def csw_url(live_server, sample, settings) -> str:
    settings.SITE_URL = live_server.url
    return f"{live_server.url}/csw"
