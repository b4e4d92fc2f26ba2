"""The HTML landing page against the LP lines of the reference (landing-pages-and-stats.md §1)."""

from __future__ import annotations

import json
import re

import pytest
from lxml import html as lxml_html

from catalogue.records import reading
from catalogue.records.links import landing_url
from poles.models import Pole

from .conftest import RICH_DOI

pytestmark = pytest.mark.django_db
RICH_URL = f"/doi/{RICH_DOI}"
VECTOR_URL = "/doi/10.12345/dt-test-0001"


def page(client, url: str):
    response = client.get(url)
    return response, lxml_html.fromstring(response.content)


def json_ld_blocks(tree) -> list:
    return tree.xpath('//script[@type="application/ld+json"]')


def test_lp01_doi_resolves_to_public_page(client, vector_record):
    response = client.get(VECTOR_URL)  # anonymous client: no login
    assert response.status_code == 200
    assert b"Aerosol optical depth, Lille, 2019-2020" in response.content


def test_lp01_case_insensitive_and_doi_forms(client, vector_record):
    for url in (
        "/doi/10.12345/DT-TEST-0001",
        "/doi/10.12345/Dt-Test-0001",
        "/doi/https://doi.org/10.12345/dt-test-0001",
        "/doi/10.12345/dt-test-0001/",
    ):
        assert client.get(url).status_code == 200, url


def test_lp01_odd_characters_in_doi(client, landing_store):
    from .conftest import rich_unified

    doi = "10.1000/abc(2)-x;y<z>#1?"
    record = landing_store(rich_unified(identifier="odd", doi=doi))
    assert record.doi == "10.1000/abc(2)-x;y"  # normalise_doi stops at <, and drops trailing punctuation
    url = landing_url(record)
    assert client.get(url).status_code == 200
    assert client.get(url + "/export/bibtex").status_code == 200


def test_lp02_doi_as_full_https_link(client, vector_record):
    _, tree = page(client, VECTOR_URL)
    links = tree.xpath('//a[@class="doi"]/@href')
    assert links == ["https://doi.org/10.12345/dt-test-0001"]
    assert b"dx.doi.org" not in client.get(VECTOR_URL).content


def test_lp03_citation_properties_shown(client, rich_record):
    _, tree = page(client, RICH_URL)
    text = tree.text_content()
    assert tree.xpath("//h1")[0].text_content() == "Sea surface temperature <Argo> & salinity, Bay of Biscay"
    assert "Martin, Léa" in text and "Ifremer" in text
    assert tree.xpath('//a[@class="orcid"]/@href') == ["https://orcid.org/0000-0002-1825-0097"]
    for value in ("SEANOE", "2022", "2.1", "Dataset", "https://doi.org/10.17882/12345"):
        assert value in text
    # The rest of the list: keywords, temporal extent, hubs, related ids, versions, funding, exports.
    assert tree.xpath('//ul[@class="keywords"]/li/text()') == ["ocean temperature", "Argo"]
    # People read an open-ended period in words; machines keep the ISO 8601 interval in the datetime attribute.
    assert tree.xpath('string(//dd[@class="temporal"])') == "since Jan. 1, 2010"
    assert tree.xpath('string(//dd[@class="temporal"]/time/@datetime)') == "2010-01-01/.."
    assert tree.xpath('//a[@class="hub-name"]/text()') == ["ODATIS"]
    assert "10.17882/11111" in text and "New version of" in tree.xpath('string(//ul[@class="versions"])')
    assert "European Commission" in text and "862626" in text
    assert len(tree.xpath('//span[@class="bbox"]')) == 2
    assert tree.xpath('//div[@id="landing-map"]')


def test_lp03_description_is_sanitised(client, rich_record):
    response, tree = page(client, RICH_URL)
    description = tree.xpath('//div[@class="description"]')[0]
    assert description.xpath(".//b/text()") == ["temperature"]
    assert not description.xpath(".//script | .//img | .//@onclick | .//@onerror")
    assert b'alert("x")' not in response.content and b"steal()" not in response.content
    assert description.xpath(".//a/@href") == ["https://example.org/doc"]


