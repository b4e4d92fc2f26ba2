"""Which records the DCAT-AP catalogue publishes, by page, and which it cannot (reported, with the reason)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from catalogue.exports import dcat
from catalogue.records.models import Record

# A Dataset needs a title and a description (dcat.MANDATORY): records without one are reported, not published.
_PUBLISHABLE = ~Q(title="") & ~Q(abstract="")


def publishable() -> QuerySet[Record]:
    return Record.objects.public().filter(_PUBLISHABLE)


def unpublishable() -> QuerySet[Record]:
    return Record.objects.public().exclude(_PUBLISHABLE)


def catalog_page(number: int, size: int) -> tuple[dcat.CatalogPage, list[Record]]:
    records = publishable()
    page = dcat.CatalogPage(number, size, records.count())
    if number > page.last:
        raise LookupError(number)
    rows = list(
        records.order_by("id")
        .defer("search_vector")
        .prefetch_related("provenance__source__pole")[(number - 1) * size : number * size]
    )
    return page, rows


def gaps() -> list[dict]:
    return [
        {"id": str(record.pk), "identifier": record.identifier, "missing": dcat.missing_mandatory(record)}
        for record in unpublishable().order_by("identifier").only("id", "identifier", "title", "abstract")
    ]
