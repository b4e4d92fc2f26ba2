"""/oaipmh harvested with Sickle (a third-party OAI-PMH client) against the live Django server."""

from __future__ import annotations

import pytest
import requests
from django.utils import timezone
from lxml import etree
from sickle import Sickle
from sickle.oaiexceptions import (
    BadArgument,
    BadResumptionToken,
    CannotDisseminateFormat,
    IdDoesNotExist,
    NoRecordsMatch,
)

from catalogue.oaipmh.provider import oai_identifier
from catalogue.records.models import Record
from poles.models import Pole
from tests.csw_sample import GMD

pytestmark = pytest.mark.django_db(transaction=True)

OAI = {"oai": "http://www.openarchives.org/OAI/2.0/"}


@pytest.fixture
def oai_url(live_server, sample, settings):
    settings.SITE_URL = live_server.url
    settings.OAI_PAGE_SIZE = 4  # many resumption tokens for a small catalogue
    return f"{live_server.url}/oaipmh"


@pytest.fixture
def sickle(oai_url):
    return Sickle(oai_url, max_retries=0, timeout=30)


def test_identify_says_deletions_are_kept(sickle):
    identify = sickle.Identify()
    assert identify.deletedRecord == "persistent"
    assert identify.granularity == "YYYY-MM-DDThh:mm:ssZ"
    assert identify.baseURL.endswith("/oaipmh")
    assert identify.protocolVersion == "2.0"


def test_full_list_through_resumption_tokens_and_deleted_flagged(sickle, sample):
    headers = list(sickle.ListIdentifiers(metadataPrefix="oai_dc", ignore_deleted=False))
    assert len(headers) == Record.objects.count() == len(sample.live_ids) + len(sample.deleted_ids)
    assert len({h.identifier for h in headers}) == len(headers)
    live = [h for h in headers if not h.deleted]
    deleted = {h.identifier for h in headers if h.deleted}
    assert len(live) == Record.objects.public().count()
    assert deleted == {oai_identifier(r) for r in Record.objects.filter(deleted=True)}

    records = list(sickle.ListRecords(metadataPrefix="oai_dc", ignore_deleted=True))
    assert len(records) == Record.objects.public().count()
    titles = {r.metadata["title"][0] for r in records}
    assert titles == set(Record.objects.public().values_list("title", flat=True))


def test_sets_per_hub(sickle, sample):
    sets = {s.setSpec: s.setName for s in sickle.ListSets()}
    assert set(sets) == set(Pole.objects.values_list("code", flat=True))
    for code in ("ODATIS", "AERIS", "THEIA", "FORMATER"):
        headers = list(sickle.ListIdentifiers(metadataPrefix="oai_dc", set=code, ignore_deleted=False))
        assert len(headers) == Record.objects.for_pole(code).count() > 0
        assert all(code in h.setSpecs for h in headers)
    with pytest.raises(NoRecordsMatch):
        list(sickle.ListIdentifiers(metadataPrefix="oai_dc", set="NOSUCHHUB"))


def test_from_and_until(sickle, sample):
    record = Record.objects.public().order_by("updated_at").first()
    Record.objects.filter(pk=record.pk).update(updated_at=timezone.now() + timezone.timedelta(days=3))
    day = (timezone.now() + timezone.timedelta(days=2)).strftime("%Y-%m-%d")
    recent = list(sickle.ListIdentifiers(**{"metadataPrefix": "oai_dc", "from": day}))
    assert [h.identifier for h in recent] == [oai_identifier(record)]
    older = list(sickle.ListIdentifiers(metadataPrefix="oai_dc", until=day, ignore_deleted=False))
    assert len(older) == Record.objects.count() - 1
    with pytest.raises(BadArgument):
        list(sickle.ListIdentifiers(**{"metadataPrefix": "oai_dc", "from": "yesterday"}))
    with pytest.raises(BadArgument):
        list(sickle.ListIdentifiers(**{"metadataPrefix": "oai_dc", "from": day, "until": day + "T00:00:00Z"}))


def test_iso19139_original_and_generated(sickle, sample):
    iso_record = Record.objects.get(identifier=sample.iso_identifier)
    original = sickle.GetRecord(identifier=oai_identifier(iso_record), metadataPrefix="iso19139")
    md = original.xml.find(".//gmd:MD_Metadata", namespaces=GMD)
    assert md.findtext("gmd:fileIdentifier/gco:CharacterString", namespaces=GMD).strip() == sample.iso_identifier

    generated = Record.objects.get(identifier="theia-rec-007")
    item = sickle.GetRecord(identifier=oai_identifier(generated), metadataPrefix="iso19139")
    md = item.xml.find(".//gmd:MD_Metadata", namespaces=GMD)
    assert md.findtext("gmd:fileIdentifier/gco:CharacterString", namespaces=GMD) == "theia-rec-007"
    box = md.find(".//gmd:EX_GeographicBoundingBox", namespaces=GMD)
    assert box.findtext("gmd:westBoundLongitude/gco:Decimal", namespaces=GMD) == "175.0"  # as published

    isos = list(sickle.ListRecords(metadataPrefix="iso19139", ignore_deleted=True))
    assert len(isos) == Record.objects.public().count()


def test_datacite_only_for_records_with_a_doi(sickle, sample):
    items = list(sickle.ListRecords(metadataPrefix="oai_datacite", ignore_deleted=False))
    assert len(items) == Record.objects.filter(doi__isnull=False).count() > 0
    live = [i for i in items if not i.deleted]
    kernel = {"dc": "http://datacite.org/schema/kernel-4"}
    dois = {i.xml.findtext(".//dc:identifier", namespaces=kernel) for i in live}
    assert dois == {d for d in Record.objects.public().filter(doi__isnull=False).values_list("doi", flat=True)}
    no_doi = Record.objects.public().filter(doi__isnull=True).first()
    with pytest.raises(CannotDisseminateFormat):
        sickle.GetRecord(identifier=oai_identifier(no_doi), metadataPrefix="oai_datacite")


def test_deleted_record_by_identifier(sickle, sample):
    tombstone = Record.objects.filter(deleted=True).first()
    item = sickle.GetRecord(identifier=oai_identifier(tombstone), metadataPrefix="oai_dc")
    assert item.header.deleted
    assert item.xml.find(".//oai:metadata", namespaces=OAI) is None


def test_errors_carry_the_protocol_codes(sickle, oai_url, sample):
    bad_verb = requests.get(f"{oai_url}?verb=Frobnicate", timeout=30)
    assert etree.fromstring(bad_verb.content).xpath("//oai:error/@code", namespaces=OAI) == ["badVerb"]
    with pytest.raises(CannotDisseminateFormat):
        list(sickle.ListRecords(metadataPrefix="marc21"))
    with pytest.raises(IdDoesNotExist):
        sickle.GetRecord(identifier="oai:elsewhere:123", metadataPrefix="oai_dc")
    with pytest.raises(IdDoesNotExist):
        sickle.GetRecord(identifier=oai_identifier(Record.objects.first()) + "x", metadataPrefix="oai_dc")
    with pytest.raises(BadResumptionToken):
        list(sickle.ListRecords(resumptionToken="forged"))
    with pytest.raises(BadArgument):
        list(sickle.ListRecords())  # metadataPrefix missing
    repeated = requests.get(f"{oai_url}?verb=Identify&verb=Identify", timeout=30)
    codes = etree.fromstring(repeated.content).xpath("//oai:error/@code", namespaces=OAI)
    assert codes == ["badArgument"]
