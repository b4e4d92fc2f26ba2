"""A catalogue harvested from a real pycsw peer holding the Dublin Core records of dc_records.py, served by the live
Django server: what a peer catalogue has, we must have and serve back (issue 16)."""

from __future__ import annotations

import pytest

from harvesters.job_queue import create_job
from harvesters.jobs import run_job
from poles.models import HarvestSource, Pole
from tests.peers.pycsw_peer import PycswPeer, build_repository
from tests.standards.dc_records import RECORDS, csw_record

CSW_RECORD = "http://www.opengis.net/cat/csw/2.0.2"


@pytest.fixture
def dc_peer(tmp_path):
    db = tmp_path / "dc-peer.db"
    assert build_repository(db, (csw_record(record) for record in RECORDS)) == len(RECORDS)
    with PycswPeer(db) as peer:
        yield peer


@pytest.fixture
def harvested_dc(dc_peer, live_server, settings):
    """The peer's records harvested over CSW in Dublin Core; returns (job, csw url, live server url)."""
    settings.SITE_URL = live_server.url
    source = HarvestSource.objects.create(
        pole=Pole.objects.get(code="ODATIS"),
        slug="dc-peer",
        name="DC peer",
        protocol="csw",
        url=dc_peer.url,
        options={"output_schema": CSW_RECORD, "type_names": "csw:Record", "version": "2.0.2"},
        schedule="manual",
    )
    job = run_job(create_job(source).pk)
    return job, f"{live_server.url}/csw", live_server.url


@pytest.fixture
def demo_catalogue(live_server, settings) -> str:
    """The four local demo sources harvested (120 records: ISO 19139, gmi, ISO 19115-3, DataCite); the live url."""
    settings.SITE_URL = live_server.url
    for source in HarvestSource.objects.filter(protocol="local", slug__startswith="demo-").order_by("slug"):
        job = run_job(create_job(source).pk)
        assert job.status == "success", job.log
    return live_server.url


CORPUS_SINGLE_RECORD_DIRS = ("iso19139", "iso19115-3", "datacite", "oai_dc")


@pytest.fixture
def corpus_catalogue(live_server, settings) -> str:
    """The shared corpus's single-record folders harvested as local sources (real records of other catalogues)."""
    settings.SITE_URL = live_server.url
    for name in CORPUS_SINGLE_RECORD_DIRS:
        source = HarvestSource.objects.create(
            pole=Pole.objects.get(code="ODATIS"),
            slug=f"corpus-{name}",
            name=f"corpus {name}",
            protocol="local",
            url=str(settings.SHARED_CORPUS_DIR / name),
            schedule="manual",
        )
        job = run_job(create_job(source).pk)
        assert job.seen > 0 and job.status in ("success", "partial"), job.log
    return live_server.url
