"""/sitemap.xml: a sitemap index over paged sitemaps of every live record page and DOI landing page.

lastmod is Record.updated_at, which ingest moves only when a record's content changed. URLs are absolute on
SITE_URL (the portal's public address), not on whatever host the request came through. Section pages are written
directly from (id, doi, updated_at) rows: Django's generic template costs ~0.2 ms per URL, too slow for 10k-URL pages.
"""

from __future__ import annotations

import uuid
from urllib.parse import quote
from xml.sax.saxutils import escape

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from catalogue.records.models import Record

# Characters Django's reverse() leaves unquoted in a path (django.urls.resolvers: RFC 3986 sub-delims + "/~:@").
_PATH_SAFE = "!$&'()*+,;=/~:@"
_PLACEHOLDER_ID = uuid.UUID(int=0)
_PLACEHOLDER_DOI = "10.0000/placeholder"


class _RecordSitemapBase(Sitemap):
    """Django's Sitemap for what it does well (paging); the XML is written by the views below."""

    limit = 10_000  # URLs per page (the protocol allows 50,000; smaller pages are faster to build and fetch)

    def queryset(self):
        return Record.objects.public()

    def items(self):
        return self.queryset().order_by("updated_at", "id").values_list("id", "doi", "updated_at")

    def get_latest_lastmod(self):
        # One aggregate instead of Django's default of loading every item.
        return self.queryset().aggregate(latest=Max("updated_at"))["latest"]

    def path_builder(self):
        """A function (id, doi, updated_at) row -> URL path, equal to what reverse() gives, without its cost."""
        raise NotImplementedError


class RecordPageSitemap(_RecordSitemapBase):
    def path_builder(self):
        template = reverse("catalogue:record", args=[_PLACEHOLDER_ID])
        head, tail = template.split(str(_PLACEHOLDER_ID))
        return lambda row: f"{head}{row[0]}{tail}"


class LandingPageSitemap(_RecordSitemapBase):
    def queryset(self):
        return Record.objects.public().filter(doi__isnull=False)

    def path_builder(self):
        template = reverse("landing:page", args=[_PLACEHOLDER_DOI])
        head, tail = template.split(_PLACEHOLDER_DOI)
        return lambda row: f"{head}{quote(row[1], safe=_PATH_SAFE)}{tail}"


SITEMAPS = {"records": RecordPageSitemap, "landing": LandingPageSitemap}


def _xml_response(body: str) -> HttpResponse:
    return HttpResponse(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + body, content_type="application/xml; charset=utf-8"
    )


@require_safe
def sitemap_index(request: HttpRequest) -> HttpResponse:
    """/sitemap.xml: every page of every section, on SITE_URL, with the newest lastmod of the section."""
    entries = []
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        latest = sitemap.get_latest_lastmod()
        lastmod = f"<lastmod>{latest.isoformat(timespec='seconds')}</lastmod>" if latest else ""
        location = settings.SITE_URL + reverse("landing:sitemap-section", kwargs={"section": section})
        for page in sitemap.paginator.page_range:
            url = location if page == 1 else f"{location}?p={page}"
            entries.append(f"<sitemap><loc>{escape(url)}</loc>{lastmod}</sitemap>\n")
    return _xml_response(
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + "".join(entries) + "</sitemapindex>\n"
    )


@require_safe
def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    """One page (?p=N) of one section, as sitemaps.org XML with full W3C datetimes in <lastmod>."""
    if section not in SITEMAPS:
        raise Http404(f"No sitemap section {section!r}")
    sitemap = SITEMAPS[section]()
    try:
        page = sitemap.paginator.page(request.GET.get("p", 1))
    except (EmptyPage, PageNotAnInteger):
        raise Http404("No such sitemap page") from None
    base = settings.SITE_URL
    path = sitemap.path_builder()
    entries = "".join(
        f"<url><loc>{escape(base + path(row))}</loc><lastmod>{row[2].isoformat(timespec='seconds')}</lastmod></url>\n"
        for row in page.object_list
    )
    return _xml_response(f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{entries}</urlset>\n')
