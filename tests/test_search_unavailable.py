"""A database error during a search is a logged, clear 503 with a request id, on the API and the portal (issue 18).

The error is a real one, the one users hit: a record holding an invalid MultiPolygon (two overlapping boxes, as
stored before migration 0008) makes PostGIS raise "GEOSCoveredBy: TopologyException" on bbox_relation=within.
The test drops the CHECK constraint inside its own transaction to store it (rolled back at the end).
"""

from __future__ import annotations

import logging

import pytest
from django.db import connection
from django.test import Client

from catalogue.records.models import Record
from catalogue.records.unified import BBox
from tests.test_geometry_search import store_records

pytestmark = pytest.mark.django_db

# Across the antimeridian, from 170E to 5E: a within query PostGIS answers with GEOS's covered-by (a within query
# in one box is answered from the records' exact bounding boxes, which an invalid geometry does not break).
WITHIN_EUROPE = {"bbox": "170,40,5,52", "bbox_relation": "within"}
OVERLAPPING = "SRID=4326;MULTIPOLYGON(((0 45,0 47,2 47,2 45,0 45)),((1 46,1 48,3 48,3 46,1 46)))"


@pytest.fixture
def invalid_row(settings):
    settings.SEARCH_CACHE_SECONDS = 0
    store_records({"broken": [BBox(0, 45, 2, 47), BBox(1, 46, 3, 48)], "fine": [BBox(4, 44, 5, 45)]})
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER TABLE refuses to run with deferred checks pending
        cursor.execute("ALTER TABLE catalogue_record DROP CONSTRAINT record_geometry_valid")
        cursor.execute("UPDATE catalogue_record SET geometry = %s::geometry WHERE identifier = 'broken'", [OVERLAPPING])
    assert not Record.objects.get(identifier="broken").geometry.valid


def _logged_ids(caplog) -> list[str]:
    return [r.request_id for r in caplog.records if r.name == "catalogue.search" and r.levelno == logging.ERROR]


def test_the_api_answers_503_with_a_request_id_and_logs_the_cause(invalid_row, caplog):
    caplog.set_level(logging.ERROR, logger="catalogue.search")
    response = Client().get("/api/records/", WITHIN_EUROPE)
    assert response.status_code == 503
    body = response.json()
    request_id = body["request_id"]
    assert request_id and response["X-Request-ID"] == request_id and response["Retry-After"] == "30"
    assert request_id in body["errors"]["detail"] and "unavailable" in body["errors"]["detail"]
    assert _logged_ids(caplog) == [request_id]
    logged = next(r for r in caplog.records if r.name == "catalogue.search")
    assert "TopologyException" in logged.getMessage() and "bbox_relation" in logged.getMessage()
    assert logged.exc_info is not None  # the traceback is in the log, not in the response
    assert "Topology" not in response.content.decode()

    # The request's connection is still usable (the search ran in a savepoint), and other searches still work.
    assert Client().get("/api/records/", {"bbox": "-5,40,10,52", "bbox_relation": "within"}).json()["count"] == 2
    assert Client().get("/api/records/", {**WITHIN_EUROPE, "format": "geojson"}).status_code == 503


def test_the_portal_answers_a_503_page_in_the_visitors_language(invalid_row, caplog):
    caplog.set_level(logging.ERROR, logger="catalogue.search")
    english = Client().get("/search/", WITHIN_EUROPE, HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 503
    request_id = english["X-Request-ID"]
    page = english.content.decode()
    assert "Search is unavailable for a moment" in page and request_id in page
    assert 'name="q"' in page  # the search box stays, to retry or change the query
    french = Client().get("/search/", WITHIN_EUROPE, HTTP_ACCEPT_LANGUAGE="fr")
    assert french.status_code == 503
    assert "La recherche est momentanément indisponible" in french.content.decode()
    assert _logged_ids(caplog) == [request_id, french["X-Request-ID"]]


def test_without_the_invalid_row_the_same_requests_answer(settings):
    settings.SEARCH_CACHE_SECONDS = 0
    store_records({"repaired": [BBox(0, 45, 2, 47), BBox(1, 46, 3, 48)]})
    data = Client().get("/api/records/", WITHIN_EUROPE).json()
    assert data["count"] == 1
    assert Client().get("/search/", WITHIN_EUROPE).status_code == 200
