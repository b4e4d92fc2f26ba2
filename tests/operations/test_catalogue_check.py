"""`manage.py catalogue check`: each invariant broken on purpose is reported with its count and fails the exit
status; a sound catalogue passes."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from catalogue.records.models import Record, RecordSource
from harvesters.models import HarvestJob
from ops.integrity import external_index_in_step
from poles.models import HarvestSource
from tests.portal.factories import aerosol_series

pytestmark = pytest.mark.django_db


def check() -> tuple[int, dict, str]:
    out = io.StringIO()
    code = 0
    try:
        call_command("catalogue", "check", "--json", stdout=out)
    except SystemExit as exit_:
        code = exit_.code
    report = json.loads(out.getvalue())
    table = io.StringIO()
    try:
        call_command("catalogue", "check", stdout=table)
    except SystemExit:
        pass
    return code, {c["name"]: c for c in report["checks"]}, table.getvalue()


@pytest.fixture
def records():
    return aerosol_series(6, 3)


def test_a_sound_catalogue_passes(records):
    code, checks, table = check()
    assert code == 0
    assert checks["live-source"]["checked"] == 6 and checks["live-source"]["problems"] == 0
    assert checks["xml-hash"]["checked"] == 6 and checks["search-vector"]["checked"] == 6
    assert checks["external-index"]["skipped"]  # SEARCH_BACKEND=postgres here
    assert "5 of 5 checks passed; 0 broken invariant(s)" in table


def test_a_live_record_whose_sources_all_dropped_it_is_reported(records):
    RecordSource.objects.filter(record__in=records[:2]).update(deleted_at_source=timezone.now())
    code, checks, table = check()
    assert code == 1
    assert checks["live-source"]["problems"] == 2
    assert set(checks["live-source"]["examples"]) == {str(r.pk) for r in records[:2]}
    assert "FAIL live-source: 2 live records with no live source (6 checked" in table
    Record.objects.filter(pk__in=[r.pk for r in records[:2]]).update(deleted=True)  # tombstoned: fine again
    assert check()[0] == 0


def test_original_xml_that_no_longer_matches_its_hash_is_reported(records):
    RecordSource.objects.filter(record=records[3]).update(original_xml=b"<tampered/>")
    code, checks, _ = check()
    assert code == 1 and checks["xml-hash"]["problems"] == 1
    assert checks["xml-hash"]["examples"] == [records[3].provenance.get().source_identifier]


def test_a_live_record_without_a_search_vector_is_reported(records):
    with connection.cursor() as cursor:  # what the trigger would never let happen: triggers off for one write
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("UPDATE catalogue_record SET search_vector = NULL WHERE id = %s", [records[0].pk])
        cursor.execute("SET LOCAL session_replication_role = DEFAULT")
    code, checks, _ = check()
    assert code == 1 and checks["search-vector"]["problems"] == 1
    assert checks["search-vector"]["examples"] == [str(records[0].pk)]


def test_a_stale_running_job_is_a_warning_not_a_failure(records):
    source = HarvestSource.objects.get(slug="demo-aeris")
    job = HarvestJob.objects.create(source=source, status="running", heartbeat_at=timezone.now() - timedelta(days=1))
    code, checks, table = check()
    assert code == 0 and checks["stale-job"]["problems"] == 1 and checks["stale-job"]["severity"] == "warning"
    assert checks["stale-job"]["examples"] == [str(job.pk)]
    assert "WARN stale-job: 1 running harvest jobs" in table


class FakeIndex:
    """Stands in for an Elasticsearch client (no server can run on these machines): what `scan` reads."""

    def __init__(self, ids):
        self.ids = ids
        self.alias = "datatera-test-records"
        self.client = self

    def search(self, **kwargs):
        return {
            "_scroll_id": "s",
            "_shards": {"total": 1, "successful": 1, "skipped": 0},
            "hits": {"hits": [{"_id": i} for i in self.ids]},
        }

    def scroll(self, **kwargs):
        return {"_scroll_id": "s", "_shards": {"total": 1, "successful": 1, "skipped": 0}, "hits": {"hits": []}}

    def clear_scroll(self, **kwargs):
        return {}

    def options(self, **kwargs):
        return self


def test_the_external_index_out_of_step_is_reported_both_ways(records):
    """Mock: the client only. The comparison itself runs against the real database."""
    live = [str(r.pk) for r in records]
    assert external_index_in_step(FakeIndex(live)).problems == 0
    finding = external_index_in_step(FakeIndex([*live[1:], "00000000-0000-0000-0000-00000000dead"]))
    assert finding.problems == 2
    assert finding.examples == [f"missing {live[0]}", "extra 00000000-0000-0000-0000-00000000dead"]
