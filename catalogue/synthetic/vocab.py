"""Vocabularies for synthetic records: real Earth-science terms (GCMD Science Keywords, GEMET concepts, INSPIRE
themes, ISO topic categories), plausible organisations, regions and formats of the four Data Terra hubs.

Only data here; catalogue/synthetic/generator.py combines it deterministically.
"""

from __future__ import annotations

GCMD = "GCMD Science Keywords"
GEMET = "GEMET - Concepts, version 4.2.3"
INSPIRE = "GEMET - INSPIRE themes, version 1.0"

# One theme = a family of datasets: (variable EN, variable FR, GCMD keyword, topic categories, platforms, instruments)
THEMES: dict[str, list[tuple[str, str, str, list[str], list[str], list[str]]]] = {
    "AERIS": [
        (
            "aerosol optical depth",
            "épaisseur optique des aérosols",
            "EARTH SCIENCE > ATMOSPHERE > AEROSOLS > AEROSOL OPTICAL DEPTH/THICKNESS",
            ["climatologyMeteorologyAtmosphere"],
            ["AERONET"],
            ["CIMEL CE318"],
        ),
        (
            "ozone total column",
            "colonne totale d'ozone",
            "EARTH SCIENCE > ATMOSPHERE > ATMOSPHERIC CHEMISTRY > OXYGEN COMPOUNDS > ATMOSPHERIC OZONE",
            ["climatologyMeteorologyAtmosphere"],
            ["METOP-B", "METOP-C"],
            ["IASI"],
        ),
        (
            "cloud ice water content",
            "contenu en glace des nuages",
            "EARTH SCIENCE > ATMOSPHERE > CLOUDS > CLOUD MICROPHYSICS > ICE WATER CONTENT",
            ["climatologyMeteorologyAtmosphere"],
            ["CALIPSO", "CLOUDSAT"],
            ["CALIOP", "CPR"],
        ),
        (
            "upper-air temperature",
            "température en altitude",
            "EARTH SCIENCE > ATMOSPHERE > ATMOSPHERIC TEMPERATURE > UPPER AIR TEMPERATURE",
            ["climatologyMeteorologyAtmosphere"],
            [],
            ["RADIOSONDES"],
        ),
        (
            "precipitation rate",
            "taux de précipitation",
            "EARTH SCIENCE > ATMOSPHERE > PRECIPITATION > PRECIPITATION RATE",
            ["climatologyMeteorologyAtmosphere", "inlandWaters"],
            ["GPM"],
            ["DPR"],
        ),
        (
            "carbon dioxide mole fraction",
            "fraction molaire de dioxyde de carbone",
            "EARTH SCIENCE > ATMOSPHERE > ATMOSPHERIC CHEMISTRY > CARBON AND HYDROCARBON COMPOUNDS > "
            "ATMOSPHERIC CARBON DIOXIDE",
            ["climatologyMeteorologyAtmosphere", "environment"],
            ["ICOS"],
            ["PICARRO G2401"],
        ),
        (
            "particulate matter PM2.5",
            "particules fines PM2,5",
            "EARTH SCIENCE > ATMOSPHERE > AIR QUALITY > PARTICULATES",
            ["climatologyMeteorologyAtmosphere", "health"],
            [],
            ["TEOM"],
        ),
        (
            "attenuated backscatter",
            "rétrodiffusion atténuée",
            "EARTH SCIENCE > ATMOSPHERE > AEROSOLS > AEROSOL BACKSCATTER",
            ["climatologyMeteorologyAtmosphere"],
            ["SIRTA"],
            ["LIDAR"],
        ),
        (
            "surface wind speed",
            "vitesse du vent en surface",
            "EARTH SCIENCE > ATMOSPHERE > ATMOSPHERIC WINDS > SURFACE WINDS",
            ["climatologyMeteorologyAtmosphere"],
            [],
            ["ANEMOMETERS"],
        ),
        (
            "solar irradiance",
            "rayonnement solaire",
            "EARTH SCIENCE > ATMOSPHERE > ATMOSPHERIC RADIATION > SOLAR RADIATION",
            ["climatologyMeteorologyAtmosphere"],
            ["BSRN"],
            ["PYRANOMETERS"],
        ),
    ],
    "FORMATER": [
        (
            "GNSS station positions",
            "positions de stations GNSS",
            "EARTH SCIENCE > SOLID EARTH > GEODETICS > GEODETIC POSITIONING",
            ["geoscientificInformation"],
            [],
            ["GNSS RECEIVERS"],
        ),
        (
            "ground deformation velocity",
            "vitesse de déformation du sol",
            "EARTH SCIENCE > SOLID EARTH > TECTONICS > VOLCANIC ACTIVITY > MAGMA MOVEMENT",
            ["geoscientificInformation", "imageryBaseMapsEarthCover"],
            ["SENTINEL-1A", "SENTINEL-1B"],
            ["C-SAR"],
        ),
        (
            "earthquake hypocentres",
            "hypocentres de séismes",
            "EARTH SCIENCE > SOLID EARTH > EARTHQUAKES > EARTHQUAKE OCCURRENCES",
            ["geoscientificInformation"],
            [],
            ["SEISMOMETERS"],
        ),
        (
            "seismic waveforms",
            "formes d'onde sismiques",
            "EARTH SCIENCE > SOLID EARTH > EARTHQUAKES > SEISMIC PROFILE",
            ["geoscientificInformation"],
            [],
            ["BROADBAND SEISMOMETERS"],
        ),
        (
            "geomagnetic field",
            "champ géomagnétique",
            "EARTH SCIENCE > SOLID EARTH > GEOMAGNETISM > MAGNETIC FIELD",
            ["geoscientificInformation"],
            [],
            ["FLUXGATE MAGNETOMETERS"],
        ),
        (
            "digital elevation model",
            "modèle numérique de terrain",
            "EARTH SCIENCE > LAND SURFACE > TOPOGRAPHY > TERRAIN ELEVATION",
            ["elevation"],
            ["PLEIADES-1A"],
            ["HiRI"],
        ),
        (
            "gravity anomalies",
            "anomalies de gravité",
            "EARTH SCIENCE > SOLID EARTH > GRAVITY/GRAVITATIONAL FIELD > GRAVITY ANOMALIES",
            ["geoscientificInformation"],
            [],
            ["GRAVIMETERS"],
        ),
        (
            "landslide displacement",
            "déplacement de glissements de terrain",
            "EARTH SCIENCE > SOLID EARTH > GEOMORPHIC LANDFORMS/PROCESSES > MASS MOVEMENT",
            ["geoscientificInformation", "environment"],
            ["SENTINEL-2A"],
            ["MSI"],
        ),
        (
            "volcanic gas flux",
            "flux de gaz volcaniques",
            "EARTH SCIENCE > SOLID EARTH > TECTONICS > VOLCANIC ACTIVITY > VOLCANIC GASES",
            ["geoscientificInformation"],
            [],
            ["DOAS"],
        ),
    ],
    "ODATIS": [
        (
            "sea surface temperature",
            "température de surface de la mer",
            "EARTH SCIENCE > OCEANS > OCEAN TEMPERATURE > SEA SURFACE TEMPERATURE",
            ["oceans"],
            ["SENTINEL-3A"],
            ["SLSTR"],
        ),
        (
            "sea level",
            "niveau de la mer",
            "EARTH SCIENCE > OCEANS > SEA SURFACE TOPOGRAPHY > SEA SURFACE HEIGHT",
            ["oceans"],
            ["JASON-3"],
            ["TIDE GAUGES"],
        ),
        (
            "salinity profiles",
            "profils de salinité",
            "EARTH SCIENCE > OCEANS > SALINITY/DENSITY > SALINITY",
            ["oceans"],
            ["PROFILING FLOATS"],
            ["CTD"],
        ),
        (
            "chlorophyll-a concentration",
            "concentration en chlorophylle-a",
            "EARTH SCIENCE > OCEANS > OCEAN CHEMISTRY > CHLOROPHYLL",
            ["oceans", "biota"],
            ["SENTINEL-3B"],
            ["OLCI"],
        ),
        (
            "ocean currents",
            "courants océaniques",
            "EARTH SCIENCE > OCEANS > OCEAN CIRCULATION > OCEAN CURRENTS",
            ["oceans"],
            ["GLIDERS"],
            ["ADCP"],
        ),
        (
            "significant wave height",
            "hauteur significative des vagues",
            "EARTH SCIENCE > OCEANS > OCEAN WAVES > SIGNIFICANT WAVE HEIGHT",
            ["oceans"],
            ["MOORED BUOYS"],
            ["WAVERIDER"],
        ),
        (
            "nutrients",
            "sels nutritifs",
            "EARTH SCIENCE > OCEANS > OCEAN CHEMISTRY > NUTRIENTS",
            ["oceans", "environment"],
            ["RESEARCH VESSELS"],
            ["AUTOANALYZER"],
        ),
        (
            "bathymetry",
            "bathymétrie",
            "EARTH SCIENCE > OCEANS > BATHYMETRY/SEAFLOOR TOPOGRAPHY > BATHYMETRY",
            ["oceans", "elevation"],
            ["RESEARCH VESSELS"],
            ["MULTIBEAM ECHO SOUNDERS"],
        ),
        (
            "fish stock acoustics",
            "acoustique halieutique",
            "EARTH SCIENCE > BIOSPHERE > ECOSYSTEMS > MARINE ECOSYSTEMS > PELAGIC",
            ["oceans", "biota", "farming"],
            ["RESEARCH VESSELS"],
            ["ECHO SOUNDERS"],
        ),
        (
            "dissolved oxygen",
            "oxygène dissous",
            "EARTH SCIENCE > OCEANS > OCEAN CHEMISTRY > OXYGEN",
            ["oceans"],
            ["PROFILING FLOATS"],
            ["OXYGEN OPTODES"],
        ),
    ],
    "THEIA": [
        (
            "land cover",
            "occupation des sols",
            "EARTH SCIENCE > LAND SURFACE > LAND USE/LAND COVER > LAND USE/LAND COVER CLASSIFICATION",
            ["imageryBaseMapsEarthCover", "environment"],
            ["SENTINEL-2A", "SENTINEL-2B"],
            ["MSI"],
        ),
        (
            "snow cover",
            "couverture neigeuse",
            "EARTH SCIENCE > CRYOSPHERE > SNOW/ICE > SNOW COVER",
            ["imageryBaseMapsEarthCover", "climatologyMeteorologyAtmosphere"],
            ["SENTINEL-2A"],
            ["MSI"],
        ),
        (
            "soil moisture",
            "humidité du sol",
            "EARTH SCIENCE > LAND SURFACE > SOILS > SOIL MOISTURE/WATER CONTENT",
            ["geoscientificInformation"],
            ["SMOS"],
            ["MIRAS"],
        ),
        (
            "river water level",
            "hauteur d'eau des rivières",
            "EARTH SCIENCE > TERRESTRIAL HYDROSPHERE > SURFACE WATER > SURFACE WATER PROCESSES/MEASUREMENTS > "
            "STAGE HEIGHT",
            ["inlandWaters"],
            ["JASON-3", "SENTINEL-3A"],
            ["POSEIDON-3B", "SRAL"],
        ),
        (
            "evapotranspiration",
            "évapotranspiration",
            "EARTH SCIENCE > ATMOSPHERE > ATMOSPHERIC WATER VAPOR > EVAPOTRANSPIRATION",
            ["climatologyMeteorologyAtmosphere", "inlandWaters"],
            ["AQUA"],
            ["MODIS"],
        ),
        (
            "stream water chemistry",
            "chimie des eaux de rivière",
            "EARTH SCIENCE > TERRESTRIAL HYDROSPHERE > WATER QUALITY/WATER CHEMISTRY",
            ["inlandWaters", "environment"],
            [],
            ["ION CHROMATOGRAPHS"],
        ),
        (
            "leaf area index",
            "indice de surface foliaire",
            "EARTH SCIENCE > BIOSPHERE > VEGETATION > LEAF CHARACTERISTICS > LEAF AREA INDEX (LAI)",
            ["imageryBaseMapsEarthCover", "farming"],
            ["SENTINEL-2B"],
            ["MSI"],
        ),
        (
            "land surface temperature",
            "température de surface des terres",
            "EARTH SCIENCE > LAND SURFACE > SURFACE THERMAL PROPERTIES > LAND SURFACE TEMPERATURE",
            ["imageryBaseMapsEarthCover", "climatologyMeteorologyAtmosphere"],
            ["LANDSAT-8"],
            ["TIRS"],
        ),
        (
            "sediment transport",
            "transport sédimentaire",
            "EARTH SCIENCE > LAND SURFACE > EROSION/SEDIMENTATION > SEDIMENT TRANSPORT",
            ["inlandWaters", "geoscientificInformation"],
            [],
            ["TURBIDIMETERS"],
        ),
    ],
}

