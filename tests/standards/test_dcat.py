"""DCAT-AP 3 / GeoDCAT-AP: /dcat/catalog (paged, three serialisations), record pages by content negotiation and
OAI-PMH's dcat_ap format, validated with pyshacl against the official shapes (settings.DCAT_SHACL_DIR): zero
violations on the demo and on the corpus records; records that cannot meet a mandatory property are reported."""

from __future__ import annotations

import pytest
import requests
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF
from sickle import Sickle

from catalogue.dcat import services
from catalogue.exports import dcat
from catalogue.exports.dcat_shacl import ADVISORY_SHAPES, MANDATORY_SHAPES, validate
from catalogue.records.models import Record

pytestmark = pytest.mark.django_db(transaction=True)
HYDRA = "http://www.w3.org/ns/hydra/core#"
FORMATS = {"turtle": "text/turtle", "rdfxml": "application/rdf+xml", "jsonld": "application/ld+json"}


def _catalog_pages(base: str, *, format_name: str = "turtle", by_accept: bool = True) -> Graph:
    """Every page of /dcat/catalog, following hydra:next, merged into one graph."""
    merged, url, seen = Graph(), f"{base}/dcat/catalog", 0
    while url:
        if by_accept:
            response = requests.get(url, headers={"Accept": FORMATS[format_name]}, timeout=60)
        else:
            response = requests.get(url, params={"format": format_name}, timeout=60)
        assert response.status_code == 200, (url, response.text[:300])
        assert response.headers["Content-Type"].startswith(FORMATS[format_name])
        page = Graph().parse(data=response.content, format=dcat.RDF_FORMATS[format_name][1])
        merged += page
        seen += 1
        view = page.value(URIRef(f"{base}/dcat/catalog"), URIRef(HYDRA + "view"))
        following = page.value(view, URIRef(HYDRA + "next"))
        url = str(following) if following else ""
        if url and not by_accept:
            url = url.replace("?page=", f"?format={format_name}&page=")
    assert seen >= 1
    return merged


def _datasets(graph: Graph) -> set[str]:
    return {str(s) for s in graph.subjects(RDF.type, DCAT.Dataset)}


def _expected_datasets(base: str) -> set[str]:
    return {f"{base}/records/{pk}/" for pk in services.publishable().values_list("pk", flat=True)}


def _violations(graph: Graph) -> dict[str, int]:
    """{shape file: violations}; the messages are printed, so that a failure says what is wrong."""
    counts = {}
    for name in MANDATORY_SHAPES:
        report = validate(graph, name)
        counts[name] = report.violations
        print(name, report.violations, "violations;", report.warnings, "warnings", dict(report.by_message))
    return counts


def test_demo_catalogue_pages_in_every_serialisation_with_zero_violations(demo_catalogue, settings):
    settings.DCAT_PAGE_SIZE = 25  # 120 demo records: 5 pages
    expected = _expected_datasets(demo_catalogue)
    assert len(expected) == Record.objects.public().count() - len(services.gaps()) >= 100
    turtle = _catalog_pages(demo_catalogue)
    assert _datasets(turtle) == expected
    catalog = URIRef(f"{demo_catalogue}/dcat/catalog")
    assert {str(d) for d in turtle.objects(catalog, DCAT.dataset)} == expected
    for format_name in ("rdfxml", "jsonld"):
        assert _datasets(_catalog_pages(demo_catalogue, format_name=format_name, by_accept=False)) == expected
    first = Graph().parse(data=requests.get(f"{demo_catalogue}/dcat/catalog", timeout=60).content, format="turtle")
    view = first.value(catalog, URIRef(HYDRA + "view"))
    assert int(first.value(view, URIRef(HYDRA + "totalItems"))) == len(expected)
    assert str(first.value(view, URIRef(HYDRA + "last"))).endswith("?page=5")
    # The API counts the same live records.
    api = requests.get(f"{demo_catalogue}/api/records/", params={"facets": "false"}, timeout=30).json()
    assert api["count"] == len(expected) + len(services.gaps())

    assert _violations(turtle) == {name: 0 for name in MANDATORY_SHAPES}
    advisory = validate(turtle, ADVISORY_SHAPES[0])
    assert advisory.violations == 0  # recommended properties raise warnings only
    # GeoDCAT-AP content the hubs need: boxes, periods, contacts, licences as URIs, distributions.
    for predicate in (DCTERMS.spatial, DCTERMS.temporal, DCAT.contactPoint, DCAT.distribution):
        assert len(set(turtle.subjects(predicate, None))) >= 50, predicate
    licences = set(turtle.objects(None, DCTERMS.license))
    assert licences and all(isinstance(licence, URIRef) for licence in licences)
    assert set(turtle.objects(None, DCAT.accessURL)) and set(turtle.objects(None, DCAT.downloadURL))


