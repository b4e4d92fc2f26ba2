"""Landing-page fixtures: the reference's DataCite test vector stored through the real ingest (and through the real
DataCite crosswalk once it is registered), plus a minimal headless Chromium for the page test."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from catalogue.ingest import IngestItem, ingest_batch
from catalogue.models import Record
from catalogue.unified import BBox, HarvestedDocument, Party, UnifiedRecord
from poles.models import HarvestSource

VECTOR_XML = Path(__file__).parent.parent / "fixtures" / "datacite_test_vector.xml"
VECTOR_DOI = "10.12345/dt-test-0001"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def vector_unified() -> tuple[str, UnifiedRecord]:
    """The test vector as a UnifiedRecord: parsed by the DataCite crosswalk when the project has one, else built
    by hand with exactly the vector's values."""
    from harvesters.crosswalks import parse_document, registered

    content = VECTOR_XML.read_bytes()
    if "datacite" in registered():
        return parse_document(content, "datacite")
    return "datacite", UnifiedRecord(
        identifier="10.12345/DT-TEST-0001",
        doi=VECTOR_DOI,
        title="Aerosol optical depth, Lille, 2019-2020",
        metadata_standard="datacite",
        creators=[
            Party(name="Dupont, Marie", given_name="Marie", family_name="Dupont", kind="person", role="creator"),
            Party(name="AERIS", kind="organisation", role="creator"),
        ],
        publisher="AERIS",
        publication_year=2021,
        resource_type="Dataset",
        version="1.0",
        temporal_start=dt.date(2019, 1, 1),
        temporal_end=dt.date(2020, 12, 31),
        license="Creative Commons Attribution 4.0 International",
        license_url="https://creativecommons.org/licenses/by/4.0/legalcode",
        bboxes=[BBox(2.9, 50.5, 3.2, 50.7)],
    )


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
    """A headless Debian Chromium driven by Playwright (no downloaded browser: executable_path)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