GEMET_CONCEPTS = [  # (EN, FR) preferred labels of GEMET concepts
    ("air quality", "qualité de l'air"),
    ("climate change", "changement climatique"),
    ("ozone", "ozone"),
    ("aerosol", "aérosol"),
    ("precipitation", "précipitation"),
    ("earthquake", "séisme"),
    ("volcano", "volcan"),
    ("geodesy", "géodésie"),
    ("landslide", "glissement de terrain"),
    ("sea level", "niveau de la mer"),
    ("coastal water", "eau côtière"),
    ("fishery", "pêche"),
    ("water quality", "qualité de l'eau"),
    ("phytoplankton", "phytoplancton"),
    ("ocean current", "courant marin"),
    ("land cover", "couverture du sol"),
    ("snow", "neige"),
    ("soil moisture", "humidité du sol"),
    ("river", "cours d'eau"),
    ("evaporation", "évaporation"),
    ("erosion", "érosion"),
    ("groundwater", "eau souterraine"),
    ("glacier", "glacier"),
    ("wetland", "zone humide"),
    ("forest", "forêt"),
    ("agriculture", "agriculture"),
    ("urban area", "zone urbaine"),
    ("remote sensing", "télédétection"),
]

INSPIRE_THEMES = {  # per hub: (EN, FR)
    "AERIS": [
        ("Atmospheric conditions", "Conditions atmosphériques"),
        ("Meteorological geographical features", "Caractéristiques géographiques météorologiques"),
    ],
    "FORMATER": [("Geology", "Géologie"), ("Natural risk zones", "Zones à risque naturel"), ("Elevation", "Altitude")],
    "ODATIS": [
        ("Oceanographic geographical features", "Caractéristiques géographiques océanographiques"),
        ("Sea regions", "Régions maritimes"),
    ],
    "THEIA": [("Land cover", "Occupation des terres"), ("Hydrography", "Hydrographie"), ("Soil", "Sols")],
}

