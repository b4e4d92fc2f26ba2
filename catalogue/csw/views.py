"""/csw and /opensearch. pycsw runs inside the request; it never sees a raw query string of ours.

Why not pycsw.wsgi: any query parameter containing "config" makes it load that file, and `ResponseHandler`
makes it e-mail or FTP results anywhere. We rebuild the request without them and hand pycsw a config dict.
"""

from __future__ import annotations

import logging
from io import BytesIO
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from lxml import etree

from catalogue.csw import compat, engine
from catalogue.csw.config import DEFAULT_MAX_RECORDS, pycsw_config
from catalogue.csw.errors import exception_report
from common.xmlsafe import UnsafeXMLError, parse_xml

logger = logging.getLogger(__name__)
# pycsw logs every request step at INFO and client mistakes (a bad filter) at ERROR with a traceback.
logging.getLogger("pycsw").setLevel(logging.CRITICAL)

CSW_NS = ("http://www.opengis.net/cat/csw/2.0.2", "http://www.opengis.net/cat/csw/3.0")


def _is_forbidden(key: str) -> bool:
    key = key.lower()
    return "config" in key or key == "responsehandler"


def _first_position(value: str) -> str:
    """startPosition counts from 1; clients counting from 0 would otherwise get a page shifted by one."""
    return "1" if value.strip().lstrip("-").isdigit() and int(value) < 1 else value


def _query_items(request: HttpRequest) -> list[tuple[str, str]]:
    items = [
        (k, _first_position(v) if k.lower() == "startposition" else v)
        for k, values in request.GET.lists()
        for v in values
        if not _is_forbidden(k)
    ]
    items = [(k, compat.prefix_cql_names(v) if k.lower() == "constraint" else v) for k, v in items]
    keys = {k.lower() for k, _ in items}
    if keys.intersection({"request", "verb"}) and "maxrecords" not in keys:
        # pycsw's own default is its cap; clients that ask for nothing get a small page.
        items.append(("maxRecords", str(DEFAULT_MAX_RECORDS)))
    return items


def _clean_post_body(body: bytes) -> bytes:
    """Safe-parse the XML request, drop ResponseHandler, give GetRecords a default maxRecords."""
    root = parse_xml(body, max_bytes=settings.CSW_MAX_POST_BYTES)
    for handler in root.xpath("//*[local-name()='ResponseHandler']"):
        handler.getparent().remove(handler)
    for cql in root.xpath("//*[local-name()='CqlText']"):
        cql.text = compat.prefix_cql_names(cql.text or "")
    compat.gml32_to_gml311(root)
    if root.xpath("local-name()") == "GetRecords" and root.get("maxRecords") is None:
        root.set("maxRecords", str(DEFAULT_MAX_RECORDS))
    if root.get("startPosition") is not None:
        root.set("startPosition", _first_position(root.get("startPosition")))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _environ(request: HttpRequest, query_items: list[tuple[str, str]], body: bytes = b"") -> dict:
    environ = {k: v for k, v in request.META.items() if isinstance(v, str)}
    environ.update(
        {
            "REQUEST_METHOD": request.method,
            "QUERY_STRING": urlencode(query_items),
            "CONTENT_LENGTH": str(len(body)),
            "wsgi.input": BytesIO(body),
            "wsgi.url_scheme": request.scheme,
            "SCRIPT_NAME": "",
            "PATH_INFO": request.path,
        }
    )
    environ.setdefault("SERVER_NAME", request.get_host().split(":")[0])
    environ.setdefault("SERVER_PORT", request.get_port())
    return environ


def _run_pycsw(request: HttpRequest, endpoint: str, extra: list[tuple[str, str]] | None = None) -> HttpResponse:
    body = b""
    if request.method == "POST":
        try:
            body = _clean_post_body(request.body)
        except UnsafeXMLError as exc:
            return _exception("NoApplicableCode", "request", f"Invalid XML request: {exc}")
    items = _query_items(request) + list(extra or [])
    try:
        status, content, content_type = engine.dispatch(pycsw_config(endpoint), _environ(request, items, body))
    except Exception:
        logger.exception("pycsw failed on %s %s", request.method, request.get_full_path())
        return _exception("NoApplicableCode", "request", "The request could not be processed.")
    if status == 200 and b"Capabilities" in content[:400]:
        content = compat.correct_capabilities(content)
    elif status == 200 and b"OpenSearchDescription" in content[:400]:
        content = compat.correct_opensearch_description(content)
    return HttpResponse(content, status=status, content_type=content_type)


def _exception(code: str, locator: str, text: str) -> HttpResponse:
    return HttpResponse(exception_report(code, locator, text), content_type="application/xml; charset=UTF-8")


@csrf_exempt
@require_http_methods(["GET", "POST"])
def csw(request: HttpRequest) -> HttpResponse:
    """CSW 2.0.2 and 3.0: GetCapabilities, DescribeRecord, GetDomain, GetRecords, GetRecordById (KVP and XML)."""
    return _run_pycsw(request, "/csw")


@require_http_methods(["GET"])
def opensearch(request: HttpRequest) -> HttpResponse:
    """OpenSearch description (no parameters) and Atom results with the Geo and Time extensions."""
    # An OpenSearch client fills the optional parameters it does not use with nothing ("bbox=&time=/"): absent.
    request.GET = request.GET.copy()
    for key in [k for k, values in request.GET.lists() if all(v.strip() in ("", "/") for v in values)]:
        del request.GET[key]
    keys = {k.lower() for k in request.GET}
    extra = [("mode", "opensearch")] if "mode" not in keys else []
    box = request.GET.get("bbox", "")
    if box.count(",") == 3:
        # geo:box is west,south,east,north; pycsw reads a CRS-less box as latitude first.
        request.GET["bbox"] = box + ",urn:ogc:def:crs:OGC:1.3:CRS84"
    if "request" not in keys:
        extra += [("service", "CSW"), ("version", "3.0.0"), ("request", "GetCapabilities")]
    response = _run_pycsw(request, "/opensearch", extra)
    # pycsw 2.6.2 writes the Atom template's outputformat as "application/atom%%2Bxml" (escaped twice): a client
    # filling the template as written asks for a format that does not exist.
    if b"%%2B" in response.content:
        response.content = response.content.replace(b"%%2B", b"%2B")
    return response
