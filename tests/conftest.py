"""Shared fixtures. The database is the real PostGIS of scripts/setup.sh (pytest-django makes a test copy)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from catalogue.records.unified import BBox, Keyword, Party, UnifiedRecord

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def corpus_dir() -> Path:
    """The real-world corpus in ../shared/corpus (CI has it). Tests that need it fail loudly without it."""
    path = Path(settings.SHARED_CORPUS_DIR)
    assert path.is_dir(), f"corpus not found at {path}: set SHARED_CORPUS_DIR"
    return path


def make_unified(identifier: str, **fields) -> UnifiedRecord:
    """A valid unified record with sensible defaults; tests override what they check."""
    defaults = {
        "title": f"Dataset {identifier}",
        "metadata_standard": "iso19139",
        "abstract": f"Abstract of {identifier}",
        "keywords": [Keyword("ocean", "GCMD")],
        "organisations": [Party(organisation="Ifremer", role="pointOfContact", kind="organisation")],
    }
    defaults.update(fields)
    return UnifiedRecord(identifier=identifier, **defaults)


@pytest.fixture
def unified_factory():
    return make_unified


@pytest.fixture
def bbox():
    return BBox


@pytest.fixture(autouse=True)
def _seeded_hubs(request):
    """Every database test starts with the four hubs and their sources, as after `migrate`.

    Transactional tests (live servers, Celery workers, browsers) end with a flush that also empties the rows the
    data migration seeded; whichever test runs next would otherwise find no hubs.
    """
    uses_db = request.node.get_closest_marker("django_db") is not None or bool(
        {"db", "transactional_db", "live_server"} & set(request.fixturenames)
    )
    if not uses_db:
        return
    from poles.models import Pole
    from poles.seed import seed

    if not Pole.objects.exists():
        seed()


# The CSW/OAI-PMH sample catalogue fixtures (sample, csw_url).
pytest_plugins = ["tests.csw_sample", "tests.search_cluster"]
