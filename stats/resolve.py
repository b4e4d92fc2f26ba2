"""From a request the portal answered to what COUNTER should record: which dataset, which kind of access.

Keyed on URL names (not on view functions) so faces need no change to be counted. The record itself is looked up
later, in the batch writer (stats.intake), so recording costs a page no query.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.http import HttpRequest

from stats.counter import Activity
from stats.hints import OutboundHint
from stats.models import EventKind

# Export formats that are citations (CSL text, BibTeX, RIS): "citation downloads" in the statistics.
CITATION_FORMATS = {"citation", "bibtex", "ris", "csl", "csl-json"}


@dataclass(frozen=True)
class Access:
    kind: str
    activity: Activity
    ref: dict  # {"record_id": ...} | {"doi": ...} | {"identifier": ...}


def _csw_accesses(query: Mapping[str, str]) -> list[Access]:
    params = {key.lower(): value for key, value in query.items()}
    if params.get("request", "").lower() != "getrecordbyid" or not params.get("id"):
        return []
    ids = [value.strip() for value in params["id"].split(",") if value.strip()][:50]
    return [Access(EventKind.CSW, Activity.INVESTIGATION, {"identifier": value}) for value in ids]


def _oai_accesses(params: Mapping[str, str]) -> list[Access]:
    if params.get("verb") != "GetRecord" or not params.get("identifier"):
        return []
    record_id = params["identifier"].rsplit(":", 1)[-1]  # oai:<host>:<record uuid>
    return [Access(EventKind.OAI, Activity.INVESTIGATION, {"record_id": record_id})]


def accesses(request: HttpRequest) -> list[Access]:
    """The dataset accesses this request made (none for most requests)."""
    hint = getattr(request, "usage", None)
    if isinstance(hint, OutboundHint):
        return [Access(EventKind.OUTBOUND, hint.activity, {"record_id": hint.record_id})]
    match = request.resolver_match
    if match is None:
        return []
    params = request.GET if request.method != "POST" or match.view_name != "oaipmh:oaipmh" else request.POST
    return accesses_for(match.view_name, match.kwargs, params)


def accesses_for(name: str, kwargs: Mapping, params: Mapping[str, str]) -> list[Access]:
    """The same from a URL name, its kwargs and query parameters (also used for web-server log lines)."""
    if name == "catalogue:record":
        return [Access(EventKind.RECORD_PAGE, Activity.INVESTIGATION, {"record_id": str(kwargs["record_id"])})]
    if name == "landing:page":
        return [Access(EventKind.LANDING_PAGE, Activity.INVESTIGATION, {"doi": kwargs["doi"]})]
    if name == "landing:export":
        kind = EventKind.CITATION if kwargs.get("format_name") in CITATION_FORMATS else EventKind.EXPORT
        return [Access(kind, Activity.INVESTIGATION, {"doi": kwargs["doi"]})]
    if name in ("api:record", "api:original-xml"):
        return [Access(EventKind.API, Activity.INVESTIGATION, {"record_id": str(kwargs["record_id"])})]
    if name == "stats:citation-copy":
        return [Access(EventKind.CITATION_COPY, Activity.INVESTIGATION, {"doi": kwargs["doi"]})]
    if name == "csw:csw":
        return _csw_accesses(params)
    if name == "oaipmh:oaipmh":
        return _oai_accesses(params)
    return []
