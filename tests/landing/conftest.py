"""Landing-page fixtures: the reference's DataCite test vector stored through the real DataCite crosswalk and the
real ingest, a record using every field the page shows, and a minimal headless Chromium for the page tests."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import pytest

from catalogue.records.ingest import IngestItem, ingest_batch
from catalogue.records.models import Record
from catalogue.records.unified import BBox, HarvestedDocument, Party, UnifiedRecord
from poles.models import HarvestSource
from tests.chromium import CHROMIUM, CHROMIUM_ARGS

VECTOR_XML = Path(__file__).parent.parent / "fixtures" / "datacite_test_vector.xml"
VECTOR_DOI = "10.12345/dt-test-0001"


@pytest.fixture(autouse=True)
def landing_cache(settings):
    """The real Redis cache, under a key prefix of its own per test: no stale citations from earlier runs, and
    nothing else in that Redis database (Celery's queues) is touched."""
    caches = {name: dict(config) for name, config in settings.CACHES.items()}
    caches["default"]["KEY_PREFIX"] = f"test-landing-{uuid.uuid4().hex}"
    settings.CACHES = caches
    return caches["default"]["KEY_PREFIX"]


def vector_unified() -> tuple[str, UnifiedRecord]:
    """The test vector through the real DataCite crosswalk (harvesters.crosswalks.datacite)."""
    from harvesters.crosswalks import parse_document

    return parse_document(VECTOR_XML.read_bytes(), "datacite")


def store(unified: UnifiedRecord, content: bytes, source_slug: str = "demo-aeris", fmt: str = "datacite") -> Record:
    source = HarvestSource.objects.get(slug=source_slug)
    document = HarvestedDocument(source_identifier=unified.identifier, content=content)
    result = ingest_batch(source, [IngestItem(document, unified, fmt)])
    return Record.objects.get(pk=result.record_ids[0])


@pytest.fixture
def vector_record(db) -> Record:
    fmt, unified = vector_unified()
    return store(unified, VECTOR_XML.read_bytes(), fmt=fmt)


@pytest.fixture
def landing_store(db):
    """store(unified, content=b"<x/>", source_slug=..., fmt=...) -> Record, for tests that build their own record."""

    def _store(unified: UnifiedRecord, content: bytes = b"<record/>", **kwargs) -> Record:
        return store(unified, content, **kwargs)

    return _store


@pytest.fixture
def landing_browser():
    """A headless Debian Chromium driven by Playwright (no downloaded browser: executable_path). Request it AFTER
    database fixtures: Playwright's sync API runs an event loop, and Django refuses ORM calls while one runs."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


RICH_DOI = "10.17882/12345"


def rich_unified(**overrides) -> UnifiedRecord:
    """A record using every field the page shows, with an HTML abstract carrying a script to be neutralised."""
    from catalogue.records.unified import Keyword, OnlineResource, RelatedIdentifier

    values = dict(
        identifier="sextant-0001",
        doi="10.17882/12345",
        title="Sea surface temperature <Argo> & salinity, Bay of Biscay",
        metadata_standard="iso19139",
        abstract=(
            "<p>Gridded <b>temperature</b> and salinity from Argo floats.</p>"
            '<script>alert("x")</script><img src=x onerror="alert(1)">'
            '<a href="https://example.org/doc" onclick="steal()">Documentation</a>'
        ),
        creators=[
            Party(name="Martin, Léa", kind="person", orcid="0000-0002-1825-0097", affiliation="Ifremer"),
            Party(name="Ifremer", kind="organisation"),
        ],
        organisations=[Party(organisation="Ifremer", role="pointOfContact", kind="organisation")],
        publisher="SEANOE",
        publication_year=2022,
        resource_type="dataset",
        version="2.1",
        keywords=[Keyword("ocean temperature", "GCMD"), Keyword("Argo")],
        temporal_start=dt.date(2010, 1, 1),
        temporal_end=None,
        bboxes=[BBox(-10.0, 43.0, -1.0, 48.5), BBox(176.0, -19.0, -178.0, -15.0)],
        license="CC-BY-4.0",
        license_url="https://spdx.org/licenses/CC-BY-4.0",
        constraints=["Open access"],
        online_resources=[
            OnlineResource(
                "https://data.example.org/sst.nc", "WWW:DOWNLOAD-1.0-http--download", "SST NetCDF", "", "download"
            ),
            OnlineResource("https://data.example.org/wms", "OGC:WMS", "Map service", "", "information"),
        ],
        related_identifiers=[
            RelatedIdentifier("10.17882/11111", "DOI", "IsNewVersionOf"),
            RelatedIdentifier("https://example.org/paper", "URL", "IsCitedBy"),
        ],
        funding=[{"funder": "European Commission", "award": "862626", "award_title": "EuroSea"}],
        instruments=["CTD"],
        formats=["NetCDF"],
        language="en",
        modified=dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.UTC),
    )
    values.update(overrides)
    return UnifiedRecord(**values)


ISO_STUB = b'<gmd:MD_Metadata xmlns:gmd="http://www.isotc211.org/2005/gmd"><!-- verbatim --></gmd:MD_Metadata>'


@pytest.fixture
def rich_record(db) -> Record:
    return store(rich_unified(), ISO_STUB, source_slug="demo-odatis", fmt="iso19139")
