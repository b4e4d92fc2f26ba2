"""ODATIS (ocean) demo datasets. Names, people, values and DOI suffixes are invented."""

from __future__ import annotations

from .spec import (
    ASCII,
    CSV,
    NETCDF,
    NETCDF_CF,
    NOW,
    Contact,
    Platform,
    Spec,
    doc,
    download,
    free,
    gcmd,
    gemet,
    inspire,
    instruments_kw,
    orcid,
    places,
    platforms_kw,
    series_id,
    wfs,
    wms,
)

SEANOE_DOI = "10.17882/DEMO-{:04d}"
# Published by both ODATIS (SEANOE, DataCite) and THEIA (ISO 19139): the portal must show one record.
SHARED_AMAZON_DOI = "10.17882/DEMO-0100"
IFREMER = "Ifremer"
SHOM = "Service hydrographique et océanographique de la Marine (Shom)"
ODATIS = Contact("publisher", "ODATIS / Data Terra", "", "contact@odatis-ocean.fr")
SEXTANT = "https://sextant.ifremer.fr"

TIDE_GAUGES = [
    # slug, name, lon, lat, start, end, lang
    ("brest", "Brest", -4.495, 48.383, "1846-01-01", NOW, "fr"),
    ("marseille", "Marseille", 5.354, 43.279, "1885-02-01", NOW, "fr"),
    ("noumea", "Nouméa (Numbo)", 166.411, -22.286, "1957-01-01", NOW, "fr"),
    ("suva", "Suva (Fiji)", 178.426, -18.135, "1972-07-01", NOW, "en"),
    ("wallis", "Mata-Utu (Wallis)", -176.173, -13.283, "1999-05-01", NOW, "fr"),
    ("papeete", "Papeete (Tahiti)", -149.573, -17.533, "1969-01-01", NOW, "fr"),
    ("kerguelen", "Port-aux-Français (Kerguelen)", 70.218, -49.351, "1993-11-01", "2022-12-31", "fr"),
    ("dumont-durville", "Dumont d'Urville (Antarctique)", 140.002, -66.665, "1997-01-01", NOW, "en"),
]


def _tide_gauge(index: int, gauge: tuple) -> Spec:
    slug, name, lon, lat, start, end, lang = gauge
    fr = lang == "fr"
    return Spec(
        slug=f"tide-gauge-{slug}",
        lang=lang,
        title=f"Hauteurs d'eau horaires du marégraphe de {name}"
        if fr
        else f"Hourly sea level at the {name} tide gauge",
        title_alt=f"Hourly sea level at the {name} tide gauge" if fr and index % 2 == 0 else "",
        abstract=(
            f"Observations de hauteur d'eau du marégraphe de {name} (réseau REFMAR / SONEL), validées et "
            f"rattachées au zéro hydrographique ; données horaires et valeurs brutes à 1 min. Utilisées pour "
            f"le suivi de l'élévation du niveau de la mer et l'alerte aux submersions côtières."
        )
        if fr
        else (
            f"Sea level observations of the {name} tide gauge (REFMAR / SONEL networks), validated and referred to "
            f"chart datum; hourly values and raw 1-minute data, used for sea-level rise monitoring and coastal "
            f"flooding warnings."
        ),
        abstract_alt=f"Validated hourly sea level of the {name} tide gauge." if fr and index % 2 == 0 else "",
        parent=series_id("refmar-tide-gauges-series"),
        boxes=[(lon, lat, lon, lat)],
        place=name,
        start=start,
        end=end,
        keywords=[
            gcmd(
                "EARTH SCIENCE > OCEANS > SEA SURFACE TOPOGRAPHY > SEA SURFACE HEIGHT",
                "EARTH SCIENCE > OCEANS > TIDES > TIDAL HEIGHT",
            ),
            inspire("Caractéristiques géographiques océanographiques" if fr else "Oceanographic geographical features"),
            instruments_kw("TIDE GAUGES"),
            places(name),
        ],
        topics=["oceans"],
        contacts=[
            Contact("pointOfContact", SHOM, "", "refmar@shom.fr"),
            Contact(
                "originator", "SONEL, LIENSs (CNRS / La Rochelle Université)", "Rey, Hervé", "", orcid(400 + index)
            ),
            ODATIS,
        ],
        license="etalab" if fr else "cc-by",
        links=[
            download(f"https://data.shom.fr/refmar/{slug}", "Hauteurs d'eau (CSV)"),
            doc("https://www.sonel.org", "SONEL"),
        ],
        formats=[CSV, NETCDF],
        published=f"{2010 + index}-06-01",
        datestamp=f"2025-04-{index + 1:02d}T07:00:00Z",
    )


