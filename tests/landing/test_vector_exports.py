"""The reference's export test vector (landing-pages-and-stats.md §1.2): the DataCite record through ingest, then
every export format with the values the reference gives (bolognese writers' rules)."""

from __future__ import annotations

import json

import pytest

from catalogue.exports import bibtex, csl, datacite_json, ris, schemaorg
from catalogue.exports.csl import format_citation
from catalogue.records.links import page_url

pytestmark = pytest.mark.django_db

DOI = "10.12345/dt-test-0001"
APA_VECTOR = (
    "Dupont, M., & AERIS. (2021). Aerosol optical depth, Lille, 2019-2020 (Version 1.0) [Data set]. AERIS. "
    "https://doi.org/10.12345/dt-test-0001"
)


def test_vector_bibtex(vector_record):
    text = bibtex.render(vector_record)
    assert text.startswith("@misc{https://doi.org/10.12345/dt-test-0001,\n")
    assert "  doi = {10.12345/dt-test-0001}," in text
    assert "  author = {Dupont, Marie and {AERIS}}," in text
    assert "  title = {Aerosol optical depth, Lille, 2019-2020}," in text
    assert "  publisher = {AERIS}," in text
    assert "  year = {2021}," in text
    assert "  copyright = {Creative Commons Attribution 4.0 International}" in text
    assert text.rstrip().endswith("}")
    assert text.count("{") == text.count("}")


def test_vector_ris(vector_record):
    text = ris.render(vector_record)
    lines = text.split("\r\n")
    assert "\n" not in text.replace("\r\n", "")  # CRLF only
    assert lines[0] == "TY  - DATA"
    assert "T1  - Aerosol optical depth, Lille, 2019-2020" in lines
    assert lines.index("AU  - Dupont, Marie") < lines.index("AU  - AERIS")
    assert "DO  - 10.12345/dt-test-0001" in lines
    assert f"UR  - {page_url(vector_record)}" in lines
    assert "PY  - 2021" in lines
    assert "PB  - AERIS" in lines
    assert lines[-2:] == ["ER  - ", ""]


def test_vector_apa_citation(vector_record):
    """citeproc-py with the official apa.csl gives the vector's text except one word: the CSL APA style renders the
    genre label from the CSL locale term "dataset" ("[Dataset]", APA 7 as the CSL project encodes it), where the
    reference (modelled on bolognese's older APA output) has "[Data set]". Everything else matches exactly."""
    text = format_citation(vector_record, "apa")
    assert text == APA_VECTOR.replace("[Data set]", "[Dataset]")
    html = format_citation(vector_record, "apa", html=True)
    assert html == (
        "Dupont, M., &amp; AERIS. (2021). <i>Aerosol optical depth, Lille, 2019-2020</i> (Version 1.0) [Dataset]. "
        "AERIS. https://doi.org/10.12345/dt-test-0001"
    )


def test_vector_csl_json(vector_record):
    item = csl.build(vector_record)
    assert item["type"] == "dataset"
    assert item["DOI"] == DOI
    assert item["title"] == "Aerosol optical depth, Lille, 2019-2020"
    assert item["author"] == [{"family": "Dupont", "given": "Marie"}, {"literal": "AERIS"}]
    assert item["issued"] == {"date-parts": [[2021]]}
    assert item["publisher"] == "AERIS"
    assert item["version"] == "1.0"
    assert item["copyright"] == "Creative Commons Attribution 4.0 International"


def test_vector_schemaorg(vector_record):
    data = json.loads(json.dumps(schemaorg.build(vector_record)))
    assert data["@context"] == "https://schema.org/"
    assert data["@type"] == "Dataset"
    assert data["@id"] == "https://doi.org/10.12345/dt-test-0001"
    assert data["temporalCoverage"] == "2019-01-01/2020-12-31"
    assert data["spatialCoverage"] == {"@type": "Place", "geo": {"@type": "GeoShape", "box": "50.5 2.9 50.7 3.2"}}
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/legalcode"
    assert data["version"] == "1.0"


