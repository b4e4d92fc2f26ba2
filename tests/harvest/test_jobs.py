"""Jobs: one running job per source, stale-job takeover from the checkpoint, local sources, provenance across hubs,
scheduling. Each test states exactly which records exist afterwards."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from catalogue.records.models import Record
from harvesters import scheduling
from harvesters.job_queue import NotClaimedError, claim_job, create_job
from harvesters.jobs import run_job
from harvesters.models import HarvestJob
from poles.models import HarvestSource
from tests.harvest.conftest import ids, live_identifiers, make_source, tombstoned_identifiers
from tests.peers.pycsw_peer import PycswPeer, build_repository
from tests.peers.records import iso_record

pytestmark = pytest.mark.django_db
ALL = ids(35)


def test_a_second_harvest_of_a_source_cannot_start_while_one_runs(csw_peer, csw_source):
    first = create_job(csw_source)
    claim_job(first.pk, worker="worker-a")  # running, heartbeat fresh
    second = create_job(csw_source)
    with pytest.raises(NotClaimedError, match=f"job #{first.pk} of peer-csw is already running"):
        run_job(second.pk)
    second.refresh_from_db()
    assert second.status == "cancelled" and "already running" in second.error_summary
    assert csw_peer.faults.requests == []  # the second job never talked to the server
    with pytest.raises(NotClaimedError, match="is running on worker-a"):
        run_job(first.pk)  # the same job delivered twice does not run twice either
    assert live_identifiers(csw_source) == []


def test_a_stale_job_is_taken_over_and_resumes_from_its_checkpoint(csw_peer, csw_source, settings):
    # A worker harvested two pages, committed them with their checkpoint, then died.
    job = create_job(csw_source)
    claim_job(job.pk, worker="dead-worker")
    from harvesters.jobs import HarvestRun

    run = HarvestRun(HarvestJob.objects.get(pk=job.pk), None)
    run.job.checkpoint = {
        "run_started_at": run.job.started_at.isoformat(),
        "since": None,
        "client": {},
        "failed_pages": 0,
        "listing_complete": True,
    }
    from harvesters.protocols.csw import CSWClient

    client = CSWClient(csw_source, checkpoint={}, log=run.log)
    client.check()
    pages = client.pages()
    for _ in range(2):
        run.process(next(pages))
    assert live_identifiers(csw_source) == ALL[:20]
    HarvestJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(hours=1))
    csw_peer.faults.requests.clear()

    resumed = run_job(job.pk)  # what the beat's stale-job sweep or a redelivered message does

    assert resumed.status == "success", resumed.log
    assert "taking over from dead-worker" in resumed.log
    assert csw_peer.faults.get_records_starts() == [21, 31]  # resumed, not restarted
    assert (resumed.seen, resumed.created) == (35, 35)
    assert live_identifiers(csw_source) == ALL


def test_a_new_job_retires_a_stale_one_and_inherits_its_checkpoint(csw_peer, csw_source):
    stale = create_job(csw_source)
    claim_job(stale.pk, worker="dead-worker")
    HarvestJob.objects.filter(pk=stale.pk).update(
        heartbeat_at=timezone.now() - timedelta(hours=1),
        checkpoint={
            "run_started_at": timezone.now().isoformat(),
            "since": None,
            "failed_pages": 0,
            "listing_complete": True,
            "client": {
                "start_position": 31,
                "matched": 35,
                "output_schema": "http://www.isotc211.org/2005/gmd",
                "type_names": "gmd:MD_Metadata",
            },
        },
    )
    job = run_job(create_job(csw_source).pk)
    stale.refresh_from_db()
    assert stale.status == "failed" and f"job #{job.pk} took over" in stale.error_summary
    assert job.status == "success" and csw_peer.faults.get_records_starts() == [31]
    assert live_identifiers(csw_source) == ALL[30:]


def test_the_same_doi_from_two_hubs_is_one_record_with_two_provenances(tmp_path):
    odatis_db, aeris_db = tmp_path / "odatis.db", tmp_path / "aeris.db"
    build_repository(odatis_db, [iso_record("sextant-1", doi="10.12770/ABC-1"), iso_record("sextant-2")])
    build_repository(aeris_db, [iso_record("aeris-9", doi="10.12770/abc-1", organisation="AERIS")])
    with PycswPeer(odatis_db) as odatis_peer, PycswPeer(aeris_db) as aeris_peer:
        odatis = make_source("odatis-peer", odatis_peer.url, pole="ODATIS")
        aeris = make_source("aeris-peer", aeris_peer.url, pole="AERIS")
        assert run_job(create_job(odatis).pk).status == "success"
        assert run_job(create_job(aeris).pk).status == "success"
    assert Record.objects.count() == 2
    shared = Record.objects.get(doi="10.12770/abc-1")
    assert shared.pole_codes == ["AERIS", "ODATIS"] and shared.source_slugs == ["aeris-peer", "odatis-peer"]
    assert sorted(shared.provenance.values_list("source_identifier", flat=True)) == ["aeris-9", "sextant-1"]


def write(directory, name, identifier, **fields):
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(iso_record(identifier, **fields))
    return path


def test_a_local_directory_is_harvested_and_a_full_run_tombstones_removed_files(tmp_path):
    directory = tmp_path / "exports"
    for i in range(1, 7):
        write(directory, f"sub/{i}.xml", f"local-{i}")
    (directory / "notes.txt").write_text("not matched by the pattern")
    source = make_source("local-exports", str(directory), protocol="local")
    job = run_job(create_job(source).pk)
    assert job.status == "success" and job.created == 6
    assert live_identifiers(source) == [f"local-{i}" for i in range(1, 7)]
    (directory / "sub/3.xml").unlink()  # 1 of 6 = 17%, under the guard
    job = run_job(create_job(source, full=True).pk)
    assert job.status == "success" and job.deleted == 1
    assert tombstoned_identifiers(source) == ["sub/3.xml"]
    assert live_identifiers(source) == [f"local-{i}" for i in (1, 2, 4, 5, 6)]


def test_a_broken_file_is_an_error_and_keeps_its_last_good_version(tmp_path):
    directory = tmp_path / "exports"
    for i in range(1, 6):
        write(directory, f"{i}.xml", f"local-{i}")
    source = make_source("local-broken", str(directory), protocol="local")
    run_job(create_job(source).pk)
    (directory / "2.xml").write_bytes(b"<gmd:MD_Metadata xmlns:gmd='http://www.isotc211.org/2005/gmd'><unclosed>")
    job = run_job(create_job(source, full=True).pk)
    assert job.status == "partial" and job.failed == 1 and job.deleted == 0
    error = job.errors.get()
    assert error.identifier == "2.xml" and "malformed XML" in error.message and "<unclosed>" in error.excerpt
    assert live_identifiers(source) == [f"local-{i}" for i in range(1, 6)]  # local-2 kept as it was


def test_a_missing_directory_fails_and_deletes_nothing(tmp_path):
    directory = tmp_path / "exports"
    write(directory, "1.xml", "local-1")
    source = make_source("local-gone", str(directory), protocol="local")
    run_job(create_job(source).pk)
    source.url = str(tmp_path / "moved")
    source.save()
    job = run_job(create_job(source, full=True).pk)
    assert job.status == "failed" and "directory not found" in job.error_summary
    assert live_identifiers(source) == ["local-1"]


def test_relative_local_paths_are_resolved_against_the_project(settings, tmp_path):
    settings.BASE_DIR = tmp_path
    write(tmp_path / "demo" / "hub", "a.xml", "demo-a")
    source = make_source("local-relative", "demo/hub", protocol="local")
    assert run_job(create_job(source).pk).status == "success"
    assert live_identifiers(source) == ["demo-a"]


def test_due_sources_get_one_job_each_and_stale_running_jobs_are_requeued(csw_peer):
    HarvestSource.objects.update(enabled=False)
    daily = make_source("due-daily", csw_peer.url)
    daily.schedule = "daily"
    daily.save()
    recent = make_source("recent-hourly", csw_peer.url)
    recent.schedule, recent.last_attempt_at = "hourly", timezone.now() - timedelta(minutes=5)
    recent.save()
    manual = make_source("manual-only", csw_peer.url)  # schedule "manual": never queued by beat
    created = scheduling.create_due_jobs()
    assert [HarvestJob.objects.get(pk=pk).source.slug for pk in created] == ["due-daily"]
    assert scheduling.create_due_jobs() == []  # already has a queued job
    assert not HarvestJob.objects.filter(source__in=[recent, manual]).exists()
    running = HarvestJob.objects.get(pk=created[0])
    claim_job(running.pk, worker="w")
    assert scheduling.stale_running_jobs() == []
    HarvestJob.objects.filter(pk=running.pk).update(heartbeat_at=timezone.now() - timedelta(hours=2))
    assert scheduling.stale_running_jobs() == [running.pk]


def test_the_task_tolerates_unknown_kwargs_and_missing_jobs(csw_source):
    from harvesters.tasks import harvest_source

    assert harvest_source.acks_late
    assert harvest_source(987654, queued_by="an older version").startswith("not run: no job #987654")
    job = create_job(csw_source)
    assert harvest_source(job.pk, unexpected=True) == "success"
    assert live_identifiers(csw_source) == ALL


def test_a_harvest_that_changes_records_refreshes_the_search_suggestions():
    from catalogue.search import suggest

    def keywords(prefix):
        return [s.text for s in suggest(prefix) if s.kind == "keyword"]

    assert keywords("tide gau") == []  # nothing harvested yet
    job = run_job(create_job(HarvestSource.objects.get(slug="demo-odatis")).pk)
    assert job.status == "success" and job.created == 30
    # Keyword suggestions come from the word list the job rebuilds when it has changed records.
    assert "TIDE GAUGES" in keywords("tide gau")
