"""DCAT-AP 3.0 with the GeoDCAT-AP 3.0 extensions, from the unified Record, with rdflib.

One writer for every face that publishes RDF: /dcat/catalog (paged), each record page by content negotiation
(/records/<id>/ with Accept: text/turtle, application/rdf+xml or application/ld+json), and OAI-PMH's `dcat_ap`
format. What each Record gives:

- dcat:Dataset at the record page's URL: dct:identifier, adms:identifier (the DOI), dct:title / dct:description
  in every language the record has, dcat:keyword, dct:subject (ISO topic categories as INSPIRE code list URIs),
  dcat:theme (the EU data theme ENVI: every Data Terra dataset is about the environment), dct:issued/modified,
  dct:spatial (dct:Location with dcat:bbox and locn:geometry, GeoSPARQL WKT), dct:temporal (dct:PeriodOfTime),
  dcat:contactPoint (vCard), dct:publisher / dct:creator (foaf:Agent), dct:language (EU authority URIs),
  dct:provenance (the lineage), dcat:landingPage (DOI or portal page), dcat:version, dct:relation.
- dcat:Distribution per online resource: dcat:accessURL (mandatory), dcat:downloadURL for downloads, dct:format
  (EU file-type URIs when known), dct:license as a URI (EU licence authority URIs for SPDX ids, else the record's
  licence URL).
- dcat:CatalogRecord: the record in this catalogue, dct:source pointing to the hub's record (harvest source,
  source identifier, hub) -- the provenance to the hub -- and dct:conformsTo the metadata standard it came in.

A record that cannot meet a mandatory property (a Dataset needs dct:title and dct:description) is reported by
`missing_mandatory` and left out of the catalogue (listed at /dcat/catalog/report), never published half-valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from catalogue.exports import common
from catalogue.records import reading
from catalogue.records.links import absolute, doi_url, page_url, record_path
from catalogue.records.models import Record
from catalogue.records.unified import BBox, OnlineResource, Party

ADMS = Namespace("http://www.w3.org/ns/adms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
LOCN = Namespace("http://www.w3.org/ns/locn#")
GSP = Namespace("http://www.opengis.net/ont/geosparql#")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
DCAT_VERSION = URIRef("http://www.w3.org/ns/dcat#version")  # DCAT 3, not in rdflib's DCAT namespace yet
EU = "http://publications.europa.eu/resource/authority/"

# Serialisations: ?format= names and their media types (the first name of each is the canonical one).
RDF_FORMATS = {
    "turtle": ("text/turtle", "turtle"),
    "rdfxml": ("application/rdf+xml", "xml"),
    "jsonld": ("application/ld+json", "json-ld"),
}
FORMAT_ALIASES = {"ttl": "turtle", "rdf": "rdfxml", "xml": "rdfxml", "json-ld": "jsonld", "json": "jsonld"}
MEDIA_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/rdf+xml": "rdfxml",
    "application/ld+json": "jsonld",
}
MANDATORY = ("dct:title", "dct:description")

_LANGUAGES = {"fr": "FRA", "en": "ENG", "de": "DEU", "es": "SPA", "it": "ITA", "pt": "POR", "nl": "NLD"}
# SPDX ids and common spellings -> the EU licence authority table.
_LICENCES = {
    "cc-by-4.0": "CC_BY_4_0",
    "cc-by-sa-4.0": "CC_BYSA_4_0",
    "cc-by-nc-4.0": "CC_BYNC_4_0",
    "cc0-1.0": "CC0",
    "cc0": "CC0",
    "odbl-1.0": "ODBL",
    "cc-by-3.0": "CC_BY_3_0",
}
# Licences the EU table does not have: their own URL.
_LICENCE_URLS = {"etalab-2.0": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"}
_FILE_TYPES = {
    "netcdf": "NETCDF",
    "csv": "CSV",
    "json": "JSON",
    "geojson": "GEOJSON",
    "xml": "XML",
    "pdf": "PDF",
    "zip": "ZIP",
    "geotiff": "TIFF",
    "tiff": "TIFF",
    "hdf5": "HDF",
    "hdf": "HDF",
    "shapefile": "SHP",
    "shp": "SHP",
    "grib": "GRIB",
    "txt": "TXT",
    "ascii": "TXT",
    "kml": "KML",
    "png": "PNG",
    "jpeg": "JPEG",
}
_STANDARDS = {
    "iso19139": "http://www.isotc211.org/2005/gmd",
    "iso19115-3": "http://standards.iso.org/iso/19115/-3/mdb/2.0",
    "datacite": "http://datacite.org/schema/kernel-4",
    "dublincore": "http://purl.org/dc/elements/1.1/",
}
_NOT_URI = re.compile(r"[\s<>\"{}|\\^`]")


@dataclass(frozen=True, slots=True)
class CatalogPage:
    """One page of the catalogue, for hydra paging."""

    number: int
    size: int
    total: int

    @property
    def last(self) -> int:
        return max(1, -(-self.total // self.size))


def catalog_uri() -> URIRef:
    return URIRef(f"{settings.SITE_URL}/dcat/catalog")


def dataset_uri(record: Record) -> URIRef:
    """The dataset's IRI: its page in this catalogue, which answers RDF by content negotiation."""
    return URIRef(absolute(record_path(record.pk)))


