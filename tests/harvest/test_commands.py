"""`manage.py source ...` and `manage.py harvest ...` as hub admins and scripts/run.sh use them."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from catalogue.records.models import Record
from harvesters.models import HarvestJob
from harvesters.tasks import harvest_source
from poles.models import HarvestSource
from tests.harvest.conftest import ids, live_identifiers
from tests.peers.pycsw_peer import Fault

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_source_add_validates_and_stores_options(csw_peer):
    code, out, _ = run(
        "source",
        "add",
        "sextant-test",
        "--pole",
        "ODATIS",
        "--protocol",
        "csw",
        "--url",
        csw_peer.url,
        "--option",
        "page_size=10",
        "--option",
        "constraint=AnyText like '%sea%'",
        "--name",
        "Sextant",
        "--schedule",
        "weekly",
        "--disabled",
    )
    assert code == 0 and "added sextant-test" in out
    source = HarvestSource.objects.get(slug="sextant-test")
    assert (source.pole.code, source.enabled, source.schedule, source.name) == ("ODATIS", False, "weekly", "Sextant")
    assert source.options["page_size"] == 10 and source.options["constraint"] == "AnyText like '%sea%'"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--pole", "NOPE", "--protocol", "csw", "--url", "http://x/"], "unknown pole 'NOPE'"),
        (["--pole", "AERIS", "--protocol", "csw", "--url", "http://x/", "--option", "page_size=0"], "page_size"),
        (["--pole", "AERIS", "--protocol", "csw", "--url", "http://x/", "--option", "pagesize=5"], "Allowed keys"),
        (["--pole", "AERIS", "--protocol", "csw", "--url", "http://x/", "--option", "oops"], "expected key=value"),
        (["--pole", "AERIS", "--protocol", "oaipmh", "--url", "ftp://x/"], "must be an http(s) URL"),
    ],
)
def test_source_add_refuses_bad_input_with_a_message(args, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call_command("source", "add", "bad", *args, stdout=io.StringIO())
    assert not HarvestSource.objects.filter(slug="bad").exists()


def test_source_list_and_show(csw_source):
    run("harvest", csw_source.slug)
    code, out, _ = run("source", "list")
    assert code == 0
    line = next(row for row in out.splitlines() if row.startswith("peer-csw "))
    assert " ODATIS " in line and " 35 " in line and "success" in line
    code, out, _ = run("source", "show", "peer-csw")
    assert "records: 35 live, 0 deleted at the source" in out and "success   full" in out


def test_source_remove_refuses_when_records_exist_and_explains(csw_source):
    run("harvest", csw_source.slug)
    with pytest.raises(CommandError, match="peer-csw has 35 live records"):
        call_command("source", "remove", "peer-csw", stdout=io.StringIO())
    assert HarvestSource.objects.filter(slug="peer-csw").exists()
    code, out, _ = run("source", "remove", "peer-csw", "--force")
    assert code == 0 and "35 record(s) were only at peer-csw: kept as tombstones" in out
    assert not HarvestSource.objects.filter(slug="peer-csw").exists()
    assert Record.objects.count() == 35 and Record.objects.public().count() == 0


def test_harvest_prints_a_summary_and_exits_0_on_success(csw_source):
    code, out, err = run("harvest", "peer-csw")
    assert code == 0
    assert "peer-csw: success (full" in out and "seen 35, created 35" in out and "records/s" in out
    assert "35/35" in err  # the progress bar reached the announced total


def test_harvest_exits_3_on_partial_and_lists_the_errors(csw_peer, csw_source):
    csw_peer.faults.add(Fault(lambda r: r.start_position == 11, status=500))
    code, out, _ = run("harvest", "peer-csw")
    assert code == 3 and "partial" in out and "page startPosition=11: HTTP 500" in out
    assert live_identifiers(csw_source) == ids(35)[:10] + ids(35)[20:]


def test_harvest_of_an_unreachable_endpoint_exits_1_without_a_traceback(csw_source, settings):
    csw_source.url = "http://127.0.0.1:9/csw"
    csw_source.save()
    code, out, err = run("harvest", "peer-csw", "--full")
    assert code == 1
    assert "failed" in out and "connection failed" in out and "Traceback" not in out + err


def test_harvest_exits_4_when_the_source_is_already_being_harvested(csw_source):
    from harvesters.job_queue import claim_job, create_job

    claim_job(create_job(csw_source).pk, worker="elsewhere")
    code, _, err = run("harvest", "peer-csw")
    assert code == 4 and "already running" in err


def test_harvest_unknown_source_and_bad_arguments():
    with pytest.raises(CommandError, match="no source 'nope'"):
        call_command("harvest", "nope", stdout=io.StringIO())
    with pytest.raises(CommandError, match="not both"):
        call_command("harvest", "demo-aeris", "--protocol", "local", stdout=io.StringIO())


def test_harvest_by_protocol_runs_every_enabled_source_of_it(tmp_path, settings):
    from tests.harvest.test_jobs import write

    settings.BASE_DIR = tmp_path
    for hub in ("aeris", "formater", "odatis", "theia"):
        write(tmp_path / "demo" / hub, "1.xml", f"demo-{hub}-1")
    HarvestSource.objects.filter(slug="demo-theia").update(enabled=False)
    code, out, _ = run("harvest", "--protocol", "local")
    assert code == 0
    assert sorted(Record.objects.values_list("identifier", flat=True)) == [
        "demo-aeris-1",
        "demo-formater-1",
        "demo-odatis-1",
    ]
    assert out.count(": success (full") == 3


def test_harvest_queue_hands_jobs_to_celery(csw_source):
    HarvestSource.objects.exclude(pk=csw_source.pk).update(enabled=False)
    with harvest_source.app.connection_for_write() as conn:
        conn.default_channel.queue_purge(harvest_source.app.conf.task_default_queue)
        code, out, _ = run("harvest", "--protocol", "csw", "--queue")
        job = HarvestJob.objects.get(source=csw_source)
        assert code == 0 and f"peer-csw: queued job #{job.pk}" in out and job.status == "queued"
        assert conn.default_channel.client.llen(harvest_source.app.conf.task_default_queue) == 1
        code, out, _ = run("harvest", "--protocol", "csw", "--queue")
        assert "already queued; not queued again" in out
        conn.default_channel.queue_purge(harvest_source.app.conf.task_default_queue)
