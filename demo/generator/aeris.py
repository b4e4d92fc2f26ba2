"""AERIS (atmosphere) demo datasets. Names, people, values and DOI suffixes are invented (DOIs end in DEMO-nnnn)."""

from __future__ import annotations

from .spec import (
    ASCII,
    CSV,
    HDF5,
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
    wms,
)

AERIS_DOI = "10.25326/DEMO-{:04d}"
SEDOO = "https://www.aeris-data.fr/catalogue"
ICARE = "https://www.icare.univ-lille.fr/data-access"


def _aeris(email: str = "contact@aeris-data.fr") -> Contact:
    return Contact("publisher", "AERIS / Data Terra", "", email)


def _loa(person: str = "", orcid_seed: int = 0, role: str = "principalInvestigator") -> Contact:
    return Contact(
        role,
        "Laboratoire d'Optique Atmosphérique (LOA), CNRS / Université de Lille",
        person,
        "loa-photons@univ-lille.fr",
        orcid(orcid_seed) if orcid_seed else "",
    )


AERONET_SITES = [
    # slug, name, lon, lat, start, end, lang
    ("lille", "Lille", 3.142, 50.612, "1994-06-01", NOW, "fr"),
    ("palaiseau", "Palaiseau (SIRTA)", 2.208, 48.713, "1999-03-15", NOW, "fr"),
    ("carpentras", "Carpentras", 5.058, 44.083, "2003-07-01", "2019-12-31", "fr"),
    ("mbour", "M'Bour (Sénégal)", -16.959, 14.394, "1996-01-10", NOW, "en"),
    ("banizoumbou", "Banizoumbou (Niger)", 2.665, 13.541, "1995-10-01", NOW, "en"),
    ("tamanrasset", "Tamanrasset (Algérie)", 5.530, 22.790, "2006-09-01", "2018-06-30", "en"),
    ("ny-alesund", "Ny-Ålesund (Svalbard)", 11.922, 78.923, "2002-04-01", NOW, "en"),
    ("saint-denis", "Saint-Denis, La Réunion", 55.485, -20.901, "2004-05-01", NOW, "fr"),
]


def _aeronet(index: int, site: tuple) -> Spec:
    slug, name, lon, lat, start, end, lang = site
    fr = lang == "fr"
    title_fr = f"Épaisseur optique des aérosols, photomètre PHOTONS/AERONET — {name}"
    title_en = f"Aerosol optical depth from the PHOTONS/AERONET sun photometer at {name}"
    abstract_fr = (
        f"Série temporelle de l'épaisseur optique des aérosols (AOD) à 340, 380, 440, 500, 675, 870 et 1020 nm et "
        f"du coefficient d'Ångström, mesurés par un photomètre CIMEL CE318 à {name}. Niveaux 1.0, 1.5 (filtrage "
        f"des nuages) et 2.0 (calibration finale). Inversions des propriétés microphysiques (distribution en taille, "
        f"albédo de diffusion simple) disponibles pour les ciels clairs."
    )
    abstract_en = (
        f"Time series of aerosol optical depth (AOD) at 340, 380, 440, 500, 675, 870 and 1020 nm and of the Ångström "
        f"exponent, measured by a CIMEL CE318 sun/sky photometer at {name}. Levels 1.0, 1.5 (cloud-screened) and "
        f"2.0 (final calibration). Microphysical inversions (size distribution, single-scattering albedo) for clear "
        f"skies."
    )
    gmi = index % 3 == 1
    return Spec(
        slug=f"photons-aod-{slug}",
        fmt="gmi" if gmi else "iso19139",
        lang=lang,
        title=title_fr if fr else title_en,
        title_alt=title_en if fr and index % 2 == 0 else "",
        abstract=abstract_fr if fr else abstract_en,
        abstract_alt=abstract_en if fr and index % 2 == 0 else "",
        parent=series_id("photons-aeronet-series"),
        boxes=[(lon, lat, lon, lat)],
        place=name,
        start=start,
        end=end,
        keywords=[
            gcmd(
                "EARTH SCIENCE > ATMOSPHERE > AEROSOLS > AEROSOL OPTICAL DEPTH/THICKNESS",
                "EARTH SCIENCE > ATMOSPHERE > AEROSOLS > AEROSOL PARTICLE PROPERTIES",
            ),
            inspire("Conditions atmosphériques" if fr else "Atmospheric conditions"),
            platforms_kw("AERONET"),
            instruments_kw("CIMEL CE318"),
            places(name),
        ],
        topics=["climatologyMeteorologyAtmosphere"],
        contacts=[
            _loa("Abgrall, Hélène", 100 + index),
            _aeris(),
            Contact("pointOfContact", "AERIS / ICARE", "", "icare-contact@univ-lille.fr"),
        ],
        license="cc-by",
        links=[
            download(f"{ICARE}/photons/{slug}", "Données AOD niveau 2.0"),
            doc("https://www.aeris-data.fr/photons-documentation", "PHOTONS network documentation"),
        ],
        formats=[CSV, ASCII],
        platforms=[Platform(f"AERONET-{slug.upper()}", f"Site AERONET {name}", [("CIMEL CE318", "sun photometer")])]
        if gmi
        else [],
        published=f"{2010 + index}-03-01",
        created=start,
        revised="2025-02-14",
        datestamp=f"2025-02-{10 + index:02d}T08:30:00Z",
        lineage="Calibration par la méthode de Langley à l'observatoire d'Izaña ; traitement AERONET version 3."
        if fr
        else "Langley calibration at Izaña observatory; AERONET version 3 processing.",
    )


