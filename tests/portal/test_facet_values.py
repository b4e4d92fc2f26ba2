"""Facet values normalised at ingest (so both search backends index them): SPDX licences, organisation aliases,
one concept in two languages, GCMD paths as a tree with counts at every level."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from catalogue.records.facet_values import keyword_values, licence_id, licence_name, organisation_name
from catalogue.records.unified import Keyword, Party, RelatedIdentifier
from catalogue.records.vocabularies import fold
from catalogue.search import SearchQuery, search
from tests.portal.factories import ingest


@pytest.mark.parametrize(
    ("text", "url", "spdx"),
    [
        ("CC-BY-4.0", "", "CC-BY-4.0"),
        ("Creative Commons Attribution 4.0 International (CC-BY-4.0)", "", "CC-BY-4.0"),
        ("CC BY-SA 4.0", "", "CC-BY-SA-4.0"),
        ("", "https://creativecommons.org/licenses/by-nc/4.0/legalcode", "CC-BY-NC-4.0"),
        ("Licence Ouverte / Open Licence version 2.0", "", "etalab-2.0"),
        ("cc0", "", "CC0-1.0"),
        ("ODbL", "", "ODbL-1.0"),
        ("CC-BY", "", ""),  # no version: not guessed
        ("Use limitation: none", "", ""),
    ],
)
def test_licences_become_spdx_identifiers(text, url, spdx):
    assert licence_id(text, url) == spdx


def test_names_aliases_and_keyword_levels():
    assert licence_name("CC-BY-4.0") == "Creative Commons Attribution 4.0 International (CC-BY-4.0)"
    assert organisation_name("RESIF data centre") == organisation_name("Résif") == "RESIF"
    assert organisation_name("Some  lab") == "Some lab"
    assert keyword_values(
        ["EARTH SCIENCE>ATMOSPHERE > AEROSOLS", "Conditions atmosphériques", "Atmospheric conditions"]
    ) == [
        "EARTH SCIENCE",
        "EARTH SCIENCE > ATMOSPHERE",
        "EARTH SCIENCE > ATMOSPHERE > AEROSOLS",
        "Atmospheric conditions",
    ]


@pytest.fixture
def normalised_records(db):
    ingest(
        "demo-aeris",
        "n-1",
        license="CC-BY-4.0",
        organisations=[Party(organisation="RESIF", role="pointOfContact")],
        keywords=[
            Keyword("Atmospheric conditions", "GEMET - INSPIRE themes, version 1.0"),
            Keyword("EARTH SCIENCE > ATMOSPHERE > AEROSOLS > AEROSOL OPTICAL DEPTH", "GCMD Science Keywords"),
        ],
    )
    ingest(
        "demo-formater",
        "n-2",
        license="Creative Commons Attribution 4.0 International (CC-BY-4.0)",
        organisations=[Party(organisation="RESIF data centre", role="distributor")],
        keywords=[
            Keyword("Conditions atmosphériques", "GEMET - INSPIRE themes, version 1.0"),
            Keyword("EARTH SCIENCE > ATMOSPHERE > CLOUDS", "GCMD Science Keywords"),
        ],
    )
    ingest(
        "demo-theia",
        "n-3",
        license="Licence Ouverte / Open Licence version 2.0",
        keywords=[Keyword("EARTH SCIENCE > LAND SURFACE > SOILS", "GCMD Science Keywords")],
    )


def counts(facets, name):
    return {fv.value: (fv.count, fv.label) for fv in facets[name]}


@pytest.mark.django_db
def test_facets_group_what_people_see_as_one_value(normalised_records):
    facets = search(SearchQuery(), language="fr").facets
    assert counts(facets, "license") == {
        "CC-BY-4.0": (2, "Creative Commons Attribution 4.0 International (CC-BY-4.0)"),
        "etalab-2.0": (1, "Etalab Open License 2.0 (Licence Ouverte 2.0) (etalab-2.0)"),
    }
    assert counts(facets, "organisation")["RESIF"][0] == 2
    keywords = counts(facets, "keyword")
    assert keywords["Atmospheric conditions"] == (2, "Conditions atmosphériques")  # one concept, French label
    assert keywords["EARTH SCIENCE"][0] == 3 and keywords["EARTH SCIENCE > ATMOSPHERE"][0] == 2
    assert keywords["EARTH SCIENCE > ATMOSPHERE > CLOUDS"] == (1, "Clouds")


@pytest.mark.django_db
def test_gcmd_keywords_are_a_tree_on_the_search_page(client, normalised_records):
    tree = lxml_html.fromstring(client.get("/search/", HTTP_ACCEPT_LANGUAGE="en").content)
    gcmd = tree.xpath('//section[@data-facet="gcmd"]')[0]
    top = gcmd.xpath('./ul[@class="facet-tree"]/li')
    assert [li.xpath("string(.//span[@class='facet-label'])") for li in top] == ["Earth science"]
    second = top[0].xpath('./details/ul[@class="facet-tree"]/li')
    labels = {
        li.xpath("string((.//span[@class='facet-label'])[1])"): li.xpath("string((.//span[@class='count'])[1])")
        for li in second
    }
    assert labels == {"Atmosphere": "2", "Land surface": "1"}
    assert not tree.xpath('//section[@data-facet="keyword"]//a[@data-value="EARTH SCIENCE"]')  # not listed twice
    # Following a level filters on it: every record under "ATMOSPHERE", deeper levels included.
    href = gcmd.xpath('.//a[@data-value="EARTH SCIENCE > ATMOSPHERE"]/@href')[0]
    page = lxml_html.fromstring(client.get(href).content)
    assert page.xpath("string(//h2[@id='results-title'])").split()[0] == "2"
    assert page.xpath('//section[@data-facet="gcmd"]//details[@open]')  # the chosen level stays expanded


@pytest.mark.django_db
def test_machine_interfaces_keep_what_records_say_and_keyword_tags_find_their_records(client, normalised_records):
    from catalogue.records.models import Record

    record = Record.objects.get(identifier="n-2")
    assert "Conditions atmosphériques" in record.keyword_values  # CSW, OAI-PMH and the API read these
    assert record.organisation_names == ["RESIF data centre"] and record.organisation_facet == ["RESIF"]
    assert record.license.startswith("Creative Commons") and record.license_facet == "CC-BY-4.0"
    page = lxml_html.fromstring(client.get(record.get_absolute_url()).content)
    href = page.xpath('//ul[@class="tags"]//a[text()="Conditions atmosphériques"]/@href')[0]
    found = lxml_html.fromstring(client.get(href).content)
    assert found.xpath("string(//h2[@id='results-title'])").split()[0] == "2"  # both languages' records


@pytest.mark.django_db
def test_record_page_lists_related_records_of_the_catalogue(client):
    series = ingest("demo-theia", "oso-series", title="OSO land cover series")
    year = ingest(
        "demo-theia", "oso-2020", title="OSO land cover 2020", parent_identifier="oso-series", doi="10.12345/oso-2020"
    )
    newer = ingest(
        "demo-theia",
        "oso-2020-v2",
        title="OSO land cover 2020, version 2",
        doi="10.12345/oso-2020-v2",
        related_identifiers=[RelatedIdentifier("10.12345/oso-2020", "DOI", "IsNewVersionOf")],
    )
    page = lxml_html.fromstring(client.get(year.get_absolute_url()).content)
    listed = {a.text: a.get("href") for a in page.xpath('//ul[@class="related-records"]//a')}
    assert listed == {
        "OSO land cover series": series.get_absolute_url(),
        "OSO land cover 2020, version 2": newer.get_absolute_url(),
    }
    parent = lxml_html.fromstring(client.get(series.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content)
    kinds = parent.xpath('//ul[@class="related-records"]/li/@data-kind')
    assert kinds == ["Fait partie de cette série"]


def test_other_thesauri_name_one_concept_in_either_language():
    """GEMET concepts and place names the hubs' records cite, in French or in English, are one keyword value (the
    glossary, written for search, merges nothing)."""
    assert keyword_values(["séisme", "earthquake", "Nouvelle-Calédonie", "New Caledonia", "Mékong", "Mekong"]) == [
        "earthquake",
        "New Caledonia",
        "Mekong",
    ]
    assert keyword_values(["eaux souterraines", "groundwater", "récif corallien"]) == ["groundwater", "coral reef"]
    assert keyword_values(["mousson africaine", "poussières désertiques"]) == [
        "mousson africaine",  # free keywords the glossary knows stay as written
        "poussières désertiques",
    ]


def test_laboratories_named_with_their_parent_bodies_are_one_organisation():
    assert organisation_name("LEGOS, CNRS / CNES / IRD / UT3") == organisation_name("LEGOS, IRD") == "LEGOS"
    assert organisation_name("LEGOS / CTOH, CNRS / CNES / IRD / Université de Toulouse") == "LEGOS"
    assert organisation_name("Institut de physique du globe de Paris (IPGP)") == "IPGP"
    assert organisation_name("Météo-France / CNRS, CNRM / CEN") == organisation_name("Meteo France") == "Météo-France"
    assert organisation_name("IPSL / LMD") == organisation_name("Institut Pierre-Simon Laplace") == "IPSL"
    assert organisation_name("IFREMER") == organisation_name("Ifremer, unité EMH") == "Ifremer"
    # The acronym at the end names the parent body, not the laboratory first named: kept apart.
    assert (
        organisation_name("SIRTA, Institut Pierre-Simon Laplace (IPSL)")
        == "SIRTA, Institut Pierre-Simon Laplace (IPSL)"
    )
    assert organisation_name("Direction de la Nature (SPW-DGO3-DNF)") == "Direction de la Nature (SPW-DGO3-DNF)"


def _first_body(value: str) -> str:
    """The first body a name names, as a reader would compare two facet values: before ", " and " / ", without a
    trailing "(...)"."""
    import re

    head = value.split(", ", 1)[0].split(" / ", 1)[0]
    return fold(re.sub(r"\s*\([^()]*\)$", "", head))


def _own_acronym(value: str) -> str:
    import re

    match = re.search(r"\(([\w@&-]{2,12})\)$", value.split(", ", 1)[0])
    return fold(match.group(1)) if match else ""


@pytest.fixture
def demo_and_corpus():
    """The 120 demo records (harvested from demo/ by the local protocol) and every record of the shared corpus."""
    from io import StringIO

    from django.core.management import call_command

    from tests.corpus_catalogue import load_corpus

    call_command("harvest", "--protocol", "local", stdout=StringIO(), stderr=StringIO())
    assert load_corpus() > 100


@pytest.mark.django_db
def test_no_facet_shows_two_spellings_of_one_organisation_or_concept(demo_and_corpus):
    """Over the demo records and the corpus: no two organisation facet values share the body they name first (or
    one is the other's acronym), and no keyword concept of the thesauri shows in two languages. Values that are a
    form's placeholder path ("Overview > Citation Contacts > … (Role=Publisher)", sample records of the corpus) are
    not organisations and are left out."""
    from collections import defaultdict

    from catalogue.records.models import Record
    from catalogue.records.vocabularies import concept_of_label

    organisations = {v for r in Record.objects.public().values_list("organisation_facet", flat=True) for v in r}
    organisations = {v for v in organisations if ">" not in v}
    assert {
        "RESIF",
        "IPSL",
        "Ifremer",
        "CNES",
        "Météo-France",
        "LEGOS",
    } <= organisations  # CNRS: only a parent body here
    by_body = defaultdict(set)
    for value in organisations:
        by_body[_first_body(value)].add(value)
    assert {body: sorted(values) for body, values in by_body.items() if len(values) > 1} == {}
    folded = {fold(value): value for value in organisations}
    assert {
        v: folded[_own_acronym(v)] for v in organisations if _own_acronym(v) in folded and folded[_own_acronym(v)] != v
    } == {}

    keywords = {v for r in Record.objects.public().values_list("keyword_facet", flat=True) for v in r}
    concepts = defaultdict(set)
    for value in keywords:
        concept = concept_of_label(value)
        if concept:
            concepts[concept.key].add(value)
    assert {key: sorted(values) for key, values in concepts.items() if len(values) > 1} == {}
    # The merges this relies on happened (each concept was published in both languages in these records).
    assert {"New Caledonia", "Mekong", "Amazon", "Atmospheric conditions"} <= keywords
    assert not {"Nouvelle-Calédonie", "Mékong", "Amazone", "Conditions atmosphériques"} & keywords
