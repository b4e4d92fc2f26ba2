"""Form@ter (solid Earth) demo datasets. Names, people, values and DOI suffixes are invented."""

from __future__ import annotations

from .spec import (
    CSV,
    GEOTIFF,
    MINISEED,
    NETCDF,
    NOW,
    RINEX,
    SHAPEFILE,
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

IPGP_DOI = "10.18715/DEMO-{:04d}"
EOST_DOI = "10.25577/DEMO-{:04d}"
CNES_DOI = "10.24400/DEMO-{:04d}"
FORMATER = Contact("publisher", "Form@ter / Data Terra", "", "contact@poleterresolide.fr")
IPGP = "Institut de physique du globe de Paris (IPGP)"
EOST = "École et Observatoire des Sciences de la Terre (EOST), Université de Strasbourg / CNRS"
ISTERRE = "ISTerre, Université Grenoble Alpes / CNRS / IRD"

GNSS_STATIONS = [
    # code, name, lon, lat, start, end
    ("MLVL", "Marne-la-Vallée", 2.587, 48.841, "1999-01-01", NOW),
    ("STJ9", "Strasbourg", 7.684, 48.622, "2005-06-01", NOW),
    ("MODA", "Modane", 6.714, 45.212, "2002-03-01", NOW),
    ("AJAC", "Ajaccio", 8.763, 41.927, "2000-01-01", NOW),
    ("BRST", "Brest", -4.496, 48.380, "1998-01-01", NOW),
    ("TLSE", "Toulouse", 1.481, 43.561, "1997-01-01", "2021-12-31"),
    ("REUN", "La Réunion (Le Tampon)", 55.572, -21.208, "2008-04-01", NOW),
    ("NOUM", "Nouméa", 166.410, -22.270, "2004-01-01", NOW),
]


def _gnss(index: int, station: tuple) -> Spec:
    code, name, lon, lat, start, end = station
    fr = index % 2 == 0
    return Spec(
        slug=f"gnss-{code.lower()}",
        lang="fr" if fr else "en",
        title=f"Série temporelle de positions GNSS de la station {code} ({name})"
        if fr
        else f"GNSS daily position time series of station {code} ({name})",
        title_alt=f"GNSS daily position time series of station {code} ({name})" if fr and index % 4 == 0 else "",
        abstract=(
            f"Positions journalières (est, nord, verticale) de la station permanente {code} calculées en "
            f"double différence dans l'ITRF2020, avec les fichiers d'observation RINEX 30 s bruts. Les sauts "
            f"dus aux changements d'antenne sont documentés."
        )
        if fr
        else (
            f"Daily east, north and up positions of the permanent station {code} in ITRF2020 from a "
            f"double-difference solution, with the raw 30 s RINEX observation files. Offsets due to antenna "
            f"changes are documented."
        ),
        parent=series_id("renag-gnss-series"),
        boxes=[(lon, lat, lon, lat)],
        place=name,
        start=start,
        end=end,
        keywords=[
            gcmd(
                "EARTH SCIENCE > SOLID EARTH > GEODETICS > GEODETIC POSITIONING",
                "EARTH SCIENCE > SOLID EARTH > TECTONICS > PLATE TECTONICS > STRAIN",
            ),
            inspire("Référentiels de coordonnées" if fr else "Coordinate reference systems"),
            instruments_kw("GNSS RECEIVERS"),
            free("RENAG", code),
        ],
        topics=["geoscientificInformation"],
        contacts=[
            Contact("pointOfContact", "RESIF-RENAG, Observatoire de la Côte d'Azur", "", "renag@resif.fr"),
            Contact("originator", "Géoazur, CNRS / OCA / IRD", "Rivière, Aline", "", orcid(300 + index)),
            FORMATER,
        ],
        license="cc-by",
        links=[
            download(f"https://gnss-products.resif.fr/{code}", f"{code} RINEX and positions"),
            doc("https://renag.resif.fr", "RENAG network"),
        ],
        formats=[RINEX, CSV],
        published=f"{2012 + index}-01-15",
        datestamp=f"2025-03-{index + 1:02d}T10:00:00Z",
    )


SPECS: list[Spec] = [
    Spec(
        slug="renag-gnss-series",
        level="series",
        lang="fr",
        title="Réseau GNSS permanent RENAG : observations et positions",
        title_alt="RENAG permanent GNSS network: observations and positions",
        abstract="Ensemble des stations GNSS permanentes du réseau national RENAG (métropole et outre-mer) : "
        "fichiers RINEX, positions journalières et vitesses.",
        abstract_alt="All permanent GNSS stations of the French RENAG network: RINEX files, daily positions and "
        "velocities.",
        doi="10.15778/DEMO-RENAG",
        boxes=[(-5.5, 41.0, 10.0, 51.5), (55.2, -21.4, 55.9, -20.8), (163.5, -22.8, 168.2, -19.5)],
        place="France métropolitaine, La Réunion, Nouvelle-Calédonie",
        start="1997-01-01",
        end=NOW,
        keywords=[gcmd("EARTH SCIENCE > SOLID EARTH > GEODETICS"), inspire("Référentiels de coordonnées")],
        topics=["geoscientificInformation"],
        contacts=[
            Contact("pointOfContact", "RESIF-RENAG, Observatoire de la Côte d'Azur", "", "renag@resif.fr"),
            FORMATER,
        ],
        links=[doc("https://renag.resif.fr", "RENAG network")],
        formats=[RINEX],
        published="2011-06-01",
    ),
    *[_gnss(i, station) for i, station in enumerate(GNSS_STATIONS)],
    Spec(
        slug="insar-etna-sentinel1",
        fmt="gmi",
        title="Ground deformation of Mount Etna from Sentinel-1 InSAR time series",
        abstract="Line-of-sight displacement time series and mean velocity maps of Mount Etna from ascending and "
        "descending Sentinel-1 interferometric wide-swath acquisitions, processed with a small-baseline approach "
        "(NSBAS) at 30 m resolution.",
        doi=CNES_DOI.format(1),
        boxes=[(14.75, 37.55, 15.30, 37.95)],
        place="Etna, Sicile",
        start="2014-10-01",
        end=NOW,
        keywords=[
            gcmd(
                "EARTH SCIENCE > SOLID EARTH > TECTONICS > VOLCANIC ACTIVITY > MAGMA MOVEMENT",
                "EARTH SCIENCE > SOLID EARTH > GEOMORPHIC LANDFORMS/PROCESSES > TECTONIC LANDFORMS",
            ),
            platforms_kw("SENTINEL-1A", "SENTINEL-1B"),
            instruments_kw("SAR"),
            free("InSAR", "FLATSIM"),
        ],
        topics=["geoscientificInformation", "imageryBaseMapsEarthCover"],
        contacts=[
            Contact("principalInvestigator", ISTERRE, "Salaün, Jean-Luc", "", orcid(310)),
            Contact("pointOfContact", "Form@ter / CNES", "", "flatsim@poleterresolide.fr"),
            FORMATER,
        ],
        links=[
            download("https://flatsim.poleterresolide.fr/etna", "Velocity maps and time series"),
            wms("https://flatsim.poleterresolide.fr/wms", "etna_los_velocity"),
        ],
        formats=[GEOTIFF, NETCDF],
        platforms=[
            Platform("SENTINEL-1A", "Copernicus Sentinel-1A", [("C-SAR", "synthetic aperture radar")]),
            Platform("SENTINEL-1B", "Copernicus Sentinel-1B", [("C-SAR", "synthetic aperture radar")]),
        ],
        published="2022-09-15",
        revised="2025-04-01",
        version="1.2",
    ),
    Spec(
        slug="insar-piton-fournaise",
        fmt="gmi",
        lang="fr",
        title="Déformation du Piton de la Fournaise par interférométrie radar (Sentinel-1, CSK)",
        title_alt="Piton de la Fournaise ground deformation from radar interferometry (Sentinel-1, CSK)",
        abstract="Interférogrammes co-éruptifs et séries temporelles de déplacement du Piton de la Fournaise "
        "(La Réunion), produits automatiquement après chaque éruption par la chaîne OI² de l'OVPF.",
        abstract_alt="Co-eruptive interferograms and displacement time series of Piton de la Fournaise, produced "
        "after each eruption by the OVPF OI² processing chain.",
        doi=IPGP_DOI.format(1),
        boxes=[(55.62, -21.33, 55.83, -21.17)],
        place="Piton de la Fournaise, La Réunion",
        start="2015-03-01",
        end=NOW,
        keywords=[
            gcmd("EARTH SCIENCE > SOLID EARTH > TECTONICS > VOLCANIC ACTIVITY > ERUPTION DYNAMICS"),
            inspire("Zones à risque naturel"),
            platforms_kw("SENTINEL-1A", "COSMO-SKYMED"),
            places("La Réunion"),
        ],
        topics=["geoscientificInformation"],
        contacts=[
            Contact(
                "principalInvestigator",
                f"Observatoire volcanologique du Piton de la Fournaise, {IPGP}",
                "Tissier, Erwan",
                "ovpf@ipgp.fr",
                orcid(311),
            ),
            Contact("originator", "Laboratoire Magmas et Volcans (LMV)", "Vasseur, Gaëlle", "", orcid(312)),
            FORMATER,
        ],
        license="etalab",
        links=[download("https://oi2.ipgp.fr/fournaise", "Interférogrammes")],
        formats=[GEOTIFF],
        platforms=[
            Platform("SENTINEL-1A", "Copernicus Sentinel-1A", [("C-SAR", "radar à synthèse d'ouverture")]),
            Platform("COSMO-SKYMED", "COSMO-SkyMed (ASI)", [("SAR-2000", "radar bande X")]),
        ],
        published="2018-05-20",
    ),
    Spec(
        slug="insar-alps-velocity",
        fmt="iso19115-3",
        title="Alpine ground velocity map from Sentinel-1 InSAR (2015–2023)",
        abstract="Mean line-of-sight and decomposed vertical/east velocities over the western Alps, revealing "
        "slow landslides (Séchilienne, La Clapière) and post-glacial uplift at the sub-mm/yr level.",
        boxes=[(5.0, 43.8, 8.2, 46.6)],
        place="Alpes occidentales",
        start="2015-01-01",
        end="2023-12-31",
        keywords=[
            gcmd("EARTH SCIENCE > SOLID EARTH > GEOMORPHIC LANDFORMS/PROCESSES > MASS MOVEMENT"),
            inspire("Natural risk zones"),
            free("landslides", "glacial isostatic adjustment"),
        ],
        topics=["geoscientificInformation", "elevation"],
        contacts=[Contact("originator", ISTERRE, "Weber, Anne", "", orcid(313)), FORMATER],
        license="cc-by",
        links=[
            download("https://formater.poleterresolide.fr/alps-velocity"),
            wms("https://formater.poleterresolide.fr/wms", "alps_vertical_velocity"),
        ],
        formats=[GEOTIFF],
        published="2024-06-06",
    ),
    Spec(
        slug="seismicity-france-bcsf",
        lang="fr",
        title="Catalogue de la sismicité de la France métropolitaine (BCSF-RéNaSS)",
        title_alt="Seismicity catalogue of metropolitan France (BCSF-RéNaSS)",
        abstract="Localisations et magnitudes des séismes enregistrés par les réseaux permanents français, "
        "révisées manuellement, magnitude de complétude ~1.5. <i>Mise à jour quotidienne.</i>",
        abstract_alt="Locations and magnitudes of earthquakes recorded by the French permanent networks.",
        doi=EOST_DOI.format(1),
        boxes=[(-6.0, 41.0, 10.5, 51.5)],
        start="1980-01-01",
        end=NOW,
        keywords=[
            gcmd(
                "EARTH SCIENCE > SOLID EARTH > EARTHQUAKES > SEISMIC PROFILE",
                "EARTH SCIENCE > SOLID EARTH > EARTHQUAKES > EARTHQUAKE OCCURRENCES",
            ),
            inspire("Zones à risque naturel"),
            gemet("séisme"),
        ],
        topics=["geoscientificInformation"],
        contacts=[
            Contact("pointOfContact", "BCSF-RéNaSS, EOST", "", "sismo@unistra.fr"),
            Contact("originator", EOST),
            FORMATER,
        ],
        license="etalab",
        links=[
            download("https://renass.unistra.fr/fdsnws/event/1/query", "FDSN event web service"),
            wfs("https://renass.unistra.fr/wfs", "renass:events"),
        ],
        formats=[("QuakeML", "1.2"), CSV],
        published="2015-01-01",
        revised="2025-06-01",
    ),
    Spec(
        slug="mayotte-seismic-swarm",
        fmt="datacite",
        title="Seismicity of the 2018–2021 Mayotte submarine eruption crisis",
        abstract="Relocated hypocentres of the seismic swarm that accompanied the birth of the Fani Maoré "
        "submarine volcano east of Mayotte, from land stations and ocean-bottom seismometers (REVOSIMA).",
        doi=IPGP_DOI.format(2),
        boxes=[(44.9, -13.2, 45.9, -12.5)],
        place="Mayotte, Comores",
        start="2018-05-10",
        end="2021-12-31",
        keywords=[
            gcmd("EARTH SCIENCE > SOLID EARTH > EARTHQUAKES > EARTHQUAKE OCCURRENCES"),
            free("REVOSIMA", "Fani Maoré", "ocean-bottom seismometer"),
        ],
        contacts=[
            Contact("author", IPGP, "Yvon, Arnaud", "", orcid(314)),
            Contact("author", "BRGM", "Achard, Allan", "", orcid(315)),
            Contact("publisher", IPGP),
            Contact("pointOfContact", "REVOSIMA", "", "revosima@ipgp.fr"),
        ],
        license="cc-by",
        formats=[("QuakeML", "1.2"), CSV],
        published="2022-03-01",
        funding=[("Ministère de la Transition écologique", "")],
    ),
    Spec(
        slug="tonga-kermadec-seismicity",
        title="Relocated intermediate-depth seismicity of the Tonga–Kermadec subduction zone",
        abstract="Double-difference relocation of 12,000 intermediate-depth earthquakes along the Tonga–Kermadec "
        "slab, straddling the 180° meridian.",
        boxes=[(172.0, -38.0, -172.0, -14.0)],
        place="Tonga, Kermadec",
        start="1990-01-01",
        end="2020-12-31",
        keywords=[
            gcmd("EARTH SCIENCE > SOLID EARTH > TECTONICS > PLATE TECTONICS > SUBDUCTION"),
            places("Tonga", "Kermadec Islands", "Fiji"),
        ],
        topics=["geoscientificInformation"],
        contacts=[Contact("author", EOST, "Zhou, Ying", "", orcid(316)), FORMATER],
        license="cc-by",
        formats=[CSV],
        published="2021-11-11",
    ),
    Spec(
        slug="magnetic-chambon-la-foret",
        fmt="gmi",
        lang="fr",
        title="Observatoire magnétique de Chambon-la-Forêt (CLF) : variations du champ géomagnétique",
        abstract="Valeurs définitives minute et seconde des composantes du champ magnétique terrestre (X, Y, Z, F) "
        "à l'observatoire INTERMAGNET de Chambon-la-Forêt (Loiret), en service depuis 1936.",
        doi=IPGP_DOI.format(3),
        boxes=[(2.260, 48.025, 2.260, 48.025)],
        place="Chambon-la-Forêt, Loiret",
        start="1936-01-01",
        end=NOW,
        keywords=[
            gcmd("EARTH SCIENCE > SOLID EARTH > GEOMAGNETISM > MAGNETIC FIELD"),
            free("INTERMAGNET", "CLF"),
            instruments_kw("FLUXGATE MAGNETOMETERS"),
        ],
        topics=["geoscientificInformation"],
        contacts=[
            Contact("pointOfContact", "Bureau central de magnétisme terrestre (BCMT), IPGP", "", "bcmt@ipgp.fr"),
            Contact("principalInvestigator", IPGP, "Bodin, Jérôme", "", orcid(317)),
            FORMATER,
        ],
        license="cc-by",
        links=[
            download("https://www.bcmt.fr/data/clf", "Données IAGA-2002"),
            doc("https://www.intermagnet.org", "INTERMAGNET"),
        ],
        formats=[("IAGA-2002", ""), ("ImagCDF", "1.2")],
        platforms=[
            Platform(
                "CLF",
                "Observatoire magnétique de Chambon-la-Forêt",
                [("VM391", "variomètre fluxgate"), ("GSM90", "magnétomètre scalaire Overhauser")],
            )
        ],
        published="2014-02-02",
    ),
    Spec(
        slug="magnetic-observatories-bcmt",
        level="series",
        title="BCMT network of magnetic observatories",
        abstract="Magnetic observatories run by the Bureau central de magnétisme terrestre in France, the Indian "
        "Ocean, Africa and the Pacific.",
        boxes=[
            (2.260, 48.025, 2.260, 48.025),
            (70.262, -49.353, 70.262, -49.353),
            (38.766, 9.035, 38.766, 9.035),
            (-149.575, -17.567, -149.575, -17.567),
        ],
        place="Chambon-la-Forêt, Port-aux-Français, Addis-Abeba, Pamatai",
        start="1936-01-01",
        end=NOW,
        keywords=[gcmd("EARTH SCIENCE > SOLID EARTH > GEOMAGNETISM"), free("INTERMAGNET")],
        topics=["geoscientificInformation"],
        contacts=[Contact("pointOfContact", "BCMT, IPGP / EOST", "", "bcmt@ipgp.fr"), FORMATER],
        license="cc-by",
        links=[doc("https://www.bcmt.fr", "BCMT")],
        formats=[("IAGA-2002", "")],
        published="2010-01-01",
    ),
    Spec(
        slug="dem-piton-fournaise-pleiades",
        lang="fr",
        title="Modèle numérique de terrain du Piton de la Fournaise à 1 m (Pléiades, 2019)",
        abstract="MNT à 1 m et orthoimage à 0,5 m du massif du Piton de la Fournaise calculés par stéréo-"
        "photogrammétrie à partir d'un triplet Pléiades acquis le 22 octobre 2019.",
        boxes=[(55.60, -21.35, 55.85, -21.15)],
        start="2019-10-22",
        instant=True,
        keywords=[
            gcmd("EARTH SCIENCE > LAND SURFACE > TOPOGRAPHY > TERRAIN ELEVATION"),
            inspire("Altitude"),
            platforms_kw("PLEIADES-1A"),
        ],
        topics=["elevation", "imageryBaseMapsEarthCover"],
        contacts=[
            Contact("originator", "Laboratoire Magmas et Volcans (LMV)", "Colin, Loïc", "", orcid(318)),
            Contact("pointOfContact", "Form@ter / DSM-OPT", "", "dsm-opt@poleterresolide.fr"),
            FORMATER,
        ],
        license="restricted",
        links=[
            download("https://formater.poleterresolide.fr/dem/fournaise-2019", "MNT GeoTIFF"),
            wms("https://formater.poleterresolide.fr/wms", "fournaise_dem_2019_hillshade"),
        ],
        formats=[GEOTIFF],
        published="2020-04-14",
    ),
    Spec(
        slug="dem-etna-tinitaly",
        fmt="iso19115-3",
        title="High-resolution DEM time series of Etna summit craters",
        abstract="Digital elevation models of the summit area of Mount Etna derived from tri-stereo satellite "
        "imagery, used to compute lava flow volumes and effusion rates.",
        boxes=[(14.95, 37.70, 15.05, 37.78)],
        start="2011-01-01",
        end="2022-12-31",
        keywords=[gcmd("EARTH SCIENCE > LAND SURFACE > TOPOGRAPHY > TERRAIN ELEVATION"), inspire("Elevation")],
        topics=["elevation"],
        contacts=[
            Contact("originator", "Laboratoire Magmas et Volcans (LMV)", "Ferraro, Luca", "", orcid(319)),
            FORMATER,
        ],
        license="cc-by",
        formats=[GEOTIFF],
        published="2023-01-20",
    ),
    Spec(
        slug="dem-alps-glaciers",
        fmt="iso19115-3",
        lang="fr",
        title="MNT multi-dates des glaciers du massif du Mont-Blanc",
        title_alt="Multi-temporal DEMs of Mont-Blanc massif glaciers",
        abstract="Modèles numériques de surface (4 m) des glaciers du massif du Mont-Blanc de 2012 à 2022, et "
        "cartes de changement d'altitude associées.",
        abstract_alt="Surface elevation models (4 m) of Mont-Blanc glaciers, 2012–2022, and elevation change maps.",
        boxes=[(6.75, 45.75, 7.10, 46.00)],
        start="2012-08-01",
        end="2022-09-30",
        keywords=[
            gcmd("EARTH SCIENCE > CRYOSPHERE > GLACIERS/ICE SHEETS > GLACIER TOPOGRAPHY/ICE SHEET TOPOGRAPHY"),
            inspire("Altitude"),
        ],
        topics=["elevation", "environment"],
        contacts=[
            Contact("originator", "IGE, Université Grenoble Alpes", "Duval, Franck", "", orcid(320)),
            Contact("pointOfContact", "IGN", "", ""),
            FORMATER,
        ],
        license="etalab",
        formats=[GEOTIFF],
        published="2023-05-05",
    ),
    Spec(
        slug="seismic-waveforms-resif-fr",
        fmt="datacite",
        title="RESIF-RLBP French broadband seismic network waveforms",
        abstract="Continuous broadband seismic waveforms (100 Hz) of the permanent French broadband network, "
        "distributed through FDSN web services.",
        doi="10.15778/DEMO-RESIF-FR",
        boxes=[(-5.5, 41.0, 10.0, 51.5)],
        place="France",
        start="1995-01-01",
        end=NOW,
        keywords=[gcmd("EARTH SCIENCE > SOLID EARTH > EARTHQUAKES > SEISMIC PROFILE"), free("FDSN", "broadband")],
        contacts=[
            Contact("author", "RESIF", "", ""),
            Contact("publisher", "RESIF"),
            Contact("pointOfContact", "RESIF data centre", "", "sismo-help@resif.fr"),
        ],
        license="cc-by",
        formats=[("miniSEED", "2.4"), ("StationXML", "1.1")],
        published="1995-01-01",
    ),
    Spec(
        slug="antilles-volcano-seismicity",
        fmt="datacite",
        lang="fr",
        title="Sismicité volcanique de la Soufrière de Guadeloupe et de la Montagne Pelée",
        title_alt="Volcanic seismicity of La Soufrière (Guadeloupe) and Mount Pelée",
        abstract="Catalogue des séismes volcano-tectoniques et longue-période localisés par les observatoires "
        "volcanologiques et sismologiques de Guadeloupe et de Martinique.",
        abstract_alt="Catalogue of volcano-tectonic and long-period events located by the Guadeloupe and "
        "Martinique volcano observatories.",
        doi=IPGP_DOI.format(4),
        boxes=[(-61.72, 15.99, -61.62, 16.08), (-61.20, 14.76, -61.10, 14.86)],
        place="Guadeloupe, Martinique",
        start="2000-01-01",
        end=NOW,
        keywords=[gcmd("EARTH SCIENCE > SOLID EARTH > TECTONICS > VOLCANIC ACTIVITY"), free("OVSG", "OVSM")],
        contacts=[Contact("author", IPGP, "Bellini, Chiara", "", orcid(321)), Contact("publisher", IPGP)],
        license="cc-by",
        formats=[CSV, MINISEED],
        published="2020-12-01",
    ),
    Spec(
        slug="gravity-absolute-france",
        title="Absolute gravity measurements at French reference stations",
        abstract="Absolute gravity values measured with FG5 gravimeters at the stations of the French gravity "
        "reference network, with tidal and atmospheric corrections.",
        boxes=[(-4.5, 42.5, 7.8, 50.5)],
        start="1996-01-01",
        end="2024-12-31",
        keywords=[
            gcmd("EARTH SCIENCE > SOLID EARTH > GRAVITY/GRAVITATIONAL FIELD > GRAVITATIONAL FIELD"),
            instruments_kw("GRAVIMETERS"),
        ],
        topics=["geoscientificInformation"],
        contacts=[Contact("pointOfContact", EOST, "Fleury, Cécile", "", orcid(322)), FORMATER],
        license="cc-by",
        formats=[CSV],
        published="2018-03-12",
    ),
    Spec(
        slug="geological-map-vector",
        title="Simplified geological map of France at 1:1,000,000 (vector)",
        abstract="Vector geological units, faults and lithologies of France at 1:1,000,000, for regional studies.",
        boxes=[(-5.5, 41.0, 10.0, 51.5)],
        start="2003-01-01",
        instant=True,
        keywords=[inspire("Geology"), gemet("geological map")],
        topics=["geoscientificInformation"],
        contacts=[Contact("originator", "BRGM"), FORMATER],
        license="etalab",
        links=[
            wms("https://geoservices.brgm.fr/geologie", "GEOLOGIE_1M"),
            wfs("https://geoservices.brgm.fr/wfs", "geol_1M"),
        ],
        formats=[SHAPEFILE],
        published="2003-06-01",
    ),
    Spec(
        slug="gnss-tropo-delays",
        fmt="iso19115-3",
        title="Zenith tropospheric delays from the French GNSS networks",
        abstract="Hourly zenith total delays and integrated water vapour estimated at 300 GNSS stations, used for "
        "meteorological assimilation and climate studies.",
        boxes=[(-5.5, 41.0, 10.0, 51.5)],
        start="2010-01-01",
        end=NOW,
        keywords=[
            gcmd(
                "EARTH SCIENCE > ATMOSPHERE > ATMOSPHERIC WATER VAPOR > WATER VAPOR INDICATORS > "
                "TOTAL PRECIPITABLE WATER"
            ),
            free("GNSS meteorology"),
        ],
        topics=["geoscientificInformation", "climatologyMeteorologyAtmosphere"],
        contacts=[Contact("originator", "IGN / LAREG", "Gillet, Pascal", "", orcid(323)), FORMATER],
        license="etalab",
        formats=[("SINEX_TRO", "2.00"), NETCDF],
        published="2019-09-09",
    ),
    Spec(
        slug="sentinel1-interferograms-catalogue",
        fmt="datacite",
        title="FLATSIM automated Sentinel-1 interferograms over tectonic areas",
        abstract="Wrapped and unwrapped interferograms and displacement time series produced systematically by "
        "the FLATSIM service over Tibet, the Andes, the East African rift and the Alpine–Himalayan belt.",
        doi=CNES_DOI.format(2),
        boxes=[(75.0, 27.0, 105.0, 40.0), (-80.0, -40.0, -65.0, -10.0), (28.0, -12.0, 42.0, 15.0)],
        place="Tibet, Andes, East African rift",
        start="2014-10-01",
        end=NOW,
        keywords=[gcmd("EARTH SCIENCE > SOLID EARTH > TECTONICS > EARTHQUAKE MOTIONS"), free("FLATSIM")],
        contacts=[
            Contact("author", ISTERRE, "Huet, Noémie", "", orcid(324)),
            Contact("publisher", "CNES"),
            Contact("pointOfContact", "Form@ter", "", "flatsim@poleterresolide.fr"),
        ],
        license="cc-by",
        formats=[GEOTIFF, NETCDF],
        published="2021-03-03",
        related=[("10.24400/DEMO-0001", "DOI", "References")],
    ),
    Spec(
        slug="seismic-noise-tomography-alps",
        title="Ambient-noise tomography model of the Alpine crust (AlpArray)",
        abstract="3-D shear-wave velocity model of the Alpine crust from ambient seismic noise recorded by the "
        "AlpArray temporary network.",
        boxes=[(2.0, 42.0, 17.0, 50.0)],
        keywords=[
            gcmd("EARTH SCIENCE > SOLID EARTH > ROCKS/MINERALS/CRYSTALS > SEISMIC VELOCITY"),
            free("AlpArray", "tomography"),
        ],
        topics=["geoscientificInformation"],
        contacts=[Contact("author", ISTERRE, "Jacob, Alexandre", "", orcid(325)), FORMATER],
        license="cc-by",
        formats=[NETCDF],
        published="2022-02-02",
    ),
    Spec(
        slug="landslide-inventory-alps",
        fmt="iso19115-3",
        lang="fr",
        title="Inventaire des mouvements de terrain actifs des Alpes françaises",
        abstract="Polygones des glissements de terrain actifs détectés par InSAR et corrélation d'images optiques.",
        boxes=[(5.5, 44.0, 7.7, 46.4)],
        start="2015-01-01",
        end="2023-12-31",
        keywords=[
            gcmd("EARTH SCIENCE > SOLID EARTH > GEOMORPHIC LANDFORMS/PROCESSES > MASS MOVEMENT"),
            inspire("Zones à risque naturel"),
        ],
        topics=["geoscientificInformation"],
        contacts=[Contact("originator", ISTERRE, "Leroux, Laurent", "", orcid(326)), FORMATER],
        license="etalab",
        links=[wfs("https://formater.poleterresolide.fr/wfs", "landslides_alps")],
        formats=[SHAPEFILE],
        published="2024-03-03",
    ),
    Spec(
        slug="gnss-velocities-new-caledonia-vanuatu",
        title="GNSS velocity field of New Caledonia, Vanuatu and Fiji",
        abstract="Horizontal and vertical GNSS velocities of campaign and permanent sites across the Vanuatu "
        "subduction and the Fiji platform, whose extent crosses the antimeridian.",
        boxes=[(163.0, -23.0, -178.0, -13.0)],
        start="1996-01-01",
        end="2022-12-31",
        keywords=[
            gcmd("EARTH SCIENCE > SOLID EARTH > TECTONICS > PLATE TECTONICS > PLATE BOUNDARIES"),
            places("New Caledonia", "Vanuatu", "Fiji"),
        ],
        topics=["geoscientificInformation"],
        contacts=[Contact("author", "Géoazur, IRD", "Maillard, Florence", "", orcid(327)), FORMATER],
        license="cc-by",
        formats=[CSV, ("SINEX", "2.02")],
        published="2023-04-04",
    ),
    Spec(
        slug="paleomagnetic-database",
        level="nonGeographicDataset",
        fmt="datacite",
        title="Compilation of paleomagnetic directions from French volcanic rocks",
        abstract="Paleomagnetic directions and intensities measured on lava flows, compiled from the literature "
        "and laboratory archives.",
        doi=IPGP_DOI.format(5),
        keywords=[gcmd("EARTH SCIENCE > SOLID EARTH > GEOMAGNETISM > PALEOMAGNETISM")],
        contacts=[Contact("author", IPGP, "Pasquier, Virginie", "", orcid(328)), Contact("publisher", IPGP)],
        license="cc0",
        formats=[CSV],
        published="2020-10-10",
    ),
]
