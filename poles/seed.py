"""The four Data Terra hubs and their known harvest sources (../shared/reference/poles-endpoints.md).

Idempotent: `seed(apps)` creates what is missing and never overwrites what an admin changed.
Remote endpoints are seeded as real sources; when they cannot be reached the harvest reports it and the portal
keeps serving what it has. The local demo sources make the portal useful with no network.
"""

from __future__ import annotations

from typing import Any

HUBS: list[dict[str, Any]] = [
    {
        "code": "AERIS",
        "name": "AERIS",
        "name_fr": "AERIS — pôle de données atmosphère",
        "name_en": "AERIS — atmosphere data hub",
        "site_url": "https://www.aeris-data.fr/",
        "domain_fr": "Atmosphère",
        "domain_en": "Atmosphere",
        "description_fr": "Données et services sur l'atmosphère : aérosols, nuages, chimie, dynamique, climat.",
        "description_en": "Atmospheric data and services: aerosols, clouds, chemistry, dynamics and climate.",
        "landing_doi_prefixes": [],
    },
    {
        "code": "FORMATER",
        "name": "Form@ter",
        "name_fr": "Form@ter — pôle de données Terre solide",
        "name_en": "Form@ter — solid Earth data hub",
        "site_url": "https://www.poleterresolide.fr/",
        "domain_fr": "Terre solide",
        "domain_en": "Solid Earth",
        "description_fr": "Données de Terre solide : sismologie, géodésie, déformation du sol, magnétisme, volcans.",
        "description_en": "Solid Earth data: seismology, geodesy, ground deformation, magnetism and volcanoes.",
        "landing_doi_prefixes": [],
    },
    {
        "code": "ODATIS",
        "name": "ODATIS",
        "name_fr": "ODATIS — pôle de données océan",
        "name_en": "ODATIS — ocean data hub",
        "site_url": "https://www.odatis-ocean.fr/",
        "domain_fr": "Océan",
        "domain_en": "Ocean",
        "description_fr": "Données océaniques : physique, biogéochimie, littoral, observations in situ et satellite.",
        "description_en": "Ocean data: physics, biogeochemistry, coastal zones, in-situ and satellite observations.",
        "landing_doi_prefixes": [],
    },
    {
        "code": "THEIA",
        "name": "THEIA",
        "name_fr": "THEIA — pôle de données surfaces continentales",
        "name_en": "THEIA — land surface data hub",
        "site_url": "https://www.theia-land.fr/",
        "domain_fr": "Surfaces continentales",
        "domain_en": "Land surfaces",
        "description_fr": "Données des surfaces continentales : hydrologie, occupation des sols, neige, zone critique.",
        "description_en": "Land surface data: hydrology, land cover, snow and the critical zone.",
        "landing_doi_prefixes": [],
    },
]

_GMD = {"output_schema": "http://www.isotc211.org/2005/gmd", "type_names": "gmd:MD_Metadata"}

