"""Visibility written once (issue 11, item 3): every reader of "which records the public sees" selects exactly the
rows of Record.objects.public(), on a catalogue holding every state a record can be in.

The readers compared: the CSW view pycsw queries, the search-term view (suggestions, "did you mean"), the maintained
facet counts, the API's search (`/api/records/`: its count and its hits), the OAI-PMH provider (live headers and
tombstone headers), the hub counts of the home page and `manage.py catalogue check`'s live-record checks. All on the
real PostGIS, the catalogue written through ingest and the hub workspace's services as a harvest and a hub admin
would."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from lxml import etree

from catalogue.records.hub_counts import pole_summaries
from catalogue.records.ingest import IngestItem, delete_from_source, ingest_batch
from catalogue.records.models import Record
from catalogue.records.unified import HarvestedDocument, Keyword
from catalogue.records.visibility import is_public, public_q, public_sql
from catalogue.search.service import get_backend
from ops import integrity
from poles.models import HarvestSource, Pole
from tests.conftest import make_unified
from workspace import services

pytestmark = pytest.mark.django_db

OAI = {"oai": "http://www.openarchives.org/OAI/2.0/"}
SHARED_KEYWORD = "visibility-every-record"


def _ingest(source: HarvestSource, *names: str) -> None:
    items = []
    for name in names:
        unified = make_unified(
            name,
            title=f"Visibility {name}",
            keywords=[Keyword(f"visibility-{name}", "test"), Keyword(SHARED_KEYWORD, "test")],
        )
        items.append(IngestItem(HarvestedDocument(name, f"<dc id='{name}'/>".encode()), unified, "dublincore"))
    ingest_batch(source, items)


@pytest.fixture
def catalogue() -> dict[str, bool]:
    """{identifier: whether the public should see it}, one record per state."""
    odatis, aeris = HarvestSource.objects.get(slug="demo-odatis"), HarvestSource.objects.get(slug="demo-aeris")
    theia = HarvestSource.objects.get(slug="demo-theia")
    gone = HarvestSource.objects.create(
        pole=Pole.objects.get(code="ODATIS"), slug="visibility-gone", name="Gone", protocol="local", url="/nowhere"
    )
    admin = get_user_model().objects.create_superuser("visibility-admin", "admin@example.org", "x")

    _ingest(odatis, "live", "tombstone", "shared", "resurrected", "removed-row")
    _ingest(aeris, "shared")  # the same record from a second hub
    _ingest(theia, "of-disabled-source")
    _ingest(gone, "of-deleted-source", "kept-by-another-source")
    _ingest(aeris, "kept-by-another-source")

    delete_from_source(odatis, ["tombstone", "shared", "resurrected"], "withdrawn at the source")
    _ingest(odatis, "resurrected")  # listed again by a later harvest
    services.set_enabled(admin, theia, False)  # a disabled source is not harvested; what it gave stays published
    services.delete_source(admin, gone)  # its records are withdrawn unless another source also has them
    Record.objects.filter(identifier="removed-row").delete()  # a row removed outright (admin, shell)

    return {
        "live": True,
        "tombstone": False,
        "shared": True,
        "resurrected": True,
        "of-disabled-source": True,
        "of-deleted-source": False,
        "kept-by-another-source": True,
    }


def _public_ids() -> set[str]:
    return {str(pk) for pk in Record.objects.public().values_list("pk", flat=True)}


def _rows(sql: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def test_every_reader_selects_exactly_the_public_records(catalogue, client):
    records = {r.identifier: r for r in Record.objects.all()}
    assert {name: is_public(records[name]) for name in catalogue} == catalogue
    assert set(records) == set(catalogue)  # the row removed outright is nowhere
    public = _public_ids()
    by_id = {str(r.pk): name for name, r in records.items()}
    assert sorted(by_id[i] for i in public) == sorted(name for name, shown in catalogue.items() if shown)

    # The ORM condition and the SQL fragment, each on its own.
    assert {str(pk) for pk in Record.objects.filter(public_q()).values_list("pk", flat=True)} == public
    assert {row[0] for row in _rows(f"SELECT r.id::text FROM catalogue_record r WHERE {public_sql('r')}")} == public  # noqa: S608

    # The CSW view (what pycsw reads).
    assert {row[0] for row in _rows("SELECT record_id::text FROM catalogue_csw_record")} == public

    # The search-term view: each record's own keyword, and the shared one counted once per public record.
    get_backend("postgres").refresh_terms()
    terms = dict(_rows("SELECT term, frequency FROM catalogue_search_term WHERE kind = 'keyword'"))
    own = {term.removeprefix("visibility-") for term in terms if term != SHARED_KEYWORD}
    assert own == {by_id[i] for i in public}
    assert terms[SHARED_KEYWORD] == len(public)

    # The facet counts the database maintains (the empty search's count and its hub facet).
    counts = dict(((facet, value), n) for facet, value, n in _rows("SELECT facet, value, n FROM catalogue_facet_count"))
    assert counts[("", "")] == len(public)
    hubs = {code for r in Record.objects.public() for code in r.pole_codes}
    assert {code: counts.get(("pole", code), 0) for code in hubs} == {
        code: Record.objects.public().filter(pole_codes__contains=[code]).count() for code in hubs
    }
    assert {hub.code: hub.record_count for hub in pole_summaries("en") if hub.code in hubs} == {
        code: counts[("pole", code)] for code in hubs
    }

    # The API's search: its total and its hits.
    body = client.get("/api/records/", {"page_size": 100}).json()
    assert body["count"] == len(public) and body["count_is_estimate"] is False
    assert {hit["id"] for hit in body["results"]} == public

    # OAI-PMH: public records as live headers, tombstones as deleted headers, nothing else.
    response = client.get("/oaipmh", {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})
    headers = etree.fromstring(response.content).findall(".//oai:header", OAI)
    live = {h.findtext("oai:identifier", namespaces=OAI) for h in headers if h.get("status") != "deleted"}
    tombstones = {h.findtext("oai:identifier", namespaces=OAI) for h in headers if h.get("status") == "deleted"}
    assert {i.rsplit(":", 1)[-1] for i in live} == public  # oai:<host>:<record id>
    assert {by_id[i.rsplit(":", 1)[-1]] for i in tombstones} == {name for name, shown in catalogue.items() if not shown}

    # The operator's checks count the live records the same way.
    assert integrity.search_vectors_present().checked == len(public)
    assert integrity.live_records_have_a_live_source().checked == len(public)


def test_the_fragment_refuses_what_is_not_an_alias():
    with pytest.raises(ValueError):
        public_sql("r; DROP TABLE catalogue_record")
