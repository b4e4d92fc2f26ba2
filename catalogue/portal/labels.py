"""Human labels (French/English through gettext) for the coded values records carry.

Codes come from ISO 19115 code lists and DataCite's vocabularies; unknown codes are shown as published.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

from catalogue.search.labels import TOPIC_LABELS

# ISO 19115 MD_TopicCategoryCode labels are the search facet's own (one translation for both).
TOPIC_CATEGORIES = TOPIC_LABELS

# ISO MD_ScopeCode values and DataCite resourceTypeGeneral, compared case-insensitively.
RESOURCE_TYPES = {
    "dataset": _("Dataset"),
    "series": _("Dataset series"),
    "service": _("Service"),
    "nongeographicdataset": _("Non-geographic dataset"),
    "collection": _("Collection"),
    "software": _("Software"),
    "image": _("Image"),
    "text": _("Text"),
    "model": _("Model"),
    "physicalobject": _("Physical object"),
    "tile": _("Tile"),
    "feature": _("Feature"),
    "document": _("Document"),
}

# ISO CI_RoleCode values shown next to organisations and people.
ROLES = {
    "pointofcontact": _("Point of contact"),
    "originator": _("Originator"),
    "author": _("Author"),
    "custodian": _("Custodian"),
    "distributor": _("Distributor"),
    "owner": _("Owner"),
    "principalinvestigator": _("Principal investigator"),
    "processor": _("Processor"),
    "publisher": _("Publisher"),
    "resourceprovider": _("Resource provider"),
    "user": _("User"),
    "funder": _("Funder"),
    "contactperson": _("Contact person"),
    "datacollector": _("Data collector"),
    "datacurator": _("Data curator"),
    "datamanager": _("Data manager"),
    "hostinginstitution": _("Hosting institution"),
    "producer": _("Producer"),
    "researcher": _("Researcher"),
    "rightsholder": _("Rights holder"),
    "sponsor": _("Sponsor"),
    "creator": _("Creator"),
    "contributor": _("Contributor"),
}


def _key(code: str) -> str:
    return re.sub(r"[^a-z]", "", code.lower())


def topic_label(code: str) -> str:
    return str(TOPIC_CATEGORIES.get(code, code))


def resource_type_label(code: str) -> str:
    return str(RESOURCE_TYPES.get(_key(code), code)) if code else ""


def role_label(code: str) -> str:
    return str(ROLES.get(_key(code), code)) if code else ""