SOURCES: list[dict[str, Any]] = [
    # Local demo sources: records written by the project (demo/<hub>/), harvested through the same pipeline.
    {
        "pole": "AERIS",
        "slug": "demo-aeris",
        "name": "AERIS demo records",
        "protocol": "local",
        "url": "demo/aeris",
        "schedule": "manual",
    },
    {
        "pole": "FORMATER",
        "slug": "demo-formater",
        "name": "Form@ter demo records",
        "protocol": "local",
        "url": "demo/formater",
        "schedule": "manual",
    },
    {
        "pole": "ODATIS",
        "slug": "demo-odatis",
        "name": "ODATIS demo records",
        "protocol": "local",
        "url": "demo/odatis",
        "schedule": "manual",
    },
    {
        "pole": "THEIA",
        "slug": "demo-theia",
        "name": "THEIA demo records",
        "protocol": "local",
        "url": "demo/theia",
        "schedule": "manual",
    },
    # Public endpoints of the hubs.
    {
        "pole": "ODATIS",
        "slug": "odatis-sextant-csw",
        "name": "Sextant (Ifremer) CSW",
        "protocol": "csw",
        "url": "https://sextant.ifremer.fr/geonetwork/srv/eng/csw",
        "options": _GMD,
        "record_url_template": "https://sextant.ifremer.fr/Donnees/Catalogue#/metadata/{identifier}",
    },
    {
        "pole": "ODATIS",
        "slug": "odatis-sextant-oaipmh",
        "name": "Sextant (Ifremer) OAI-PMH",
        "protocol": "oaipmh",
        "url": "https://sextant.ifremer.fr/geonetwork/srv/eng/oaipmh",
        "options": {"metadata_prefix": "iso19139"},
        "enabled": False,
    },  # same records as the CSW source; enable one or the other
    {
        "pole": "ODATIS",
        "slug": "odatis-seanoe-oaipmh",
        "name": "SEANOE OAI-PMH",
        "protocol": "oaipmh",
        "url": "https://www.seanoe.org/oai/OAIHandler",
        "options": {"metadata_prefix": "oai_dc"},
    },
    {
        "pole": "ODATIS",
        "slug": "odatis-seanoe-datacite",
        "name": "SEANOE DOIs (DataCite OAI-PMH)",
        "protocol": "oaipmh",
        "url": "https://oai.datacite.org/oai",
        "options": {"metadata_prefix": "oai_datacite", "set": "EUVI.SEANOE"},
        "enabled": False,
    },
    {
        "pole": "AERIS",
        "slug": "aeris-sedoo-csw",
        "name": "AERIS catalogue (SEDOO) CSW",
        "protocol": "csw",
        "url": "https://api.sedoo.fr/aeris-catalogue-prod/csw",
        "options": _GMD,
    },
    {
        "pole": "AERIS",
        "slug": "aeris-ipsl-csw",
        "name": "IPSL/ESPRI GeoNetwork CSW",
        "protocol": "csw",
        "url": "https://data.ipsl.fr/catalog/srv/eng/csw",
        "options": _GMD,
        "record_url_template": "https://data.ipsl.fr/catalog/srv/eng/catalog.search#/metadata/{identifier}",
    },
    {
        "pole": "AERIS",
        "slug": "aeris-ipsl-oaipmh",
        "name": "IPSL/ESPRI GeoNetwork OAI-PMH",
        "protocol": "oaipmh",
        "url": "https://data.ipsl.fr/catalog/srv/eng/oaipmh",
        "options": {"metadata_prefix": "iso19139"},
        "enabled": False,
    },
    {
        "pole": "FORMATER",
        "slug": "formater-ipgp-csw",
        "name": "Form@ter / IPGP GeoNetwork CSW",
        "protocol": "csw",
        "url": "https://catalogue-terresolide.ipgp.fr/geonetwork/srv/eng/csw",
        "options": _GMD,
        "record_url_template": "https://catalogue-terresolide.ipgp.fr/geonetwork/srv/eng/catalog.search#/metadata/{identifier}",
    },
    {
        "pole": "FORMATER",
        "slug": "formater-ipgp-oaipmh",
        "name": "Form@ter / IPGP GeoNetwork OAI-PMH",
        "protocol": "oaipmh",
        "url": "https://catalogue-terresolide.ipgp.fr/geonetwork/srv/eng/oaipmh",
        "options": {"metadata_prefix": "iso19139"},
        "enabled": False,
    },
    {
        "pole": "THEIA",
        "slug": "theia-ozcar-csw",
        "name": "THEIA/OZCAR in-situ GeoNetwork CSW",
        "protocol": "csw",
        "url": "https://in-situ.theia-land.fr/geonetwork/srv/eng/csw",
        "options": _GMD,
        "record_url_template": "https://in-situ.theia-land.fr/geonetwork/srv/eng/catalog.search#/metadata/{identifier}",
    },
    {
        "pole": "THEIA",
        "slug": "theia-hydroweb-csw",
        "name": "THEIA Hydroweb CSW",
        "protocol": "csw",
        "url": "https://hydroweb-csw.theia-land.fr/geonetwork/srv/eng/csw",
        "options": _GMD,
    },
]


def seed(apps=None) -> tuple[int, int]:
    """Create the hubs and sources that are missing. Returns (hubs created, sources created).

    ``apps`` is the migration state's registry when called from a data migration, else the live models.
    """
    if apps is None:
        from django.apps import apps
    Pole = apps.get_model("poles", "Pole")  # noqa: N806 - a model class (the historical one in a migration)
    HarvestSource = apps.get_model("poles", "HarvestSource")  # noqa: N806
    from poles.options import validate_options

    hubs_created = sources_created = 0
    poles = {}
    for hub in HUBS:
        pole, created = Pole.objects.get_or_create(code=hub["code"], defaults=hub)
        poles[hub["code"]] = pole
        hubs_created += created
    for spec in SOURCES:
        spec = dict(spec)
        pole = poles[spec.pop("pole")]
        protocol = spec["protocol"]
        # Historical models do not run HarvestSource.save(): validate here so seeded options are complete.
        spec["options"] = validate_options(protocol, spec.get("options", {}))
        _, created = HarvestSource.objects.get_or_create(slug=spec["slug"], defaults={**spec, "pole": pole})
        sources_created += created
    return hubs_created, sources_created