SPECS: list[Spec] = [
    Spec(
        slug="photons-aeronet-series",
        level="series",
        lang="fr",
        title="Réseau PHOTONS/AERONET-France : propriétés optiques des aérosols",
        title_alt="PHOTONS/AERONET-France network: aerosol optical properties",
        abstract="Collection des mesures photométriques du réseau français PHOTONS, composante d'AERONET : "
        "épaisseurs optiques, coefficients d'Ångström et inversions, pour l'ensemble des sites gérés par le LOA.",
        abstract_alt="Collection of the photometric measurements of the French PHOTONS network, part of AERONET.",
        doi=AERIS_DOI.format(1),
        boxes=[(-180.0, -90.0, 180.0, 90.0)],
        start="1994-06-01",
        end=NOW,
        keywords=[
            gcmd("EARTH SCIENCE > ATMOSPHERE > AEROSOLS"),
            inspire("Conditions atmosphériques"),
            platforms_kw("AERONET"),
        ],
        topics=["climatologyMeteorologyAtmosphere"],
        contacts=[_loa("Abgrall, Hélène", 100), _aeris()],
        links=[doc("https://www.aeris-data.fr/photons", "Présentation du réseau PHOTONS")],
        formats=[CSV],
        published="2012-05-10",
        revised="2025-01-20",
    ),
    *[_aeronet(i, site) for i, site in enumerate(AERONET_SITES)],
    Spec(
        slug="sirta-lidar-backscatter",
        fmt="gmi",
        title="SIRTA multi-wavelength lidar: attenuated backscatter and depolarisation profiles",
        abstract="Attenuated backscatter at 355 and 532 nm and linear depolarisation ratio from the IPRAL lidar of "
        "the SIRTA atmospheric observatory (Palaiseau), 15 m vertical and 1 min time resolution. Level-1 "
        "calibrated profiles and level-2 cloud and aerosol layer detection.",
        doi=AERIS_DOI.format(2),
        boxes=[(2.208, 48.713, 2.208, 48.713)],
        place="SIRTA, Palaiseau",
        start="2015-06-01",
        end=NOW,
        keywords=[
            gcmd(
                "EARTH SCIENCE > ATMOSPHERE > AEROSOLS > AEROSOL BACKSCATTER",
                "EARTH SCIENCE > ATMOSPHERE > CLOUDS > CLOUD VERTICAL DISTRIBUTION",
            ),
            inspire("Atmospheric conditions"),
            platforms_kw("SIRTA"),
            instruments_kw("LIDAR"),
        ],
        topics=["climatologyMeteorologyAtmosphere"],
        contacts=[
            Contact("principalInvestigator", "IPSL / LMD", "Bellec, Julien", "sirta@ipsl.fr", orcid(201)),
            Contact("pointOfContact", "SIRTA, Institut Pierre-Simon Laplace (IPSL)", "", "sirta-data@ipsl.fr"),
            _aeris(),
        ],
        links=[
            download("https://sirta.ipsl.fr/data/ipral", "IPRAL L1 and L2 files"),
            wms("https://sirta.ipsl.fr/wms", "ipral_quicklooks"),
        ],
        formats=[NETCDF_CF],
        platforms=[
            Platform(
                "SIRTA", "SIRTA atmospheric observatory, Palaiseau", [("IPRAL", "Raman lidar"), ("CL51", "ceilometer")]
            )
        ],
        published="2016-01-15",
        revised="2025-04-02",
        version="2.1",
    ),
    Spec(
        slug="iasi-ozone-total-column",
        fmt="gmi",
        title="IASI total ozone columns (FORLI retrieval), daily global gridded product",
        abstract="Daily total ozone columns retrieved from IASI radiances on board Metop-A, -B and -C with the "
        "FORLI algorithm, gridded at 1° x 1°, morning and evening overpasses separated. Includes averaging kernels "
        "and a posteriori errors for each observation.",
        doi=AERIS_DOI.format(3),
        boxes=[(-180.0, -90.0, 180.0, 90.0)],
        start="2008-01-01",
        end=NOW,
        keywords=[
            gcmd("EARTH SCIENCE > ATMOSPHERE > ATMOSPHERIC CHEMISTRY > OXYGEN COMPOUNDS > ATMOSPHERIC OZONE"),
            platforms_kw("METOP-A", "METOP-B", "METOP-C"),
            instruments_kw("IASI"),
            gemet("ozone", "atmospheric chemistry"),
        ],
        topics=["climatologyMeteorologyAtmosphere"],
        contacts=[
            Contact(
                "principalInvestigator",
                "LATMOS, CNRS / Sorbonne Université",
                "Cadiou, Anne-Laure",
                "iasi@latmos.ipsl.fr",
                orcid(202),
            ),
            Contact("originator", "Université libre de Bruxelles (ULB)", "", ""),
            _aeris(),
        ],
        links=[
            download("https://iasi.aeris-data.fr/o3/", "Daily O3 files"),
            wms("https://iasi.aeris-data.fr/wms", "iasi_o3_total_column"),
        ],
        formats=[NETCDF, HDF5],
        platforms=[
            Platform("METOP-B", "Metop-B (EUMETSAT)", [("IASI", "infrared interferometer")]),
            Platform("METOP-C", "Metop-C (EUMETSAT)", [("IASI", "infrared interferometer")]),
        ],
        published="2013-09-01",
        revised="2025-05-20",
        version="20151001",
    ),
    Spec(
        slug="radiosondes-trappes",
        lang="fr",
        title="Radiosondages de Trappes : profils de température, humidité et vent",
        abstract="Profils verticaux de pression, température, humidité relative et vent issus des radiosondages "
        "opérationnels de Météo-France à Trappes (2 lancers par jour), à haute résolution verticale (1 s).",
        boxes=[(2.01, 48.77, 2.01, 48.77)],
        start="2019-13-45",  # a date that does not exist: the crosswalk must keep it as an issue, not fail
        end="2023-12-31",
        keywords=[
            gcmd(
                "EARTH SCIENCE > ATMOSPHERE > ATMOSPHERIC TEMPERATURE > UPPER AIR TEMPERATURE",
                "EARTH SCIENCE > ATMOSPHERE > ATMOSPHERIC WATER VAPOR > WATER VAPOR PROFILES",
            ),
            inspire("Conditions atmosphériques"),
            instruments_kw("RADIOSONDES"),
        ],
        topics=["climatologyMeteorologyAtmosphere"],
        contacts=[Contact("originator", "Météo-France", "", "radiosondage@meteo.fr"), _aeris()],
        license="etalab",
        links=[download("https://donneespubliques.meteofrance.fr/radiosondages", "Fichiers BUFR et CSV")],
        formats=[("BUFR", "4"), CSV],
        published="2020-02-01",
    ),
    Spec(
        slug="radiosondes-dumont-durville",
        fmt="datacite",
        title="Radiosoundings at Dumont d'Urville, Adélie Land, Antarctica",
        abstract="Daily radiosonde profiles (temperature, humidity, wind) at the Dumont d'Urville station, "
        "Adélie Land, quality-controlled and homogenised for climate studies of the Antarctic troposphere.",
        doi=AERIS_DOI.format(4),
        boxes=[(140.0, -66.66, 140.0, -66.66)],
        place="Dumont d'Urville, Terre Adélie",
        start="1993-01-01",
        end="2022-12-31",
        keywords=[
            gcmd("EARTH SCIENCE > ATMOSPHERE > ATMOSPHERIC TEMPERATURE > UPPER AIR TEMPERATURE"),
            free("Antarctica", "radiosonde", "polar meteorology"),
        ],
        contacts=[
            Contact("author", "Institut des Géosciences de l'Environnement (IGE)", "Delorme, Paul", "", orcid(203)),
            Contact("author", "Météo-France", "Tran, Minh-Thu", "", orcid(204)),
            Contact("publisher", "AERIS"),
            Contact("pointOfContact", "AERIS / SEDOO", "", ""),
        ],
        formats=[NETCDF],
        published="2023-06-12",
        funding=[("Institut polaire français Paul-Émile Victor (IPEV)", "Programme 1013")],
    ),
    Spec(
        slug="amma-2006-sop",
        title="AMMA 2006 Special Observing Period: West African monsoon multi-platform dataset",
        abstract=(
            "The African Monsoon Multidisciplinary Analysis (AMMA) Special Observing Periods of 2006 gathered "
            "aircraft, radiosonde, radar, lidar and surface-flux observations over West Africa to document the "
            "onset and the active phases of the monsoon.\n\n"
            + " ".join(
                f"Component {n}: observations from the {site} supersite include surface energy budget stations, "
                f"precipitation radars, wind profilers and aerosol lidars operated between June and September 2006, "
                f"with intensive operations during the monsoon onset (late June) and the mature phase (August)."
                for n, site in enumerate(
                    [
                        "Niamey",
                        "Djougou",
                        "Gourma",
                        "Dakar",
                        "Ouagadougou",
                        "Tamale",
                        "Parakou",
                        "Agoufou",
                        "Bamako",
                        "Cotonou",
                        "Kano",
                        "Tombouctou",
                    ],
                    1,
                )
            )
            + "\n\nThis abstract is deliberately long to exercise the truncation and the layout of summaries. "
            + "Les données sont distribuées par la base AMMA hébergée au SEDOO (Toulouse) ; l'accès nécessite "
            "l'acceptation de la charte de données AMMA. " * 6
        ),
        doi=AERIS_DOI.format(5),
        boxes=[(1.5, 13.0, 3.0, 14.5), (1.3, 9.3, 2.0, 10.2), (-2.0, 14.5, -1.0, 16.0), (-17.5, 14.5, -17.0, 14.9)],
        place="Niger, Bénin, Mali, Sénégal",
        start="2006-06-01",
        end="2006-09-30",
        keywords=[
            gcmd("EARTH SCIENCE > ATMOSPHERE > PRECIPITATION", "EARTH SCIENCE > ATMOSPHERE > ATMOSPHERIC WINDS"),
            free("AMMA", "mousson africaine", "West African monsoon", "campaign"),
            places("Niger", "Benin", "Mali", "Senegal"),
            platforms_kw("ATR-42", "Falcon 20"),
        ],
        topics=["climatologyMeteorologyAtmosphere", "environment"],
        contacts=[
            Contact(
                "principalInvestigator",
                "Laboratoire d'Aérologie (LAERO), CNRS / Université de Toulouse",
                "Traoré, Mariam",
                "amma-data@sedoo.fr",
                orcid(205),
            ),
            Contact("pointOfContact", "SEDOO, Observatoire Midi-Pyrénées", "", "amma-data@sedoo.fr"),
            Contact("originator", "Institut de recherche pour le développement (IRD)"),
            _aeris(),
        ],
        license="restricted",
        links=[
            download("https://amma-catalogue.sedoo.fr", "AMMA database"),
            doc("https://www.amma-international.org", "AMMA project"),
        ],
        formats=[NETCDF, ASCII],
        published="2008-11-20",
        revised="2024-10-03",
    ),
    Spec(
        slug="arctic-cloud-campaign-2022",
        fmt="datacite",
        title="ARCLOUD-22: airborne cloud microphysics over the Fram Strait and Svalbard",
        abstract="In-situ cloud microphysics (droplet and ice crystal size distributions, liquid and ice water "
        "content) and remote-sensing (cloud radar, lidar) measured aboard the SAFIRE ATR-42 from Kiruna and "
        "Longyearbyen during spring 2022 mixed-phase cloud flights.",
        doi=AERIS_DOI.format(6),
        boxes=[(-5.0, 76.0, 20.0, 81.0), (18.0, 67.5, 21.0, 68.5)],
        place="Fram Strait, Svalbard, Kiruna",
        start="2022-03-20",
        end="2022-04-15",
        keywords=[
            gcmd("EARTH SCIENCE > ATMOSPHERE > CLOUDS > CLOUD MICROPHYSICS > CLOUD LIQUID WATER/ICE"),
            free("Arctic", "mixed-phase clouds", "airborne campaign"),
        ],
        contacts=[
            Contact("principalInvestigator", "LATMOS, CNRS", "Nowicka, Zofia", "", orcid(206)),
            Contact("author", "Laboratoire de Météorologie Physique (LaMP)", "Esnault, Claire", "", orcid(207)),
            Contact("publisher", "AERIS"),
            Contact("pointOfContact", "SAFIRE, CNRS / Météo-France / CNES"),
        ],
        formats=[NETCDF],
        published="2023-02-28",
        version="1.0",
        funding=[("Agence nationale de la recherche (ANR)", "ANR-21-CE01-DEMO")],
    ),
    Spec(
        slug="hymex-sop1-2012",
        lang="fr",
        title="HyMeX SOP1 : épisodes de pluies intenses en Méditerranée nord-occidentale (automne 2012)",
        title_alt="HyMeX SOP1: heavy precipitation events in the north-western Mediterranean (autumn 2012)",
        abstract="Observations de la première période d'observations spéciales du programme HyMeX : radars, "
        "radiosondages, avions de recherche, réseaux de pluviomètres et GPS, sur le sud de la France, la Corse, "
        "l'Italie et l'Espagne, du 5 septembre au 6 novembre 2012.",
        abstract_alt="Data of the first HyMeX Special Observing Period (radars, soundings, aircraft, rain gauges, "
        "GPS) over southern France, Corsica, Italy and Spain, 5 September to 6 November 2012.",
        doi=AERIS_DOI.format(7),
        boxes=[(-1.0, 38.0, 16.0, 46.0)],
        place="Méditerranée nord-occidentale",
        start="2012-09-05",
        end="2012-11-06",
        keywords=[
            gcmd("EARTH SCIENCE > ATMOSPHERE > PRECIPITATION > HEAVY PRECIPITATION"),
            inspire("Conditions atmosphériques"),
            free("HyMeX", "épisodes cévenols"),
        ],
        topics=["climatologyMeteorologyAtmosphere", "inlandWaters"],
        contacts=[
            Contact("principalInvestigator", "CNRM, Météo-France / CNRS", "Fabre, Étienne", "", orcid(208)),
            Contact("pointOfContact", "SEDOO, Observatoire Midi-Pyrénées", "", "hymex-data@sedoo.fr"),
            _aeris(),
        ],
        license="etalab",
        links=[download("https://hymex.sedoo.fr/sop1", "Base de données HyMeX")],
        formats=[NETCDF, CSV],
        published="2014-03-03",
    ),
    Spec(
        slug="dardar-cloud-product",
        fmt="gmi",
        title="DARDAR-CLOUD: ice cloud properties from combined CloudSat radar and CALIPSO lidar",
        abstract="Ice water content, effective radius and extinction retrieved by the variational DARDAR method "
        "from the synergy of the CloudSat Cloud Profiling Radar and the CALIOP lidar on CALIPSO, along the A-Train "
        "track, 60 m vertical resolution.",
        doi=AERIS_DOI.format(8),
        boxes=[(-180.0, -82.0, 180.0, 82.0)],
        start="2006-06-15",
        end="2017-12-31",
        keywords=[
            gcmd("EARTH SCIENCE > ATMOSPHERE > CLOUDS > CLOUD MICROPHYSICS > ICE WATER CONTENT"),
            platforms_kw("CALIPSO", "CLOUDSAT"),
            instruments_kw("CALIOP", "CPR"),
        ],
        topics=["climatologyMeteorologyAtmosphere"],
        contacts=[
            Contact("originator", "LATMOS, CNRS", "Garnier, Sophie", "", orcid(209)),
            Contact("pointOfContact", "AERIS / ICARE", "", "icare-contact@univ-lille.fr"),
            _aeris(),
        ],
        links=[download(f"{ICARE}/dardar", "DARDAR-CLOUD v3 granules")],
        formats=[HDF5, NETCDF],
        platforms=[
            Platform("CALIPSO", "CALIPSO (NASA/CNES)", [("CALIOP", "lidar")]),
            Platform("CLOUDSAT", "CloudSat (NASA)", [("CPR", "cloud profiling radar")]),
        ],
        published="2019-07-01",
        version="3.10",
    ),
    Spec(
        slug="calipso-aerosol-climatology",
        fmt="datacite",
        lang="fr",
        title="Climatologie mensuelle des profils d'aérosols CALIPSO au-dessus de l'Afrique et de l'Atlantique",
        title_alt="Monthly climatology of CALIPSO aerosol profiles over Africa and the Atlantic",
        abstract="Profils mensuels d'extinction des aérosols (532 nm) et fréquence d'occurrence des poussières "
        "désertiques dérivés du produit CALIOP niveau 2, sur une grille de 2° x 5°.",
        abstract_alt="Monthly aerosol extinction profiles (532 nm) and desert dust occurrence from CALIOP level 2.",
        doi=AERIS_DOI.format(9),
        boxes=[(-60.0, -10.0, 40.0, 40.0)],
        start="2007-01-01",
        end="2020-12-31",
        keywords=[
            gcmd("EARTH SCIENCE > ATMOSPHERE > AEROSOLS > DUST/ASH/SMOKE"),
            free("poussières désertiques", "Sahara"),
        ],
        contacts=[
            Contact("author", "LOA, CNRS / Université de Lille", "Hamelin, Karim", "", orcid(210)),
            Contact("publisher", "AERIS"),
        ],
        license="cc-by",
        formats=[NETCDF],
        published="2021-09-14",
    ),
    Spec(
        slug="eyjafjallajokull-ash-lidar-2010",
        title="Volcanic ash layer over Paris observed by lidar on 16 April 2010",
        abstract="Single lidar profile snapshot of the Eyjafjallajökull ash plume above the SIRTA observatory, "
        "used in the operational assessment of the April 2010 airspace closure. <b>Important:</b> values above "
        "7 km are affected by multiple scattering.",
        boxes=[(2.208, 48.713, 2.208, 48.713)],
        start="2010-04-16T21:00:00Z",
        instant=True,
        keywords=[
            gcmd("EARTH SCIENCE > ATMOSPHERE > AEROSOLS > DUST/ASH/SMOKE"),
            free("Eyjafjallajökull", "volcanic ash"),
        ],
        topics=["climatologyMeteorologyAtmosphere"],
        contacts=[Contact("originator", "IPSL / LMD", "Bellec, Julien", "sirta@ipsl.fr", orcid(201)), _aeris()],
        formats=[NETCDF],
        published="2010-06-01",
    ),
    Spec(
        slug="south-pacific-ship-aerosols",
        lang="en",
        title="Marine aerosol number size distributions from a ship cruise between Fiji and Tonga",
        abstract="Particle number size distributions (10 nm–10 µm) and cloud condensation nuclei measured aboard "
        "a research vessel crossing the date line between Fiji and Tonga. <script>alert('xss')</script> The cruise "
        "sampled clean marine air masses of the South Pacific.",
        boxes=[(176.0, -22.0, -173.0, -15.0)],
        place="South Pacific, Fiji – Tonga",
        start="2019-10-02",
        end="2019-10-28",
        keywords=[
            gcmd("EARTH SCIENCE > ATMOSPHERE > AEROSOLS > CLOUD CONDENSATION NUCLEI"),
            places("Fiji", "Tonga", "South Pacific Ocean"),
        ],
        topics=["climatologyMeteorologyAtmosphere", "oceans"],
        contacts=[
            Contact(
                "principalInvestigator", "LaMP, CNRS / Université Clermont Auvergne", "Imbert, Marc", "", orcid(211)
            ),
            _aeris(),
        ],
        formats=[NETCDF, CSV],
        published="2021-01-11",
    ),
    Spec(
        slug="aerosol-refractive-index-tables",
        lang="en",
        level="nonGeographicDataset",
        title="Look-up tables of aerosol refractive indices for radiative transfer",
        abstract="Tabulated complex refractive indices of mineral dust, sea salt, soot and sulphate from 0.2 to "
        "40 µm, compiled for the GRASP and AERONET inversion codes. No spatial or temporal extent.",
        keywords=[
            gcmd("EARTH SCIENCE > ATMOSPHERE > AEROSOLS > AEROSOL PARTICLE PROPERTIES"),
            free("radiative transfer", "look-up table"),
        ],
        topics=["climatologyMeteorologyAtmosphere"],
        contacts=[_loa("Jouan, Valérie", 212, "author"), _aeris()],
        formats=[ASCII],
        published="2018-02-20",
    ),
    Spec(
        slug="iagos-ozone-profiles",
        fmt="iso19115-3",
        title="IAGOS in-service aircraft ozone and carbon monoxide profiles",
        abstract="Vertical profiles of ozone and carbon monoxide measured during take-off and landing of "
        "commercial aircraft of the IAGOS research infrastructure, above about 300 airports worldwide.",
        doi=AERIS_DOI.format(10),
        boxes=[(-180.0, -60.0, 180.0, 75.0)],
        start="1994-08-01",
        end=NOW,
        keywords=[
            gcmd(
                "EARTH SCIENCE > ATMOSPHERE > ATMOSPHERIC CHEMISTRY > OXYGEN COMPOUNDS > ATMOSPHERIC OZONE",
                "EARTH SCIENCE > ATMOSPHERE > ATMOSPHERIC CHEMISTRY > CARBON AND HYDROCARBON COMPOUNDS > "
                "CARBON MONOXIDE",
            ),
            platforms_kw("COMMERCIAL AIRCRAFT"),
        ],
        topics=["climatologyMeteorologyAtmosphere"],
        contacts=[
            Contact("principalInvestigator", "Laboratoire d'Aérologie, CNRS", "Kerbrat, Luc", "", orcid(213)),
            Contact("pointOfContact", "IAGOS-AISBL", "", "iagos-data@sedoo.fr"),
            _aeris(),
        ],
        links=[download("https://iagos.aeris-data.fr/download", "IAGOS data portal")],
        formats=[NETCDF],
        published="2016-11-01",
        revised="2025-06-10",
    ),
    Spec(
        slug="ozone-lidar-ohp",
        fmt="iso19115-3",
        lang="fr",
        title="Profils d'ozone stratosphérique par lidar DIAL à l'Observatoire de Haute-Provence",
        title_alt="Stratospheric ozone profiles from the DIAL lidar at Observatoire de Haute-Provence",
        abstract="Profils d'ozone de 10 à 45 km mesurés par lidar à absorption différentielle (DIAL), station NDACC "
        "de l'OHP. Environ 150 nuits de mesure par an.",
        abstract_alt="Ozone profiles from 10 to 45 km measured by DIAL lidar at the NDACC station of OHP.",
        boxes=[(5.71, 43.93, 5.71, 43.93)],
        start="1985-07-01",
        end=NOW,
        keywords=[
            gcmd("EARTH SCIENCE > ATMOSPHERE > ATMOSPHERIC CHEMISTRY > OXYGEN COMPOUNDS > ATMOSPHERIC OZONE"),
            free("NDACC", "stratosphère"),
            instruments_kw("DIAL"),
        ],
        topics=["climatologyMeteorologyAtmosphere"],
        contacts=[Contact("principalInvestigator", "LATMOS, CNRS", "Laborde, Michel", "", orcid(214)), _aeris()],
        license="etalab",
        formats=[("NASA Ames", "2110"), ("GEOMS HDF4", "")],
        published="2015-05-05",
    ),
    Spec(
        slug="aerosol-cams-reanalysis-europe",
        fmt="iso19115-3",
        title="Regional aerosol reanalysis over Europe, 10 km, hourly (demo)",
        abstract="Hourly PM2.5, PM10 and aerosol optical depth fields from a regional chemistry-transport model "
        "with data assimilation of MODIS and AERONET AOD, over Europe at 0.1°.",
        boxes=[(-25.0, 30.0, 45.0, 72.0)],
        start="2013-01-01",
        end="2023-12-31",
        keywords=[
            gcmd("EARTH SCIENCE > ATMOSPHERE > AIR QUALITY > PARTICULATES"),
            inspire("Atmospheric conditions"),
            gemet("air quality"),
        ],
        topics=["climatologyMeteorologyAtmosphere", "environment"],
        contacts=[
            Contact("originator", "INERIS"),
            Contact("pointOfContact", "AERIS / ESPRI, IPSL", "", "espri@ipsl.fr"),
        ],
        license="cc-by",
        links=[
            download("https://data.ipsl.fr/aerosol-reanalysis"),
            wms("https://data.ipsl.fr/thredds/wms/aerosol", "pm25_hourly"),
        ],
        formats=[NETCDF_CF],
        published="2024-04-04",
    ),
    Spec(
        slug="surface-radiation-carpentras",
        fmt="datacite",
        title="Surface solar and infrared radiation at the BSRN station of Carpentras",
        abstract="One-minute global, direct and diffuse shortwave and downward longwave irradiance measured at the "
        "Baseline Surface Radiation Network station of Carpentras.",
        doi=AERIS_DOI.format(11),
        boxes=[(5.059, 44.083, 5.059, 44.083)],
        place="Carpentras, France",
        start="1996-01-01",
        end=NOW,
        keywords=[gcmd("EARTH SCIENCE > ATMOSPHERE > ATMOSPHERIC RADIATION > SOLAR RADIATION"), free("BSRN")],
        contacts=[
            Contact("author", "Météo-France", "Marchal, Éric", "", orcid(215)),
            Contact("publisher", "AERIS"),
            Contact("pointOfContact", "AERIS", "", "contact@aeris-data.fr"),
        ],
        license="cc-by",
        formats=[CSV],
        published="2017-03-30",
    ),
    Spec(
        slug="greenhouse-gas-puy-de-dome",
        fmt="datacite",
        lang="fr",
        title="Concentrations de CO2 et CH4 au Puy de Dôme (ICOS)",
        abstract="Fractions molaires de CO2, CH4 et CO mesurées en continu par spectroscopie CRDS à la station ICOS "
        "du Puy de Dôme (1465 m), moyennes horaires.",
        doi=AERIS_DOI.format(12),
        boxes=[(2.965, 45.772, 2.965, 45.772)],
        place="Puy de Dôme",
        start="2011-06-01",
        end=NOW,
        keywords=[
            gcmd(
                "EARTH SCIENCE > ATMOSPHERE > ATMOSPHERIC CHEMISTRY > CARBON AND HYDROCARBON COMPOUNDS > "
                "ATMOSPHERIC CARBON DIOXIDE"
            ),
            free("ICOS", "gaz à effet de serre"),
        ],
        contacts=[
            Contact("author", "LSCE, CEA / CNRS / UVSQ", "Nédélec, Guillaume", "", orcid(216)),
            Contact("publisher", "AERIS"),
        ],
        license="cc-by",
        formats=[CSV],
        published="2019-12-02",
        related=[("10.18160/DEMO-ICOS", "DOI", "IsDerivedFrom")],
    ),
    Spec(
        slug="lightning-hymex-lma",
        title="Lightning Mapping Array observations in south-eastern France",
        abstract="Three-dimensional VHF lightning source locations from the HyMeX Lightning Mapping Array.",
        boxes=[(3.0, 42.5, 6.5, 45.0)],
        start="2012-07-01",
        end="2015-12-31",
        keywords=[gcmd("EARTH SCIENCE > ATMOSPHERE > ATMOSPHERIC ELECTRICITY > LIGHTNING")],
        topics=["climatologyMeteorologyAtmosphere"],
        contacts=[
            Contact("principalInvestigator", "Laboratoire d'Aérologie, CNRS", "Ollivier, Brice", "", orcid(217)),
            _aeris(),
        ],
        license="restricted",
        formats=[ASCII],
        published="2016-10-10",
    ),
    Spec(
        slug="cloud-radar-basta-sirta",
        title="BASTA cloud radar reflectivity and Doppler velocity at SIRTA",
        abstract="95 GHz FMCW cloud radar reflectivity and Doppler velocity profiles, 12.5 m resolution, SIRTA.",
        boxes=[(2.208, 48.713, 2.208, 48.713)],
        start="2013-01-01",
        end=NOW,
        keywords=[
            gcmd("EARTH SCIENCE > ATMOSPHERE > CLOUDS > CLOUD RADIATIVE TRANSFER > CLOUD REFLECTANCE"),
            instruments_kw("CLOUD RADAR"),
        ],
        topics=["climatologyMeteorologyAtmosphere"],
        contacts=[Contact("principalInvestigator", "LATMOS, CNRS", "Garnier, Sophie", "", orcid(209)), _aeris()],
        license="cc-by",
        formats=[NETCDF_CF],
        published="2014-09-09",
    ),
    Spec(
        slug="dust-forecast-sahara",
        fmt="iso19115-3",
        lang="fr",
        title="Prévisions de poussières désertiques sur l'Afrique du Nord et l'Europe",
        abstract="Prévisions à 72 h de l'épaisseur optique et des concentrations de poussières désertiques d'un "
        "modèle de chimie-transport, mises à jour chaque jour.",
        boxes=[(-30.0, 0.0, 60.0, 60.0)],
        start="2016-01-01",
        end=NOW,
        keywords=[gcmd("EARTH SCIENCE > ATMOSPHERE > AEROSOLS > DUST/ASH/SMOKE"), gemet("poussière")],
        topics=["climatologyMeteorologyAtmosphere"],
        contacts=[
            Contact("originator", "LISA, CNRS / UPEC / Université Paris Cité", "Perrot, Philippe", "", orcid(218)),
            _aeris(),
        ],
        license="etalab",
        links=[wms("https://dust.aeris-data.fr/wms", "dust_aod_forecast")],
        formats=[NETCDF],
        published="2017-01-01",
    ),
    Spec(
        slug="precipitation-radar-cevennes",
        fmt="datacite",
        lang="fr",
        title="Cumuls de pluie radar et pluviomètres des épisodes cévenols 2000–2020",
        abstract="Lames d'eau horaires à 1 km combinant radars Météo-France et pluviomètres, pour les épisodes de "
        "pluies intenses des Cévennes.",
        doi=AERIS_DOI.format(13),
        boxes=[(3.0, 43.5, 5.0, 45.0)],
        place="Cévennes",
        start="2000-01-01",
        end="2020-12-31",
        keywords=[gcmd("EARTH SCIENCE > ATMOSPHERE > PRECIPITATION > PRECIPITATION AMOUNT"), free("OHMCV")],
        contacts=[
            Contact("author", "IGE, Université Grenoble Alpes", "Quéré, Marie-Pierre", "", orcid(219)),
            Contact("publisher", "AERIS"),
        ],
        license="cc-by",
        formats=[NETCDF],
        published="2021-05-05",
    ),
]