def missing_mandatory(record: Record) -> list[str]:
    """The DCAT-AP mandatory Dataset properties this record has no value for."""
    missing = []
    if not (record.title or "").strip():
        missing.append("dct:title")
    if not (record.abstract or "").strip():
        missing.append("dct:description")
    return missing


def new_graph() -> Graph:
    graph = Graph()
    for prefix, namespace in (
        ("dcat", DCAT),
        ("dct", DCTERMS),
        ("foaf", FOAF),
        ("adms", ADMS),
        ("vcard", VCARD),
        ("locn", LOCN),
        ("gsp", GSP),
        ("hydra", HYDRA),
        ("skos", SKOS),
        ("prov", PROV),
        ("dcatap", DCATAP),
    ):
        graph.bind(prefix, namespace)
    return graph


def _uri(value: str) -> URIRef | None:
    value = (value or "").strip()
    if value.startswith(("http://", "https://", "ftp://")) and not _NOT_URI.search(value):
        return URIRef(value)
    return None


def _agent(
    graph: Graph, name: str, *, email: str = "", url: str = "", orcid: str = "", kind: str = "", iri: str = ""
) -> URIRef | BNode:
    agent = URIRef(iri) if iri else URIRef(f"https://orcid.org/{orcid}") if orcid else BNode()
    graph.add((agent, RDF.type, FOAF.Agent))
    graph.add((agent, RDF.type, FOAF.Person if kind == "person" else FOAF.Organization))
    graph.add((agent, FOAF.name, Literal(name)))
    if email and "@" in email:
        graph.add((agent, FOAF.mbox, URIRef(f"mailto:{email.strip()}")))
    homepage = _uri(url)
    if homepage:
        graph.add((agent, FOAF.homepage, homepage))
        graph.add((homepage, RDF.type, FOAF.Document))
    return agent


def _contact_point(graph: Graph, party: Party) -> BNode:
    contact = BNode()
    is_person = party.kind == "person" and party.name
    graph.add((contact, RDF.type, VCARD.Kind))
    graph.add((contact, RDF.type, VCARD.Individual if is_person else VCARD.Organization))
    graph.add((contact, VCARD.fn, Literal(reading.party_name(party))))
    if party.organisation and is_person:
        graph.add((contact, VCARD["organization-name"], Literal(party.organisation)))
    if "@" in party.email:
        email = URIRef(f"mailto:{party.email}")
        graph.add((contact, VCARD.hasEmail, email))
        graph.add((email, RDF.type, VCARD.Email))
    homepage = _uri(party.url)
    if homepage:
        graph.add((contact, VCARD.hasURL, homepage))
    return contact


def _language_uri(code: str) -> URIRef | None:
    table = _LANGUAGES.get((code or "")[:2].lower())
    return URIRef(f"{EU}language/{table}") if table else None


