"""Every URL of a record, built here with reverse() and nowhere else: its page, its API resource, its original XML,
its DOI landing page and exports, relative and absolute (SITE_URL); and whose page the DOI is."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.urls import reverse

if TYPE_CHECKING:  # models reverse a record's URL through this module
    from catalogue.records.models import Record


def record_path(record_id) -> str:
    """Path of the record page (/records/<id>/): what every hit, export and API response links to."""
    return reverse("catalogue:record", args=[record_id])


def record_api_path(record_id) -> str:
    return reverse("api:record", args=[record_id])


def original_xml_path(record_id, source_slug: str) -> str:
    """The verbatim document one source gave, served by the API (portal, landing page and machines link there)."""
    return reverse("api:original-xml", args=[record_id, source_slug])


def doi_url(doi: str) -> str:
    """The DOI as the resolvable https://doi.org link (DataCite display guidelines: not dx.doi.org, not bare)."""
    return f"https://doi.org/{doi}" if doi else ""


def landing_url(record: Record) -> str:
    """Path of the record's DOI landing page, "" when the record has no DOI (it keeps its record page)."""
    return reverse("landing:page", args=[record.doi]) if record.doi else ""


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}" if path.startswith("/") else path


def page_url(record: Record) -> str:
    """Absolute URL of the record's public page: the DOI landing page, else the record page."""
    return absolute(landing_url(record) or record.get_absolute_url())


def export_url(record: Record, format_name: str) -> str:
    """Path of one export of a record with a DOI."""
    return reverse("landing:export", args=[record.doi, format_name])


def linkset_url(record: Record) -> str:
    return reverse("landing:linkset", args=[record.doi])


def record_hubs(record: Record) -> list:
    """The hubs (poles.Pole) the record comes from; read once per record object (the page and signposting both
    need them)."""
    from poles.models import Pole

    if not hasattr(record, "_landing_hubs"):
        record._landing_hubs = list(Pole.objects.filter(code__in=record.pole_codes))
    return record._landing_hubs


def landing_prefixes(record: Record) -> set[str]:
    """DOI prefixes whose registered landing page is this portal: settings.DOI_LANDING_PREFIXES plus the prefixes
    configured on the record's hubs (Pole.landing_doi_prefixes)."""
    prefixes = {p.lower() for p in getattr(settings, "DOI_LANDING_PREFIXES", [])}
    for hub in record_hubs(record):
        prefixes.update(str(p).lower() for p in hub.landing_doi_prefixes or [])
    return prefixes


def doi_lands_here(record: Record) -> bool:
    """Does the DOI resolve to this portal? Only then may the page claim it with signposting's cite-as (LP-21)."""
    if not record.doi:
        return False
    prefix = record.doi.split("/", 1)[0]
    prefixes = landing_prefixes(record)
    # A configured entry is a prefix ("10.12345") or a longer DOI stem ("10.12345/dt-"); both are matched.
    return prefix in prefixes or any(record.doi.startswith(p) for p in prefixes if "/" in p)
