"""THEIA (land surfaces) demo datasets. Names, people, values and DOI suffixes are invented."""

from __future__ import annotations

from .odatis import SHARED_AMAZON_DOI
from .spec import (
    CSV,
    GEOTIFF,
    NETCDF,
    NOW,
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
    wms,
)

THEIA = Contact("publisher", "THEIA / Data Terra", "", "contact@theia-land.fr")
CESBIO = "CESBIO, Université de Toulouse / CNES / CNRS / IRD / INRAE"
HYDROWEB = "https://hydroweb.theia-land.fr"
OZCAR = "OZCAR research infrastructure"


def _oso(year: int) -> Spec:
    return Spec(
        slug=f"oso-land-cover-{year}",
        lang="fr",
        title=f"Carte d'occupation des sols OSO de la France métropolitaine {year} (Sentinel-2, 10 m)",
        title_alt=f"OSO land cover map of metropolitan France {year} (Sentinel-2, 10 m)" if year % 2 == 0 else "",
        abstract=f"Carte d'occupation des sols de l'année {year} en 23 classes (cultures d'été et d'hiver, forêts, "
        f"prairies, bâti dense et diffus, eau...), produite par classification supervisée des séries temporelles "
        f"Sentinel-2 avec la chaîne iota². Précision globale d'environ 90 %.",
        abstract_alt=f"{year} land cover map in 23 classes from supervised classification of Sentinel-2 time series "
        f"with the iota² processing chain."
        if year % 2 == 0
        else "",
        parent=series_id("oso-land-cover-series"),
        boxes=[(-5.2, 41.3, 9.6, 51.1)],
        place="France métropolitaine",
        start=f"{year}-01-01",
        end=f"{year}-12-31",
        keywords=[
            gcmd("EARTH SCIENCE > LAND SURFACE > LAND USE/LAND COVER > LAND USE/LAND COVER CLASSIFICATION"),
            inspire("Occupation des terres"),
            platforms_kw("SENTINEL-2A", "SENTINEL-2B"),
            instruments_kw("MSI"),
        ],
        topics=["imageryBaseMapsEarthCover", "environment"],
        contacts=[
            Contact("originator", CESBIO, "Serrano, Pau", "", orcid(500 + year % 100)),
            Contact("pointOfContact", "CES Occupation des sols, THEIA", "", "oso@theia-land.fr"),
            THEIA,
        ],
        license="etalab",
        links=[
            download(f"https://theia.cnes.fr/oso/{year}", f"OSO {year} raster (GeoTIFF)"),
            wms("https://osr-cesbio.ups-tlse.fr/wms", f"OSO_{year}"),
        ],
        formats=[GEOTIFF, SHAPEFILE],
        published=f"{year + 1}-03-15",
        datestamp=f"{year + 1}-03-20T12:00:00Z",
    )


HYDROWEB_STATIONS = [
    # slug, river, place, lon, lat, start, lang
    ("amazon-manaus", "Amazone", "Manaus", -60.02, -3.14, "2002-07-01", "fr"),
    ("amazon-obidos", "Amazon", "Óbidos", -55.51, -1.92, "2002-07-01", "en"),
    ("niger-niamey", "Niger", "Niamey", 2.10, 13.51, "2008-08-01", "fr"),
    ("niger-inner-delta", "Niger", "Mopti (inner delta)", -4.19, 14.49, "2002-07-01", "en"),
    ("mekong-phnom-penh", "Mekong", "Phnom Penh", 104.94, 11.58, "2008-08-01", "en"),
    ("mekong-pakse", "Mékong", "Paksé", 105.79, 15.12, "2016-03-01", "fr"),
]