def _concept(graph: Graph, uri: str, label: str = "") -> URIRef:
    concept = URIRef(uri)
    graph.add((concept, RDF.type, SKOS.Concept))
    if label:
        graph.add((concept, SKOS.prefLabel, Literal(label, lang="en")))
    return concept


def licence_uri(record: Record) -> URIRef | None:
    """The licence as a URI: the EU licence authority's for known SPDX ids, else the record's licence URL."""
    text = (record.license or "").strip().lower()
    table = _LICENCES.get(text)
    if table:
        return URIRef(f"{EU}licence/{table}")
    return _uri(_LICENCE_URLS.get(text, "")) or _uri(common.license_uri(record))


def _format_uri(graph: Graph, name: str) -> URIRef | BNode:
    key = name.strip().lower().lstrip(".").split()[0] if name.strip() else ""
    table = _FILE_TYPES.get(key)
    if table:
        fmt = URIRef(f"{EU}file-type/{table}")
    else:
        fmt = BNode()
        graph.add((fmt, RDFS.label, Literal(name.strip())))
    graph.add((fmt, RDF.type, DCTERMS.MediaTypeOrExtent))
    return fmt


def _texts(
    graph: Graph, subject, predicate, main: str, language: str, translations: dict[str, dict[str, str]], key: str
) -> None:
    if main:
        graph.add((subject, predicate, Literal(main, lang=language or None)))
    for code, values in sorted(translations.items()):
        text = values.get(key, "")
        if key == "abstract":
            text = common.plain_text(text)
        if text and code[:2] != (language or "")[:2] and re.fullmatch(r"[a-zA-Z]{2,3}(-[a-zA-Z0-9]+)*", code):
            graph.add((subject, predicate, Literal(text, lang=code)))


def _date(value) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)


def _spatial(graph: Graph, dataset: URIRef, boxes: list[BBox]) -> None:
    for box in boxes:
        west, south, east, north = box.west, box.south, box.east, box.north
        # A box across the antimeridian (west > east) as published: WKT cannot carry it as one polygon in -180..180,
        # so it is written with the east edge shifted by 360 (the convention GeoDCAT-AP's examples use for such boxes).
        east_edge = east + 360 if west > east else east
        wkt = f"POLYGON(({west} {south},{west} {north},{east_edge} {north},{east_edge} {south},{west} {south}))"
        location, geometry = BNode(), BNode()
        graph.add((dataset, DCTERMS.spatial, location))
        graph.add((location, RDF.type, DCTERMS.Location))
        graph.add((location, DCAT.bbox, Literal(wkt, datatype=GSP.wktLiteral)))
        # DCAT-AP 3 and GeoDCAT-AP 3 want locn:geometry to be a locn:Geometry node (the WKT as its gsp:asWKT).
        graph.add((location, LOCN.geometry, geometry))
        graph.add((geometry, RDF.type, LOCN.Geometry))
        graph.add((geometry, GSP.asWKT, Literal(wkt, datatype=GSP.wktLiteral)))


def _distribution(graph: Graph, record: Record, resource: OnlineResource, licence: URIRef | None, index: int) -> URIRef:
    url = _uri(resource.url)
    distribution = URIRef(f"{dataset_uri(record)}#distribution-{index}")
    graph.add((distribution, RDF.type, DCAT.Distribution))
    graph.add((distribution, DCAT.accessURL, url))
    graph.add((url, RDF.type, RDFS.Resource))
    if reading.is_download(resource):
        graph.add((distribution, DCAT.downloadURL, url))
    if resource.name:
        graph.add((distribution, DCTERMS.title, Literal(resource.name)))
    if resource.description:
        graph.add((distribution, DCTERMS.description, Literal(resource.description)))
    if licence is not None:
        graph.add((distribution, DCTERMS.license, licence))
    return distribution


