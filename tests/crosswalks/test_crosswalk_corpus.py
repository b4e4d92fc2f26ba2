"""Crosswalks over the real-world corpus (../shared/corpus): every record, every broken file, known values.

Expected values below were read from the XML files by hand (line numbers noted where useful), not copied from
the crosswalk's output.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from lxml import etree

from catalogue.records.unified import BBox
from harvesters.crosswalks import CrosswalkError, parse_document

RECORD_DIRS = ("iso19139", "iso19115-3", "datacite", "oai_dc")
OAI = "{http://www.openarchives.org/OAI/2.0/}"


def _manifest() -> list[str]:
    manifest = Path(settings.SHARED_CORPUS_DIR) / "MANIFEST.tsv"
    if not manifest.is_file():
        return ["<corpus missing>"]  # the corpus_dir fixture then fails loudly instead of the tests vanishing
    with manifest.open(encoding="utf-8") as handle:
        return [row["local_file"] for row in csv.DictReader(handle, delimiter="\t")]


ALL_FILES = _manifest()

# Files that cannot become a record, and the reason the error must give.
BROKEN = {
    "iso19139/ckanspatial__error_bad_xml.xml": "malformed XML: Premature end of data",
    "datacite/bolognese__datacite_malformed_creator.xml": "creator 1 holds 3 creatorName elements",
    "datacite/dcschema-json-4.3__datacite-example-full-v4.json": "malformed XML: Start tag expected",
    "oaipmh/pyoai__fake3__00001.xml": "malformed XML: Opening and ending tag mismatch",
    "oaipmh/pyoai__fake4__00001.xml": "malformed XML",
    "oaipmh/sickle__ListRecordsBroken.xml": "malformed XML: Start tag expected",
}
RECORD_FILES = [f for f in ALL_FILES if f.split("/", 1)[0] in RECORD_DIRS and f not in BROKEN]
# Single records in CSW / OAI-PMH envelopes (GetRecordById, csw:Record, GetRecord).
ENVELOPED_RECORDS = [
    "csw/owslib__csw_dov_getrecordbyid.xml",
    "csw/pycsw__apiso__post_GetRecordById-full.xml",
    "csw/owslib__9250AA67-F3AC-6C12-0CB9-0662231AA181_dc.xml",
    "csw/pycsw__cite__Record_19887a8a-f6b0-4a63-ae56-7fba0e17801f.xml",
    "csw/pycsw__cite__Record_94bc9c83-97f6-4b40-9eb8-a8e8787a5c63.xml",
    *(f for f in ALL_FILES if f.startswith("csw/b2find__")),
    "oaipmh/b2find__envidat-datacite__polygon_f7160261-c98d-4d49-8966-10c1b0a32831.xml",
    "oaipmh/b2find__inrae__79c2c09c-16e6-566f-8be9-e0f700322fce.xml",
    "oaipmh/sickle__GetRecord_utf8test.xml",
]
MULTI_RECORD_PAGES = [
    "csw/owslib__inspire-getrecords-response.xml",
    "csw/pycsw__apiso__post_GetRecords-all.xml",
    "csw/pycsw__apiso__post_GetRecords-filter-and-nested-spatial-or-dateline.xml",
    "csw/pycsw__csw30__post_GetRecords-anytext.xml",
    "csw/pycsw__default__post_GetRecords-all.xml",
    "csw/pycsw__harvesting__post_Harvest-zzz-post-GetRecords-filter-wms-iso.xml",
    "csw/pycsw__iso19115p3__post_GetRecords-all.xml",
    "oaipmh/arxivharvester__ListRecordsResponse.xml",
    "oaipmh/pycsw__oaipmh__get_ListRecords_datacite.xml",
    "oaipmh/pycsw__oaipmh__get_ListRecords_iso19139.xml",
    "oaipmh/pycsw__oaipmh__get_ListRecords_oai_dc.xml",
    "oaipmh/pyoai__fake2__00002.xml",
    "oaipmh/sickle__ListRecords.xml",
    "oaipmh/sickle__ListRecords4.xml",
]


def _parse(corpus_dir: Path, name: str):
    return parse_document((corpus_dir / name).read_bytes())


@pytest.mark.parametrize("name", RECORD_FILES + ENVELOPED_RECORDS)
def test_every_well_formed_record_has_title_and_identifier(corpus_dir, name):
    format_name, record = _parse(corpus_dir, name)
    assert record.title.strip() and record.identifier.strip()
    assert record.metadata_standard == format_name
    assert all(
        -180 <= b.west <= 180 and -180 <= b.east <= 180 and -90 <= b.south <= b.north <= 90 for b in record.bboxes
    )


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_files_give_a_precise_crosswalk_error(corpus_dir, name):
    with pytest.raises(CrosswalkError) as error:
        _parse(corpus_dir, name)
    assert BROKEN[name] in str(error.value)


@pytest.mark.parametrize("name", ALL_FILES)
def test_no_corpus_file_raises_anything_but_crosswalk_error(corpus_dir, name):
    """Protocol documents (Identify, exceptions, capabilities...) are refused with a CrosswalkError, never a crash."""
    try:
        _, record = _parse(corpus_dir, name)
    except CrosswalkError as error:
        assert str(error).strip()
    else:
        assert record.title and record.identifier


def _split(root: etree._Element) -> list[etree._Element]:
    if root.tag == f"{OAI}OAI-PMH":
        return root.findall(f"{OAI}ListRecords/{OAI}record")
    results = next(child for child in root if str(child.tag).endswith("}SearchResults"))
    return [child for child in results if isinstance(child.tag, str)]


def _has_title(record: etree._Element) -> bool:
    # Independent of the crosswalks: any element named "title" with text (dc:title, gmd:title, DataCite title...).
    return bool(record.xpath(".//*[local-name()='title'][normalize-space()]"))


@pytest.mark.parametrize("name", MULTI_RECORD_PAGES)
def test_records_inside_protocol_pages(corpus_dir, name):
    """Split like a harvester would: each record converts, or fails with a reason that matches the XML."""
    root = etree.fromstring((corpus_dir / name).read_bytes(), etree.XMLParser(resolve_entities=False))
    records = _split(root)
    assert records
    converted = 0
    for element in records:
        header = element.find(f"{OAI}header")
        deleted = header is not None and header.get("status") == "deleted"
        content = etree.tostring(element)
        if deleted:
            with pytest.raises(CrosswalkError, match="deleted"):
                parse_document(content)
        elif not _has_title(element):
            _, record = parse_document(content)  # kept untitled, flagged (issue 16)
            assert record.identifier and not record.title and "missing_title" in record.issues
            converted += 1
        elif element.find(f"{OAI}metadata/{{http://arxiv.org/OAI/arXivRaw/}}arXivRaw") is not None:
            with pytest.raises(CrosswalkError, match="unknown metadata format"):  # arXivRaw is not ours to read
                parse_document(content)
        else:
            _, record = parse_document(content)
            assert record.title and record.identifier
            converted += 1
    assert converted or name.startswith("oaipmh/arxiv")


def test_envelope_pages_are_refused_whole_with_a_reason(corpus_dir):
    with pytest.raises(CrosswalkError, match="GetRecordsResponse with 5 records: split it"):
        _parse(corpus_dir, "csw/pycsw__apiso__post_GetRecords-all.xml")
    with pytest.raises(CrosswalkError, match="OAI-PMH error badResumptionToken"):
        _parse(corpus_dir, "oaipmh/sickle__badResumptionToken.xml")
    with pytest.raises(CrosswalkError, match="OWS exception report"):
        _parse(corpus_dir, "csw/pycsw__csw30__get_Exception-invalid-request.xml")


def _box(record, index=0) -> tuple:
    b = record.bboxes[index]
    return (b.west, b.south, b.east, b.north)


# --- ISO 19139 ------------------------------------------------------------------------------------------------


def test_iso19139_hnap_bilingual_canadian_record(corpus_dir):
    name, r = _parse(corpus_dir, "iso19139/hnap__37aecae5__metadata-iso19139.xml")
    assert name == "iso19139"
    assert r.identifier == "37aecae5-7783-4274-b595-df02aa003ac3"
    assert r.language == "en"  # <gco:CharacterString>eng; CAN</gco:CharacterString>
    assert r.title == "North American Radar Composite (1 km)"
    assert r.translations["fr"]["title"] == "Composite radar nord-américaine (1 km)"
    assert r.translations["fr"]["abstract"].startswith("La mosaïque est calculée sur le domaine nord-américain")
    assert r.abstract.startswith("This mosaic is calculated over the North American domain")
    assert r.date_published == date(2023, 2, 2) and r.date_created == date(2018, 3, 8)  # RI_ codes, text "publication"
    assert r.resource_type == "dataset"  # codeListValue RI_622, text "dataset; jeuDonnées"
    assert r.bboxes == [BBox(-170.323855, 16.93461, -50.002855, 67.19061)]
    assert r.temporal_start == date(2018, 3, 8) and r.temporal_end is None  # empty <gml:endPosition />
    assert len(r.keywords) == 11 and r.keywords[0].value == "Atmospheric conditions"
    assert r.topic_categories == ["climatologyMeteorologyAtmosphere"]
    assert r.modified.isoformat() == "2023-08-10T16:39:12+00:00"
    # Metadata contact (lines 18-88); the custodian at line 395 belongs to a thesaurus citation and is not ours.
    contact = "Government of Canada; Environment and Climate Change Canada; Meteorological Service of Canada"
    assert (contact, "pointOfContact") in [(p.organisation, p.role) for p in r.organisations]
    assert "custodian" not in {p.role for p in r.organisations}


def test_iso19139_geobretagne_french_cadastre(corpus_dir):
    _, r = _parse(corpus_dir, "iso19139/owslib__csw_geobretagne_mdmetadata.xml")
    assert r.identifier == "955c3e47-411e-4969-b61b-3556d1b9f879"
    assert r.title == "Cadastre 2018 en Bretagne"
    assert r.language == "fr"
    assert r.parent_identifier == ""  # <gmd:parentIdentifier><gco:CharacterString /></gmd:parentIdentifier>
    assert r.date_revised == date(2018, 9, 1) and r.date_published is None
    assert _box(r) == (-5.23515625, 46.755859375, -1.1921875, 49.30468750000001)
    assert len(r.keywords) == 17
    assert {k.thesaurus for k in r.keywords} == {"", "GéoBretagne v 2.0", "INSPIRE themes", "GEMET"}
    assert r.formats == ["DXF", "EDIGEO", "Jpeg", "gif"]
    assert r.modified.isoformat() == "2018-07-30T14:19:40+00:00"


def test_iso19139_wdcc_cmip5_longitudes_0_360_and_doi_in_codespace(corpus_dir):
    _, r = _parse(corpus_dir, "iso19139/b2find__enes-iso__fff0c660-1eec-5cff-aaaf-498ef7731ad6.xml")
    assert r.identifier == "de.dkrz.wdcc.iso2697850"
    assert r.doi == "10.1594/wdcc/cmip5.gighr6"  # codeSpace doi:10.1594/WDCC/CMIP5.GIGHr6 (line 111)
    assert r.bboxes == [BBox(-180.0, -90.0, 180.0, 90.0)]  # west 0.0, east 360.0 in the file
    assert r.temporal_start == date(2006, 1, 16) and r.temporal_end == date(2100, 12, 16)


def test_iso19139_geoide_west_greater_than_east_is_kept(corpus_dir):
    _, r = _parse(corpus_dir, "iso19139/gnui__geoide.iso19139.dataset.xml")
    assert r.identifier == "fr-120066022-jdd-763296bf-fc8d-46a2-ab4f-e2d607adf4fa"
    assert r.bboxes == [BBox(1.9095546, 45.437603, 0.6297406, 46.40159607)]
    assert r.bboxes[0].crosses_antimeridian


def test_iso19139_pacioos_gmi_point_box_and_services(corpus_dir):
    _, r = _parse(corpus_dir, "iso19139/pycsw__pacioos-NS06agg.xml")
    assert r.identifier == "NS06agg"
    assert r.title == "PacIOOS Nearshore Sensor 06: Pohnpei, Micronesia"
    # The dataset and each service block repeat the same point: kept once.
    assert r.bboxes == [BBox(158.22402954101562, 6.955227375030518, 158.22402954101562, 6.955227375030518)]
    assert r.temporal_start == date(2010, 5, 7) and r.temporal_end == date(2014, 3, 17)


def test_iso19139_marine_institute_anchor_keywords(corpus_dir):
    _, r = _parse(corpus_dir, "iso19139/owslib__iso_keywords_anchor.xml")
    assert r.identifier == "ie.marine.data:dataset.1135"
    assert r.title == "CE0911 Climate Change Survey"
    anchored = [k.value for k in r.keywords if k.thesaurus == "AtlantOS Essential Variables"]
    assert anchored == [
        "Atmospheric pressure",
        "Air temperature",
        "Salinity",
        "Temperature",
        "Wind direction",
        "Wind speed",
    ]
    assert _box(r) == (-15.148822, 49.7991699, -8.254568548, 54.6287598)
    assert r.temporal_start == date(2009, 6, 14) and r.temporal_end == date(2009, 6, 22)


def test_iso19139_wdcc_oai_record_doi_and_point(corpus_dir):
    _, r = _parse(corpus_dir, "iso19139/b2find__wdcc__009d997f-2742-5636-88f3-a521f444f221.xml")
    assert r.identifier == "wdc-climate.de:3758143"
    assert r.doi == "10.26050/wdcc/hope_lacros_cln"
    assert r.title.startswith("HD(CP)2 short term observation data of Cloudnet products")
    assert r.bboxes == [BBox(6.4145, 50.8797, 6.4145, 50.8797)]
    assert (r.temporal_start, r.temporal_end) == (date(2013, 4, 1), date(2013, 5, 31))


def test_iso19139_sentinel2_acquisition_platform_and_instrument(corpus_dir):
    _, r = _parse(corpus_dir, "iso19139/pycsw__iso_19115-2_Sentinel-2-scene.xml")
    assert r.identifier == "S2B_MSIL2A_20200902T090559_N0214_R050_T34SFG_20200902T113910.SAFE"
    assert r.platforms == ["Sentinel-2B"]  # <gmi:identifier>Sentinel-2B</gmi:identifier> (line 1232)
    assert r.instruments == ["INS-NOBS"]


# --- ISO 19115-3 ----------------------------------------------------------------------------------------------


def test_iso19115_3_sextant_fronts_bilingual(corpus_dir):
    name, r = _parse(corpus_dir, "iso19115-3/gnui__sextant.iso19115-3.dataset.xml")
    assert name == "iso19115-3"
    assert r.identifier == "74ce72b9-0196-4eca-abfe-8600f69bd5c4"
    assert r.language == "fr"
    assert r.title == "Position des fronts du Courant Circumpolaire Antarctique"
    assert r.translations["en"]["title"] == "Position of the Antarctic Circumpolar Current fronts"
    assert r.doi == "10.24400/527896/a01-2023.004"
    assert r.bboxes == [BBox(-180.0, -66.0, 180.0, -35.0)]
    assert r.temporal_start == date(1993, 1, 1) and r.temporal_end == date(2023, 12, 1)  # "1993-01" / "2023-12"
    assert r.date_published == date(2023, 3, 14)
    assert [p.organisation for p in r.creators] == ["CTOH/LEGOS"]  # role originator
    assert {"funder": "CNES"} in r.funding
    assert r.license_url == "https://www.aviso.altimetry.fr/fileadmin/documents/data/License_Aviso.pdf"
    assert r.modified.isoformat() == "2024-09-17T13:54:59+00:00"  # latest mdb:dateInfo (revision)


def test_iso19115_3_auscope_model(corpus_dir):
    _, r = _parse(corpus_dir, "iso19115-3/pycsw__auscope-3d-model.xml")
    assert r.identifier == "5ebc3cb7-a3b5-4760-a8ff-851d5d5beb32"
    assert r.title == "3D geological model of the Otway and Torquay Basin 2011"
    assert r.bboxes == [BBox(143.0, -39.4, 144.0, -38.4)]


def test_iso19115_3_arcgis_every_resource_box_but_not_lineage_source_extent(corpus_dir):
    _, r = _parse(corpus_dir, "iso19115-3/owslib__arcgis-sample.xml")
    # Two boxes in the identification extent; a third (-100..-80) belongs to mrl:sourceExtent (line 3396).
    assert r.bboxes == [BBox(-155.0, 35.0, -135.0, 42.0), BBox(-180.0, -90.0, 180.0, 90.0)]


# --- DataCite -------------------------------------------------------------------------------------------------


def test_datacite_pangaea_antimeridian_collected_range_spdx(corpus_dir):
    name, r = _parse(corpus_dir, "datacite/b2find__pangaea__e4723633-ab46-5316-875f-fcd788dc0931.xml")
    assert name == "datacite"
    assert r.identifier == "10.1594/PANGAEA.145167" and r.doi == "10.1594/pangaea.145167"
    assert r.creators[0].name == "Nojiri, Yukihiro" and r.creators[0].orcid == "0000-0001-9885-9195"
    assert r.bboxes == [BBox(140.025, 34.4607, -124.066, 56.98779999999999)]  # crosses the Pacific antimeridian
    assert r.temporal_start == date(1999, 11, 25) and r.temporal_end == date(1999, 12, 7)
    assert r.license == "CC-BY-3.0" and r.license_url == "https://creativecommons.org/licenses/by/3.0/"
    assert len(r.keywords) == 25 and r.keywords[0].thesaurus == "Parameter"
    assert r.publication_year == 2011 and r.resource_type == "dataset"
    assert [(o.name or o.organisation, o.role) for o in r.organisations][1:] == [
        ("Carbon Dioxide Information Analysis Center, Oak Ridge National Laboratory", "HostingInstitution"),
        ("Olsen, Are", "DataCollector"),
    ]


def test_datacite_kernel_4_7_full_example(corpus_dir):
    _, r = _parse(corpus_dir, "datacite/dcschema-4.7__datacite-example-full-v4.xml")
    assert r.doi == "10.82433/b09z-4k37"
    assert r.title == "Example Title"
    assert r.translations == {"fr": {"title": "Example TranslatedTitle"}}
    assert r.creators[0].orcid == "0000-0001-5727-2427"
    assert r.creators[1].organisation == "ExampleOrganization" and r.creators[1].kind == "organisation"
    assert (r.temporal_start, r.temporal_end) == (date(2024, 1, 1), date(2024, 12, 31))  # Coverage wins
    assert r.bboxes[0] == BBox(-123.27, 49.195, -123.02, 49.315)
    assert r.license == "CC-BY-4.0"
    assert r.funding[0]["funder"] == "Example Funder" and r.funding[0]["award"] == "12345"


def test_datacite_kernel_3_box_string_is_lat_lon(corpus_dir):
    _, r = _parse(corpus_dir, "datacite/dcschema-3.1__datacite-example-full-v3.1.xml")
    # <geoLocationBox>41.090 -71.032  42.893 -68.211</geoLocationBox>: south west north east
    assert r.bboxes == [BBox(-71.032, 41.09, -68.211, 42.893)]
    assert r.creators[0].orcid == "0000-0001-5000-0007" and r.creators[0].affiliation == "DataCite"
    assert r.license == "CC0 1.0 Universal" and r.license_url == "http://creativecommons.org/publicdomain/zero/1.0/"


def test_datacite_in_oai_datacite_payload(corpus_dir):
    _, r = _parse(corpus_dir, "datacite/b2find__uhh__5f7ce430-d4ae-562f-bfb5-505c18721104.xml")
    assert r.doi == "10.25592/uhhfdm.1732"
    assert r.title == "Covert translation: Business Communication (old)"
    assert r.publisher == "Universität Hamburg" and r.version == "0.1"
    assert r.abstract.startswith("Translation corpora of original texts")  # the <p> markup is dropped
    assert "Restricted Access" in r.constraints and r.license == ""
    _, r = _parse(corpus_dir, "datacite/b2find__fidgeo__90029ec9-dd10-5e6a-b067-7583054a77e6.xml")
    assert r.doi == "10.5880/fidgeo.2017.006" and r.creators[1].name == "Bodo Bookhagen"


def test_datacite_without_identifier_takes_the_oai_identifier(corpus_dir):
    _, r = _parse(corpus_dir, "datacite/b2find__radar__d812138e-2e73-5dd3-8258-fc783f47db39.xml")
    assert r.identifier == "RADAR/323" and r.doi == ""
    assert r.creators[1].name == "Ott, Christian" and r.creators[2].family_name == "Götzinger"
    assert r.date_created == date(2020, 1, 1)


def test_datacite_mojibake_creator_is_repaired(corpus_dir):
    _, r = _parse(corpus_dir, "datacite/bolognese__ns0.xml")
    assert r.creators[0].name == "Patiño, Carlos"  # "PatiÃ±o" in the file
    assert r.doi == "10.4231/d38g8fk8b" and r.version == "1.5.2"


def test_datacite_ancient_dates_are_kept_raw(corpus_dir):
    _, r = _parse(corpus_dir, "datacite/dcschema-4.3__datacite-example-ancientdates-v4.xml")
    assert r.date_created is None and r.issues["date_created"] == "-0024/-0022"  # 25 BC to 23 BC


# --- Dublin Core ----------------------------------------------------------------------------------------------


def test_dublincore_seanoe_oai_dc(corpus_dir):
    name, r = _parse(corpus_dir, "oai_dc/b2find__seanoe-oai_dc__7d8d61e8-c2c6-5a7e-bef1-24f5a1eb23b5.xml")
    assert name == "dublincore"
    assert r.identifier == "DOI:10.17882/41349" and r.doi == "10.17882/41349"
    assert r.title == "Buoy management unit 2 data from the EMSO-Azores observatory, 2012-2013"
    assert [c.name for c in r.creators] == ["Legrand, Julien", "Sarradin, Pierre-marie", "Cannat, Mathilde"]
    assert len(r.keywords) == 8 and r.publisher == "SEANOE"
    assert r.date_published == date(2015, 10, 1)  # <dc:date>2015-10</dc:date>
    # dc:coverage and the dcterms:spatial Box describe the same area: one box.
    assert r.bboxes == [BBox(-32.27982, 37.2888, -32.275618, 37.30134)]
    assert r.funding == [{"funder": "EC/FP7", "award": "312463", "award_title": "FIXO3"}]
    assert r.license == "CC-BY"


def test_dublincore_cite_record_lat_lon_bounding_box(corpus_dir):
    _, r = _parse(corpus_dir, "csw/pycsw__cite__Record_94bc9c83-97f6-4b40-9eb8-a8e8787a5c63.xml")
    assert r.identifier == "urn:uuid:94bc9c83-97f6-4b40-9eb8-a8e8787a5c63"
    assert r.bboxes == [BBox(-4.097, 47.595, 0.889, 51.217)]  # LowerCorner 47.595 -4.097 (lat lon)
    assert r.resource_type == "dataset" and r.keywords[0].thesaurus == "http://www.digest.org/2.1"


def test_dublincore_geonetwork_lon_lat_box_is_recognised(corpus_dir):
    _, r = _parse(corpus_dir, "csw/b2find__euroargo-sextant__11ed0576-4a1d-5256-bb74-ef16357cc72a.xml")
    # LowerCorner "6.62 -0.0026", UpperCorner "-83.0149 68.6387": read lat/lon the lower corner would lie north of
    # the upper one, so GeoNetwork's lon/lat order is used; west > east is kept as written.
    assert r.bboxes == [BBox(6.62, -0.0026, -83.0149, 68.6387)]
    assert len(r.online_resources) == 5 and r.online_resources[0].protocol == "WWW:LINK"
    _, r = _parse(corpus_dir, "csw/b2find__euroargo-sextant__0812e318-25c6-5d4a-b4b1-a22428240060.xml")
    assert r.bboxes == [BBox(-180.0, -90.0, 180.0, 90.0)]  # inverted global box 180 -90 / -180 90


def test_dublincore_bare_dc_in_oai_metadata_with_point_and_bce_period(corpus_dir):
    _, r = _parse(corpus_dir, "oai_dc/b2find__slks__point_a937f99e-da2a-5c39-ac8d-37e3b0c7e6bd.xml")
    assert r.identifier == "http://www.kulturarv.dk/fundogfortidsminder/Lokalitet/34277/"
    assert r.title == "130511-10 Thorsø" and r.language == "da"
    assert r.bboxes == [BBox(9.811246, 56.302585, 9.811246, 56.302585)]  # dcterms:POINT 9.811246,56.302585
    assert r.temporal_start is None and "-2800,-2351" in r.issues["temporal"]
    assert r.publisher == "Slots- og Kulturstyrelsen (www.slks.dk)"


def test_dublincore_multilingual_titles(corpus_dir):
    _, r = _parse(corpus_dir, "oai_dc/b2find__dara_gesis__d9bf3e91-9a61-51cd-94bd-c082a7b9c17f.xml")
    assert r.doi == "10.4232/1.11727" and r.language == "de"  # <dc:language>German</dc:language>
    assert r.title.startswith("Entwicklung der Gesundheitsverhältnisse in Deutschland")
    assert r.translations["en"]["title"].startswith("The development of health conditions in Germany")
