"""Fixtures for harvest tests: a real pycsw peer loaded with our ISO records, a replaying OAI-PMH server, sources."""

from __future__ import annotations

import pytest

from catalogue.records.models import Record, RecordSource
from poles.models import HarvestSource, Pole
from tests.peers.pycsw_peer import PycswPeer, build_repository
from tests.peers.records import iso_record

PAGE = 10  # records per CSW page in these tests: 35 records = pages starting at 1, 11, 21, 31


def ids(count: int, prefix: str = "rec") -> list[str]:
    return [f"{prefix}-{i:03d}" for i in range(1, count + 1)]


@pytest.fixture(autouse=True)
def fast_retries(settings):
    """Real retries, short waits: the policy is the same, the test suite does not sleep for minutes."""
    settings.HARVEST_RETRY_BACKOFF_SECONDS = 0.01
    settings.HARVEST_RETRY_AFTER_CAP_SECONDS = 1.0
    settings.HARVEST_MAX_RETRIES = 2
    settings.HARVEST_PAGE_RETRIES = 2
    # Long enough that a loaded CI machine never turns a normal page into a timeout-and-retry (the tests that count
    # requests would then see a page twice); the timeout tests set their own, shorter one.
    settings.HARVEST_HTTP_TIMEOUT = 20.0


@pytest.fixture
def csw_peer(tmp_path):
    """pycsw serving 35 ISO 19139 records rec-001..rec-035 (dateStamp 2024-01-15)."""
    db = tmp_path / "peer.db"
    build_repository(db, (iso_record(i) for i in ids(35)))
    with PycswPeer(db) as peer:
        yield peer


def make_source(slug: str, url: str, protocol: str = "csw", pole: str = "ODATIS", **options) -> HarvestSource:
    if protocol == "csw":
        options.setdefault("page_size", PAGE)
    return HarvestSource.objects.create(
        pole=Pole.objects.get(code=pole),
        slug=slug,
        name=slug,
        protocol=protocol,
        url=url,
        options=options,
        schedule="manual",
    )


@pytest.fixture
def csw_source(csw_peer):
    return make_source("peer-csw", csw_peer.url)


def live_identifiers(source: HarvestSource) -> list[str]:
    """Identifiers of the live records the source provides, sorted: what a user can find."""
    return sorted(
        Record.objects.public()
        .filter(provenance__source=source, provenance__deleted_at_source__isnull=True)
        .values_list("identifier", flat=True)
    )


def tombstoned_identifiers(source: HarvestSource) -> list[str]:
    return sorted(
        RecordSource.objects.filter(source=source, deleted_at_source__isnull=False).values_list(
            "source_identifier", flat=True
        )
    )