def add_dataset(graph: Graph, record: Record, catalog: URIRef | None = None) -> URIRef:
    """The record's dcat:Dataset (and its distributions and catalogue record) added to `graph`."""
    dataset = dataset_uri(record)
    unified = reading.read(record)
    language = (record.language or "")[:2].lower()
    graph.add((dataset, RDF.type, DCAT.Dataset))
    graph.add((dataset, RDF.type, DCAT.Resource))  # sh:class is checked on explicit types (the shapes' README)
    graph.add((dataset, DCTERMS.identifier, Literal(record.identifier)))
    _texts(graph, dataset, DCTERMS.title, (record.title or "").strip(), language, unified.translations, "title")
    description = common.plain_text(record.abstract or "") or (record.abstract or "").strip()
    _texts(graph, dataset, DCTERMS.description, description, language, unified.translations, "abstract")
    if record.doi:
        identifier = BNode()
        graph.add((dataset, ADMS.identifier, identifier))
        graph.add((identifier, RDF.type, ADMS.Identifier))
        graph.add((identifier, SKOS.notation, Literal(doi_url(record.doi), datatype=XSD.anyURI)))
        graph.add((identifier, DCTERMS.creator, Literal("DataCite")))
    landing = URIRef(doi_url(record.doi)) if record.doi else dataset
    graph.add((dataset, DCAT.landingPage, landing))
    graph.add((landing, RDF.type, FOAF.Document))
    for keyword in common.keywords(record):
        graph.add((dataset, DCAT.keyword, Literal(keyword)))
    graph.add((dataset, DCAT.theme, _concept(graph, f"{EU}data-theme/ENVI", "Environment")))
    for code in record.topic_categories or []:
        uri = f"http://inspire.ec.europa.eu/metadata-codelist/TopicCategory/{code}"
        graph.add((dataset, DCTERMS.subject, _concept(graph, uri, code)))
    if record.date_published:
        graph.add((dataset, DCTERMS.issued, _date(record.date_published)))
    if record.date_revised:
        graph.add((dataset, DCTERMS.modified, _date(record.date_revised)))
    _spatial(graph, dataset, unified.bboxes)
    if record.temporal_start or record.temporal_end:
        period = BNode()
        graph.add((dataset, DCTERMS.temporal, period))
        graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
        if record.temporal_start:
            graph.add((period, DCAT.startDate, _date(record.temporal_start)))
        if record.temporal_end:
            graph.add((period, DCAT.endDate, _date(record.temporal_end)))
    contacts = [p for p in unified.organisations if p.role == "pointOfContact" and reading.party_name(p)]
    for party in contacts or [p for p in unified.organisations[:1] if reading.party_name(p)]:
        graph.add((dataset, DCAT.contactPoint, _contact_point(graph, party)))
    if record.publisher.strip():
        graph.add((dataset, DCTERMS.publisher, _agent(graph, record.publisher.strip())))
    for party in reading.creator_parties(record):  # the landing page's and the citations' creators
        name = reading.party_name(party)
        if name:
            agent = _agent(graph, name, email=party.email, orcid=party.orcid, kind=party.kind)
            graph.add((dataset, DCTERMS.creator, agent))
    for code in dict.fromkeys([*(record.languages or []), record.language]):
        uri = _language_uri(code)
        if uri is not None:
            graph.add((dataset, DCTERMS.language, uri))
            graph.add((uri, RDF.type, DCTERMS.LinguisticSystem))
    if (record.lineage or "").strip():
        statement = BNode()
        graph.add((dataset, DCTERMS.provenance, statement))
        graph.add((statement, RDF.type, DCTERMS.ProvenanceStatement))
        graph.add((statement, RDFS.label, Literal(common.plain_text(record.lineage), lang=language or None)))
    if (record.version or "").strip():
        graph.add((dataset, DCAT_VERSION, Literal(record.version.strip())))
    for related in unified.related_identifiers:
        target = _uri(related.identifier)
        if target is None and related.identifier_type.upper() == "DOI":
            target = _uri(doi_url(related.identifier))
        if target is not None:
            graph.add((dataset, DCTERMS.relation, target))
            graph.add((target, RDF.type, RDFS.Resource))
    if record.doi:
        graph.add((dataset, FOAF.page, _page(graph, record)))  # its DOI landing page in this portal

    licence = licence_uri(record)
    if licence is not None:
        graph.add((licence, RDF.type, DCTERMS.LicenseDocument))
    resources = [r for r in unified.online_resources if _uri(r.url)]
    formats = [name for name in record.formats or [] if name.strip()]
    for index, resource in enumerate(resources, start=1):
        distribution = _distribution(graph, record, resource, licence, index)
        graph.add((dataset, DCAT.distribution, distribution))
        # dct:format is at most one per distribution: the record's formats are given to its distributions in order.
        if index <= len(formats):
            graph.add((distribution, DCTERMS.format, _format_uri(graph, formats[index - 1])))

    _catalog_record(graph, record, dataset, catalog)
    return dataset