ORGANISATIONS = {
    "AERIS": [
        "LATMOS",
        "LOA",
        "IPSL",
        "LMD",
        "Laboratoire d'Aérologie",
        "LaMP",
        "LISA",
        "Météo-France",
        "CNRM",
        "LSCE",
        "CNES",
        "SEDOO",
    ],
    "FORMATER": ["IPGP", "EOST", "ISTerre", "Géoazur", "IGN", "BRGM", "RESIF", "CNES", "Laboratoire Magmas et Volcans"],
    "ODATIS": ["Ifremer", "SHOM", "LOPS", "LOCEAN", "LEGOS", "IUEM", "IRD", "LOV", "Mercator Ocean", "CNES"],
    "THEIA": ["CESBIO", "INRAE", "IRD", "LEGOS", "CNES", "IGE", "ITES", "Météo-France", "IGN", "Cerema"],
}

DOI_PREFIXES = {
    "AERIS": ["10.25326", "10.14768"],
    "FORMATER": ["10.18715", "10.25577", "10.15778"],
    "ODATIS": ["10.17882", "10.12770"],
    "THEIA": ["10.24400", "10.57932"],
}

FORMATS = {
    "AERIS": ["NetCDF", "NetCDF-CF", "HDF5", "CSV", "ASCII", "BUFR", "NASA Ames"],
    "FORMATER": ["RINEX", "miniSEED", "GeoTIFF", "QuakeML", "CSV", "IAGA-2002", "SINEX"],
    "ODATIS": ["NetCDF", "NetCDF-CF", "CSV", "ODV", "GeoTIFF", "BAG"],
    "THEIA": ["GeoTIFF", "NetCDF", "CSV", "ESRI Shapefile", "GeoPackage", "JPEG2000"],
}

