"""What the workspace pages show: the sources table, errors filtered by message and paged, the delete confirmation
and what deleting does to the records (a real harvest of a demo folder)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from catalogue.records.models import Record
from harvesters.job_queue import create_job
from harvesters.jobs import run_job
from harvesters.models import HarvestError
from poles.models import HarvestSource
from tests.hub_workspace.conftest import add_error, finished_job

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(users) -> Client:
    client = Client()
    client.force_login(users["odatis_admin"])
    return client


def test_the_sources_table_shows_state_records_trend_and_error_rate(admin):
    source = HarvestSource.objects.get(slug="demo-odatis")
    run_job(create_job(source, full=True).pk)
    run_job(create_job(source, full=True).pk)
    page = admin.get(reverse("workspace:home")).content.decode()
    row = page.split("demo-odatis</code>")[1].split("</tr>")[0]
    assert 'class="state state-healthy"' in row
    live = Record.objects.filter(provenance__source=source, deleted=False).count()
    assert f'<td class="num">{live}</td>' in row and live > 0
    assert '<svg class="sparkline"' in row and "<polyline" in row  # two runs: a line
    assert '<td class="num">0 %</td>' in row


def test_errors_are_filtered_by_message_and_paged(admin):
    job = finished_job(HarvestSource.objects.get(slug="demo-odatis"))
    for i in range(60):
        add_error(job, f"bad-{i:02d}.xml")
    HarvestError.objects.create(job=job, identifier="odd.xml", message="DataCite: unknown resourceTypeGeneral")
    url = reverse("workspace:job", args=["demo-odatis", job.pk])
    first = admin.get(url).content.decode()
    assert "61 errors" in first and "Page 1 of 2" in first and first.count('class="harvest-error"') == 50
    filtered = admin.get(url, {"message": "resourceTypeGeneral"}).content.decode()
    assert "1 error" in filtered and "odd.xml" in filtered and "bad-00.xml" not in filtered
    second = admin.get(url, {"page": 2}).content.decode()
    assert second.count('class="harvest-error"') == 11


def test_delete_says_what_happens_to_the_records_and_does_it(admin, client):
    source = HarvestSource.objects.get(slug="demo-odatis")
    job = run_job(create_job(source, full=True).pk)
    records = list(Record.objects.filter(provenance__source=source, deleted=False))
    assert len(records) == job.created > 0
    page = admin.get(reverse("workspace:source_delete", args=["demo-odatis"])).content.decode()
    assert f"{len(records)} records come only from this source" in page and "410 Gone" in page
    wrong = admin.post(reverse("workspace:source_delete", args=["demo-odatis"]), {"confirm_slug": "demo"})
    assert wrong.status_code == 200 and HarvestSource.objects.filter(slug="demo-odatis").exists()
    done = admin.post(reverse("workspace:source_delete", args=["demo-odatis"]), {"confirm_slug": "demo-odatis"})
    assert done.status_code == 302 and not HarvestSource.objects.filter(slug="demo-odatis").exists()
    gone = Record.objects.get(pk=records[0].pk)
    assert gone.deleted and "removed from the catalogue by odile" in gone.deleted_reason
    assert client.get(f"/records/{gone.pk}/").status_code == 410
    trail = admin.get(reverse("workspace:audit")).content.decode()
    assert "deleted the source" in trail and "demo-odatis" in trail
