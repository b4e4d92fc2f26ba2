"""Recording through the real pages: what each kind of access records, no raw address stored, searches, and
pages that still answer when Redis is dead."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from django.db import connection

from catalogue.records.unified import OnlineResource, RelatedIdentifier
from stats import intake
from stats.models import SearchEvent, UsageEvent
from tests.portal.factories import ingest

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
DATA_URL = "https://data.example.org/aeris/ozone.nc"


@pytest.fixture
def record(settings):
    settings.STATS_TRUSTED_PROXIES = 1
    return ingest(
        "demo-aeris",
        "ozone-001",
        doi="10.12345/ozone-001",
        title="Ozone profiles",
        online_resources=[OnlineResource(DATA_URL, "WWW:DOWNLOAD-1.0-http--download", "NetCDF")],
    )


def reader():
    # The test reads the queue as the batch writer does, with its patient timeout: the pages' 50 ms one is for pages,
    # and a loaded machine can exceed it for a read that has nothing to do with what is tested.
    return intake.client(timeout=intake.WORKER_TIMEOUT_SECONDS)


def queued() -> list[dict]:
    intake.settle()  # the pages' pusher thread has handed everything to Redis
    return [json.loads(item) for item in reader().lrange(intake.queue_key(), 0, -1)]


def get(client, path, agent=FIREFOX, ip="203.0.113.5", **kwargs):
    return client.get(path, HTTP_USER_AGENT=agent, HTTP_X_FORWARDED_FOR=ip, **kwargs)


def test_record_page_landing_page_export_and_citation_are_recorded(client, record):
    assert get(client, f"/records/{record.pk}/").status_code == 200
    assert get(client, "/doi/10.12345/ozone-001").status_code == 200
    assert get(client, "/doi/10.12345/ozone-001/export/datacite-xml").status_code == 200
    assert get(client, "/doi/10.12345/ozone-001/export/bibtex").status_code == 200
    assert client.post("/stats/citation-copy/10.12345/ozone-001", HTTP_USER_AGENT=FIREFOX).status_code == 204
    kinds = [event["kind"] for event in queued()]
    assert kinds == ["record_page", "landing_page", "export", "citation", "citation_copy"]
    assert intake.flush() == 5
    rows = UsageEvent.objects.order_by("timestamp")
    assert {row.record_id for row in rows} == {record.pk}
    assert {row.hub for row in rows} == {"AERIS"}
    assert {row.activity for row in rows} == {"investigation"}


def test_no_raw_address_or_agent_is_stored(client, record):
    get(client, f"/records/{record.pk}/", ip="198.51.100.77")
    assert "198.51.100.77" not in json.dumps(queued())
    assert FIREFOX not in json.dumps(queued())
    intake.flush()
    event = UsageEvent.objects.get()
    assert len(event.visitor) == 56 and len(event.session) == 56  # SHA-224 hex
    with connection.cursor() as cursor:
        cursor.execute("SELECT row_to_json(e)::text FROM stats_usageevent e")
        (stored,) = cursor.fetchone()
    assert "198.51.100.77" not in stored and "Firefox" not in stored


def test_same_visitor_same_hour_is_one_session_a_new_day_salt_changes_the_ids(client, record, clock):
    clock.now = datetime(2026, 11, 30, 9, 5, tzinfo=UTC)
    get(client, f"/records/{record.pk}/")
    clock.now = datetime(2026, 11, 30, 9, 50, tzinfo=UTC)
    get(client, "/doi/10.12345/ozone-001")
    clock.now = datetime(2026, 12, 1, 9, 5, tzinfo=UTC)
    get(client, f"/records/{record.pk}/")
    first, second, next_day = queued()
    assert first["session"] == second["session"] and first["visitor"] == second["visitor"]
    assert next_day["visitor"] != first["visitor"]  # another day, another salt


def test_outbound_click_redirects_only_to_listed_links(client, record):
    response = get(client, f"/go/{record.pk}?url={DATA_URL}")
    assert response.status_code == 302 and response["Location"] == DATA_URL
    assert get(client, f"/go/{record.pk}?url=https://evil.example/phish").status_code == 404
    assert get(client, f"/go/{record.pk}").status_code == 400
    assert get(client, f"/go/{record.pk}?url=javascript:alert(1)").status_code == 400
    assert get(client, "/go/00000000-0000-0000-0000-000000000000?url=https://x.org/").status_code == 404
    events = queued()
    assert [(e["kind"], e["status"]) for e in events] == [("outbound", 302), ("outbound", 404)]
    assert events[0]["activity"] == "investigation"  # the hub serves the bytes, not us (ST-11)


def test_machine_access_api_csw_and_oai(client, record):
    assert get(client, f"/api/records/{record.pk}/", agent="python-requests/2.32").status_code == 200
    response = get(
        client,
        f"/csw?service=CSW&version=2.0.2&request=GetRecordById&id={record.identifier}",
        agent="OWSLib/0.28.1 python",
    )
    assert response.status_code == 200
    oai_id = f"oai:testserver:{record.pk}"
    response = get(
        client, f"/oaipmh?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:127.0.0.1:{record.pk}", agent="curl/8.5.0"
    )
    assert response.status_code == 200, oai_id
    events = queued()
    assert [(e["kind"], e["method"]) for e in events] == [("api", "machine"), ("csw", "machine"), ("oai", "machine")]
    assert intake.flush() == 3
    assert UsageEvent.objects.filter(record_id=record.pk).count() == 3


def test_head_requests_are_not_accesses(client, record):
    assert client.head(f"/records/{record.pk}/", HTTP_USER_AGENT=FIREFOX).status_code == 200
    assert queued() == []


def test_robots_are_recorded_as_robots_and_never_reach_the_counts(client, record):
    get(
        client,
        f"/records/{record.pk}/",
        agent="Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    )
    assert queued()[0]["method"] == "robot"


def test_searches_are_recorded_with_filters_hub_and_result_count(client, record):
    get(client, "/search/?q=ozone&pole=AERIS")
    get(client, "/search/?q=unobtainium")
    get(client, "/search/?q=ozone&pole=AERIS&page=2")  # same result set: not a new search (ST-10)
    get(client, "/search/")  # browsing everything is not a search
    intake.flush()
    rows = {row.query: row for row in SearchEvent.objects.all()}
    assert set(rows) == {"ozone", "unobtainium"}
    assert rows["ozone"].hubs == ["AERIS"] and rows["ozone"].result_count >= 1
    assert rows["ozone"].filters == {"pole": ["AERIS"]}
    assert rows["unobtainium"].result_count == 0 and rows["unobtainium"].hubs == []


@pytest.mark.django_db(transaction=True)  # the pusher thread writes with its own connection: it must see the record
def test_pages_answer_when_redis_is_dead_and_the_event_is_written_directly(client, record, settings):
    settings.STATS_REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = get(client, f"/records/{record.pk}/")
    assert response.status_code == 200
    intake.settle()
    assert UsageEvent.objects.filter(record_id=record.pk, kind="record_page").count() == 1
    assert intake._state["redis_down_until"] > 0  # the next pages skip Redis for a while
    assert get(client, "/doi/10.12345/ozone-001").status_code == 200
    assert UsageEvent.objects.filter(record_id=record.pk).count() == 2


def test_a_crashed_writer_leaves_nothing_lost_and_nothing_twice(client, record):
    get(client, f"/records/{record.pk}/")
    get(client, "/doi/10.12345/ozone-001")
    intake.settle()
    conn = reader()
    # A writer that moved the batch in flight and died before deleting it: the next flush writes it once.
    items = conn.lrange(intake.queue_key(), 0, -1)
    conn.rpush(f"{intake.queue_key().rsplit(':', 1)[0]}:in-flight", *items)
    conn.delete(intake.queue_key())
    intake.write_events([json.loads(items[0])])  # the first was already written before the crash
    assert intake.flush() == 2
    assert UsageEvent.objects.count() == 2
    assert intake.flush() == 0


def test_related_identifier_relations_are_kept_for_citations(record):
    from stats.citations import metadata_citations

    cites = metadata_citations(
        [
            {"relation_type": "IsCitedBy", "identifier": "10.1000/Paper.1", "identifier_type": "DOI"},
            {
                "relation_type": "IsReferencedBy",
                "identifier": "https://doi.org/10.1000/paper.2",
                "identifier_type": "URL",
            },
            {"relation_type": "IsSupplementTo", "identifier": "10.1000/paper.3", "identifier_type": "DOI"},
            {"relation_type": "IsCitedBy", "identifier": "10.1000/paper.1", "identifier_type": "DOI"},
            {"relation_type": "References", "identifier": "10.1000/other", "identifier_type": "DOI"},
        ]
    )
    assert [(c.citing_id, c.relation) for c in cites] == [
        ("10.1000/paper.1", "IsCitedBy"),
        ("10.1000/paper.2", "IsReferencedBy"),
        ("10.1000/paper.3", "IsSupplementTo"),
    ]
    assert RelatedIdentifier  # the unified record type the crosswalks fill


def test_api_searches_are_recorded_too(client, record):
    assert get(client, "/api/records/?q=ozone&pole=AERIS", agent="python-requests/2.32.3").status_code == 200
    intake.flush()
    row = SearchEvent.objects.get()
    assert (row.query, row.hubs, row.access_method) == ("ozone", ["AERIS"], "machine") and row.result_count >= 1


def test_st09_a_record_two_hubs_publish_is_counted_for_one(client, settings):
    first = ingest("demo-aeris", "shared-001", doi="10.12345/shared-001", title="Shared dataset")
    both = ingest("demo-odatis", "shared-001", doi="10.12345/shared-001", title="Shared dataset (ODATIS copy)")
    assert both.pk == first.pk and sorted(both.pole_codes) == ["AERIS", "ODATIS"]
    get(client, f"/records/{both.pk}/")
    get(client, "/doi/10.12345/shared-001")
    intake.flush()
    primary = both.primary_source.pole.code
    assert set(UsageEvent.objects.values_list("hub", flat=True)) == {primary}
