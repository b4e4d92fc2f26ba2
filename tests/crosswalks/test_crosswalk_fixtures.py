"""Crosswalks on our own small fixtures (tests/fixtures/crosswalks): every mapped field, edge cases, safety."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from catalogue.records.unified import BBox, Keyword, OnlineResource, RelatedIdentifier
from harvesters.crosswalks import CrosswalkError, parse_document, registered
from harvesters.crosswalks._common import clean, make_bbox, normalise_language, parse_date, parse_datetime

FIXTURES = Path(__file__).parent.parent / "fixtures" / "crosswalks"


def load(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_all_four_formats_are_registered():
    assert set(registered()) == {"iso19139", "iso19115-3", "datacite", "dublincore"}


def test_iso19139_bilingual_ocean_record_every_field():
    name, r = parse_document(load("iso19139_odatis_fr_en.xml"))
    assert name == "iso19139"
    assert r.identifier == "odatis-test-0001" and r.metadata_standard == "iso19139"
    assert r.language == "fr" and r.languages == ["fr", "en"]
    assert r.title == "Température de surface de la mer, Pacifique Sud"
    assert r.abstract == "Champs journaliers de température de surface."
    assert r.translations == {
        "en": {"title": "Sea surface temperature, South Pacific", "abstract": "Daily sea surface temperature fields."}
    }
    assert r.doi == "10.17882/12345"  # from the gmx:Anchor resource identifier
    assert r.parent_identifier == "odatis-series-0001"
    assert r.resource_type == "dataset" and r.version == "v2.1"
    # All three boxes: one across the antimeridian (kept west > east), one ordinary, one written in 0..360.
    assert r.bboxes == [
        BBox(170.0, -30.0, -170.0, -10.0),
        BBox(-5.5, 46.0, -1.0, 49.0),
        BBox(-160.0, -40.0, -110.0, -20.0),
    ]
    assert r.bboxes[0].crosses_antimeridian
    assert r.temporal_start == date(2010, 1, 1) and r.temporal_end is None  # indeterminatePosition="now"
    assert r.date_created is None and r.issues == {"date_created": "2019-13-45"}  # bad date kept raw
    assert r.date_published == date(2020, 6, 1) and r.date_revised == date(2023, 2, 1)
    assert r.publication_year == 2020
    assert r.modified == datetime(2024, 5, 3, 10, 15, tzinfo=UTC)
    assert r.keywords == [
        Keyword("Température de l'eau", "SeaDataNet Parameter Discovery Vocabulary", "theme"),
        Keyword("Océan Pacifique", "SeaDataNet Parameter Discovery Vocabulary", "theme"),
        Keyword("Argo float", "", "platform"),
    ]
    assert r.platforms == ["Argo float"]
    assert r.topic_categories == ["oceans", "climatologyMeteorologyAtmosphere"]
    assert [(c.name, c.organisation, c.role, c.orcid) for c in r.creators] == [
        ("Dupont, Marie", "LOPS", "author", "0000-0002-1825-0097"),
        ("", "Ifremer", "originator", ""),
    ]
    assert r.publisher == "SEANOE"
    assert ("Ifremer - SISMER", "pointOfContact", "sismer@ifremer.fr") in [
        (p.organisation, p.role, p.email) for p in r.organisations
    ]
    assert r.license == "Licence Ouverte / Open Licence version 2.0"
    assert r.license_url == "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
    assert "Citer la source des données." in r.constraints
    assert r.lineage == "Interpolation optimale des profils Argo."
    assert r.formats == ["NetCDF"]
    assert r.online_resources == [
        OnlineResource(
            "https://data.example.org/sst/",
            "WWW:DOWNLOAD-1.0-http--download",
            "Téléchargement",
            "Fichiers NetCDF",
            "download",
        ),
        OnlineResource("https://wms.example.org/sst", "OGC:WMS"),
    ]
    assert r.related_identifiers == [RelatedIdentifier("doi:10.17882/12345", "DOI", "IsIdenticalTo")]


def test_iso19115_3_bilingual_land_record():
    name, r = parse_document(load("iso19115_3_theia_fr_en.xml"))
    assert name == "iso19115-3"
    assert r.identifier == "theia-test-0042" and r.language == "fr"
    assert r.title == "Humidité des sols en Occitanie"
    assert r.translations["en"] == {
        "title": "Soil moisture in Occitania",
        "abstract": "Surface soil moisture maps at 100 m.",
    }
    assert r.parent_identifier == "theia-series-7"
    assert r.doi == "10.5281/zenodo.0000042"
    assert r.bboxes == [BBox(-0.33, 42.33, 4.85, 45.05)]
    assert (r.temporal_start, r.temporal_end) == (date(2016, 10, 1), date(2021, 9, 30))
    assert r.date_published == date(2021, 1, 1)  # "2021": a year alone is read as its first day
    assert r.modified == datetime(2024, 3, 1, 11, 30, tzinfo=UTC)  # 12:30+01:00, the latest dateInfo
    assert [(c.name, c.role, c.orcid) for c in r.creators] == [
        ("Leroy, Anne", "principalInvestigator", "0000-0001-2345-6789")
    ]
    assert ("Martin, Paul", "CNES - THEIA", "pointOfContact") in [
        (p.name, p.organisation, p.role) for p in r.organisations
    ]
    assert r.license == "Creative Commons Attribution 4.0"
    assert r.license_url == "https://creativecommons.org/licenses/by/4.0/"
    assert r.keywords == [Keyword("sol", "GEMET", "theme"), Keyword("humidité", "GEMET", "theme")]
    assert r.formats == ["GeoTIFF"] and r.lineage == "Désagrégation de SMOS et Sentinel-1."
    assert r.platforms == ["Sentinel-1A"] and r.instruments == ["C-SAR"]
    assert r.online_resources == [
        OnlineResource("https://theia.example.org/sm/", "WWW:LINK", "Portail THEIA", "", "information")
    ]


def test_datacite_4_record_every_field():
    name, r = parse_document(load("datacite45_aeris.xml"))
    assert name == "datacite"
    assert r.identifier == "10.25326/AERIS-TEST-1" and r.doi == "10.25326/aeris-test-1"
    assert r.title == "Aerosol optical depth over the Mediterranean"
    assert r.translations == {
        "fr": {
            "title": "Épaisseur optique des aérosols en Méditerranée",
            "abstract": "Épaisseur optique quotidienne à 550 nm.",
        }
    }
    assert r.abstract == "Daily aerosol optical depth at 550 nm." and r.lineage == "Retrieved from MODIS level 2."
    lucie, aeris = r.creators
    assert (lucie.given_name, lucie.family_name, lucie.orcid, lucie.affiliation, lucie.kind) == (
        "Lucie", "Moreau", "0000-0003-1419-2405", "CNRS", "person")  # fmt: skip
    assert (aeris.organisation, aeris.kind) == ("AERIS Data Centre", "organisation")
    assert ("IPSL", "HostingInstitution") in [(p.organisation, p.role) for p in r.organisations]
    assert ("Bernard, Luc", "ContactPerson") in [(p.name, p.role) for p in r.organisations]
    assert r.publisher == "AERIS" and r.publication_year == 2022 and r.resource_type == "dataset"
    assert (r.date_created, r.date_published, r.date_revised) == (
        date(2021, 11, 2),
        date(2022, 1, 15),
        date(2023, 7, 1),
    )
    assert r.temporal_start == date(2015, 1, 1) and r.temporal_end is None  # "2015-01-01/": open end
    assert r.keywords == [
        Keyword("EARTH SCIENCE > ATMOSPHERE > AEROSOLS", "GCMD Science Keywords"),
        Keyword("aerosols"),
    ]
    assert r.license == "CC-BY-4.0" and r.license_url == "https://creativecommons.org/licenses/by/4.0/legalcode"
    assert "Open Access" in r.constraints
    # Box, point (a box of no size) and the polygon's envelope: all kept.
    assert r.bboxes == [BBox(-6.0, 30.0, 36.5, 46.0), BBox(5.07, 43.4, 5.07, 43.4), BBox(8.0, 41.3, 9.6, 43.1)]
    assert r.funding == [
        {
            "funder": "Agence Nationale de la Recherche",
            "funder_identifier": "https://doi.org/10.13039/501100001665",
            "award": "ANR-20-CE01-0001",
            "award_title": "AEROMED",
            "award_uri": "https://anr.fr/Project-ANR-20-CE01-0001",
        }
    ]
    assert RelatedIdentifier("10.5067/MODIS/MOD04_L2.061", "DOI", "IsDerivedFrom") in r.related_identifiers
    assert r.formats == ["application/x-netcdf"] and r.version == "1.2" and r.languages == ["en"]


def test_datacite_without_namespace_and_kernel_3_strings():
    bare = load("datacite45_aeris.xml").replace(b' xmlns="http://datacite.org/schema/kernel-4"', b"")
    name, r = parse_document(bare)
    assert name == "datacite" and r.doi == "10.25326/aeris-test-1" and len(r.bboxes) == 3
    kernel3 = b"""<resource xmlns="http://datacite.org/schema/kernel-3">
      <identifier identifierType="DOI">10.5072/K3</identifier>
      <creators><creator><creatorName>A, B</creatorName></creator></creators><titles><title>K3</title></titles>
      <publisher>P</publisher><publicationYear>2015</publicationYear>
      <geoLocations><geoLocation><geoLocationPoint>69.0 -52.0</geoLocationPoint></geoLocation>
      <geoLocation><geoLocationBox>60 170 65 -170</geoLocationBox></geoLocation></geoLocations></resource>"""
    _, r = parse_document(kernel3)
    assert r.bboxes == [BBox(-52.0, 69.0, -52.0, 69.0), BBox(170.0, 60.0, -170.0, 65.0)]


def test_dublincore_csw_record_both_box_flavours():
    name, r = parse_document(load("csw_record_formater.xml"))
    assert name == "dublincore"
    assert r.identifier == "formater-test-7" and r.doi == "10.18715/formater.test7"
    # ows:BoundingBox in EPSG:4326 is lat/lon; ows:WGS84BoundingBox is lon/lat (and crosses the antimeridian).
    assert r.bboxes == [BBox(55.6, -21.4, 55.85, -21.1), BBox(175.0, -45.0, -175.0, -40.0)]
    assert (r.temporal_start, r.temporal_end) == (date(2014, 10, 1), date(2022, 12, 31))
    assert r.license_url == "https://creativecommons.org/licenses/by/4.0/"
    assert r.resource_type == "dataset" and r.language == "fr" and r.publisher == "Data Terra"
    assert [c.name for c in r.creators] == ["Form@ter"]
    assert r.modified == datetime(2024, 2, 2, 8, 0, tzinfo=UTC)


def test_oai_record_envelope_and_format_hint():
    inner = load("datacite45_aeris.xml").split(b"?>", 1)[1]
    envelope = (
        b'<record xmlns="http://www.openarchives.org/OAI/2.0/"><header><identifier>oai:aeris:1</identifier>'
        b"<datestamp>2024-01-01</datestamp></header><metadata>" + inner + b"</metadata></record>"
    )
    assert parse_document(envelope, "datacite")[0] == "datacite"
    # A wrong hint does not force the wrong crosswalk: detection by root element wins.
    assert parse_document(envelope, "iso19139")[0] == "datacite"
    deleted = (
        b'<record xmlns="http://www.openarchives.org/OAI/2.0/">'
        b'<header status="deleted"><identifier>x</identifier></header></record>'
    )
    with pytest.raises(CrosswalkError, match="deleted"):
        parse_document(deleted)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty document"),
        (b"   \n", "empty document"),
        (b"<html><body>503 Service Unavailable</body></html>", "unknown metadata format: root element html"),
        (
            b'<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            b"<dc:title>t</dc:title></oai_dc:dc>",
            "dublincore: record has no identifier",
        ),  # fmt: skip
    ],
)
def test_unusable_documents_give_precise_errors(content, message):
    with pytest.raises(CrosswalkError, match=message):
        parse_document(content)


def test_a_record_without_title_is_kept_untitled_with_a_quality_issue():
    content = (
        b'<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        b"<dc:identifier>urn:x:untitled</dc:identifier><dc:subject>ocean</dc:subject></oai_dc:dc>"
    )  # fmt: skip
    name, record = parse_document(content)
    assert (name, record.identifier, record.title) == ("dublincore", "urn:x:untitled", "")
    assert record.issues == {"missing_title": "dublincore: the record has no title"}
    assert [k.value for k in record.keywords] == ["ocean"]


def test_malformed_fixture():
    with pytest.raises(CrosswalkError, match="malformed XML: Premature end of data"):
        parse_document(load("malformed_truncated.xml"))


# --- safety ---------------------------------------------------------------------------------------------------


def test_external_entity_is_refused_and_nothing_is_read():
    with pytest.raises(CrosswalkError, match="DOCTYPE with an internal subset") as error:
        parse_document(load("xxe_passwd.xml"))
    assert "root:" not in str(error.value)


@pytest.mark.parametrize("dtd", [b"file:///etc/passwd", b"http://attacker.example/evil.dtd", b"/dev/zero"])
def test_external_dtd_is_refused_before_parsing(dtd):
    # libxml2 opens a DOCTYPE's external subset when it meets an undefined entity even with load_dtd off:
    # with file:///etc/passwd it read the file. The DOCTYPE is refused before the parser sees it.
    content = (
        b'<?xml version="1.0"?><!DOCTYPE x SYSTEM "' + dtd + b'">'
        b'<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        b"<dc:identifier>i</dc:identifier><dc:title>&xxe;</dc:title></oai_dc:dc>"
    )
    with pytest.raises(CrosswalkError, match="DOCTYPE with an external DTD"):
        parse_document(content)


def test_harmless_doctype_without_subset_is_accepted():
    content = (
        b'<?xml version="1.0"?><!DOCTYPE oai_dc:dc>'
        b'<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        b"<dc:identifier>i</dc:identifier><dc:title>t</dc:title></oai_dc:dc>"
    )
    assert parse_document(content)[1].title == "t"


def test_billion_laughs_is_refused():
    with pytest.raises(CrosswalkError, match="DOCTYPE with an internal subset"):
        parse_document(load("billion_laughs.xml"))


def test_entity_declaration_hidden_after_a_long_prologue_is_refused():
    padding = b"<!--" + b"x" * 5000 + b"-->"
    content = b'<?xml version="1.0"?>' + padding + load("billion_laughs.xml").split(b"?>", 1)[1]
    with pytest.raises(CrosswalkError, match="DOCTYPE with an internal subset"):
        parse_document(content)
    # An entity declaration without any DOCTYPE is not XML, and refused all the same.
    with pytest.raises(CrosswalkError, match="malformed XML"):
        parse_document(b'<x><!ENTITY a "b"></x>')


def test_utf16_document_with_entity_bomb_is_refused():
    content = load("billion_laughs.xml").replace(b'<?xml version="1.0"?>', b"").decode().encode("utf-16")
    with pytest.raises(CrosswalkError, match="DOCTYPE with an internal subset"):
        parse_document(content)


def test_oversized_document_is_refused(settings):
    settings.HARVEST_MAX_DOCUMENT_BYTES = 4096
    content = load("iso19139_odatis_fr_en.xml")
    assert len(content) > 4096
    with pytest.raises(CrosswalkError, match=r"over the 4,096-byte limit"):
        parse_document(content)


def test_absurdly_deep_document_is_refused_as_beyond_the_parser_s_limits():
    content = b"<a>" * 5000 + b"</a>" * 5000
    with pytest.raises(CrosswalkError, match="XML beyond the parser's limits .*Excessive depth"):
        parse_document(content)


def test_a_text_node_over_libxml2_s_limit_is_refused_as_too_long_not_malformed():
    content = load("iso19139_odatis_fr_en.xml")
    huge = content.replace(b"<gco:CharacterString>", b"<gco:CharacterString>" + b"y" * 10_000_001, 1)
    with pytest.raises(CrosswalkError, match="XML beyond the parser's limits .*Text node too long"):
        parse_document(huge)


# --- helpers --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2019", (date(2019, 1, 1), "")),
        ("2019-05", (date(2019, 5, 1), "")),
        ("2019-05-03", (date(2019, 5, 3), "")),
        ("2019-05-03T10:00:00Z", (date(2019, 5, 3), "")),
        ("2019-05-03T10:00:00.123+02:00", (date(2019, 5, 3), "")),
        ("20190503", (date(2019, 5, 3), "")),
        ("now", (None, "")),
        ("", (None, "")),
        (None, (None, "")),
        ("2019-13-45", (None, "2019-13-45")),
        ("-2800", (None, "-2800")),
        ("PYCSW_TIMESTAMP", (None, "PYCSW_TIMESTAMP")),
    ],
)
def test_parse_date_tolerates_partial_dates_and_keeps_bad_ones(raw, expected):
    assert parse_date(raw) == expected


def test_parse_datetime_converts_to_utc():
    assert parse_datetime("2024-03-01T12:30:00+01:00") == (datetime(2024, 3, 1, 11, 30, tzinfo=UTC), "")
    assert parse_datetime("2024-03-01") == (datetime(2024, 3, 1, tzinfo=UTC), "")
    assert parse_datetime("aaaa-bb-cc") == (None, "aaaa-bb-cc")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("fre", "fr"),
        ("fra", "fr"),
        ("FR", "fr"),
        ("fr-FR", "fr"),
        ("eng; CAN", "en"),
        ("French", "fr"),
        ("ger", "de"),
        ("", ""),
    ],
)
def test_normalise_language(raw, expected):
    assert normalise_language(raw) == expected


@pytest.mark.parametrize(
    ("sides", "expected"),
    [
        ((0.0, -90.0, 360.0, 90.0), BBox(-180.0, -90.0, 180.0, 90.0)),  # 0..360 global
        ((200.0, -40.0, 250.0, -20.0), BBox(-160.0, -40.0, -110.0, -20.0)),  # 0..360 regional
        ((170.0, -30.0, 190.0, -10.0), BBox(170.0, -30.0, -170.0, -10.0)),  # across 180 in 0..360 terms
        ((170.0, -30.0, -170.0, -10.0), BBox(170.0, -30.0, -170.0, -10.0)),  # antimeridian kept
        ((180.0, -90.0, -180.0, 90.0), BBox(-180.0, -90.0, 180.0, 90.0)),  # inverted global box
        ((1.0, 50.0, 2.0, 40.0), BBox(1.0, 40.0, 2.0, 50.0)),  # south/north swapped
        ((1.0, 95.0, 2.0, 40.0), None),  # impossible latitude
        ((None, 1.0, 2.0, 3.0), None),
    ],
)
def test_make_bbox(sides, expected):
    assert make_bbox(*sides) == expected


def _iso_with_extent(extent: str) -> bytes:
    return (
        '<gmi:MI_Metadata xmlns:gmi="http://www.isotc211.org/2005/gmi" xmlns:gmd="http://www.isotc211.org/2005/gmd"'
        ' xmlns:gco="http://www.isotc211.org/2005/gco" xmlns:gml="http://www.opengis.net/gml">'
        "<gmd:fileIdentifier><gco:CharacterString>t-1</gco:CharacterString></gmd:fileIdentifier>"
        "<gmd:identificationInfo><gmd:MD_DataIdentification><gmd:citation><gmd:CI_Citation>"
        "<gmd:title><gco:CharacterString>T</gco:CharacterString></gmd:title></gmd:CI_Citation></gmd:citation>"
        f"<gmd:extent><gmd:EX_Extent>{extent}</gmd:EX_Extent></gmd:extent>"
        "</gmd:MD_DataIdentification></gmd:identificationInfo></gmi:MI_Metadata>"
    ).encode()


@pytest.mark.parametrize(
    ("period", "start", "end", "issues"),
    [
        # GML 3.1.1 begin/end holding TimeInstants (ncISO writes this form).
        (
            "<gml:TimePeriod><gml:begin><gml:TimeInstant><gml:timePosition>2001-02-03</gml:timePosition>"
            "</gml:TimeInstant></gml:begin><gml:end><gml:TimeInstant><gml:timePosition>2002</gml:timePosition>"
            "</gml:TimeInstant></gml:end></gml:TimePeriod>",
            date(2001, 2, 3), date(2002, 1, 1), {},
        ),
        ("<gml:TimeInstant><gml:timePosition>1999-12-31T23:00:00Z</gml:timePosition></gml:TimeInstant>",
         date(1999, 12, 31), date(1999, 12, 31), {}),
        ('<gml:TimePeriod><gml:beginPosition indeterminatePosition="unknown"/>'
         "<gml:endPosition>2020-01-01</gml:endPosition></gml:TimePeriod>", None, date(2020, 1, 1), {}),
        ("<gml:TimePeriod><gml:beginPosition>2015-02-30</gml:beginPosition>"
         '<gml:endPosition indeterminatePosition="unknown"/></gml:TimePeriod>', None, None,
         {"temporal_start": "2015-02-30"}),
    ],
)  # fmt: skip
def test_temporal_extents_gml_311_instants_and_open_ends(period, start, end, issues):
    extent = (
        "<gmd:temporalElement><gmd:EX_TemporalExtent><gmd:extent>"
        f"{period}</gmd:extent></gmd:EX_TemporalExtent></gmd:temporalElement>"
    )
    _, r = parse_document(_iso_with_extent(extent))
    assert (r.temporal_start, r.temporal_end, r.issues) == (start, end, issues)


def test_missing_extent_and_unreadable_box_do_not_fail():
    _, r = parse_document(_iso_with_extent(""))
    assert r.bboxes == [] and r.temporal_start is None
    box = (
        "<gmd:geographicElement><gmd:EX_GeographicBoundingBox>"
        "<gmd:westBoundLongitude><gco:Decimal>abc</gco:Decimal></gmd:westBoundLongitude>"
        "<gmd:eastBoundLongitude><gco:Decimal>10</gco:Decimal></gmd:eastBoundLongitude>"
        "<gmd:southBoundLatitude><gco:Decimal>40</gco:Decimal></gmd:southBoundLatitude>"
        "<gmd:northBoundLatitude><gco:Decimal>45</gco:Decimal></gmd:northBoundLatitude>"
        "</gmd:EX_GeographicBoundingBox></gmd:geographicElement>"
    )
    _, r = parse_document(_iso_with_extent(box))
    assert r.bboxes == [] and r.issues == {"bbox": "abc 40 10 45"}


def test_keyword_flood_is_capped_and_flagged():
    keywords = "".join(
        f"<gmd:keyword><gco:CharacterString>k{i}</gco:CharacterString></gmd:keyword>" for i in range(5000)
    )
    content = _iso_with_extent("").replace(
        b"</gmd:MD_DataIdentification>",
        f"<gmd:descriptiveKeywords><gmd:MD_Keywords>{keywords}</gmd:MD_Keywords></gmd:descriptiveKeywords>"
        "</gmd:MD_DataIdentification>".encode(),
    )
    _, r = parse_document(content)
    assert len(r.keywords) == 1000 and "more than 1000 keywords" in r.issues["keywords"]


def test_datacite_kernel_3_strings_are_latitude_first():
    """geoLocationPoint "lat lon", geoLocationBox "south west north east" (DataCite 3 documentation); a value
    that cannot be a latitude shows the writer put the longitude first: read that way, flagged."""
    name, r = parse_document(load("datacite3_geolocations.xml"))
    assert name == "datacite"
    assert r.bboxes == [
        BBox(-4.49, 48.39, -4.49, 48.39),  # Brest
        BBox(8.5, 41.3, 9.6, 43.1),  # Corsica
        BBox(177.0, -21.0, -178.0, -12.0),  # Fiji, across the antimeridian
        BBox(-149.4, -17.6, -149.4, -17.6),  # Tahiti, written longitude first
        BBox(163.5, -22.8, 168.2, -19.5),  # New Caledonia, written longitude first
    ]
    assert r.issues["bbox"] == (
        "geoLocationPoint -149.4 -17.6 read as longitude latitude"
        " | geoLocationBox 163.5 -22.8 168.2 -19.5 read as longitude latitude"
        " | north of here"
    )


def test_envelope_identifier_is_the_fallback_for_metadata_without_one():
    """What the OAI-PMH client passes beside a payload: the header identifier, used only when the metadata has none."""
    record = load("oai_record_datacite_no_identifier.xml")
    payload = record[record.index(b"<resource") : record.index(b"</metadata>")]
    with pytest.raises(CrosswalkError, match="no identifier"):
        parse_document(payload)
    name, r = parse_document(payload, "datacite", envelope_identifier="oai:odatis.example:DT/0042")
    assert (name, r.identifier, r.doi) == ("datacite", "oai:odatis.example:DT/0042", "")
    assert parse_document(record)[1].identifier == "oai:odatis.example:DT/0042"  # the envelope in the document
    # The metadata's own identifier wins over the envelope's.
    _, r = parse_document(load("datacite45_aeris.xml"), envelope_identifier="oai:aeris:1")
    assert r.identifier == "10.25326/AERIS-TEST-1"


@pytest.mark.parametrize(
    "raw, expected",
    [
        (None, ""),
        ("", ""),
        ("  Sea  surface ", "Sea surface"),
        ("Sea surface", "Sea surface"),
        ("Sea\nsurface\ttemperature", "Sea surface temperature"),
        ("Sea\u00a0surface ", "Sea surface"),  # NBSP and other Unicode spaces collapse too
        ("Sea\u2003 \u3000surface", "Sea surface"),
        ("Zone\u200bA", "Zone\u200bA"),  # a zero-width space is not whitespace: kept
        ("Pati\u00c3\u00b1o", "Patiño"),  # UTF-8 read as Latin-1, repaired
    ],
)
def test_clean_collapses_every_kind_of_whitespace(raw, expected):
    """clean() has a fast path for values with single ASCII spaces only; both paths give one line of text."""
    assert clean(raw) == expected
