"""FR/EN labels of facet values that are codes: hubs and ISO 19115 topic categories (MD_TopicCategoryCode).
Translated with gettext (catalogue/records/locale/fr); other facet values (keywords, organisations...) are shown as
published."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext_lazy as _

POLE_LABELS = {
    "AERIS": _("AERIS (atmosphere)"),
    "FORMATER": _("Form@ter (solid Earth)"),
    "ODATIS": _("ODATIS (ocean)"),
    "THEIA": _("THEIA (land surfaces)"),
}

TOPIC_LABELS = {
    "farming": _("Farming"),
    "biota": _("Biota"),
    "boundaries": _("Boundaries"),
    "climatologyMeteorologyAtmosphere": _("Climatology, meteorology, atmosphere"),
    "economy": _("Economy"),
    "elevation": _("Elevation"),
    "environment": _("Environment"),
    "geoscientificInformation": _("Geoscientific information"),
    "health": _("Health"),
    "imageryBaseMapsEarthCover": _("Imagery, base maps, earth cover"),
    "intelligenceMilitary": _("Intelligence, military"),
    "inlandWaters": _("Inland waters"),
    "location": _("Location"),
    "oceans": _("Oceans"),
    "planningCadastre": _("Planning, cadastre"),
    "society": _("Society"),
    "structure": _("Structure"),
    "transportation": _("Transportation"),
    "utilitiesCommunication": _("Utilities, communication"),
}

_BY_FACET = {"pole": POLE_LABELS, "topic": TOPIC_LABELS}


def facet_label(facet: str, value: str, language: str) -> str:
    label = _BY_FACET.get(facet, {}).get(value)
    if label is None:
        return value
    with translation.override(language):
        return str(label)