def test_lp04_cite_box_styles_and_copy(client, vector_record):
    _, tree = page(client, VECTOR_URL)
    options = tree.xpath('//select[@id="cite-style"]/option/@value')
    assert options[0] == "apa" and len(options) == 6
    assert tree.xpath('//select[@id="cite-style"]/option[@selected]/@value') == ["apa"]
    citation = tree.xpath('string(//blockquote[@id="citation-text"])')
    assert citation.startswith("Dupont, M., & AERIS. (2021).")
    assert tree.xpath('//button[@class="copy-citation"]')
    # Reference managers: BibTeX and RIS right in the box.
    assert [a.text for a in tree.xpath('//a[@class="cite-export"]')] == ["BibTeX", "RIS"]
    for style in ("harvard-cite-them-right", "chicago-notes-bibliography", "ieee", "modern-language-association"):
        _, styled = page(client, f"{VECTOR_URL}?style={style}")
        text = styled.xpath('string(//blockquote[@id="citation-text"])')
        assert "Aerosol" in text and text != citation, style
    _, vancouver = page(client, f"{VECTOR_URL}?style=vancouver-nlm")
    assert "Dupont M, AERIS." in vancouver.xpath('string(//blockquote[@id="citation-text"])')


def test_lp04_unknown_style_on_page(client, vector_record):
    response = client.get(f"{VECTOR_URL}?style=nope")
    assert response.status_code == 400
    assert "Unknown citation style" in response.content.decode()


def test_lp05_licence_access_versions(client, rich_record):
    _, tree = page(client, RICH_URL)
    assert tree.xpath('//a[@rel="license"]/@href') == ["https://spdx.org/licenses/CC-BY-4.0"]
    # Links to the data go through the counted redirect /go/<record id>?url=<the link> (stats, ST-11).
    (href,) = tree.xpath('//li[@class="resource-download"]/a/@href')
    assert href == f"/go/{rich_record.pk}?url=https%3A%2F%2Fdata.example.org%2Fsst.nc"
    assert tree.xpath('//li[@class="resource-download"]/a/@title') == ["https://data.example.org/sst.nc"]
    assert "Open access" in tree.xpath('string(//p[@class="access-statement"])')
    assert tree.xpath('//ul[@class="versions"]/li/a/@href') == ["https://doi.org/10.17882/11111"]


def test_lp06_machine_readable_doi_highwire_canonical_bibtex(client, vector_record):
    _, tree = page(client, VECTOR_URL)
    meta = {m.get("name") or m.get("property"): m.get("content") for m in tree.xpath("//head/meta")}
    assert meta["DC.identifier"] == "https://doi.org/10.12345/dt-test-0001"
    assert meta["citation_title"] == "Aerosol optical depth, Lille, 2019-2020"
    assert tree.xpath('//meta[@name="citation_author"]/@content') == ["Dupont, Marie", "AERIS"]
    assert meta["citation_publication_date"] == "2021" and meta["citation_doi"] == "10.12345/dt-test-0001"
    assert meta["og:title"] == "Aerosol optical depth, Lille, 2019-2020"
    assert meta["og:url"].endswith("/doi/10.12345/dt-test-0001")
    assert tree.xpath('//link[@rel="canonical"]/@href')[0].endswith("/doi/10.12345/dt-test-0001")
    assert json.loads(json_ld_blocks(tree)[0].text)["@id"] == "https://doi.org/10.12345/dt-test-0001"
    assert "/doi/10.12345/dt-test-0001/export/bibtex" in tree.xpath('//ul[@class="exports"]//a/@href')


