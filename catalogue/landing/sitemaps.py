"""/sitemap.xml: a sitemap index over paged sitemaps of every live record page and DOI landing page.

lastmod is Record.updated_at, which ingest moves only when a record's content changed. URLs are absolute on
SITE_URL (the portal's public address), not on whatever host the request came through.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from catalogue.landing.links import landing_url
from catalogue.models import Record


class _RecordSitemapBase(Sitemap):
    limit = 10_000  # URLs per page (the protocol allows 50,000; smaller pages are faster to build and fetch)

    @property
    def protocol(self) -> str:  # type: ignore[override]
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None) -> str:
        parts = urlsplit(settings.SITE_URL)
        return parts.netloc + parts.path

    def queryset(self):
        return Record.objects.public()

    def items(self):
        return self.queryset().only("id", "doi", "updated_at").order_by("updated_at", "id")

    def lastmod(self, record: Record):
        return record.updated_at

    def get_latest_lastmod(self):
        # One aggregate instead of Django's default of loading every item.
        return self.queryset().aggregate(latest=Max("updated_at"))["latest"]


class RecordPageSitemap(_RecordSitemapBase):
    def location(self, record: Record) -> str:
        return record.get_absolute_url()


class LandingPageSitemap(_RecordSitemapBase):
    def queryset(self):
        return Record.objects.public().filter(doi__isnull=False)

    def location(self, record: Record) -> str:
        return landing_url(record)


SITEMAPS = {"records": RecordPageSitemap, "landing": LandingPageSitemap}