def _hydroweb(index: int, station: tuple) -> Spec:
    slug, river, place, lon, lat, start, lang = station
    fr = lang == "fr"
    return Spec(
        slug=f"hydroweb-{slug}",
        fmt="gmi" if index % 3 == 0 else "iso19139",
        lang=lang,
        title=f"Hauteurs d'eau du fleuve {river} à {place} par altimétrie spatiale (Hydroweb)"
        if fr
        else f"{river} river water levels at {place} from satellite altimetry (Hydroweb)",
        abstract=(
            f"Série temporelle des hauteurs d'eau de la station virtuelle du {river} près de {place}, "
            f"calculée à partir des missions altimétriques Jason-2, Jason-3, Sentinel-3 et SWOT. "
            f"Incertitude typique de 10 à 30 cm."
        )
        if fr
        else (
            f"Water level time series of the {river} virtual station near {place}, computed from the Jason-2, "
            f"Jason-3, Sentinel-3 and SWOT altimetry missions. Typical uncertainty 10 to 30 cm."
        ),
        parent=series_id("hydroweb-rivers-series"),
        boxes=[(lon, lat, lon, lat)],
        place=f"{river}, {place}",
        start=start,
        end=NOW,
        keywords=[
            gcmd(
                "EARTH SCIENCE > TERRESTRIAL HYDROSPHERE > SURFACE WATER > SURFACE WATER PROCESSES/"
                "MEASUREMENTS > STAGE HEIGHT"
            ),
            inspire("Hydrographie" if fr else "Hydrography"),
            platforms_kw("JASON-3", "SENTINEL-3A"),
            places(river),
        ],
        topics=["inlandWaters"],
        contacts=[
            Contact("originator", "LEGOS, CNRS / CNES / IRD / UT3", "Lebœuf, Sylvie", "", orcid(520 + index)),
            Contact("pointOfContact", "Hydroweb, THEIA", "", "hydroweb@theia-land.fr"),
            THEIA,
        ],
        license="cc-by",
        links=[
            download(f"{HYDROWEB}/station/{slug}", "Série temporelle (CSV)"),
            doc(f"{HYDROWEB}/documentation", "Hydroweb product handbook"),
        ],
        formats=[CSV, NETCDF],
        platforms=[
            Platform("JASON-3", "Jason-3 (CNES/NASA/EUMETSAT/NOAA)", [("POSEIDON-3B", "radar altimeter")]),
            Platform("SENTINEL-3A", "Copernicus Sentinel-3A", [("SRAL", "SAR radar altimeter")]),
        ]
        if index % 3 == 0
        else [],
        published="2019-05-01",
        revised="2025-06-15",
    )