def test_lp07_iso_originator_becomes_creator(landing_store):
    """ISO 19139 CI_RoleCode originator/author -> creator (when the crosswalk gives no explicit creators);
    the publisher stays the publisher; the geographic box becomes a DataCite box and a schema.org box."""
    from catalogue.exports import datacite_json, schemaorg
    from catalogue.records.unified import Party

    from .conftest import rich_unified

    record = landing_store(
        rich_unified(
            identifier="iso-1",
            doi="10.17882/22222",
            creators=[],
            organisations=[
                Party(name="Durand, Paul", organisation="CNRS", role="originator", kind="person"),
                Party(organisation="Ifremer", role="pointOfContact", kind="organisation"),
            ],
        )
    )
    assert [c.name for c in reading.creators(record)] == ["Durand, Paul"]
    assert datacite_json.build(record)["creators"][0]["familyName"] == "Durand"
    assert datacite_json.build(record)["publisher"] == "SEANOE"
    assert schemaorg.build(record)["spatialCoverage"]["geo"][0]["box"] == "43 -10 48.5 -1"


def test_lp08_export_links_and_consistent_values(client, vector_record):
    _, tree = page(client, VECTOR_URL)
    hrefs = tree.xpath('//ul[@class="exports"]//a/@href')
    for name in ("datacite-xml", "datacite-json", "schemaorg", "csl-json", "bibtex", "ris", "source-xml"):
        assert any(f"/export/{name}" in href for href in hrefs), name
    responses = {name: client.get(f"{VECTOR_URL}/export/{name}") for name in ("datacite-json", "csl-json", "schemaorg")}
    assert all(r.status_code == 200 for r in responses.values())
    datacite, csl, schema = (json.loads(r.content) for r in responses.values())
    bibtex = client.get(f"{VECTOR_URL}/export/bibtex").content.decode()
    ris = client.get(f"{VECTOR_URL}/export/ris").content.decode()
    title = "Aerosol optical depth, Lille, 2019-2020"
    assert datacite["titles"][0]["title"] == csl["title"] == schema["name"] == title
    assert f"title = {{{title}}}" in bibtex and f"T1  - {title}" in ris
    assert datacite["publicationYear"] == csl["issued"]["date-parts"][0][0] == int(schema["datePublished"]) == 2021
    assert datacite["publisher"] == csl["publisher"] == schema["publisher"]["name"] == "AERIS"
    assert datacite["doi"] == csl["DOI"] == schema["identifier"]["value"].removeprefix("doi:")
    assert [c["name"] for c in datacite["creators"]] == [c["name"] for c in schema["creator"]]


