"""The local demo records (demo/<hub>/*.xml): enough of them, well-formed, in the right formats, and varied enough
to exercise search, facets, the map and the landing pages (see demo/build_demo.py, which writes them)."""

from __future__ import annotations

import copy
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from lxml import etree

from common.xmlsafe import parse_xml

HUBS = ["aeris", "formater", "odatis", "theia"]
GMD = "http://www.isotc211.org/2005/gmd"
GMI = "http://www.isotc211.org/2005/gmi"
MDB = "http://standards.iso.org/iso/19115/-3/mdb/2.0"
DATACITE = "http://datacite.org/schema/kernel-4"
ROOTS = {
    f"{{{GMD}}}MD_Metadata": "iso19139",
    f"{{{GMI}}}MI_Metadata": "gmi",
    f"{{{MDB}}}MD_Metadata": "iso19115-3",
    f"{{{DATACITE}}}resource": "datacite",
}


def _files(hub: str) -> list[Path]:
    return sorted((Path(settings.DEMO_DATA_DIR) / hub).glob("*.xml"))


@pytest.fixture(scope="module")
def documents() -> dict[str, dict[str, etree._Element]]:
    return {hub: {path.name: parse_xml(path.read_bytes()) for path in _files(hub)} for hub in HUBS}


def _all(documents):
    return [(hub, name, root) for hub, roots in documents.items() for name, root in roots.items()]


def _local(root: etree._Element, name: str) -> list[etree._Element]:
    return root.xpath(f"//*[local-name()='{name}']")


def _text(element: etree._Element) -> str:
    return "".join(element.itertext()).strip()


def _boxes(root: etree._Element) -> list[tuple[float, float, float, float]]:
    boxes = []
    for box in _local(root, "EX_GeographicBoundingBox") + _local(root, "geoLocationBox"):
        values = {child.xpath("local-name()"): float(_text(child)) for child in box}
        boxes.append(
            (
                values["westBoundLongitude"],
                values["southBoundLatitude"],
                values["eastBoundLongitude"],
                values["northBoundLatitude"],
            )
        )
    for point in _local(root, "geoLocationPoint"):
        values = {child.xpath("local-name()"): float(_text(child)) for child in point}
        boxes.append((values["pointLongitude"], values["pointLatitude"]) * 2)
    return boxes


def _dois(root: etree._Element) -> set[str]:
    if root.tag == f"{{{DATACITE}}}resource":
        return {_text(e).lower() for e in root.findall(f"{{{DATACITE}}}identifier")}
    return {
        _text(a).lower()
        for a in _local(root, "Anchor")
        if "doi.org/" in a.get("{http://www.w3.org/1999/xlink}href", "")
    }


def test_about_thirty_records_per_hub(documents):
    for hub in HUBS:
        assert 28 <= len(documents[hub]) <= 40, (hub, len(documents[hub]))


def test_every_file_has_a_known_root_and_each_hub_mixes_formats(documents):
    per_hub = {
        hub: Counter(ROOTS.get(root.tag, root.tag) for root in roots.values()) for hub, roots in documents.items()
    }
    for hub, formats in per_hub.items():
        assert set(formats) <= set(ROOTS.values()), (hub, formats)
        assert formats["iso19139"] >= len(documents[hub]) / 3, "ISO 19139 should stay the common case"
        assert formats["gmi"] and formats["iso19115-3"], (hub, formats)
    assert per_hub["aeris"]["datacite"] >= 3 and per_hub["formater"]["datacite"] >= 3


def _iso19139_schema(version: str) -> etree.XMLSchema:
    """pycsw ships the ISO 19139 schemas (2006: GML 3.1, 2007: GML 3.2): validation offline, no network."""
    import pycsw

    base = Path(pycsw.__file__).parent / "plugins/profiles/apiso/schemas/ogc/iso/19139" / version
    wrapper = (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        f'<xs:import namespace="{GMD}" schemaLocation="{(base / "gmd/gmd.xsd").as_uri()}"/>'
        f'<xs:import namespace="http://www.isotc211.org/2005/gmx" schemaLocation="{(base / "gmx/gmx.xsd").as_uri()}"/>'
        "</xs:schema>"
    )
    return etree.XMLSchema(etree.fromstring(wrapper.encode(), etree.XMLParser(no_network=True)))


