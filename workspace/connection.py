"""Test a source's connection before saving it: the protocol's own check (GetCapabilities, or Identify +
ListMetadataFormats), then one sample record fetched and crosswalked, shown as the record would appear.

The harvester's own clients do the talking, so what the test says is what a harvest will meet. Requests are made
with a short timeout, and a connection that fails is not retried: a person is waiting for the answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import requests
from django.conf import settings
from django.utils.translation import gettext as _

from catalogue.records.unified import UnifiedRecord
from harvesters import http
from harvesters.crosswalks import CrosswalkError, parse_harvested
from harvesters.protocols.base import BadPageError, ProtocolError
from harvesters.protocols.oaipmh import FORMAT_HINTS
from harvesters.protocols.registry import client_class
from poles.models import HarvestSource, Pole
from poles.options import OptionsError, validate_options

UNREACHABLE, NOT_A_SERVER, NO_FORMAT, NO_RECORDS, OK = "unreachable", "not_a_server", "no_format", "no_records", "ok"
BAD_SETTINGS = "bad_settings"
_UNREACHABLE_HINTS = ("connection", "timed out", "resolve", "refused", "http ", "invalid url", "request failed")
_NOT_SERVER_HINTS = ("html page", "not a csw", "not an oai-pmh", "unreadable response", "do not offer getrecords")


@dataclass
class ConnectionReport:
    outcome: str  # ok | unreachable | not_a_server | no_format | no_records
    headline: str
    detail: str = ""
    log: list[str] = field(default_factory=list)
    sample: UnifiedRecord | None = None
    sample_format: str = ""
    sample_identifier: str = ""

    @property
    def ok(self) -> bool:
        return self.outcome == OK

    @property
    def sample_organisations(self) -> list[str]:
        """The sample's organisations, each once (a record names the same one in several roles)."""
        names = (party.organisation or party.name for party in (self.sample.organisations if self.sample else []))
        return list(dict.fromkeys(name for name in names if name))[:5]


class _QuickSession(requests.Session):
    """A person waits for a connection test: a short timeout whatever the harvester's own setting."""

    def request(self, method, url, **kwargs):
        limit = settings.WORKSPACE_TEST_TIMEOUT
        kwargs["timeout"] = min(kwargs.get("timeout") or limit, limit)
        try:
            return super().request(method, url, **kwargs)
        except requests.Timeout:
            raise http.PermanentHTTPError(f"timed out after {limit:g}s: {url}", url=url) from None
        except requests.ConnectionError as exc:
            # Permanent here: the harvester's retry policy (with its back-off) would keep the person waiting.
            raise http.PermanentHTTPError(f"connection failed: {http.connection_reason(exc)}", url=url) from None


def _classify(message: str) -> str:
    lowered = message.lower()
    if "does not offer" in lowered or "do not offer" in lowered and "getrecords" not in lowered:
        return NO_FORMAT
    if any(hint in lowered for hint in _NOT_SERVER_HINTS):
        return NOT_A_SERVER
    if any(hint in lowered for hint in _UNREACHABLE_HINTS):
        return UNREACHABLE
    return NOT_A_SERVER


def _headline(outcome: str, protocol: str) -> str:
    name = dict(HarvestSource.Protocol.choices).get(protocol, protocol)
    return {
        UNREACHABLE: _("The endpoint could not be reached (or answered with an HTTP error)."),
        NOT_A_SERVER: _("The address answers, but it is not a %(protocol)s server.") % {"protocol": name},
        NO_FORMAT: _("The server speaks %(protocol)s but offers no metadata format we can read with these settings.")
        % {"protocol": name},
        NO_RECORDS: _("The server answered but listed no records (check the constraint, the set or the folder)."),
        OK: _("Connection works: the sample record below is what the catalogue would show."),
    }[outcome]


def test_connection(pole: Pole, protocol: str, url: str, options: dict) -> ConnectionReport:
    try:
        options = validate_options(protocol, options)
    except OptionsError as exc:
        return ConnectionReport(BAD_SETTINGS, _("These settings are not valid."), str(exc))
    source = HarvestSource(pole=pole, slug="connection-test", name="connection-test", protocol=protocol, url=url)
    source.options = {**options, "page_size": 1} if protocol == HarvestSource.Protocol.CSW else options
    log: list[str] = []
    kwargs = {"log": log.append}
    session = None
    if protocol != HarvestSource.Protocol.LOCAL:
        session = _QuickSession()
        session.headers["User-Agent"] = settings.HARVEST_USER_AGENT
        kwargs["session"] = session
    try:
        client = client_class(protocol)(source, **kwargs)
    except ProtocolError as exc:
        return ConnectionReport(NOT_A_SERVER, str(exc), log=log)
    try:
        try:
            client.check()
        except ProtocolError as exc:
            if protocol == HarvestSource.Protocol.LOCAL:
                return ConnectionReport(UNREACHABLE, _("The folder does not exist on the server."), str(exc), log)
            outcome = _classify(str(exc))
            detail = str(exc)
            if outcome == NO_FORMAT and protocol == HarvestSource.Protocol.OAIPMH:
                readable = ", ".join(sorted(FORMAT_HINTS))
                detail += " — " + _("prefixes we read: %(prefixes)s") % {"prefixes": readable}
            return ConnectionReport(outcome, _headline(outcome, protocol), detail, log)
        pages = client.pages()
        try:
            page = next(pages, None)
        except BadPageError as exc:
            return ConnectionReport(_classify(str(exc)), _headline(_classify(str(exc)), protocol), str(exc), log)
        finally:
            pages.close()
        if page is not None and page.failure:
            outcome = _classify(page.failure)
            return ConnectionReport(outcome, _headline(outcome, protocol), page.failure, log)
        documents = [d for d in (page.documents if page else []) if not d.deleted]
        if not documents:
            problems = "; ".join(p.message for p in page.problems) if page else ""
            return ConnectionReport(NO_RECORDS, _headline(NO_RECORDS, protocol), problems, log)
        document = documents[0]
        identifier = document.source_identifier
        try:
            format_name, record = parse_harvested(document)
        except CrosswalkError as exc:
            return ConnectionReport(
                NO_FORMAT,
                _("The sample record %(id)s is in a format we cannot read.") % {"id": identifier},
                str(exc),
                log,
                sample_identifier=identifier,
            )
        return ConnectionReport(
            OK,
            _headline(OK, protocol),
            log=log,
            sample=record,
            sample_format=format_name,
            sample_identifier=identifier or record.identifier,
        )
    finally:
        client.close()