def test_lp08_original_source_xml_is_verbatim(client, vector_record):
    from .conftest import VECTOR_XML

    response = client.get(f"{VECTOR_URL}/export/source-xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert response.content == VECTOR_XML.read_bytes()


def test_lp10_export_urls_and_unknown_style(client, vector_record):
    assert client.get(f"{VECTOR_URL}/export/citation?style=apa").content.decode().startswith("Dupont, M., & AERIS.")
    assert client.get(f"{VECTOR_URL}/export/citation?style=unknown-style").status_code == 400
    assert client.get(f"{VECTOR_URL}/export/no-such-format").status_code == 404


def test_lp11_exactly_one_json_ld_in_head(client, rich_record):
    _, tree = page(client, RICH_URL)
    assert len(json_ld_blocks(tree)) == 1
    assert tree.xpath('//head/script[@type="application/ld+json"]')
    data = json.loads(json_ld_blocks(tree)[0].text)
    assert data["@context"] == "https://schema.org/" and data["@type"] == "Dataset"


def test_lp12_to_lp17_json_ld_field_by_field(client, rich_record):
    _, tree = page(client, RICH_URL)
    data = json.loads(json_ld_blocks(tree)[0].text)
    # LP-12
    assert data["name"] == "Sea surface temperature <Argo> & salinity, Bay of Biscay"
    assert 50 <= len(data["description"]) <= 5000 and "<" not in data["description"]
    assert data["description"].startswith("Gridded temperature and salinity from Argo floats.")
    # LP-13
    assert data["url"].endswith(RICH_URL) and data["sameAs"] == "https://doi.org/10.17882/12345"
    assert data["version"] == "2.1" and data["keywords"] == ["ocean temperature", "Argo"]
    assert data["creator"][0]["@id"] == "https://orcid.org/0000-0002-1825-0097"
    assert data["creator"][0]["@type"] == "Person" and data["creator"][1] == {
        "@type": "Organization",
        "name": "Ifremer",
    }
    assert data["funder"] == [{"@type": "Organization", "name": "European Commission"}]
    assert data["includedInDataCatalog"]["@type"] == "DataCatalog" and data["includedInDataCatalog"]["name"]
    assert data["measurementTechnique"] == ["CTD"]
    # LP-14
    assert data["identifier"] == {
        "@id": "https://doi.org/10.17882/12345",
        "@type": "PropertyValue",
        "propertyID": "https://registry.identifiers.org/registry/doi",
        "value": "doi:10.17882/12345",
        "url": "https://doi.org/10.17882/12345",
    }
    # LP-15: open end
    assert data["temporalCoverage"] == "2010-01-01/.."
    # LP-16: S W N E, antimeridian kept west > east, several boxes -> geo array
    assert data["spatialCoverage"]["@type"] == "Place"
    assert data["spatialCoverage"]["geo"] == [
        {"@type": "GeoShape", "box": "43 -10 48.5 -1"},
        {"@type": "GeoShape", "box": "-19 176 -15 -178"},
    ]
    # LP-17
    assert data["distribution"] == [
        {
            "@type": "DataDownload",
            "contentUrl": "https://data.example.org/sst.nc",
            "encodingFormat": "application/x-netcdf",
            "name": "SST NetCDF",
        }
    ]
    assert data["license"] == "https://spdx.org/licenses/CC-BY-4.0"
    subject = data["subjectOf"][0]
    assert subject["@type"] == "DataDownload"
    assert subject["encodingFormat"] == ["application/xml", "http://www.isotc211.org/2005/gmd"]
    assert "/export/source-xml?source=demo-odatis" in subject["contentUrl"]


def test_lp13_citation_from_related_identifiers(landing_store):
    from catalogue.exports.schemaorg import build
    from catalogue.records.unified import RelatedIdentifier

    from .conftest import rich_unified

    record = landing_store(
        rich_unified(
            identifier="cites",
            doi="10.17882/66666",
            related_identifiers=[
                RelatedIdentifier("10.1002/abc.1", "DOI", "IsDocumentedBy"),
                RelatedIdentifier("https://example.org/method", "URL", "References"),
                RelatedIdentifier("10.17882/1", "DOI", "IsNewVersionOf"),
            ],
        )
    )
    assert build(record)["citation"] == ["https://doi.org/10.1002/abc.1", "https://example.org/method"]


def test_lp15_lp16_edge_shapes():
    from catalogue.exports.schemaorg import geo_shape

    assert geo_shape(5.0, 45.0, 5.0, 45.0) == {"@type": "GeoCoordinates", "latitude": 45.0, "longitude": 5.0}
    polar = geo_shape(-180.0, 60.0, 180.0, 90.0)
    assert polar["@type"] == "GeoShape" and "box" not in polar
    points = polar["polygon"].split()
    assert len(points) == 10 and points[:2] == points[-2:]


def test_lp12_short_abstract_is_completed(landing_store):
    from catalogue.exports.schemaorg import build

    from .conftest import rich_unified

    record = landing_store(rich_unified(identifier="short", doi="10.17882/33333", abstract="SST."))
    description = build(record)["description"]
    assert description.startswith("SST. ") and len(description) >= 50 and "SEANOE" in description


def test_lp19_signposting_level1_related_when_doi_lands_elsewhere(client, rich_record):
    response, tree = page(client, RICH_URL)
    header = response["Link"]
    assert "\n" not in header and "\r" not in header
    assert '<https://doi.org/10.17882/12345>; rel="related"' in header
    assert 'rel="cite-as"' not in header
    assert (
        '<https://schema.org/Dataset>; rel="type"' in header and '<https://schema.org/AboutPage>; rel="type"' in header
    )
    assert '<https://orcid.org/0000-0002-1825-0097>; rel="author"' in header
    assert '<https://spdx.org/licenses/CC-BY-4.0>; rel="license"' in header
    assert '<https://data.example.org/sst.nc>; rel="item"; type="application/x-netcdf"' in header
    described = re.findall(r'<([^>]+)>; rel="describedby"; type="([^"]+)"', header)
    assert len(described) >= 6
    # The same links as <link> elements in <head>.
    assert tree.xpath('//head/link[@rel="related"]/@href') == ["https://doi.org/10.17882/12345"]
    assert len(tree.xpath('//head/link[@rel="describedby"][@type]')) == len(described)


def test_lp19_lp21_cite_as_only_for_portal_prefixes(client, rich_record, settings):
    settings.DOI_LANDING_PREFIXES = ["10.17882"]
    header = client.get(RICH_URL)["Link"]
    assert header.count('rel="cite-as"') == 1
    assert '<https://doi.org/10.17882/12345>; rel="cite-as"' in header and 'rel="related"' not in header
    # Per hub: Pole.landing_doi_prefixes.
    settings.DOI_LANDING_PREFIXES = []
    Pole.objects.filter(code="ODATIS").update(landing_doi_prefixes=["10.17882"])
    assert client.get(RICH_URL)["Link"].count('rel="cite-as"') == 1
    Pole.objects.filter(code="ODATIS").update(landing_doi_prefixes=["10.99999"])
    assert 'rel="cite-as"' not in client.get(RICH_URL)["Link"]


def test_lp20_linkset_json_and_text(client, rich_record):
    response = client.get(f"{RICH_URL}/linkset")
    assert response["Content-Type"] == "application/linkset+json"
    linkset = response.json()["linkset"]
    anchor = linkset[0]
    assert anchor["anchor"].endswith(RICH_URL)
    assert anchor["related"] == [{"href": "https://doi.org/10.17882/12345"}]
    assert {"href": "https://schema.org/Dataset"} in anchor["type"]
    assert all("type" in link for link in anchor["describedby"])
    assert any(entry.get("describes") for entry in linkset[1:])
    text = client.get(f"{RICH_URL}/linkset", HTTP_ACCEPT="application/linkset")
    assert text["Content-Type"] == "application/linkset"
    assert 'rel="describedby"' in text.content.decode() and "anchor=" in text.content.decode()
    header = client.get(RICH_URL)["Link"]
    assert 'rel="linkset"; type="application/linkset+json"' in header
    assert 'rel="linkset"; type="application/linkset"' in header


def test_lp22_linkset_only_when_more_than_five_links_of_a_kind(client, landing_store):
    from catalogue.records.unified import Party

    from .conftest import rich_unified

    authors = [Party(name=f"Author{i}, A", kind="person", orcid=f"0000-0002-1825-009{i}") for i in range(6)]
    record = landing_store(rich_unified(identifier="many", doi="10.17882/44444", creators=authors))
    header = client.get(landing_url(record))["Link"]
    assert 'rel="author"' not in header and 'rel="describedby"' not in header
    assert header.count('rel="linkset"') == 2
    linkset = client.get(f"{landing_url(record)}/linkset").json()["linkset"][0]
    assert len(linkset["author"]) == 6


@pytest.mark.parametrize("style", ["apa", "modern-language-association", "chicago-notes-bibliography", "ieee"])
def test_lp04_citation_html_keeps_markup_characters_as_text(client, rich_record, style):
    """citeproc-py leaves some fields unescaped in HTML output: "<Argo>" must show as text, not vanish or run."""
    _, tree = page(client, f"{RICH_URL}?style={style}")
    citation = tree.xpath('//blockquote[@id="citation-text"]')[0]
    assert "<Argo> &" in citation.text_content()
    assert not citation.xpath(".//argo")