LICENCES = [  # (text, url, weight)
    ("CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/", 50),
    ("Licence Ouverte / Open Licence 2.0", "https://www.etalab.gouv.fr/licence-ouverte-open-licence/", 25),
    ("CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/", 8),
    ("ODbL-1.0", "https://opendatacommons.org/licenses/odbl/1-0/", 5),
    ("Restricted access: data available on request", "", 12),
]

RESOURCE_TYPES = [("dataset", 80), ("series", 10), ("nonGeographicDataset", 5), ("service", 5)]
STANDARDS = [("iso19139", 60), ("iso19115-3", 15), ("datacite", 25)]

# Named regions as (kind, EN, FR, west, south, east, north); kind o = ocean, l = land, b = both; west > east
# crosses the antimeridian. FR names carry their article, so French templates only use "sur"/"pour" before them.
REGIONS = [
    ("l", "metropolitan France", "la France métropolitaine", -5.2, 41.3, 9.6, 51.1),
    ("b", "Brittany", "Bretagne", -5.2, 47.2, -1.0, 48.9),
    ("l", "the French Alps", "les Alpes françaises", 5.0, 43.8, 7.8, 46.5),
    ("l", "the Pyrenees", "les Pyrénées", -2.0, 42.0, 3.4, 43.4),
    ("o", "the Mediterranean Sea", "la mer Méditerranée", -6.0, 30.0, 36.0, 46.0),
    ("o", "the Bay of Biscay", "le golfe de Gascogne", -6.0, 43.3, -1.2, 47.9),
    ("o", "the North Atlantic", "l'Atlantique Nord", -70.0, 30.0, -5.0, 65.0),
    ("o", "the Southern Ocean", "l'océan Austral", -180.0, -75.0, 180.0, -45.0),
    ("b", "the Kerguelen Plateau", "le plateau des Kerguelen", 60.0, -56.0, 85.0, -44.0),
    ("l", "West Africa", "l'Afrique de l'Ouest", -18.0, 4.0, 16.0, 25.0),
    ("l", "the Sahel", "le Sahel", -17.0, 12.0, 20.0, 18.0),
    ("l", "the Amazon basin", "le bassin amazonien", -80.0, -20.0, -45.0, 5.0),
    ("l", "the Mekong basin", "le bassin du Mékong", 98.0, 8.0, 110.0, 30.0),
    ("l", "the Niger basin", "le bassin du Niger", -12.0, 5.0, 15.0, 18.0),
    ("b", "the Arctic", "l'Arctique", -180.0, 66.5, 180.0, 90.0),
    ("b", "Svalbard", "le Svalbard", 10.0, 76.0, 34.0, 81.0),
    ("l", "Antarctica", "l'Antarctique", -180.0, -90.0, 180.0, -60.0),
    ("b", "La Réunion", "La Réunion", 55.2, -21.4, 55.9, -20.8),
    ("b", "the Lesser Antilles", "les Petites Antilles", -62.0, 12.0, -60.0, 18.5),
    ("b", "New Caledonia", "la Nouvelle-Calédonie", 163.5, -23.0, 168.5, -19.5),
    ("b", "French Polynesia", "la Polynésie française", -155.0, -28.0, -134.0, -7.0),
    ("b", "the Fiji Islands", "les îles Fidji", 176.8, -19.3, -178.2, -15.7),
    ("b", "Wallis and Futuna", "Wallis-et-Futuna", -178.5, -14.6, -175.8, -12.9),
    ("o", "the Tonga–Kermadec arc", "l'arc Tonga–Kermadec", 172.0, -38.0, -172.0, -14.0),
    ("o", "the Bering Sea", "la mer de Béring", 162.0, 51.0, -157.0, 66.0),
    ("b", "the Aleutian arc", "l'arc des Aléoutiennes", 165.0, 50.0, -160.0, 56.0),
    ("o", "the tropical Pacific", "le Pacifique tropical", 120.0, -20.0, -80.0, 20.0),
    ("o", "the South-West Pacific", "le Pacifique Sud-Ouest", 160.0, -25.0, -170.0, -10.0),
    ("o", "the Indian Ocean", "l'océan Indien", 20.0, -60.0, 120.0, 30.0),
    ("l", "the Tibetan Plateau", "le plateau tibétain", 75.0, 27.0, 105.0, 40.0),
    ("l", "the Andes", "les Andes", -80.0, -40.0, -65.0, -10.0),
    ("l", "the East African Rift", "le rift est-africain", 28.0, -12.0, 42.0, 15.0),
    ("b", "the world", "le monde entier", -180.0, -90.0, 180.0, 90.0),
]

