"""pycsw's configuration, built from Django settings (never from a file a query parameter could choose)."""

from __future__ import annotations

from django.conf import settings

# A client that asks for nothing gets DEFAULT_MAX_RECORDS; no client gets more than MAX_RECORDS_CAP per page.
DEFAULT_MAX_RECORDS = 10
MAX_RECORDS_CAP = 1000


def max_records_cap() -> int:
    return int(getattr(settings, "CSW_MAX_RECORDS", MAX_RECORDS_CAP))


def pycsw_config(endpoint: str = "/csw") -> dict:
    """The config dict of pycsw.server.Csw. `endpoint` is where pycsw says it lives (csw or opensearch)."""
    return {
        "server": {
            "url": settings.SITE_URL + endpoint,
            "mimetype": "application/xml; charset=UTF-8",
            "encoding": "UTF-8",
            "language": "en-US",
            "maxrecords": str(max_records_cap()),
            "pretty_print": "false",
            "domainquerytype": "list",
            "domaincounts": "true",
            "profiles": "apiso",
        },
        "manager": {"transactions": "false", "allowed_ips": ""},
        "metadata:main": {
            "identification_title": settings.CATALOGUE_TITLE,
            "identification_abstract": settings.CATALOGUE_ABSTRACT,
            "identification_keywords": "Data Terra,AERIS,Form@ter,ODATIS,THEIA,Earth system,metadata,catalogue",
            "identification_keywords_type": "theme",
            "identification_fees": "None",
            "identification_accessconstraints": "None",
            "provider_name": "Data Terra",
            "provider_url": "https://www.data-terra.org",
            "contact_name": "Data Terra catalogue team",
            "contact_position": "Catalogue administrator",
            "contact_address": "",
            "contact_city": "",
            "contact_stateorprovince": "",
            "contact_postalcode": "",
            "contact_country": "France",
            "contact_phone": "",
            "contact_fax": "",
            "contact_email": settings.CATALOGUE_CONTACT_EMAIL,
            "contact_url": settings.SITE_URL,
            "contact_hours": "",
            "contact_instructions": "",
            "contact_role": "pointOfContact",
        },
        "metadata:inspire": {"enabled": "false"},
        "repository": {"source": "catalogue.csw.repository.CatalogueRepository"},
    }
