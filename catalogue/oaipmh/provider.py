"""OAI-PMH 2.0 provider over the Record table (tombstones included, reported as deleted).

Our own rather than pycsw's `mode=oaipmh`: pycsw 2.6.2 writes the first record's identifier into every header,
has no sets, cannot report deletions, emits a resumption token "0" on the last page (which restarts the list: an
endless harvest) and answers badArgument for every error. This module uses only the ORM and our writers.

Resumption tokens are signed, stateless keysets (last datestamp + id): they never expire, and a record changed
during a harvest moves to the end of the list instead of being skipped.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import urlparse

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import Min, Q, prefetch_related_objects
from django.utils import timezone
from lxml import etree

from catalogue.exports import datacite_xml, dcat
from catalogue.exports.dublincore import build_oai_dc
from catalogue.exports.iso19139_documents import iso19139_elements
from catalogue.records.models import Record
from catalogue.records.visibility import is_public, public_q
from poles.models import Pole

OAI = "http://www.openarchives.org/OAI/2.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI_DATACITE = "http://schema.datacite.org/oai/oai-1.1/"
FORMATS = {
    "oai_dc": ("http://www.openarchives.org/OAI/2.0/oai_dc.xsd", "http://www.openarchives.org/OAI/2.0/oai_dc/"),
    "iso19139": ("http://www.isotc211.org/2005/gmd/gmd.xsd", "http://www.isotc211.org/2005/gmd"),
    "oai_datacite": ("http://schema.datacite.org/oai/oai-1.1/oai.xsd", OAI_DATACITE),
    "datacite": ("http://schema.datacite.org/meta/kernel-4/metadata.xsd", "http://datacite.org/schema/kernel-4"),
    # DCAT-AP 3 / GeoDCAT-AP as RDF/XML, what data.europa.eu's OAI-PMH harvester reads (catalogue/exports/dcat.py).
    "dcat_ap": ("http://www.openarchives.org/OAI/2.0/rdf.xsd", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
}
DATACITE_PREFIXES = {"oai_datacite", "datacite"}
DCAT_PREFIX = "dcat_ap"
ARGUMENTS = {
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), {"resumptionToken"}),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
}
_TOKEN_SALT = "catalogue.oaipmh.token"  # noqa: S105 - a signing namespace, not a secret


class OaiError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def _stamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _identifier_prefix() -> str:
    return f"oai:{urlparse(settings.SITE_URL).hostname or 'localhost'}:"


def oai_identifier(record: Record) -> str:
    return f"{_identifier_prefix()}{record.pk}"


def _record_for(identifier: str) -> Record:
    prefix = _identifier_prefix()
    try:
        if not identifier.startswith(prefix):
            raise ValueError
        return Record.objects.get(pk=identifier[len(prefix) :])
    except (ValueError, ValidationError, Record.DoesNotExist):  # a malformed UUID raises ValidationError
        raise OaiError("idDoesNotExist", f"No record with identifier {identifier!r}.") from None


def _parse_datestamp(value: str, name: str, upper: bool) -> tuple[datetime, str]:
    for fmt, granularity, step in (
        ("%Y-%m-%dT%H:%M:%SZ", "seconds", timedelta(seconds=1)),
        ("%Y-%m-%d", "day", timedelta(days=1)),
    ):
        try:
            parsed = datetime.strptime(value, fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
        # `until` is inclusive at the granularity asked: the whole second or the whole day.
        return (parsed + step if upper else parsed), granularity
    raise OaiError("badArgument", f"Invalid {name} datestamp {value!r}: use YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ.")


def _check_arguments(verb: str, args: dict) -> None:
    required, optional = ARGUMENTS[verb]
    given = set(args) - {"verb"}
    if "resumptionToken" in given:
        if given != {"resumptionToken"}:
            raise OaiError("badArgument", "resumptionToken is an exclusive argument.")
        if "resumptionToken" not in optional:
            raise OaiError("badArgument", f"{verb} takes no resumptionToken.")
        return
    illegal = given - required - optional
    if illegal:
        raise OaiError("badArgument", f"Illegal argument(s) for {verb}: {', '.join(sorted(illegal))}.")
    missing = required - given
    if missing:
        raise OaiError("badArgument", f"Missing argument(s) for {verb}: {', '.join(sorted(missing))}.")


def _check_prefix(prefix: str) -> None:
    if prefix not in FORMATS:
        raise OaiError("cannotDisseminateFormat", f"Unknown metadataPrefix {prefix!r}: see ListMetadataFormats.")


class _Response:
    def __init__(self, args: dict):
        self.root = etree.Element(f"{{{OAI}}}OAI-PMH", nsmap={None: OAI, "xsi": XSI})
        self.root.set(f"{{{XSI}}}schemaLocation", f"{OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd")
        etree.SubElement(self.root, f"{{{OAI}}}responseDate").text = _stamp(timezone.now())
        self.request = etree.SubElement(self.root, f"{{{OAI}}}request")
        self.request.text = settings.SITE_URL + "/oaipmh"
        self.args = args

    def echo_arguments(self) -> None:
        for key, value in self.args.items():
            self.request.set(key, value)

    def error(self, code: str, message: str) -> None:
        etree.SubElement(self.root, f"{{{OAI}}}error", code=code).text = message

    def sub(self, parent: etree._Element, name: str, text: str | None = None, **attrib) -> etree._Element:
        element = etree.SubElement(parent, f"{{{OAI}}}{name}", attrib)
        if text is not None:
            element.text = text
        return element

    def to_bytes(self) -> bytes:
        return etree.tostring(self.root, xml_declaration=True, encoding="UTF-8")


def handle(params) -> bytes:
    """Answer one OAI-PMH request given its (GET or POST) parameters."""
    multi = {key: params.getlist(key) for key in params}
    args = {key: values[-1] for key, values in multi.items()}
    response = _Response(args)
    try:
        if any(len(values) > 1 for values in multi.values()):
            raise OaiError("badArgument", "Repeated arguments are not allowed.")
        verb = args.get("verb")
        if verb not in ARGUMENTS:
            raise OaiError("badVerb", "Missing verb." if verb is None else f"Illegal verb {verb!r}.")
        _check_arguments(verb, args)
        response.echo_arguments()
        body = response.sub(response.root, verb)
        VERBS[verb](response, body, args)
    except OaiError as exc:
        # Per the protocol, attributes are echoed only for a request without badVerb/badArgument errors.
        if exc.code not in ("badVerb", "badArgument"):
            response.echo_arguments()
        for child in response.root.findall(f"{{{OAI}}}*")[2:]:
            response.root.remove(child)
        response.error(exc.code, str(exc))
    return response.to_bytes()


def _identify(response: _Response, body: etree._Element, args: dict) -> None:
    earliest = Record.objects.aggregate(value=Min("updated_at"))["value"] or timezone.now()
    response.sub(body, "repositoryName", settings.CATALOGUE_TITLE)
    response.sub(body, "baseURL", settings.SITE_URL + "/oaipmh")
    response.sub(body, "protocolVersion", "2.0")
    response.sub(body, "adminEmail", settings.CATALOGUE_CONTACT_EMAIL)
    response.sub(body, "earliestDatestamp", _stamp(earliest))
    response.sub(body, "deletedRecord", "persistent")  # tombstones are kept forever
    response.sub(body, "granularity", "YYYY-MM-DDThh:mm:ssZ")


def _list_metadata_formats(response: _Response, body: etree._Element, args: dict) -> None:
    record = _record_for(args["identifier"]) if "identifier" in args else None
    for prefix, (schema, namespace) in FORMATS.items():
        if record is not None and prefix in DATACITE_PREFIXES and not record.doi:
            continue
        fmt = response.sub(body, "metadataFormat")
        response.sub(fmt, "metadataPrefix", prefix)
        response.sub(fmt, "schema", schema)
        response.sub(fmt, "metadataNamespace", namespace)


def _list_sets(response: _Response, body: etree._Element, args: dict) -> None:
    if "resumptionToken" in args:
        raise OaiError("badResumptionToken", "ListSets is never split: this token was not issued.")
    for pole in Pole.objects.order_by("code"):
        item = response.sub(body, "set")
        response.sub(item, "setSpec", pole.code)
        response.sub(item, "setName", pole.name_en or pole.name)


def _header(response: _Response, parent: etree._Element, record: Record) -> None:
    header = response.sub(parent, "header", **({"status": "deleted"} if record.deleted else {}))
    response.sub(header, "identifier", oai_identifier(record))
    response.sub(header, "datestamp", _stamp(record.updated_at))
    for code in record.pole_codes or []:
        response.sub(header, "setSpec", code)


def _metadata_elements(records: list[Record], prefix: str) -> dict:
    """{record id: metadata element} for live records."""
    live = [r for r in records if is_public(r)]
    if prefix == "oai_dc":
        return {r.pk: build_oai_dc(r) for r in live}
    if prefix == "iso19139":
        return iso19139_elements(live)
    if prefix == DCAT_PREFIX:
        prefetch_related_objects(live, "provenance__source__pole")
        return {r.pk: etree.fromstring(dcat.serialize(dcat.dataset_graph(r), "rdfxml")) for r in live}
    elements = {}
    for record in live:
        resource = datacite_xml.build(record)
        if prefix == "oai_datacite":
            wrapper = etree.Element(f"{{{OAI_DATACITE}}}oai_datacite", nsmap={None: OAI_DATACITE})
            etree.SubElement(wrapper, f"{{{OAI_DATACITE}}}schemaVersion").text = "4"
            etree.SubElement(wrapper, f"{{{OAI_DATACITE}}}datacentreSymbol").text = "DATATERRA"
            etree.SubElement(wrapper, f"{{{OAI_DATACITE}}}payload").append(resource)
            resource = wrapper
        elements[record.pk] = resource
    return elements


def _get_record(response: _Response, body: etree._Element, args: dict) -> None:
    prefix = args["metadataPrefix"]
    _check_prefix(prefix)
    record = _record_for(args["identifier"])
    if prefix in DATACITE_PREFIXES and not record.doi:
        raise OaiError("cannotDisseminateFormat", "DataCite metadata exists only for records with a DOI.")
    if prefix == DCAT_PREFIX and not record.deleted and dcat.missing_mandatory(record):
        missing = ", ".join(dcat.missing_mandatory(record))
        raise OaiError("cannotDisseminateFormat", f"The record lacks what DCAT-AP makes mandatory: {missing}.")
    item = response.sub(body, "record")
    _header(response, item, record)
    if not record.deleted:
        response.sub(item, "metadata").append(_metadata_elements([record], prefix)[record.pk])


def _selection(prefix: str, set_spec: str, from_: str, until: str):
    records = Record.objects.all()
    if prefix in DATACITE_PREFIXES:
        records = records.filter(doi__isnull=False)
    if prefix == DCAT_PREFIX:
        # Live records DCAT-AP cannot describe are left out (and reported at /dcat/catalog/report); tombstones stay.
        records = records.filter(~public_q() | (~Q(title="") & ~Q(abstract="")))
    if set_spec:
        records = records.filter(pole_codes__contains=[set_spec])
    granularities = set()
    if from_:
        start, granularity = _parse_datestamp(from_, "from", upper=False)
        records = records.filter(updated_at__gte=start)
        granularities.add(granularity)
    if until:
        end, granularity = _parse_datestamp(until, "until", upper=True)
        records = records.filter(updated_at__lt=end)
        granularities.add(granularity)
    if len(granularities) > 1:
        raise OaiError("badArgument", "from and until must have the same granularity.")
    if from_ and until and start >= end:
        raise OaiError("badArgument", "from is after until.")
    return records


def _list(response: _Response, body: etree._Element, args: dict, with_metadata: bool) -> None:
    if "resumptionToken" in args:
        try:
            state = signing.loads(args["resumptionToken"], salt=_TOKEN_SALT)
        except signing.BadSignature:
            raise OaiError("badResumptionToken", "This resumptionToken was not issued by this repository.") from None
    else:
        state = {
            "p": args["metadataPrefix"],
            "s": args.get("set", ""),
            "f": args.get("from", ""),
            "u": args.get("until", ""),
            "c": 0,
        }
    _check_prefix(state["p"])
    records = _selection(state["p"], state["s"], state["f"], state["u"])
    total = state.get("n")
    if total is None:
        total = records.count()
    page = records
    if "t" in state:
        after = datetime.fromisoformat(state["t"])
        page = page.filter(Q(updated_at__gt=after) | Q(updated_at=after, pk__gt=state["i"]))
    size = settings.OAI_PAGE_SIZE
    batch = list(page.order_by("updated_at", "pk")[: size + 1])
    if not batch:
        if "t" not in state:
            raise OaiError("noRecordsMatch", "No records match these arguments.")
    more, batch = len(batch) > size, batch[:size]
    metadata = _metadata_elements(batch, state["p"]) if with_metadata else {}
    for record in batch:
        if with_metadata:
            item = response.sub(body, "record")
            _header(response, item, record)
            if record.pk in metadata:
                response.sub(item, "metadata").append(metadata[record.pk])
        else:
            _header(response, body, record)
    if "t" in state or more:
        token = ""
        if more:
            last = batch[-1]
            token = signing.dumps(
                {
                    **state,
                    "t": last.updated_at.isoformat(),
                    "i": str(last.pk),
                    "c": state["c"] + len(batch),
                    "n": total,
                },
                salt=_TOKEN_SALT,
                compress=True,
            )
        # completeListSize is counted when the list starts; an empty token marks the last page.
        response.sub(body, "resumptionToken", token, completeListSize=str(total), cursor=str(state["c"]))


VERBS = {
    "Identify": _identify,
    "ListMetadataFormats": _list_metadata_formats,
    "ListSets": _list_sets,
    "GetRecord": _get_record,
    "ListIdentifiers": lambda response, body, args: _list(response, body, args, with_metadata=False),
    "ListRecords": lambda response, body, args: _list(response, body, args, with_metadata=True),
}