PRODUCTS = [  # (EN pattern, FR pattern): {var}/{Var}, {region}, and in French {de_var} ("de neige", "d'ozone")
    ("{Var} over {region}: daily gridded product", "{Var} sur {region} : produit quotidien maillé"),
    ("{Var} time series at stations in {region}", "Séries temporelles {de_var} : stations sur {region}"),
    ("Monthly climatology of {var} in {region}", "Climatologie mensuelle {de_var} sur {region}"),
    ("{Var} from a field campaign in {region}", "{Var} : campagne de terrain sur {region}"),
    ("Reanalysis of {var} for {region}", "Réanalyse {de_var} pour {region}"),
    ("Satellite-derived {var} maps of {region}", "Cartes satellitaires {de_var} sur {region}"),
    ("In-situ observations of {var} in {region}", "Observations in situ {de_var} sur {region}"),
]
REGION_KINDS = {"AERIS": "olb", "FORMATER": "olb", "ODATIS": "ob", "THEIA": "lb"}  # where each hub's data lie

ABSTRACT_EN = [
    "This dataset provides {var} over {region} from {start} onwards, processed with a documented and versioned "
    "chain and quality-controlled before release.",
    "Measurements were acquired with {instrument} and calibrated against reference instruments; uncertainties are "
    "given for every value.",
    "The product is used for climate monitoring, model validation and the study of extreme events.",
    "Data are distributed as {format} files with CF-compliant metadata and a user guide.",
]
ABSTRACT_FR = [
    "Ce jeu de données fournit des mesures {de_var} sur {region} depuis {start}, traitées par une chaîne documentée "
    "et versionnée et contrôlées avant diffusion.",
    "Les mesures ont été acquises avec {instrument} et étalonnées par rapport à des instruments de référence ; "
    "les incertitudes sont fournies pour chaque valeur.",
    "Le produit sert au suivi du climat, à la validation des modèles et à l'étude des événements extrêmes.",
    "Les données sont diffusées au format {format}, avec des métadonnées conformes et un guide utilisateur.",
]