SPECS: list[Spec] = [
    Spec(
        slug="refmar-tide-gauges-series",
        level="series",
        lang="fr",
        title="Réseau de marégraphes REFMAR : hauteurs d'eau",
        title_alt="REFMAR tide gauge network: sea levels",
        abstract="Collection des observations marégraphiques de métropole et d'outre-mer (Atlantique, Méditerranée, "
        "océan Indien, Pacifique Sud, terres australes et antarctiques).",
        abstract_alt="Tide gauge observations of metropolitan France and overseas territories.",
        boxes=[
            (-5.5, 42.0, 9.6, 51.2),
            (160.0, -25.0, -170.0, -10.0),
            (-155.0, -28.0, -134.0, -7.0),
            (68.0, -50.0, 71.0, -48.5),
        ],
        place="France, Pacifique Sud, Kerguelen",
        start="1846-01-01",
        end=NOW,
        keywords=[
            gcmd("EARTH SCIENCE > OCEANS > SEA SURFACE TOPOGRAPHY > SEA SURFACE HEIGHT"),
            inspire("Caractéristiques géographiques océanographiques"),
        ],
        topics=["oceans"],
        contacts=[Contact("pointOfContact", SHOM, "", "refmar@shom.fr"), ODATIS],
        license="etalab",
        links=[
            doc("https://refmar.shom.fr", "Portail REFMAR"),
            wfs("https://services.data.shom.fr/wfs", "refmar:maregraphes"),
        ],
        formats=[CSV],
        published="2011-01-01",
    ),
    *[_tide_gauge(i, gauge) for i, gauge in enumerate(TIDE_GAUGES)],
    Spec(
        slug="sw-pacific-sea-level-altimetry",
        fmt="iso19115-3",
        title="Coastal sea level anomalies around New Caledonia, Fiji and Wallis from satellite altimetry",
        abstract="Along-track coastal sea level anomalies (X-TRACK processing) in the South-West Pacific, "
        "compared with the Nouméa, Suva and Mata-Utu tide gauges. The area crosses the 180° meridian.",
        doi=SEANOE_DOI.format(1),
        boxes=[(160.0, -25.0, -170.0, -10.0)],
        place="Pacifique Sud-Ouest",
        start="2002-01-01",
        end="2023-12-31",
        keywords=[
            gcmd("EARTH SCIENCE > OCEANS > SEA SURFACE TOPOGRAPHY > SEA SURFACE HEIGHT"),
            platforms_kw("JASON-3", "SARAL"),
            places("New Caledonia", "Fiji", "Wallis and Futuna"),
        ],
        topics=["oceans"],
        contacts=[
            Contact(
                "originator",
                "LEGOS / CTOH, CNRS / CNES / IRD / Université de Toulouse",
                "Schmitt, Jean-François",
                "ctoh@legos.obs-mip.fr",
                orcid(420),
            ),
            Contact("funder", "CNES"),
            ODATIS,
        ],
        license="cc-by",
        links=[download("https://ctoh.legos.obs-mip.fr/xtrack/pacific", "X-TRACK along-track SLA")],
        formats=[NETCDF_CF],
        published="2024-02-01",
    ),
    Spec(
        slug="argo-north-atlantic",
        fmt="gmi",
        title="Argo float profiles in the North Atlantic subpolar gyre (delayed mode)",
        abstract="Temperature, salinity and dissolved oxygen profiles (0–2000 dbar) from French Argo floats in the "
        "North Atlantic subpolar gyre, delayed-mode quality controlled by the Coriolis data centre.",
        doi=SEANOE_DOI.format(2),
        boxes=[(-60.0, 45.0, -10.0, 65.0)],
        start="2002-01-01",
        end=NOW,
        keywords=[
            gcmd(
                "EARTH SCIENCE > OCEANS > OCEAN TEMPERATURE > WATER TEMPERATURE",
                "EARTH SCIENCE > OCEANS > SALINITY/DENSITY > SALINITY",
            ),
            platforms_kw("PROFILING FLOATS"),
            instruments_kw("CTD"),
            free("Argo", "Coriolis"),
        ],
        topics=["oceans"],
        contacts=[
            Contact("principalInvestigator", "LOPS, Ifremer / CNRS / IRD / UBO", "Thibault, Pierre", "", orcid(421)),
            Contact("pointOfContact", "Coriolis data centre, Ifremer", "", "codac@ifremer.fr"),
            ODATIS,
        ],
        license="cc-by",
        links=[
            download("https://data-argo.ifremer.fr/dac/coriolis", "Argo GDAC (Coriolis)"),
            wms(f"{SEXTANT}/services/wms/argo", "argo_profiles"),
        ],
        formats=[NETCDF],
        platforms=[
            Platform(
                "ARGO-FLOAT", "Argo profiling float (ARVOR)", [("SBE41CP", "CTD"), ("AANDERAA-4330", "oxygen optode")]
            )
        ],
        published="2015-03-15",
        revised="2025-06-01",
    ),
    Spec(
        slug="argo-southern-ocean-kerguelen",
        fmt="gmi",
        lang="fr",
        title="Profils Argo et BGC-Argo autour du plateau de Kerguelen",
        title_alt="Argo and BGC-Argo profiles around the Kerguelen Plateau",
        abstract="Profils de température, salinité, chlorophylle-a, nitrate et oxygène des flotteurs BGC-Argo "
        "déployés autour du plateau de Kerguelen pour étudier l'efflorescence naturelle fertilisée par le fer.",
        abstract_alt="Temperature, salinity, chlorophyll-a, nitrate and oxygen profiles of BGC-Argo floats around "
        "the Kerguelen Plateau (natural iron fertilisation).",
        boxes=[(60.0, -56.0, 85.0, -44.0)],
        place="Kerguelen, océan Austral",
        start="2016-10-01",
        end=NOW,
        keywords=[
            gcmd(
                "EARTH SCIENCE > OCEANS > OCEAN CHEMISTRY > NITRATE",
                "EARTH SCIENCE > OCEANS > OCEAN CHEMISTRY > CHLOROPHYLL",
            ),
            platforms_kw("PROFILING FLOATS"),
            places("Kerguelen Islands", "Southern Ocean"),
        ],
        topics=["oceans", "biota"],
        contacts=[
            Contact("principalInvestigator", "LOV, Sorbonne Université / CNRS", "Vidal, Maëlle", "", orcid(422)),
            ODATIS,
        ],
        license="cc-by",
        formats=[NETCDF],
        platforms=[
            Platform(
                "BGC-ARGO",
                "Flotteur profileur biogéochimique (PROVOR CTS4)",
                [("SUNA", "capteur de nitrate"), ("ECO-FLBBCD", "fluorimètre")],
            )
        ],
        published="2019-01-30",
    ),
    Spec(
        slug="sst-mediterranean-l4",
        title="Mediterranean Sea surface temperature, daily L4 analysis at 1/16°",
        abstract="Gap-free daily sea surface temperature of the Mediterranean and Black Sea from optimal "
        "interpolation of infrared and microwave satellite observations.",
        boxes=[(-6.0, 30.0, 42.0, 47.0)],
        start="2008-01-01",
        end=NOW,
        keywords=[
            gcmd("EARTH SCIENCE > OCEANS > OCEAN TEMPERATURE > SEA SURFACE TEMPERATURE"),
            inspire("Oceanographic geographical features"),
            places("Mediterranean Sea"),
        ],
        topics=["oceans"],
        contacts=[
            Contact("originator", "CERSAT, Ifremer", "Brun, Stéphane", "cersat@ifremer.fr", orcid(423)),
            ODATIS,
        ],
        license="cc-by",
        links=[download("https://cersat.ifremer.fr/data/sst-med-l4"), wms(f"{SEXTANT}/services/wms/sst", "sst_med_l4")],
        formats=[NETCDF_CF],
        published="2012-07-01",
    ),
    Spec(
        slug="sst-global-odyssea",
        fmt="iso19115-3",
        lang="fr",
        title="Température de surface de la mer globale ODYSSEA, analyse quotidienne à 0,1°",
        title_alt="ODYSSEA global sea surface temperature, daily analysis at 0.1°",
        abstract="Analyse globale quotidienne multi-capteurs de la température de surface de la mer (SST), "
        "sans lacune, à 0,1° de résolution.",
        abstract_alt="Daily multi-sensor global gap-free sea surface temperature analysis at 0.1°.",
        doi=SEANOE_DOI.format(3),
        boxes=[(-180.0, -90.0, 180.0, 90.0)],
        start="2010-01-01",
        end=NOW,
        keywords=[
            gcmd("EARTH SCIENCE > OCEANS > OCEAN TEMPERATURE > SEA SURFACE TEMPERATURE"),
            gemet("température de l'eau"),
        ],
        topics=["oceans", "climatologyMeteorologyAtmosphere"],
        contacts=[
            Contact("originator", "CERSAT, Ifremer", "Brun, Stéphane", "cersat@ifremer.fr", orcid(423)),
            ODATIS,
        ],
        license="cc-by",
        formats=[NETCDF_CF],
        published="2016-05-05",
    ),
    Spec(
        slug="ocean-colour-chl-global",
        fmt="gmi",
        title="Global ocean colour: merged chlorophyll-a concentration (GlobColour), 4 km",
        abstract="Daily, 8-day and monthly chlorophyll-a concentration merged from SeaWiFS, MODIS, VIIRS and OLCI "
        "with the GSM model, 4 km global grid.",
        doi=SEANOE_DOI.format(4),
        boxes=[(-180.0, -90.0, 180.0, 90.0)],
        start="1997-09-04",
        end=NOW,
        keywords=[
            gcmd(
                "EARTH SCIENCE > OCEANS > OCEAN CHEMISTRY > CHLOROPHYLL",
                "EARTH SCIENCE > BIOSPHERE > ECOSYSTEMS > MARINE ECOSYSTEMS",
            ),
            platforms_kw("SENTINEL-3A", "AQUA"),
            instruments_kw("OLCI", "MODIS"),
        ],
        topics=["oceans", "biota"],
        contacts=[
            Contact("originator", "ACRI-ST", "", "globcolour@acri-st.fr"),
            Contact("pointOfContact", "Ifremer", "", "odatis@ifremer.fr"),
            ODATIS,
        ],
        license="cc-by",
        links=[
            download("https://hermes.acri.fr", "GlobColour archive"),
            wms(f"{SEXTANT}/services/wms/globcolour", "chl_monthly"),
        ],
        formats=[NETCDF],
        platforms=[
            Platform("SENTINEL-3A", "Copernicus Sentinel-3A", [("OLCI", "ocean and land colour imager")]),
            Platform("AQUA", "NASA Aqua", [("MODIS", "imaging spectroradiometer")]),
        ],
        published="2014-01-01",
    ),
    Spec(
        slug="glider-moose-section",
        title="Glider sections between Nice and Calvi (MOOSE observatory)",
        abstract="Repeated glider sections of temperature, salinity, oxygen and fluorescence across the Ligurian "
        "Sea between Nice and Calvi, about 15 sections per year.",
        boxes=[(7.2, 42.5, 8.8, 43.7)],
        place="Mer Ligure",
        start="2009-01-01",
        end=NOW,
        keywords=[
            gcmd("EARTH SCIENCE > OCEANS > OCEAN TEMPERATURE > WATER TEMPERATURE"),
            platforms_kw("GLIDERS"),
            free("MOOSE"),
        ],
        topics=["oceans"],
        contacts=[
            Contact(
                "principalInvestigator",
                "LOCEAN, Sorbonne Université / CNRS / IRD",
                "Chevalier, Bernard",
                "",
                orcid(424),
            ),
            Contact("pointOfContact", "DT-INSU, CNRS", "", "glider@dt.insu.cnrs.fr"),
            ODATIS,
        ],
        license="cc-by",
        links=[download("https://www.ego-network.org/moose", "EGO NetCDF files")],
        formats=[NETCDF],
        published="2013-02-02",
    ),
    Spec(
        slug="water-quality-rade-de-brest",
        lang="fr",
        title="Qualité des eaux côtières de la rade de Brest (SOMLIT) : nutriments, chlorophylle, salinité",
        title_alt="Coastal water quality in the Bay of Brest (SOMLIT): nutrients, chlorophyll, salinity",
        abstract="Suivi hebdomadaire de la qualité des eaux côtières à la station SOMLIT de Portzic (rade de Brest) : "
        "température, salinité, oxygène dissous, nitrate, phosphate, silicate, chlorophylle-a et matières en "
        "suspension. Données utiles pour la pêche côtière, la conchyliculture et la surveillance des "
        "efflorescences de phytoplancton toxique.",
        abstract_alt="Weekly coastal water quality survey at the SOMLIT Portzic station (Bay of Brest).",
        boxes=[(-4.552, 48.359, -4.552, 48.359)],
        place="Rade de Brest, Bretagne",
        start="1997-01-01",
        end=NOW,
        keywords=[
            gcmd("EARTH SCIENCE > OCEANS > OCEAN CHEMISTRY > NUTRIENTS"),
            inspire("Installations de suivi environnemental"),
            gemet("qualité de l'eau", "eau côtière"),
            places("Bretagne"),
        ],
        topics=["oceans", "environment"],
        contacts=[
            Contact("originator", "IUEM, Université de Bretagne Occidentale / CNRS", "Dupuis, Mathieu", "", orcid(425)),
            Contact("pointOfContact", "SOMLIT", "", "somlit@obs-mip.fr"),
            ODATIS,
        ],
        license="etalab",
        links=[
            download("https://www.somlit.fr/portzic", "Données SOMLIT"),
            wfs(f"{SEXTANT}/services/wfs", "somlit:stations"),
        ],
        formats=[CSV],
        published="2012-09-01",
    ),
    Spec(
        slug="rephy-phytoplankton-brittany",
        fmt="iso19115-3",
        lang="fr",
        title="REPHY : phytoplancton et phycotoxines sur le littoral breton",
        abstract="Observations du réseau REPHY sur la côte bretonne : flore phytoplanctonique totale, espèces "
        "toxiques (Dinophysis, Alexandrium, Pseudo-nitzschia) et phycotoxines dans les coquillages, pour la "
        "protection de la santé des consommateurs et de la pêche à pied.",
        boxes=[(-5.2, 47.2, -1.0, 48.9)],
        place="Bretagne",
        start="1987-01-01",
        end=NOW,
        keywords=[
            gcmd("EARTH SCIENCE > BIOSPHERE > ECOSYSTEMS > MARINE ECOSYSTEMS > COASTAL"),
            gemet("phytoplancton", "pêche à pied"),
            inspire("Zones de gestion, de restriction ou de réglementation et unités de déclaration"),
        ],
        topics=["oceans", "biota", "health"],
        contacts=[Contact("originator", IFREMER, "", "rephy@ifremer.fr"), ODATIS],
        license="etalab",
        links=[download("https://quadrige.ifremer.fr/rephy", "Quadrige extractions")],
        formats=[CSV],
        published="2017-04-04",
    ),
    Spec(
        slug="kerguelen-keops-cruise",
        fmt="datacite",
        title="KEOPS2 cruise: iron, carbon and nutrients above the Kerguelen Plateau",
        abstract="Dissolved iron, DIC, alkalinity, nutrients and phytoplankton pigments from the KEOPS2 cruise of "
        "R/V Marion Dufresne (October–November 2011) over the Kerguelen Plateau.",
        doi=SEANOE_DOI.format(5),
        boxes=[(66.0, -51.0, 75.0, -47.0)],
        place="Kerguelen Plateau",
        start="2011-10-08",
        end="2011-11-30",
        keywords=[gcmd("EARTH SCIENCE > OCEANS > OCEAN CHEMISTRY > IRON"), free("KEOPS", "Marion Dufresne")],
        contacts=[
            Contact("principalInvestigator", "LEMAR, IUEM", "Morvan, Jacqueline", "", orcid(426)),
            Contact("author", "LOV, Sorbonne Université", "Prigent, David", "", orcid(427)),
            Contact("publisher", "SEANOE"),
        ],
        license="cc-by",
        formats=[CSV],
        published="2014-06-06",
        funding=[("Agence nationale de la recherche (ANR)", "ANR-10-BLAN-DEMO")],
    ),
    Spec(
        slug="amazon-plume-water-levels",
        fmt="datacite",
        title="Water levels of the Amazon estuary and plume from satellite altimetry and tide gauges",
        abstract="Combined river and coastal water levels along the lower Amazon and its estuary, merging "
        "altimetric virtual stations (Jason, Sentinel-3, SWOT) with tide gauges, to study tidal propagation "
        "upstream and the freshwater plume. Published jointly by the ocean and land-surface hubs.",
        doi=SHARED_AMAZON_DOI,
        boxes=[(-56.0, -3.5, -47.0, 2.5)],
        place="Amazon estuary, Brazil",
        start="2008-01-01",
        end="2024-06-30",
        keywords=[
            gcmd(
                "EARTH SCIENCE > TERRESTRIAL HYDROSPHERE > SURFACE WATER > SURFACE WATER PROCESSES/MEASUREMENTS"
                " > STAGE HEIGHT",
                "EARTH SCIENCE > OCEANS > COASTAL PROCESSES > TIDAL EFFECTS",
            ),
            free("Amazon", "estuary", "altimetry"),
        ],
        contacts=[
            Contact("author", "LEGOS, IRD", "Quiniou, Gaby", "", orcid(428)),
            Contact("author", "Universidade Federal do Pará", "Oliveira, Beatriz", "", orcid(429)),
            Contact("publisher", "SEANOE"),
        ],
        license="cc-by",
        formats=[NETCDF, CSV],
        published="2024-09-01",
    ),
    Spec(
        slug="seanoe-cora-profiles",
        fmt="datacite",
        lang="fr",
        title="CORA : base de profils in situ de température et salinité, réanalysée",
        title_alt="CORA: reprocessed in-situ temperature and salinity profile database",
        abstract="Base de données globale de profils de température et de salinité (Argo, CTD, XBT, mouillages, "
        "gliders, animaux équipés) homogénéisée et contrôlée pour les réanalyses océaniques.",
        abstract_alt="Global homogenised and quality-controlled database of in-situ temperature and salinity "
        "profiles for ocean reanalyses.",
        doi=SEANOE_DOI.format(6),
        boxes=[(-180.0, -90.0, 180.0, 90.0)],
        start="1950-01-01",
        end="2023-12-31",
        keywords=[gcmd("EARTH SCIENCE > OCEANS > SALINITY/DENSITY > SALINITY"), free("CORA", "reanalysis")],
        contacts=[
            Contact("author", "Coriolis, Ifremer", "Kerhervé, Tanguy", "", orcid(430)),
            Contact("publisher", "SEANOE"),
        ],
        license="cc-by",
        formats=[NETCDF],
        published="2024-11-15",
        version="5.2",
    ),
    Spec(
        slug="fisheries-acoustic-bay-of-biscay",
        lang="fr",
        title="Campagnes PELGAS : évaluation acoustique des petits poissons pélagiques du golfe de Gascogne",
        abstract="Densités acoustiques d'anchois et de sardines, hydrologie et observations d'oiseaux et "
        "mammifères marins des campagnes printanières PELGAS, pour l'avis scientifique sur la pêche.",
        boxes=[(-6.0, 43.3, -1.2, 47.9)],
        place="Golfe de Gascogne",
        start="2000-04-15",
        end=NOW,
        keywords=[
            gcmd("EARTH SCIENCE > BIOSPHERE > ECOSYSTEMS > MARINE ECOSYSTEMS > PELAGIC"),
            gemet("pêche", "ressources halieutiques"),
            instruments_kw("ECHO SOUNDERS"),
        ],
        topics=["oceans", "biota", "farming"],
        contacts=[Contact("principalInvestigator", "Ifremer, unité EMH", "Rolland, Simon", "", orcid(431)), ODATIS],
        license="restricted",
        formats=[CSV, ("HAC", "")],
        published="2016-06-06",
    ),
    Spec(
        slug="mooring-dyfamed",
        title="DYFAMED time series station: hydrology and biogeochemistry",
        abstract="Monthly hydrological and biogeochemical profiles at the DYFAMED site in the Ligurian Sea.",
        boxes=[(7.87, 43.42, 7.87, 43.42)],
        start="1991-01-01",
        end=NOW,
        keywords=[gcmd("EARTH SCIENCE > OCEANS > OCEAN CHEMISTRY > OXYGEN")],
        topics=["oceans"],
        contacts=[
            Contact("pointOfContact", "Institut de la Mer de Villefranche (IMEV)", "", "dyfamed@imev-mer.fr"),
            ODATIS,
        ],
        license="cc-by",
        formats=[ASCII],
        published="2008-08-08",
    ),
    Spec(
        slug="bathymetry-french-polynesia",
        title="Multibeam bathymetry compilation of French Polynesia",
        abstract="Gridded multibeam bathymetry (100 m) around the Society, Tuamotu, Marquesas and Austral islands.",
        boxes=[(-155.0, -28.0, -134.0, -7.0)],
        place="Polynésie française",
        start="1995-01-01",
        end="2021-12-31",
        keywords=[gcmd("EARTH SCIENCE > OCEANS > BATHYMETRY/SEAFLOOR TOPOGRAPHY > BATHYMETRY"), inspire("Elevation")],
        topics=["oceans", "elevation"],
        contacts=[Contact("originator", SHOM, "", "bathy@shom.fr"), ODATIS],
        license="etalab",
        links=[wms("https://services.data.shom.fr/wms", "bathy_polynesie")],
        formats=[("GeoTIFF", "1.1"), ("BAG", "1.6")],
        published="2022-02-22",
    ),
    Spec(
        slug="currents-hf-radar-iroise",
        lang="fr",
        title="Courants de surface par radar HF en mer d'Iroise",
        abstract="Champs horaires de courants de surface mesurés par deux radars HF (Garchine et Brézellec), "
        "résolution 1,5 km.",
        boxes=[(-5.6, 47.9, -4.6, 48.6)],
        start="2006-06-01",
        end=NOW,
        keywords=[gcmd("EARTH SCIENCE > OCEANS > OCEAN CIRCULATION > OCEAN CURRENTS"), gemet("courant marin")],
        topics=["oceans"],
        contacts=[Contact("originator", SHOM, "", ""), Contact("pointOfContact", "LOPS, Ifremer", "", ""), ODATIS],
        license="etalab",
        formats=[NETCDF],
        published="2014-04-04",
    ),
    Spec(
        slug="sea-surface-salinity-smos",
        fmt="gmi",
        title="Sea surface salinity from SMOS, debiased L3 weekly maps",
        abstract="Weekly 25 km sea surface salinity maps from SMOS with latitudinal and land-sea contamination "
        "corrections.",
        doi=SEANOE_DOI.format(7),
        boxes=[(-180.0, -80.0, 180.0, 80.0)],
        start="2010-06-01",
        end=NOW,
        keywords=[gcmd("EARTH SCIENCE > OCEANS > SALINITY/DENSITY > OCEAN SALINITY"), platforms_kw("SMOS")],
        topics=["oceans"],
        contacts=[
            Contact("originator", "LOCEAN, CNRS / IRD / Sorbonne Université", "Sauvage, Marie", "", orcid(432)),
            ODATIS,
        ],
        license="cc-by",
        formats=[NETCDF],
        platforms=[Platform("SMOS", "Soil Moisture and Ocean Salinity (ESA)", [("MIRAS", "L-band radiometer")])],
        published="2018-10-10",
    ),
    Spec(
        slug="coral-reef-temperature-new-caledonia",
        lang="fr",
        title="Température de l'eau sur les récifs coralliens de Nouvelle-Calédonie",
        abstract="Enregistrements horaires de température par capteurs immergés sur 40 sites récifaux du lagon "
        "de Nouvelle-Calédonie, suivi du blanchissement corallien.",
        boxes=[(163.5, -23.0, 168.5, -19.5)],
        place="Nouvelle-Calédonie",
        start="1997-01-01",
        end=NOW,
        keywords=[
            gcmd("EARTH SCIENCE > OCEANS > OCEAN TEMPERATURE > WATER TEMPERATURE"),
            gemet("récif corallien"),
            places("Nouvelle-Calédonie"),
        ],
        topics=["oceans", "biota"],
        contacts=[Contact("originator", "IRD Nouméa, UMR ENTROPIE", "Urvoy, Yann", "", orcid(433)), ODATIS],
        license="cc-by",
        formats=[CSV],
        published="2020-02-20",
    ),
    Spec(
        slug="wave-buoys-candhis",
        lang="fr",
        title="Houle : mesures des bouées CANDHIS",
        abstract="Hauteur significative, période et direction de la houle mesurées par les bouées du réseau "
        "CANDHIS le long des côtes françaises.",
        boxes=[(-5.2, 43.3, -1.1, 48.6), (3.0, 42.4, 9.6, 43.6)],
        start="1998-01-01",
        end=NOW,
        keywords=[gcmd("EARTH SCIENCE > OCEANS > OCEAN WAVES > SIGNIFICANT WAVE HEIGHT")],
        topics=["oceans"],
        contacts=[Contact("originator", "Cerema"), ODATIS],
        license="etalab",
        formats=[CSV],
        published="2010-10-10",
    ),
    Spec(
        slug="microplastics-mediterranean",
        fmt="datacite",
        title="Floating microplastics in the Mediterranean Sea: manta net samples",
        abstract="Concentrations and polymer types of floating microplastics from manta net tows across the "
        "Mediterranean.",
        doi=SEANOE_DOI.format(8),
        boxes=[(-5.0, 31.0, 36.0, 45.0)],
        start="2014-06-01",
        end="2019-09-30",
        keywords=[gcmd("EARTH SCIENCE > OCEANS > MARINE ENVIRONMENT MONITORING"), free("microplastics")],
        contacts=[
            Contact("author", "Ifremer", "Zimmer, Jean-Christophe", "", orcid(434)),
            Contact("publisher", "SEANOE"),
        ],
        license="cc-by",
        formats=[CSV],
        published="2021-12-12",
    ),
    Spec(
        slug="ctd-wallis-futuna-cruise",
        title="CTD casts around Wallis and Futuna (research cruise)",
        abstract="Temperature, salinity and oxygen profiles from 60 CTD stations around Wallis and Futuna.",
        boxes=[(-178.5, -14.6, -175.8, -12.9)],
        place="Wallis-et-Futuna",
        start="2018-03-01",
        end="2018-03-28",
        keywords=[
            gcmd("EARTH SCIENCE > OCEANS > OCEAN TEMPERATURE > WATER TEMPERATURE"),
            instruments_kw("CTD"),
            places("Wallis and Futuna"),
        ],
        topics=["oceans"],
        contacts=[Contact("principalInvestigator", "IRD", "Carré, François", "", orcid(435)), ODATIS],
        license="cc-by",
        formats=[NETCDF],
        published="2019-09-09",
    ),
]