def _page(graph: Graph, record: Record) -> URIRef:
    page = URIRef(page_url(record))
    graph.add((page, RDF.type, FOAF.Document))
    return page


def _catalog_record(graph: Graph, record: Record, dataset: URIRef, catalog: URIRef | None) -> None:
    """This catalogue's record of the dataset, with the hub's record it was harvested from as its dct:source."""
    catalog_record = URIRef(f"{dataset_uri(record)}#record")
    graph.add((catalog_record, RDF.type, DCAT.CatalogRecord))
    graph.add((catalog_record, FOAF.primaryTopic, dataset))
    graph.add((catalog_record, DCTERMS.modified, _date((record.modified or record.updated_at).date())))
    if catalog is not None:
        graph.add((catalog, DCAT.record, catalog_record))
    # dct:source is at most one: the hub record the dataset's fields come from (the primary source).
    primary = reading.primary_provenance(record)
    for provenance in [primary.row] if primary else []:
        source = provenance.source
        original = BNode()
        graph.add((catalog_record, DCTERMS.source, original))
        graph.add((original, RDF.type, DCAT.CatalogRecord))
        graph.add((original, DCTERMS.identifier, Literal(provenance.source_identifier)))
        graph.add((original, FOAF.primaryTopic, dataset))
        graph.add((original, DCTERMS.modified, _date((provenance.datestamp or provenance.last_seen).date())))
        standard = _STANDARDS.get(provenance.format)
        if standard:
            graph.add((original, DCTERMS.conformsTo, URIRef(standard)))
            graph.add((URIRef(standard), RDF.type, DCTERMS.Standard))
        hub = source.pole
        agent = _agent(graph, hub.name, url=hub.site_url)
        graph.add((original, PROV.wasAttributedTo, agent))
        endpoint = _uri(source.url)
        if endpoint is not None:
            graph.add((original, DCTERMS.publisher, agent))
            graph.add((original, RDFS.seeAlso, endpoint))


def add_catalog(graph: Graph, page: CatalogPage | None = None) -> URIRef:
    catalog = catalog_uri()
    graph.add((catalog, RDF.type, DCAT.Catalog))
    graph.add((catalog, DCTERMS.title, Literal(settings.CATALOGUE_TITLE, lang="en")))
    graph.add((catalog, DCTERMS.title, Literal(settings.CATALOGUE_TITLE_FR, lang="fr")))
    graph.add((catalog, DCTERMS.description, Literal(settings.CATALOGUE_ABSTRACT, lang="en")))
    graph.add((catalog, DCTERMS.description, Literal(settings.CATALOGUE_ABSTRACT_FR, lang="fr")))
    # One IRI for the catalogue's publisher: pages merged by a harvester describe the same agent.
    publisher = _agent(
        graph, "Data Terra", email=settings.CATALOGUE_CONTACT_EMAIL, url="https://www.data-terra.org",
        iri=f"{settings.SITE_URL}/#publisher",
    )  # fmt: skip
    graph.add((catalog, DCTERMS.publisher, publisher))
    homepage = URIRef(f"{settings.SITE_URL}/")
    graph.add((catalog, FOAF.homepage, homepage))
    graph.add((homepage, RDF.type, FOAF.Document))
    for code in ("fr", "en"):
        graph.add((catalog, DCTERMS.language, _language_uri(code)))
        graph.add((_language_uri(code), RDF.type, DCTERMS.LinguisticSystem))
    graph.add((catalog, DCAT.themeTaxonomy, URIRef(f"{EU}data-theme")))
    graph.add((URIRef(f"{EU}data-theme"), RDF.type, SKOS.ConceptScheme))
    graph.add((URIRef(f"{EU}data-theme"), DCTERMS.title, Literal("Data theme", lang="en")))
    if page is not None:
        _hydra(graph, catalog, page)
    # Empty literals (a missing French setting) are not published.
    for triple in [t for t in graph.triples((catalog, None, None)) if isinstance(t[2], Literal) and not str(t[2])]:
        graph.remove(triple)
    return catalog