SPECS: list[Spec] = [
    Spec(
        slug="oso-land-cover-series",
        level="series",
        lang="fr",
        title="OSO : cartes annuelles d'occupation des sols de la France métropolitaine",
        title_alt="OSO: annual land cover maps of metropolitan France",
        abstract="Série des cartes annuelles d'occupation des sols OSO produites par le CES Occupation des sols "
        "de THEIA à partir des images Sentinel-2.",
        abstract_alt="Series of annual OSO land cover maps produced from Sentinel-2 imagery.",
        doi="10.24400/DEMO-OSO",
        boxes=[(-5.2, 41.3, 9.6, 51.1)],
        start="2016-01-01",
        end=NOW,
        keywords=[gcmd("EARTH SCIENCE > LAND SURFACE > LAND USE/LAND COVER"), inspire("Occupation des terres")],
        topics=["imageryBaseMapsEarthCover"],
        contacts=[Contact("pointOfContact", "CES Occupation des sols, THEIA", "", "oso@theia-land.fr"), THEIA],
        license="etalab",
        links=[doc("https://www.theia-land.fr/ceslist/ces-occupation-des-sols", "CES Occupation des sols")],
        formats=[GEOTIFF],
        published="2017-03-01",
    ),
    *[_oso(year) for year in range(2018, 2024)],
    Spec(
        slug="hydroweb-rivers-series",
        level="series",
        title="Hydroweb: river and lake water levels from satellite altimetry",
        abstract="Collection of operational and research water level time series over rivers and lakes worldwide.",
        boxes=[(-80.0, -20.0, -45.0, 5.0), (-12.0, 5.0, 10.0, 18.0), (98.0, 8.0, 110.0, 30.0)],
        place="Amazon, Niger, Mekong basins",
        start="2002-07-01",
        end=NOW,
        keywords=[gcmd("EARTH SCIENCE > TERRESTRIAL HYDROSPHERE > SURFACE WATER"), inspire("Hydrography")],
        topics=["inlandWaters"],
        contacts=[Contact("pointOfContact", "Hydroweb, THEIA", "", "hydroweb@theia-land.fr"), THEIA],
        license="cc-by",
        links=[doc(HYDROWEB, "Hydroweb portal")],
        formats=[CSV],
        published="2012-01-01",
    ),
    *[_hydroweb(i, station) for i, station in enumerate(HYDROWEB_STATIONS)],
    Spec(
        slug="amazon-plume-water-levels-iso",
        title="Water levels of the Amazon estuary and plume from satellite altimetry and tide gauges",
        abstract="Combined river and coastal water levels along the lower Amazon and its estuary (altimetric "
        "virtual stations and tide gauges). Same dataset as the SEANOE DOI, described in the THEIA catalogue.",
        doi=SHARED_AMAZON_DOI,
        boxes=[(-56.0, -3.5, -47.0, 2.5)],
        place="Amazon estuary",
        start="2008-01-01",
        end="2024-06-30",
        keywords=[
            gcmd(
                "EARTH SCIENCE > TERRESTRIAL HYDROSPHERE > SURFACE WATER > SURFACE WATER PROCESSES/"
                "MEASUREMENTS > STAGE HEIGHT"
            ),
            inspire("Hydrography"),
            places("Brazil"),
        ],
        topics=["inlandWaters", "oceans"],
        contacts=[Contact("originator", "LEGOS, IRD", "Quiniou, Gaby", "", orcid(428)), THEIA],
        license="cc-by",
        links=[download(f"{HYDROWEB}/amazon-estuary")],
        formats=[NETCDF, CSV],
        published="2024-09-01",
    ),
    Spec(
        slug="snow-cover-pyrenees",
        fmt="gmi",
        lang="fr",
        title="Surface enneigée des Pyrénées à 20 m (Sentinel-2, Let It Snow)",
        title_alt="Snow cover of the Pyrenees at 20 m (Sentinel-2, Let It Snow)",
        abstract="Cartes de présence de neige à 20 m produites par l'algorithme Let It Snow à partir des images "
        "Sentinel-2 et Landsat 8, et durée d'enneigement annuelle, sur l'ensemble de la chaîne pyrénéenne.",
        abstract_alt="20 m snow presence maps from the Let It Snow algorithm applied to Sentinel-2 and Landsat 8, "
        "and annual snow cover duration, over the Pyrenees.",
        doi="10.24400/DEMO-0201",
        boxes=[(-2.0, 42.0, 3.4, 43.4)],
        place="Pyrénées",
        start="2015-08-01",
        end=NOW,
        keywords=[
            gcmd("EARTH SCIENCE > CRYOSPHERE > SNOW/ICE > SNOW COVER"),
            platforms_kw("SENTINEL-2A", "SENTINEL-2B", "LANDSAT-8"),
            places("Pyrénées"),
        ],
        topics=["imageryBaseMapsEarthCover", "climatologyMeteorologyAtmosphere"],
        contacts=[Contact("originator", CESBIO, "Ménard, Bénédicte", "", orcid(530)), THEIA],
        license="etalab",
        links=[
            download("https://theia.cnes.fr/snow/pyrenees", "Produits neige L2B"),
            wms("https://cryo.theia-land.fr/wms", "snow_pyrenees"),
        ],
        formats=[GEOTIFF],
        platforms=[
            Platform("SENTINEL-2A", "Copernicus Sentinel-2A", [("MSI", "imageur multispectral")]),
            Platform("LANDSAT-8", "Landsat 8 (USGS/NASA)", [("OLI", "Operational Land Imager")]),
        ],
        published="2018-12-01",
    ),
    Spec(
        slug="snow-cover-alps",
        fmt="iso19115-3",
        title="Snow cover duration in the European Alps, 2016–2024 (Sentinel-2)",
        abstract="Annual snow cover duration and snow melt-out date at 20 m over the European Alps, derived from "
        "Sentinel-2 Let It Snow products with gap filling.",
        boxes=[(5.0, 43.5, 16.5, 48.5)],
        place="Alpes",
        start="2016-09-01",
        end="2024-08-31",
        keywords=[gcmd("EARTH SCIENCE > CRYOSPHERE > SNOW/ICE > SNOW COVER"), inspire("Land cover")],
        topics=["imageryBaseMapsEarthCover", "climatologyMeteorologyAtmosphere"],
        contacts=[
            Contact("originator", CESBIO, "Ménard, Bénédicte", "", orcid(530)),
            Contact("originator", "Météo-France / CNRS, CNRM / CEN", "Février, Serge", "", orcid(531)),
            THEIA,
        ],
        license="cc-by",
        formats=[GEOTIFF],
        published="2025-01-10",
    ),
    Spec(
        slug="soil-moisture-smos-l4",
        fmt="gmi",
        title="SMOS root-zone soil moisture, global daily L4 at 25 km",
        abstract="Root-zone soil moisture derived from SMOS L-band brightness temperatures with a land surface "
        "model assimilation, global daily at 25 km.",
        doi="10.24400/DEMO-0202",
        boxes=[(-180.0, -60.0, 180.0, 85.0)],
        start="2010-06-01",
        end=NOW,
        keywords=[
            gcmd("EARTH SCIENCE > LAND SURFACE > SOILS > SOIL MOISTURE/WATER CONTENT"),
            platforms_kw("SMOS"),
            instruments_kw("MIRAS"),
        ],
        topics=["geoscientificInformation", "climatologyMeteorologyAtmosphere"],
        contacts=[
            Contact("originator", CESBIO, "Gâtineau, Martin", "", orcid(532)),
            Contact("pointOfContact", "CATDS, CNES / Ifremer", "", "support@catds.fr"),
            THEIA,
        ],
        license="cc-by",
        links=[download("https://www.catds.fr/products/l4-rzsm", "CATDS L4 products")],
        formats=[NETCDF],
        platforms=[
            Platform("SMOS", "Soil Moisture and Ocean Salinity (ESA)", [("MIRAS", "L-band interferometric radiometer")])
        ],
        published="2016-02-02",
    ),
    Spec(
        slug="soil-moisture-smosmania",
        lang="fr",
        title="Humidité du sol in situ du réseau SMOSMANIA (sud de la France)",
        abstract="Mesures d'humidité du sol à 5, 10, 20 et 30 cm de profondeur sur 21 stations météorologiques du "
        "sud de la France, au pas de 12 min.",
        boxes=[(-1.5, 42.5, 6.5, 45.0)],
        start="2006-01-01",
        end=NOW,
        keywords=[gcmd("EARTH SCIENCE > LAND SURFACE > SOILS > SOIL MOISTURE/WATER CONTENT"), gemet("sol")],
        topics=["geoscientificInformation"],
        contacts=[Contact("originator", "Météo-France, CNRM", "Hébert, Sébastien", "", orcid(533)), THEIA],
        license="etalab",
        formats=[CSV],
        published="2012-12-12",
    ),
    Spec(
        slug="ozcar-strengbach",
        lang="fr",
        title="Observatoire hydro-géochimique de l'environnement (OHGE) : bassin du Strengbach",
        title_alt="Hydro-geochemical observatory (OHGE): Strengbach catchment",
        abstract="Chroniques de débit, chimie des eaux de pluie, de pluviolessivats, de sources et du ruisseau, "
        "et météorologie du petit bassin versant forestier du Strengbach (Vosges, 80 ha), observatoire OZCAR.",
        abstract_alt="Discharge, rain, throughfall, spring and stream water chemistry and meteorology of the "
        "forested Strengbach catchment (Vosges, 80 ha), part of OZCAR.",
        boxes=[(7.19, 48.20, 7.21, 48.22)],
        place="Aubure, Vosges",
        start="1986-01-01",
        end=NOW,
        keywords=[
            gcmd("EARTH SCIENCE > TERRESTRIAL HYDROSPHERE > WATER QUALITY/WATER CHEMISTRY"),
            inspire("Installations de suivi environnemental"),
            free("OZCAR", "zone critique"),
        ],
        topics=["inlandWaters", "environment"],
        contacts=[
            Contact("principalInvestigator", "ITES, Université de Strasbourg / CNRS", "Périer, Gérard", "", orcid(534)),
            Contact("pointOfContact", OZCAR, "", "ozcar-data@theia-land.fr"),
            THEIA,
        ],
        license="cc-by",
        links=[download("https://in-situ.theia-land.fr/strengbach", "Données OHGE")],
        formats=[CSV],
        published="2017-09-09",
    ),
    Spec(
        slug="ozcar-aurade",
        fmt="iso19115-3",
        lang="fr",
        title="Bassin versant agricole d'Auradé : nitrates, pesticides et débit",
        abstract="Suivi à haute fréquence du débit, des nitrates, des matières en suspension et des pesticides "
        "à l'exutoire du bassin versant agricole d'Auradé (Gers, 320 ha), observatoire OZCAR.",
        boxes=[(1.05, 43.54, 1.08, 43.56)],
        place="Auradé, Gers",
        start="1985-10-01",
        end=NOW,
        keywords=[
            gcmd("EARTH SCIENCE > TERRESTRIAL HYDROSPHERE > WATER QUALITY/WATER CHEMISTRY"),
            gemet("nitrate", "pesticide"),
            free("OZCAR"),
        ],
        topics=["inlandWaters", "farming"],
        contacts=[
            Contact(
                "principalInvestigator",
                "Laboratoire écologie fonctionnelle et environnement",
                "Vérité, Océane",
                "",
                orcid(535),
            ),
            Contact("pointOfContact", OZCAR),
            THEIA,
        ],
        license="cc-by",
        formats=[CSV],
        published="2018-08-08",
    ),
    Spec(
        slug="amma-catch-evapotranspiration",
        title="AMMA-CATCH: surface fluxes and evapotranspiration in the Sahel (Niger, Mali, Benin)",
        abstract="Eddy-covariance evapotranspiration, sensible heat flux and radiation from the AMMA-CATCH "
        "observatory sites in Niger, Mali and Benin.",
        boxes=[(2.0, 13.0, 3.0, 14.0), (-2.0, 14.5, -1.0, 16.0), (1.5, 9.5, 2.2, 10.2)],
        place="Niger, Mali, Bénin",
        start="2005-01-01",
        end=NOW,
        keywords=[
            gcmd(
                "EARTH SCIENCE > LAND SURFACE > SURFACE RADIATIVE PROPERTIES",
                "EARTH SCIENCE > ATMOSPHERE > ATMOSPHERIC WATER VAPOR > EVAPOTRANSPIRATION",
            ),
            free("AMMA-CATCH", "OZCAR"),
            places("Sahel"),
        ],
        topics=["climatologyMeteorologyAtmosphere", "inlandWaters"],
        contacts=[
            Contact("principalInvestigator", "IGE, IRD / Université Grenoble Alpes", "Boëdec, Léa", "", orcid(536)),
            Contact("originator", "IRD"),
            THEIA,
        ],
        license="cc-by",
        links=[download("https://www.amma-catch.org/data", "AMMA-CATCH database")],
        formats=[CSV, NETCDF],
        published="2015-10-10",
    ),
    Spec(
        slug="evapotranspiration-france-modis",
        fmt="datacite",
        title="Daily actual evapotranspiration over France at 1 km (SAMIR / MODIS)",
        abstract="Daily actual evapotranspiration and water stress estimated with a FAO-56 dual crop coefficient "
        "model driven by MODIS NDVI and SAFRAN meteorology.",
        doi="10.24400/DEMO-0203",
        boxes=[(-5.2, 41.3, 9.6, 51.1)],
        place="France",
        start="2003-01-01",
        end="2022-12-31",
        keywords=[
            gcmd("EARTH SCIENCE > ATMOSPHERE > ATMOSPHERIC WATER VAPOR > EVAPOTRANSPIRATION"),
            free("irrigation", "water stress"),
        ],
        contacts=[Contact("author", CESBIO, "Cornec, Thibaut", "", orcid(537)), Contact("publisher", "THEIA")],
        license="cc-by",
        formats=[NETCDF],
        published="2023-07-07",
    ),
    Spec(
        slug="fiji-land-cover-sentinel2",
        title="Land cover of the Fiji Islands from Sentinel-2 (2022)",
        abstract="Ten-class land cover of Viti Levu, Vanua Levu and the Lau group at 10 m; the Lau group lies east "
        "of the 180° meridian, so the extent crosses the antimeridian.",
        boxes=[(176.8, -19.3, -178.2, -15.7)],
        place="Fiji",
        start="2022-01-01",
        end="2022-12-31",
        keywords=[
            gcmd("EARTH SCIENCE > LAND SURFACE > LAND USE/LAND COVER"),
            places("Fiji"),
            platforms_kw("SENTINEL-2A", "SENTINEL-2B"),
        ],
        topics=["imageryBaseMapsEarthCover"],
        contacts=[Contact("originator", "IRD, UMR Espace-Dev", "Daniélou, Inès", "", orcid(538)), THEIA],
        license="cc-by",
        formats=[GEOTIFF],
        published="2023-10-10",
    ),
    Spec(
        slug="let-it-snow-algorithm",
        level="nonGeographicDataset",
        title="Let It Snow: snow detection algorithm theoretical basis document",
        abstract="Algorithm theoretical basis and validation report of the Let It Snow snow detection processor "
        "used for THEIA snow products. Documentation only: no spatial or temporal extent.",
        keywords=[gcmd("EARTH SCIENCE > CRYOSPHERE > SNOW/ICE > SNOW COVER"), free("ATBD", "algorithm")],
        topics=["imageryBaseMapsEarthCover"],
        contacts=[Contact("author", CESBIO, "Ménard, Bénédicte", "", orcid(530)), THEIA],
        license="cc-by",
        links=[doc("https://gitlab.orfeo-toolbox.org/remote_modules/let-it-snow", "Source code and ATBD")],
        formats=[("PDF", "")],
        published="2019-11-11",
    ),
    Spec(
        slug="lake-water-levels-chad",
        fmt="gmi",
        title="Lake Chad water level and area from multi-mission altimetry and imagery",
        abstract="Water level and surface area of Lake Chad from radar altimetry and MODIS/Sentinel-2 imagery.",
        boxes=[(13.0, 12.5, 15.5, 14.5)],
        place="Lake Chad",
        start="1992-09-01",
        end=NOW,
        keywords=[gcmd("EARTH SCIENCE > TERRESTRIAL HYDROSPHERE > SURFACE WATER > LAKES/RESERVOIRS"), places("Chad")],
        topics=["inlandWaters"],
        contacts=[Contact("originator", "LEGOS, IRD", "Lebœuf, Sylvie", "", orcid(520)), THEIA],
        license="cc-by",
        formats=[CSV],
        platforms=[Platform("SENTINEL-3A", "Copernicus Sentinel-3A", [("SRAL", "radar altimeter")])],
        published="2015-05-05",
    ),
    Spec(
        slug="forest-height-france",
        fmt="iso19115-3",
        lang="fr",
        title="Hauteur de la canopée forestière de la France à 10 m",
        abstract="Carte de hauteur de canopée estimée par apprentissage profond à partir de Sentinel-1, "
        "Sentinel-2 et du lidar spatial GEDI.",
        boxes=[(-5.2, 41.3, 9.6, 51.1)],
        start="2020-01-01",
        end="2020-12-31",
        keywords=[gcmd("EARTH SCIENCE > BIOSPHERE > VEGETATION > CANOPY CHARACTERISTICS"), inspire("Land cover")],
        topics=["imageryBaseMapsEarthCover", "environment"],
        contacts=[Contact("originator", "LSCE, CEA / CNRS / UVSQ", "Élies, Raphaël", "", orcid(539)), THEIA],
        license="etalab",
        formats=[GEOTIFF],
        published="2023-03-03",
    ),
    Spec(
        slug="urban-heat-island-paris",
        lang="fr",
        title="Température de surface et îlot de chaleur urbain de l'agglomération parisienne (Landsat)",
        abstract="Températures de surface estivales dérivées de Landsat 8/9 à 30 m et indicateurs d'îlot de "
        "chaleur urbain pour la métropole du Grand Paris.",
        boxes=[(1.9, 48.6, 2.7, 49.1)],
        start="2013-06-01",
        end="2023-08-31",
        keywords=[
            gcmd("EARTH SCIENCE > LAND SURFACE > SURFACE THERMAL PROPERTIES > LAND SURFACE TEMPERATURE"),
            gemet("zone urbaine"),
        ],
        topics=["imageryBaseMapsEarthCover", "climatologyMeteorologyAtmosphere"],
        contacts=[Contact("originator", "CES Température de surface, THEIA"), THEIA],
        license="etalab",
        formats=[GEOTIFF],
        published="2024-01-15",
    ),
    Spec(
        slug="draix-bleone-erosion",
        lang="fr",
        title="Observatoire de Draix-Bléone : érosion et transport sédimentaire dans les marnes noires",
        abstract="Débits liquides et solides, pluie et ablation des versants dans les bassins versants torrentiels "
        "de Draix (Alpes-de-Haute-Provence), observatoire OZCAR.",
        boxes=[(6.33, 44.12, 6.38, 44.16)],
        start="1983-01-01",
        end=NOW,
        keywords=[gcmd("EARTH SCIENCE > LAND SURFACE > EROSION/SEDIMENTATION > SEDIMENT TRANSPORT"), free("OZCAR")],
        topics=["inlandWaters", "geoscientificInformation"],
        contacts=[
            Contact("principalInvestigator", "INRAE, UR ETNA", "Floc'h, Zoé", "", orcid(540)),
            Contact("pointOfContact", OZCAR),
            THEIA,
        ],
        license="cc-by",
        formats=[CSV],
        published="2016-06-16",
    ),
    Spec(
        slug="crop-types-occitanie",
        fmt="datacite",
        title="Crop type maps of Occitanie from Sentinel-1 and Sentinel-2 time series",
        abstract="Annual 10 m maps of 17 crop types for the Occitanie region, with confidence layers.",
        doi="10.24400/DEMO-0204",
        boxes=[(-0.4, 42.3, 4.9, 45.1)],
        place="Occitanie",
        start="2017-01-01",
        end="2022-12-31",
        keywords=[gcmd("EARTH SCIENCE > AGRICULTURE > AGRICULTURAL PLANT SCIENCE"), free("crop mapping")],
        contacts=[Contact("author", CESBIO, "Guéguen, Clément", "", orcid(541)), Contact("publisher", "THEIA")],
        license="cc-by",
        formats=[GEOTIFF],
        published="2023-08-08",
    ),
]
