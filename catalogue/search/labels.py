"""FR/EN labels of facet values that are codes: hubs and ISO 19115 topic categories (MD_TopicCategoryCode).
Translated with gettext (catalogue/records/locale/fr); other facet values (keywords, organisations...) are shown as
published."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from catalogue.records.facet_values import GCMD_SEPARATOR, licence_name
from catalogue.records.vocabularies import concept_of_label

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
    if facet == "license":
        return licence_name(value)
    if facet == "keyword":
        return keyword_label(value, language)
    label = _BY_FACET.get(facet, {}).get(value)
    if label is None:
        return value
    with translation.override(language):
        return str(label)


def keyword_label(value: str, language: str) -> str:
    """A thesaurus concept in the reader's language; a GCMD path by its last level ("Aerosols"), not in capitals."""
    if GCMD_SEPARATOR in value:
        last = value.rsplit(GCMD_SEPARATOR, 1)[-1]
        return last.capitalize() if last.isupper() else last
    concept = concept_of_label(value)
    return concept.label(language) if concept else value