def test_iso19139_records_are_valid_against_the_xsd(documents):
    schema = _iso19139_schema("20070417")
    checked = 0
    for hub, name, root in _all(documents):
        if root.tag == f"{{{GMD}}}MD_Metadata":
            assert schema.validate(etree.ElementTree(root)), (hub, name, str(schema.error_log.last_error))
            checked += 1
    assert checked >= 60


def test_iso19115_2_records_have_a_valid_iso19139_part(documents):
    """No gmi XSD ships here; the MD_Metadata part of each MI_Metadata (everything but acquisitionInformation,
    GML 3.1 like many ncISO records) is checked against the 2006 ISO 19139 schemas."""
    schema = _iso19139_schema("20060504")
    checked = 0
    for hub, name, root in _all(documents):
        if root.tag != f"{{{GMI}}}MI_Metadata":
            continue
        metadata = etree.Element(f"{{{GMD}}}MD_Metadata", nsmap={k: v for k, v in root.nsmap.items() if k != "gmi"})
        metadata.extend(copy.deepcopy(child) for child in root if not child.tag.startswith(f"{{{GMI}}}"))
        metadata = etree.fromstring(etree.tostring(metadata))
        assert schema.validate(etree.ElementTree(metadata)), (hub, name, str(schema.error_log.last_error))
        platforms = root.findall(f".//{{{GMI}}}MI_Platform")
        assert platforms and all(p.find(f"{{{GMI}}}instrument") is not None for p in platforms), name
        checked += 1
    assert checked >= 12


def test_records_have_identifiers_titles_and_unique_file_identifiers(documents):
    identifiers = []
    for hub, name, root in _all(documents):
        if root.tag == f"{{{DATACITE}}}resource":
            assert _dois(root) and _local(root, "title"), (hub, name)
            continue
        holder = _local(root, "fileIdentifier") or _local(root, "metadataIdentifier")
        identifiers.append(_text(holder[0]))
        assert _text(_local(root, "title")[0]), (hub, name)
    assert len(identifiers) == len(set(identifiers))


def test_spatial_variety(documents):
    boxes = {(hub, name): _boxes(root) for hub, name, root in _all(documents)}
    crossing = [key for key, bs in boxes.items() if any(w > e for w, _, e, _ in bs)]
    assert {hub for hub, _ in crossing} >= {"aeris", "formater", "odatis", "theia"}, crossing
    assert any(len(bs) >= 3 for bs in boxes.values()), "a record with several boxes"
    assert any(bs and all(w == e and s == n for w, s, e, n in bs) for bs in boxes.values()), "point stations"
    assert any((-180.0, -90.0, 180.0, 90.0) in bs for bs in boxes.values()), "a global extent"
    assert sum(1 for bs in boxes.values() if not bs) >= 2, "records with no extent at all"
    for key, bs in boxes.items():
        for w, s, e, n in bs:
            assert -180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= n <= 90, key
    # Pacific tide gauges around Fiji, New Caledonia and Wallis
    odatis = {name: bs for (hub, name), bs in boxes.items() if hub == "odatis"}
    assert odatis["tide-gauge-wallis.xml"][0][0] < -170 and odatis["tide-gauge-suva.xml"][0][0] > 170


def test_temporal_variety(documents):
    roots = [root for _, _, root in _all(documents)]
    assert sum(1 for r in roots if any(e.get("indeterminatePosition") == "now" for e in _local(r, "endPosition"))) >= 20
    assert any(_local(r, "TimeInstant") for r in roots), "a time instant"
    assert any(_text(e) == "2019-13-45" for r in roots for e in _local(r, "beginPosition")), "a bad date"
    assert sum(1 for r in roots if not _local(r, "temporalElement") and r.tag != f"{{{DATACITE}}}resource") >= 2
    open_datacite = [d for r in roots for d in _local(r, "date") if d.get("dateType") == "Collected"]
    assert any(_text(d).endswith("/") for d in open_datacite), "an open-ended DataCite range"


def test_bilingual_records_declare_their_locale(documents):
    bilingual = 0
    for hub, name, root in _all(documents):
        localised = _local(root, "LocalisedCharacterString")
        if localised:
            bilingual += 1
            locales = {e.get("id") for e in _local(root, "PT_Locale")}
            assert {e.get("locale").lstrip("#") for e in localised} <= locales | {"FR", "EN"}, (hub, name)
            assert locales & {"FR", "EN"}, (hub, name)
    assert bilingual >= 12
    texts = " ".join(_text(r) for _, _, r in _all(documents))
    for word in ("pêche", "côtière", "é", "è", "ç"):
        assert word in texts


