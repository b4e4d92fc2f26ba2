"""Human labels (French/English through gettext) for the codes a record carries, shared by every page that shows
records to people (portal record pages, DOI landing pages, search hits).

Machines keep the codes (exports, APIs); people read "Download (HTTP)" rather than "WWW:DOWNLOAD-1.0-http--download",
"Français" rather than "fr", "since 2015" rather than "2015-08-01/..". An unknown code is shown as published.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _

from catalogue.records import reading
from catalogue.records.models import Record
from catalogue.records.unified import RelatedIdentifier

# Link protocols, matched on a normalised key (lower case, letters and digits only) by prefix: the GeoNetwork
# vocabulary ("WWW:DOWNLOAD-1.0-http--download"), OGC service names, and the looser forms harvested records use.
_PROTOCOLS: tuple[tuple[str, object], ...] = (
    ("wwwdownload", gettext_lazy("Download (web)")),
    ("download", gettext_lazy("Download (web)")),
    ("wwwlink", gettext_lazy("Web page")),
    ("wwwftp", gettext_lazy("Download (FTP)")),
    ("ftp", gettext_lazy("Download (FTP)")),
    ("file", gettext_lazy("File")),
    ("ogcwmts", gettext_lazy("Tiled map service (WMTS)")),
    ("ogcwms", gettext_lazy("Map service (WMS)")),
    ("ogcwfs", gettext_lazy("Feature service (WFS)")),
    ("ogcwcs", gettext_lazy("Coverage service (WCS)")),
    ("ogcsos", gettext_lazy("Sensor observation service (SOS)")),
    ("ogccsw", gettext_lazy("Catalogue service (CSW)")),
    ("ogcapi", gettext_lazy("OGC API")),
    ("opendap", gettext_lazy("OPeNDAP data access")),
    ("thredds", gettext_lazy("THREDDS data server")),
    ("erddap", gettext_lazy("ERDDAP data server")),
    ("esrirest", gettext_lazy("ArcGIS REST service")),
    ("doi", gettext_lazy("DOI")),
    ("http", gettext_lazy("Web page")),
    ("https", gettext_lazy("Web page")),
)

_STANDARDS = {
    "iso19139": gettext_lazy("ISO 19115 / 19139 (geographic metadata)"),
    "iso191153": gettext_lazy("ISO 19115-3 (geographic metadata)"),
    "iso19115": gettext_lazy("ISO 19115 (geographic metadata)"),
    "datacite": gettext_lazy("DataCite (research data citation)"),
    "dublincore": gettext_lazy("Dublin Core"),
    "oaidc": gettext_lazy("Dublin Core"),
    "dc": gettext_lazy("Dublin Core"),
}

# ISO 639-2 (bibliographic and terminology) codes records use, to the ISO 639-1 code Django knows the names of.
_LANGUAGE_ALIASES = {
    "fre": "fr", "fra": "fr", "eng": "en", "ger": "de", "deu": "de", "spa": "es", "ita": "it", "por": "pt",
    "dut": "nl", "nld": "nl", "cat": "ca", "bre": "br", "oci": "oc", "eus": "eu", "baq": "eu",
}  # fmt: skip

# DataCite relationType values, as a reader says them.
_RELATIONS = {
    "ispartof": gettext_lazy("Part of"),
    "haspart": gettext_lazy("Has part"),
    "isversionof": gettext_lazy("Version of"),
    "hasversion": gettext_lazy("Has version"),
    "isnewversionof": gettext_lazy("New version of"),
    "ispreviousversionof": gettext_lazy("Previous version of"),
    "issupplementto": gettext_lazy("Supplement to"),
    "issupplementedby": gettext_lazy("Supplemented by"),
    "iscitedby": gettext_lazy("Cited by"),
    "cites": gettext_lazy("Cites"),
    "isreferencedby": gettext_lazy("Referenced by"),
    "references": gettext_lazy("References"),
    "isdocumentedby": gettext_lazy("Documented by"),
    "documents": gettext_lazy("Documents"),
    "isdescribedby": gettext_lazy("Described by"),
    "describes": gettext_lazy("Describes"),
    "isderivedfrom": gettext_lazy("Derived from"),
    "issourceof": gettext_lazy("Source of"),
    "isidenticalto": gettext_lazy("Identical to"),
    "isvariantformof": gettext_lazy("Variant form of"),
    "isoriginalformof": gettext_lazy("Original form of"),
    "iscompiledby": gettext_lazy("Compiled by"),
    "compiles": gettext_lazy("Compiles"),
    "isreviewedby": gettext_lazy("Reviewed by"),
    "reviews": gettext_lazy("Reviews"),
    "isrequiredby": gettext_lazy("Required by"),
    "requires": gettext_lazy("Requires"),
    "isobsoletedby": gettext_lazy("Obsoleted by"),
    "obsoletes": gettext_lazy("Obsoletes"),
    "iscollectedby": gettext_lazy("Collected by"),
    "collects": gettext_lazy("Collects"),
    "ismetadatafor": gettext_lazy("Metadata for"),
    "hasmetadata": gettext_lazy("Has metadata"),
    "ispublishedin": gettext_lazy("Published in"),
    "istranslationof": gettext_lazy("Translation of"),
    "hastranslation": gettext_lazy("Has translation"),
}


def _key(code: str) -> str:
    return re.sub(r"[^a-z0-9]", "", (code or "").lower())


def protocol_label(protocol: str) -> str:
    """A link protocol as a reader would say it; "" for none, the code itself when unknown."""
    key = _key(protocol)
    if not key:
        return ""
    for prefix, label in _PROTOCOLS:
        if key.startswith(prefix):
            return str(label)
    return protocol


def language_label(code: str) -> str:
    """ "fr"/"fre"/"fra" -> "Français" (in a French page) or "French" (in an English one)."""
    short = (code or "").strip().lower().replace("_", "-")
    short = _LANGUAGE_ALIASES.get(short, short)
    try:
        return str(get_language_info(short)["name_translated"])
    except KeyError:
        try:
            return str(get_language_info(short.split("-")[0])["name_translated"])
        except KeyError:
            return code


def languages_label(codes: list[str]) -> str:
    return ", ".join(dict.fromkeys(language_label(code) for code in codes if code))


def standard_label(code: str) -> str:
    return str(_STANDARDS.get(_key(code), code)) if code else ""


def relation_label(relation_type: str) -> str:
    return str(_RELATIONS.get(_key(relation_type), relation_type)) if relation_type else str(_("Related"))


def period_label(start: date | None, end: date | None, precision: str = "day") -> str:
    """A temporal extent in words: "2019", "2015–2019", "since 1 August 2015", "until 2010"; "" when none.

    precision="year" for compact lists (search hits), "day" for a record page.
    """

    def show(value: date) -> str:
        return str(value.year) if precision == "year" else date_format(value, "DATE_FORMAT")

    if start and end:
        if precision == "year" and start.year == end.year:
            return str(start.year)
        if start == end:
            return show(start)
        return f"{show(start)} – {show(end)}"
    # "depuis 2015" / "jusqu'en 2015" but "depuis le 1 août 2015" / "jusqu'au ...": two forms each
    if start:
        if precision == "year":
            return _("since %(year)s") % {"year": show(start)}
        return _("since %(date)s") % {"date": show(start)}
    if end is None:
        return ""
    if precision == "year":
        return _("until %(year)s") % {"year": show(end)}
    return _("until %(date)s") % {"date": show(end)}


def _normal_identifier(value: str) -> str:
    value = (value or "").strip().lower()
    return re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", value)


def is_self_reference(relation: RelatedIdentifier, own_identifiers: set[str]) -> bool:
    """A related identifier that names the record itself (e.g. "IsIdenticalTo" its own DOI): noise to a reader."""
    return _normal_identifier(relation.identifier) in {_normal_identifier(i) for i in own_identifiers if i}


def shown_relations(record: Record, related: list[RelatedIdentifier] | None = None) -> list[dict]:
    """The record's related identifiers without references to itself, each with a human relation label."""
    own = {record.doi or "", record.identifier or ""}
    relations = reading.read(record).related_identifiers if related is None else related
    return [
        {**dataclasses.asdict(relation), "relation_label": relation_label(relation.relation_type)}
        for relation in relations
        if not is_self_reference(relation, own)
    ]