ABSTRACT_EXTRA_EN = [
    "Gaps due to instrument failures are flagged, not filled.",
    "A reprocessing in 2021 homogenised the calibration over the whole period.",
    "Values below the detection limit are reported with a dedicated flag.",
    "The dataset supports the Copernicus and GEOSS programmes.",
    "Near-real-time data are replaced by consolidated data after three months.",
    "Users are asked to cite the associated data paper.",
    "Coastal pixels are less reliable and are flagged accordingly.",
    "Quicklooks are available for every day of the record.",
]
ABSTRACT_EXTRA_FR = [
    "Les lacunes dues aux pannes d'instruments sont signalées, pas comblées.",
    "Un retraitement en 2021 a homogénéisé l'étalonnage sur toute la période.",
    "Les valeurs sous la limite de détection sont signalées par un drapeau dédié.",
    "Le jeu de données contribue aux programmes Copernicus et GEOSS.",
    "Les données en temps quasi réel sont remplacées par des données consolidées après trois mois.",
    "Les utilisateurs sont priés de citer l'article de données associé.",
    "Les pixels côtiers sont moins fiables et sont signalés comme tels.",
    "Des aperçus rapides sont disponibles pour chaque jour de la série.",
]

GIVEN_NAMES = [
    "Anne",
    "Julien",
    "Hélène",
    "François",
    "Aminata",
    "Wei",
    "Marta",
    "Étienne",
    "Lucía",
    "Thomas",
    "Maëlle",
    "Karim",
    "Sofia",
    "Pierre",
    "Nadia",
    "Yann",
    "Chloé",
    "Olivier",
    "Inès",
    "Raphaël",
]
FAMILY_NAMES = [
    "Martin",
    "Dubois",
    "Lefèvre",
    "Diallo",
    "Nguyen",
    "Kowalski",
    "Roussel",
    "García",
    "Moreau",
    "Girard",
    "Bernard",
    "Chen",
    "Le Goff",
    "Fontaine",
    "Mercier",
    "Benali",
    "Rousseau",
    "Petit",
    "Faure",
    "Lambert",
]