def test_bad_paging_requests_are_refused_clearly(demo_catalogue):
    assert requests.get(f"{demo_catalogue}/dcat/catalog?page=0", timeout=30).status_code == 400
    assert requests.get(f"{demo_catalogue}/dcat/catalog?page=999", timeout=30).status_code == 404
    assert requests.get(f"{demo_catalogue}/dcat/catalog?format=csv", timeout=30).status_code == 400


def test_record_pages_answer_rdf_by_content_negotiation(demo_catalogue):
    record = Record.objects.public().exclude(bboxes=[]).exclude(doi=None).first()
    url = f"{demo_catalogue}/records/{record.pk}/"
    for format_name, media_type in FORMATS.items():
        response = requests.get(url, headers={"Accept": f"{media_type}, text/html;q=0.5"}, timeout=30)
        assert response.status_code == 200 and response.headers["Content-Type"].startswith(media_type)
        assert "Accept" in response.headers["Vary"]
        graph = Graph().parse(data=response.content, format=dcat.RDF_FORMATS[format_name][1])
        assert (URIRef(url), RDF.type, DCAT.Dataset) in graph
        assert str(graph.value(URIRef(url), DCTERMS.identifier)) == record.identifier
        assert _violations(graph) == {name: 0 for name in MANDATORY_SHAPES}
    html = requests.get(url, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}, timeout=30)
    assert html.headers["Content-Type"].startswith("text/html") and "Accept" in html.headers["Vary"]
    assert requests.get(url, params={"format": "ttl"}, timeout=30).headers["Content-Type"].startswith("text/turtle")


def test_oai_pmh_dcat_ap_format_harvested_with_sickle(demo_catalogue):
    sickle = Sickle(f"{demo_catalogue}/oaipmh", max_retries=1)
    assert "dcat_ap" in {fmt.metadataPrefix for fmt in sickle.ListMetadataFormats()}
    graph, count = Graph(), 0
    for record in sickle.ListRecords(metadataPrefix="dcat_ap"):
        if record.deleted:
            continue
        count += 1
        rdf = record.xml.find("{http://www.openarchives.org/OAI/2.0/}metadata")[0]
        from lxml import etree

        graph.parse(data=etree.tostring(rdf), format="xml")
    assert count == len(_expected_datasets(demo_catalogue)) == len(_datasets(graph))
    assert _violations(graph) == {name: 0 for name in MANDATORY_SHAPES}


def test_corpus_records_validate_and_the_unpublishable_are_reported(corpus_catalogue):
    expected = _expected_datasets(corpus_catalogue)
    assert len(expected) >= 60
    graph = _catalog_pages(corpus_catalogue)
    assert _datasets(graph) == expected
    assert _violations(graph) == {name: 0 for name in MANDATORY_SHAPES}
    report = requests.get(f"{corpus_catalogue}/dcat/catalog/report", timeout=30).json()
    assert report["count"] == len(report["records"]) == services.unpublishable().count()
    assert len(expected) + report["count"] == Record.objects.public().count()
    for gap in report["records"]:
        record = Record.objects.get(pk=gap["id"])
        assert gap["missing"] == dcat.missing_mandatory(record) and gap["missing"]
        assert f"{corpus_catalogue}/records/{record.pk}/" not in expected


def test_a_record_without_description_is_reported_not_published(harvested_dc):
    _job, _csw_url, base = harvested_dc
    Record.objects.filter(identifier="urn:std:image-5").update(abstract="")
    report = requests.get(f"{base}/dcat/catalog/report", timeout=30).json()
    missing = {gap["identifier"]: gap["missing"] for gap in report["records"]}
    assert missing == {"urn:std:untitled-2": ["dct:title"], "urn:std:image-5": ["dct:description"]}
    published = _datasets(_catalog_pages(base))
    assert len(published) == 3 and _violations(_catalog_pages(base)) == {name: 0 for name in MANDATORY_SHAPES}
    record = Record.objects.get(identifier="urn:std:image-5")
    response = requests.get(f"{base}/records/{record.pk}/", headers={"Accept": "text/turtle"}, timeout=30)
    assert response.headers["X-DCAT-AP-Missing"] == "dct:description"
    oai = requests.get(
        f"{base}/oaipmh",
        params={"verb": "GetRecord", "metadataPrefix": "dcat_ap", "identifier": f"oai:127.0.0.1:{record.pk}"},
        timeout=30,
    )
    assert 'code="cannotDisseminateFormat"' in oai.text or 'code="idDoesNotExist"' in oai.text