def _page_uri(number: int) -> URIRef:
    return URIRef(f"{catalog_uri()}?page={number}")


def _hydra(graph: Graph, catalog: URIRef, page: CatalogPage) -> None:
    """Hydra paging (PartialCollectionView, and the older PagedCollection terms CKAN and piveau read)."""
    view = _page_uri(page.number)
    graph.add((view, RDF.type, HYDRA.PartialCollectionView))
    graph.add((view, RDF.type, HYDRA.PagedCollection))
    graph.add((catalog, HYDRA.view, view))
    graph.add((view, HYDRA.totalItems, Literal(page.total, datatype=XSD.integer)))
    graph.add((view, HYDRA.itemsPerPage, Literal(page.size, datatype=XSD.integer)))
    links = {"first": 1, "last": page.last}
    if page.number > 1:
        links["previous"] = min(page.number - 1, page.last)
    if page.number < page.last:
        links["next"] = page.number + 1
    old_terms = {"first": "firstPage", "last": "lastPage", "previous": "previousPage", "next": "nextPage"}
    for name, number in links.items():
        graph.add((view, HYDRA[name], _page_uri(number)))
        graph.add((view, HYDRA[old_terms[name]], _page_uri(number)))


def catalog_graph(records: Iterable[Record], page: CatalogPage | None = None) -> Graph:
    graph = new_graph()
    catalog = add_catalog(graph, page)
    for record in records:
        graph.add((catalog, DCAT.dataset, add_dataset(graph, record, catalog)))
    return graph


def dataset_graph(record: Record) -> Graph:
    graph = new_graph()
    add_dataset(graph, record)
    return graph


def serialize(graph: Graph, format_name: str) -> bytes:
    _media_type, rdflib_format = RDF_FORMATS[format_name]
    options = {}
    if format_name == "jsonld":
        # Compact JSON-LD with the graph's prefixes as its @context (readable keys, still the same triples).
        options = {"context": {prefix: str(ns) for prefix, ns in graph.namespaces() if prefix}, "auto_compact": True}
    data = graph.serialize(format=rdflib_format, encoding="utf-8", **options)
    return data if isinstance(data, bytes) else data.encode()


def media_type(format_name: str) -> str:
    return RDF_FORMATS[format_name][0]


def format_from_request(format_param: str, accept: str, *, html_first: bool = True) -> str | None:
    """The RDF serialisation a request asks for: `?format=` wins, else the Accept header's most preferred of our
    media types. None: not RDF (an HTML page when `html_first`, i.e. text/html ranks at least as high)."""
    if format_param:
        name = FORMAT_ALIASES.get(format_param.lower(), format_param.lower())
        return name if name in RDF_FORMATS else None
    best: tuple[float, int, str] | None = None
    for position, part in enumerate((accept or "").split(",")):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        quality = 1.0
        for piece in pieces[1:]:
            name, _, value = piece.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality <= 0:
            continue
        if media in MEDIA_TYPES or (html_first and media in ("text/html", "application/xhtml+xml", "*/*")):
            candidate = (-quality, position, MEDIA_TYPES.get(media, ""))
            best = candidate if best is None or candidate < best else best
    return best[2] or None if best else None