def test_markup_and_long_abstracts_are_text_not_elements(documents):
    abstracts = [_text(e) for _, _, r in _all(documents) for e in _local(r, "abstract") + _local(r, "description")]
    assert any("<script>" in a for a in abstracts), "a <script> in an abstract, escaped in the XML"
    assert any("<b>" in a for a in abstracts)
    assert max(len(a) for a in abstracts) > 4000
    assert not any(_local(r, "script") for _, _, r in _all(documents))


def test_the_same_doi_is_published_by_odatis_and_theia_in_two_formats(documents):
    by_doi: dict[str, list[tuple[str, str]]] = {}
    for hub, _name, root in _all(documents):
        for doi in _dois(root):
            by_doi.setdefault(doi, []).append((hub, ROOTS[root.tag]))
    shared = {doi: places for doi, places in by_doi.items() if len({hub for hub, _ in places}) > 1}
    assert shared == {"10.17882/demo-0100": [("odatis", "datacite"), ("theia", "iso19139")]}
    for doi in by_doi:
        assert "demo" in doi, f"{doi}: demo DOIs must be visibly fake"
        assert doi.split("/")[0] in {"10.25326", "10.17882", "10.18715", "10.24400", "10.25577", "10.15778"}


def test_children_point_to_a_series_of_the_same_hub(documents):
    children = 0
    for hub, roots in documents.items():
        series = {}
        for root in roots.values():
            scope = [e.get("codeListValue") for e in _local(root, "MD_ScopeCode")]
            if "series" in scope:
                holder = _local(root, "fileIdentifier") or _local(root, "metadataIdentifier")
                series[_text(holder[0])] = root
        for name, root in roots.items():
            parents = [_text(e) for e in _local(root, "parentIdentifier")]
            parents += [e.get("uuidref") for e in _local(root, "parentMetadata")]
            for parent in parents:
                children += 1
                assert parent in series, (hub, name, parent)
    assert children >= 25


def test_vocabularies_roles_licences_and_orcids(documents):
    roots = [r for _, _, r in _all(documents)]
    thesauri = {_text(e) for r in roots for e in _local(r, "thesaurusName")}
    assert any("GCMD Science Keywords" in t for t in thesauri) and any("INSPIRE themes" in t for t in thesauri)
    assert any("GEMET" in t for t in thesauri)
    keyword_types = {e.get("codeListValue") for r in roots for e in _local(r, "MD_KeywordTypeCode")}
    assert {"theme", "place", "platform", "instrument"} <= keyword_types
    roles = {e.get("codeListValue") for r in roots for e in _local(r, "CI_RoleCode")}
    assert {"pointOfContact", "originator", "author", "publisher", "principalInvestigator"} <= roles
    topics = {_text(e) for r in roots for e in _local(r, "MD_TopicCategoryCode")}
    assert {
        "climatologyMeteorologyAtmosphere",
        "oceans",
        "geoscientificInformation",
        "inlandWaters",
        "imageryBaseMapsEarthCover",
        "environment",
        "elevation",
    } <= topics
    protocols = {_text(e) for r in roots for e in _local(r, "protocol")}
    assert {"WWW:DOWNLOAD-1.0-http--download", "OGC:WMS", "OGC:WFS", "WWW:LINK-1.0-http--link"} <= protocols
    text = b" ".join(etree.tostring(r) for r in roots).decode()
    for needle in (
        "creativecommons.org/licenses/by/4.0",
        "etalab.gouv.fr/licence-ouverte",
        "restricted",
        "NetCDF",
        "GeoTIFF",
        "CSV",
        "miniSEED",
        "RINEX",
    ):
        assert needle in text, needle
    orcids = {href.rsplit("/", 1)[1] for href in _hrefs_and_ids(roots) if "orcid.org/" in href}
    assert len(orcids) >= 40
    assert all(_orcid_checksum_ok(o) for o in orcids), orcids


def _hrefs_and_ids(roots):
    for root in roots:
        for element in root.iter():
            href = element.get("{http://www.w3.org/1999/xlink}href")
            if href:
                yield href
            if element.text and element.text.startswith("https://orcid.org/"):
                yield element.text.strip()