# DataCite resourceTypeGeneral values (DOI landing pages show the general type).
_RESOURCE_TYPES_GENERAL = {
    "dataset": gettext_lazy("Dataset"),
    "collection": gettext_lazy("Collection"),
    "service": gettext_lazy("Service"),
    "software": gettext_lazy("Software"),
    "model": gettext_lazy("Model"),
    "image": gettext_lazy("Image"),
    "text": gettext_lazy("Text"),
    "physicalobject": gettext_lazy("Physical object"),
    "instrument": gettext_lazy("Instrument"),
    "datapaper": gettext_lazy("Data paper"),
    "event": gettext_lazy("Event"),
    "workflow": gettext_lazy("Workflow"),
    "audiovisual": gettext_lazy("Audiovisual"),
    "interactiveresource": gettext_lazy("Interactive resource"),
    "other": gettext_lazy("Other"),
}

# ISO CI_OnLineFunctionCode values (and "download"/"information" given by default).
_LINK_FUNCTIONS = {
    "download": gettext_lazy("Download"),
    "information": gettext_lazy("Information"),
    "offlineaccess": gettext_lazy("Offline access"),
    "order": gettext_lazy("Order"),
    "search": gettext_lazy("Search"),
    "browsing": gettext_lazy("Browse"),
    "browse": gettext_lazy("Browse"),
    "fileaccess": gettext_lazy("File access"),
    "completemetadata": gettext_lazy("Complete metadata"),
    "emailservice": gettext_lazy("E-mail service"),
    "upload": gettext_lazy("Upload"),
}


def resource_type_general_label(value: str) -> str:
    return str(_RESOURCE_TYPES_GENERAL.get(_key(value), value)) if value else ""


def link_function_label(value: str) -> str:
    return str(_LINK_FUNCTIONS.get(_key(value), value)) if value else ""


# The classes of `reading.link_function`, as a badge next to one link says them.
_LINK_KINDS = {
    "download": gettext_lazy("Download"),
    "service": gettext_lazy("Web service"),
    "documentation": gettext_lazy("Information"),
    "other": gettext_lazy("Link"),
}


def link_kind_label(kind: str) -> str:
    return str(_LINK_KINDS.get(kind, kind))