def test_vector_datacite_json(vector_record):
    data = datacite_json.build(vector_record)
    assert data["id"] == "https://doi.org/10.12345/dt-test-0001"
    assert data["doi"] == DOI
    assert data["types"]["resourceTypeGeneral"] == "Dataset"
    assert data["types"]["ris"] == "DATA" and data["types"]["citeproc"] == "dataset"
    assert [c["name"] for c in data["creators"]] == ["Dupont, Marie", "AERIS"]
    assert data["creators"][0]["nameType"] == "Personal" and data["creators"][1]["nameType"] == "Organizational"
    assert data["creators"][0]["givenName"] == "Marie" and data["creators"][0]["familyName"] == "Dupont"
    assert data["titles"] == [{"title": "Aerosol optical depth, Lille, 2019-2020"}]
    assert data["publisher"] == "AERIS" and data["publicationYear"] == 2021 and data["version"] == "1.0"
    assert data["dates"] == [{"date": "2019-01-01/2020-12-31", "dateType": "Coverage"}]
    assert data["rightsList"] == [
        {
            "rights": "Creative Commons Attribution 4.0 International",
            "rightsUri": "https://creativecommons.org/licenses/by/4.0/legalcode",
        }
    ]
    assert data["geoLocations"] == [
        {
            "geoLocationBox": {
                "westBoundLongitude": 2.9,
                "eastBoundLongitude": 3.2,
                "southBoundLatitude": 50.5,
                "northBoundLatitude": 50.7,
            }
        }
    ]


def test_vector_goes_through_the_real_datacite_crosswalk(vector_record):
    """The vector record is the DataCite crosswalk's output (harvesters.crosswalks.datacite), not a hand-built one."""
    from harvesters.crosswalks import registered

    assert "datacite" in registered()
    source = vector_record.provenance.get()
    assert source.format == "datacite"
    assert vector_record.metadata_standard == "datacite"
    assert vector_record.identifier == "10.12345/DT-TEST-0001"  # as published; the DOI column is normalised
    assert vector_record.doi == DOI


def test_vector_in_every_offered_style(vector_record):
    """The six styles of the page, through citeproc-py and the official CSL files. Chicago and MLA spell given
    names out (CSL 1.0.2 initialize="false", patched into citeproc-py 0.11); numeric styles keep a space after
    the number."""
    cite = {style: format_citation(vector_record, style) for style in csl.STYLES}
    assert cite["harvard-cite-them-right"].startswith("Dupont, M. and AERIS (2021) “Aerosol optical depth, Lille")
    assert cite["chicago-notes-bibliography"].startswith("Dupont, Marie, and AERIS. “Aerosol Optical Depth, Lille")
    assert cite["modern-language-association"].startswith("Dupont, Marie, and AERIS. “Aerosol Optical Depth")
    assert cite["ieee"].startswith("[1] M. Dupont and AERIS, “Aerosol optical depth, Lille, 2019-2020”. AERIS, 2021.")
    assert cite["vancouver-nlm"].startswith("1. Dupont M, AERIS. Aerosol optical depth, Lille, 2019-2020 [Internet].")
    assert all("10.12345/dt-test-0001" in text for text in cite.values())
    assert format_citation(vector_record, "chicago", locale="fr-FR").startswith("Dupont, Marie, et AERIS. «\xa0Aerosol")


def test_citations_are_cached_in_redis_per_content(vector_record, landing_cache):
    import redis
    from django.conf import settings

    from catalogue.exports.csl import cached_citation

    first = cached_citation(vector_record, "apa")
    assert first == format_citation(vector_record, "apa")
    stored = redis.Redis.from_url(settings.REDIS_URL).keys(f"{landing_cache}:*citation:*")
    assert len(stored) == 1  # really in Redis
    assert cached_citation(vector_record, "apa") == first
    # A changed record has a new content hash: a new citation, never the stale one.
    vector_record.title, vector_record.content_hash = "Renamed dataset", "changed-hash"
    assert "Renamed dataset" in cached_citation(vector_record, "apa")