def _orcid_checksum_ok(value: str) -> bool:
    """ISO 7064 MOD 11-2, as ORCID specifies."""
    digits = value.replace("-", "")
    total = 0
    for digit in digits[:15]:
        total = (total + int(digit)) * 2
    check = (12 - total % 11) % 11
    return len(digits) == 16 and digits[15] == ("X" if check == 10 else str(check))


def test_the_generator_reproduces_the_committed_files(tmp_path):
    script = Path(settings.DEMO_DATA_DIR) / "build_demo.py"
    subprocess.run([sys.executable, str(script), "--out", str(tmp_path)], check=True, capture_output=True)
    for hub in HUBS:
        generated = {p.name: p.read_bytes() for p in (tmp_path / hub).glob("*.xml")}
        committed = {p.name: p.read_bytes() for p in _files(hub)}
        assert generated.keys() == committed.keys(), hub
        changed = [name for name in generated if generated[name] != committed[name]]
        assert not changed, f"{hub}: run `python demo/build_demo.py` and commit: {changed}"


# --- Through the crosswalks and ingest -------------------------------------------------------------------------


def _parsed(hub: str):
    from harvesters.crosswalks import parse_document

    for path in _files(hub):
        content = path.read_bytes()
        yield path, content, *parse_document(content)


def test_every_demo_file_becomes_a_record_with_title_identifier_and_its_boxes(documents):
    formats = Counter()
    for hub in HUBS:
        for path, _content, format_name, record in _parsed(hub):
            formats[format_name] += 1
            root = documents[hub][path.name]
            assert record.title.strip() and record.identifier.strip(), path.name
            published = _boxes(root)
            assert [(b.west, b.south, b.east, b.north) for b in record.bboxes] == published, path.name
            ends_now = any(e.get("indeterminatePosition") == "now" for e in _local(root, "endPosition"))
            if ends_now:
                assert record.temporal_start and record.temporal_end is None, path.name
            if _local(root, "LocalisedCharacterString"):
                other = "en" if record.language == "fr" else "fr"
                assert record.translations.get(other, {}).get("title"), path.name
            if _dois(root):
                assert record.doi == next(iter(_dois(root))), path.name
    # gmd and gmi roots both go through the ISO 19139 crosswalk
    by_root = Counter(ROOTS[root.tag] for _, _, root in _all(documents))
    assert formats == {
        "iso19139": by_root["iso19139"] + by_root["gmi"],
        "iso19115-3": by_root["iso19115-3"],
        "datacite": by_root["datacite"],
    }


def test_the_bad_date_is_kept_as_an_issue_not_a_failure():
    records = {path.name: record for path, _, _, record in _parsed("aeris")}
    trappes = records["radiosondes-trappes.xml"]
    assert trappes.issues == {"temporal_start": "2019-13-45"} and trappes.temporal_start is None


@pytest.mark.django_db
def test_ingesting_the_demo_folders_gives_populated_hubs_and_one_record_for_the_shared_doi():
    from catalogue.records.ingest import IngestItem, ingest_batch
    from catalogue.records.models import Record
    from catalogue.records.unified import HarvestedDocument
    from poles.models import HarvestSource

    for hub in HUBS:
        source = HarvestSource.objects.get(slug=f"demo-{hub}")
        items = [
            IngestItem(HarvestedDocument(path.name, content), record, format_name)
            for path, content, format_name, record in _parsed(hub)
        ]
        result = ingest_batch(source, items)
        assert result.created + result.updated == 30
    assert Record.objects.public().count() == 119  # 120 files, one dataset published by two hubs
    for code in ("AERIS", "FORMATER", "ODATIS", "THEIA"):
        assert Record.objects.public().for_pole(code).count() == 30
    shared = Record.objects.get(doi="10.17882/demo-0100")
    assert shared.pole_codes == ["ODATIS", "THEIA"] and shared.provenance.count() == 2
    fiji = Record.objects.get(title__startswith="Land cover of the Fiji Islands")
    assert fiji.bboxes == [[176.8, -19.3, -178.2, -15.7]] and len(fiji.geometry) == 2
    children = Record.objects.exclude(parent_identifier="")
    parents = set(Record.objects.filter(resource_type="series").values_list("identifier", flat=True))
    assert children.count() >= 25 and set(children.values_list("parent_identifier", flat=True)) <= parents
