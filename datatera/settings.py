"""Django settings. Every deployment-specific value comes from the environment, parsed strictly in env.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils.translation import gettext_lazy as _

from datatera.env import (
    env_bool,
    env_choice,
    env_database_url,
    env_float,
    env_int,
    env_list,
    env_secret,
    env_str,
    env_url,
    env_url_list,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
_DEV_SECRET = "dev-only-insecure-secret-key-change-me-in-production-0123456789"  # noqa: S105 - local default
SECRET_KEY = env_secret("SECRET_KEY", _DEV_SECRET)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# The portal's public address, used in absolute links (sitemaps, JSON-LD, CSW capabilities, signposting).
SITE_URL = env_url("SITE_URL", "http://127.0.0.1:8000", ("http", "https")).rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "rest_framework",
    "drf_spectacular",
    "leaflet",
    "poles",
    "harvesters",
    "catalogue.records",  # the record core; app label "catalogue" (tables, migrations)
    "catalogue.search",
    "catalogue.portal",
    "catalogue.landing",
    "catalogue.synthetic",  # manage.py generate_records (benchmark data)
    "ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "datatera.urls"
WSGI_APPLICATION = "datatera.wsgi.application"

TEMPLATES: list[dict[str, Any]] = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "datatera.context_processors.portal_chrome",  # header service links, map tiles (issue 15)
            ],
        },
    },
]

DATABASES = {
    "default": env_database_url("DATABASE_URL", "postgres://datatera:datatera@127.0.0.1:5432/datatera").as_django()
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_url("REDIS_URL", "redis://127.0.0.1:6379/0", ("redis", "rediss"))
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "datatera"),
        "TIMEOUT": 300,
    }
}

# Search: "postgres" (embedded default), or a search engine for deployments that outgrow one machine:
# "opensearch" (OpenSearch 2, opensearch-py) or "elasticsearch" (Elasticsearch 8). See docs/search-cluster.md.
SEARCH_BACKEND = env_choice("SEARCH_BACKEND", "postgres", ("postgres", "elasticsearch", "opensearch"))
# One URL or several comma-separated (one per node: the client spreads requests and skips a dead node).
ELASTICSEARCH_URLS = env_url_list("ELASTICSEARCH_URL", [], ("http", "https"))
ELASTICSEARCH_INDEX = env_str("ELASTICSEARCH_INDEX", "datatera-records")  # an alias: reindexing swaps it
OPENSEARCH_URLS = env_url_list("OPENSEARCH_URL", [], ("http", "https"))
OPENSEARCH_INDEX = env_str("OPENSEARCH_INDEX", "datatera-records")
for _backend, _urls, _variable in (
    ("elasticsearch", ELASTICSEARCH_URLS, "ELASTICSEARCH_URL"),
    ("opensearch", OPENSEARCH_URLS, "OPENSEARCH_URL"),
):
    if SEARCH_BACKEND == _backend and not _urls:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"SEARCH_BACKEND={_backend} needs {_variable} (e.g. http://127.0.0.1:9200)")
# Seconds an engine request may take before the search answers 503 (or falls back, below).
SEARCH_ENGINE_TIMEOUT = env_float("SEARCH_ENGINE_TIMEOUT", 10.0, minimum=0.001, maximum=300.0)
# Exact counts up to this many hits on the engine (track_total_hits); "at least N" above.
SEARCH_ENGINE_EXACT_LIMIT = env_int("SEARCH_ENGINE_EXACT_LIMIT", 100000, minimum=1000)
# Shape of the indexes `search_reindex` builds: primary shards, and replicas (1 on a cluster of 2+ nodes, so
# losing a node loses no data and searches keep answering).
SEARCH_ENGINE_SHARDS = env_int("SEARCH_ENGINE_SHARDS", 1, minimum=1, maximum=64)
SEARCH_ENGINE_REPLICAS = env_int("SEARCH_ENGINE_REPLICAS", 0, minimum=0, maximum=5)
# When the engine cannot answer: "postgres" answers from PostgreSQL (the system of record, always complete) and
# the portal says so; "none" answers 503 "search temporarily unavailable".
SEARCH_FALLBACK = env_choice("SEARCH_FALLBACK", "postgres", ("postgres", "none"))
# Celery queue of the indexing tasks ("celery", the default queue, unless workers are split by kind of work).
SEARCH_INDEX_QUEUE = env_str("SEARCH_INDEX_QUEUE", "celery")

# Celery: long harvests. acks_late + prefetch 1 so a killed worker's job is re-delivered, and a visibility
# timeout well above the longest harvest so Redis does not hand a running job to a second worker.
CELERY_BROKER_URL = env_url("CELERY_BROKER_URL", REDIS_URL, ("redis", "rediss"))
CELERY_RESULT_BACKEND = None  # the HarvestJob row is the truth, not Celery's result store
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 6 * 3600, minimum=60)}
# The queue the harvest tasks go to and the worker consumes; the test suite uses its own (tests/settings.py).
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "celery")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TIMEZONE = "UTC"

# Harvesting
HARVEST_USER_AGENT = env_str(
    "HARVEST_USER_AGENT", "DataTerraCatalogue/0.1 (+https://www.data-terra.org; catalogue harvester)"
)
HARVEST_HTTP_TIMEOUT = env_float("HARVEST_HTTP_TIMEOUT", 60.0, minimum=1.0, maximum=600.0)
HARVEST_MAX_RETRIES = env_int("HARVEST_MAX_RETRIES", 3, minimum=0, maximum=20)
HARVEST_MAX_DOCUMENT_BYTES = env_int("HARVEST_MAX_DOCUMENT_BYTES", 50 * 1024 * 1024, minimum=1024)
HARVEST_MASS_DELETE_SHARE = env_float("HARVEST_MASS_DELETE_SHARE", 0.20, minimum=0.0, maximum=1.0)
HARVEST_STALE_JOB_SECONDS = env_int("HARVEST_STALE_JOB_SECONDS", 900, minimum=30)
DEMO_DATA_DIR = Path(env_str("DEMO_DATA_DIR", str(BASE_DIR / "demo")))
# Real-world records published by others, used by the tests when present (CI has ../shared).
SHARED_CORPUS_DIR = Path(env_str("SHARED_CORPUS_DIR", str(BASE_DIR.parent / "shared" / "corpus")))

# Internationalisation: the portal speaks French and English.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("Français"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": env_str("API_ANON_RATE", "600/minute")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Data Terra catalogue API",
    "DESCRIPTION": "Search the federated metadata catalogue of the Data Terra hubs (AERIS, Form@ter, ODATIS, THEIA).",
    "VERSION": "1.0.0",
}

LEAFLET_CONFIG = {"DEFAULT_CENTER": (46.5, 2.5), "DEFAULT_ZOOM": 2, "RESET_VIEW": False}

# Identity shown in CSW capabilities, OAI-PMH Identify and JSON-LD includedInDataCatalog.
CATALOGUE_TITLE = env_str("CATALOGUE_TITLE", "Data Terra federated catalogue")
CATALOGUE_ABSTRACT = env_str(
    "CATALOGUE_ABSTRACT",
    "Federated metadata catalogue of the Data Terra research infrastructure: AERIS, Form@ter, ODATIS and THEIA.",
)
CATALOGUE_CONTACT_EMAIL = env_str("CATALOGUE_CONTACT_EMAIL", "catalogue@data-terra.org")

# Production hardening: on unless DEBUG. `manage.py check --deploy` passes with DEBUG=false and a real secret.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", False) else None
SILENCED_SYSTEM_CHECKS = [
    "gis.W001",  # Debian 12 ships GDAL 3.6; GeoDjango only warns, and we use GDAL for nothing GDAL-version-specific
    *env_list("SILENCED_SYSTEM_CHECKS", []),
]
if not DEBUG and SECRET_KEY == _DEV_SECRET and env_bool("REQUIRE_REAL_SECRET", False):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SECRET_KEY must be set to a real secret in production (REQUIRE_REAL_SECRET=true)")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_choice("LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR"))},
}

# DOI landing pages: DOI prefixes (or DOI stems like "10.12345/dt-") whose registered landing page is this portal.
# Only those pages claim the DOI with signposting's cite-as; others link it as "related" (hubs' prefixes are also
# read from Pole.landing_doi_prefixes).
DOI_LANDING_PREFIXES = env_list("DOI_LANDING_PREFIXES", [])
# CSW / OAI-PMH endpoints (catalogue/csw): page caps that do not cripple harvesters, and a POST size limit.
CSW_MAX_RECORDS = env_int("CSW_MAX_RECORDS", 1000, minimum=10, maximum=10000)
CSW_MAX_POST_BYTES = env_int("CSW_MAX_POST_BYTES", 1024 * 1024, minimum=1024)
OAI_PAGE_SIZE = env_int("OAI_PAGE_SIZE", 100, minimum=1, maximum=1000)

# Harvesting (issue 3): retry pacing, bad-page retries, and the beat schedule of the harvest tasks.
HARVEST_RETRY_BACKOFF_SECONDS = env_float("HARVEST_RETRY_BACKOFF_SECONDS", 2.0, minimum=0.0, maximum=600.0)
HARVEST_RETRY_AFTER_CAP_SECONDS = env_float("HARVEST_RETRY_AFTER_CAP_SECONDS", 300.0, minimum=0.0, maximum=3600.0)
HARVEST_PAGE_RETRIES = env_int("HARVEST_PAGE_RETRIES", 2, minimum=0, maximum=10)  # malformed/HTML/truncated pages
CELERY_BEAT_SCHEDULE = {
    "harvest-schedule-due-sources": {"task": "harvesters.tasks.schedule_due_sources", "schedule": 300.0},
}

# Search (catalogue.search): exact counts and facets up to this many matching rows, estimates above it; counts and
# facets cached this many seconds (0 = off), invalidated at once by any record change.
# Text queries are counted exactly up to this many matching rows before facet selections (the exact path's CPU
# p95 stays within the 100 ms goal up to ~8,000: bench/bench_scale.py, docs/search.md "Counts").
SEARCH_EXACT_LIMIT = env_int("SEARCH_EXACT_LIMIT", 8000, minimum=100)
SEARCH_SAMPLE_ROWS = env_int("SEARCH_SAMPLE_ROWS", 2000, minimum=100)  # rows an estimate reads
SEARCH_CACHE_SECONDS = env_int("SEARCH_CACHE_SECONDS", 300, minimum=0)
# Relevance read in the order of the RUM indexes (`<=>`) instead of ts_rank over the GIN index's matches. Off: RUM
# 1.3 (Debian's 1.3.13) reads uninitialised memory when a lexeme's postings were all removed by VACUUM (deleted or
# re-harvested records), which crashes the backend (signal 11: the whole cluster restarts) or drops matches
# (postgrespro/rum#183, fixed by rum PR #172, in no release yet). Turn on only with a RUM that has that fix.
SEARCH_RANK_FROM_INDEX = env_bool("SEARCH_RANK_FROM_INDEX", False)
# API docs: Swagger UI assets from our own static files (drf-spectacular-sidecar), since no CDN is reachable.
INSTALLED_APPS += ["drf_spectacular_sidecar"]
SPECTACULAR_SETTINGS |= {"SWAGGER_UI_DIST": "SIDECAR", "SWAGGER_UI_FAVICON_HREF": "SIDECAR", "REDOC_DIST": "SIDECAR"}
CELERY_IMPORTS = ["catalogue.search.tasks"]  # tasks outside <app>/tasks.py that autodiscovery would not find
# Portal maps (issue 15): online background tiles drawn over the offline Natural Earth basemap shipped in
# static/vendor/world-atlas. An empty MAP_TILES_URL means offline only (intranets, closed networks).
MAP_TILES_URL = env_str("MAP_TILES_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILES_ATTRIBUTION = env_str("MAP_TILES_ATTRIBUTION", "© OpenStreetMap contributors")
if MAP_TILES_URL and not (MAP_TILES_URL.startswith(("https://", "http://")) and "{z}" in MAP_TILES_URL):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("MAP_TILES_URL must be an http(s) URL template with {z}/{x}/{y}, or empty (offline)")
# Search across French and English (issue 15): the portal's queries expanded through thesaurus labels and the
# Earth-science glossary in catalogue/records/vocabularies/ (both kept as data). The API keeps literal queries.
SEARCH_CROSS_LANGUAGE = env_bool("SEARCH_CROSS_LANGUAGE", True)
# Map previews of records' WMS layers (issue 15): capabilities read server-side with OWSLib and cached. Private and
# loopback servers are refused unless allowed (tests and intranet deployments).
WMS_PREVIEW_TIMEOUT = env_float("WMS_PREVIEW_TIMEOUT", 10.0, minimum=1.0, maximum=120.0)
WMS_CAPABILITIES_CACHE_SECONDS = env_int("WMS_CAPABILITIES_CACHE_SECONDS", 3600, minimum=0)
WMS_PREVIEW_ALLOW_PRIVATE = env_bool("WMS_PREVIEW_ALLOW_PRIVATE", False)

# Reliability and security (issue 17, ops/): request ids and metrics outermost, then Django's security headers, our
# CSP and Permissions-Policy (ops/security.py), WhiteNoise serving the collected static files (also in production,
# with compressed copies and long cache lifetimes), so `make run` is the production server.
MIDDLEWARE = [
    "ops.middleware.RequestIdMiddleware",
    "ops.middleware.MetricsMiddleware",
    MIDDLEWARE[0],  # django.middleware.security.SecurityMiddleware
    "ops.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],
    "ops.middleware.DatabaseUnavailableMiddleware",  # innermost: sees the view's exception first
]
TEMPLATES[0]["OPTIONS"]["context_processors"].append("ops.security.csp_nonce")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = env_int("STATIC_MAX_AGE", 3600, minimum=0)
CSP_REPORT_URI = env_str("CSP_REPORT_URI", "/csp-report")  # "" = no reports
CSP_REPORT_ONLY = env_bool("CSP_REPORT_ONLY", False)  # only to trial a stricter policy: reports, blocks nothing
CSP_EXTRA_IMG_SRC = env_list("CSP_EXTRA_IMG_SRC", [])  # more image origins (e.g. a second tile server)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # forms carry the token in a hidden field; no script reads the cookie
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
# /metrics: loopback clients only, unless METRICS_TOKEN is set (then `Authorization: Bearer <token>` from anywhere).
METRICS_TOKEN = env_secret("METRICS_TOKEN", "")
# Logs: LOG_FORMAT=json for one JSON object a line (with the request id); "plain" for people.
LOG_FORMAT = env_choice("LOG_FORMAT", "plain", ("plain", "json"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "common.logs.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"},
        "json": {"()": "common.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": env_choice("LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR"))},
}
# A Redis outage is a cache miss, not a 500 (common/cache.py): the cache holds only what can be recomputed.
CACHES["default"]["BACKEND"] = "common.cache.TolerantRedisCache"
# Hub workspace (issue 12): accounts and roles, source health, e-mail alerts.
INSTALLED_APPS += ["workspace"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "workspace:login"
LOGIN_REDIRECT_URL = "workspace:home"
LOGOUT_REDIRECT_URL = "workspace:login"
# Failed logins: after this many failures for one user name, or from one address, within the window, refuse.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1, maximum=1000)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("LOGIN_FAILURE_WINDOW_SECONDS", 900, minimum=10)
# The Celery queue "harvest now" sends jobs to (the worker of `make run` consumes the default queue).
HARVEST_QUEUE = env_str("HARVEST_QUEUE", "celery")
# Source health (harvesters/health.py).
HEALTH_FAILING_AFTER = env_int("HEALTH_FAILING_AFTER", 2, minimum=1, maximum=100)  # failed runs in a row
HEALTH_DEGRADED_FAILED_SHARE = env_float("HEALTH_DEGRADED_FAILED_SHARE", 0.05, minimum=0.0, maximum=1.0)
HEALTH_FROZEN_RUNS = env_int("HEALTH_FROZEN_RUNS", 4, minimum=2, maximum=100)
HEALTH_FROZEN_DAYS = env_int("HEALTH_FROZEN_DAYS", 14, minimum=1)
# E-mail (alerts and digests to hub admins): SMTP from the environment; the console when no host is set.
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1, maximum=65535)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30, minimum=1)
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "catalogue@data-terra.org")
from celery.schedules import crontab  # noqa: E402 - kept beside the one setting that needs it

CELERY_BEAT_SCHEDULE["harvest-weekly-digest"] = {
    "task": "harvesters.tasks.send_weekly_digests",
    "schedule": crontab(minute=0, hour=7, day_of_week="monday"),  # Mondays 07:00 UTC
}
WORKSPACE_TEST_TIMEOUT = env_float("WORKSPACE_TEST_TIMEOUT", 15.0, minimum=1.0, maximum=120.0)  # "Test connection"
HEALTHZ_WORKER_TIMEOUT = env_float("HEALTHZ_WORKER_TIMEOUT", 1.0, minimum=0.1, maximum=30.0)  # /healthz worker ping
# Usage statistics (issue 13, stats/): COUNTER RD1 events queued in Redis, written in batches by the worker,
# aggregated nightly; raw events kept STATS_RAW_RETENTION_DAYS, daily counts kept.
INSTALLED_APPS += ["stats"]
MIDDLEWARE += ["stats.middleware.UsageMiddleware"]
STATS_ENABLED = env_bool("STATS_ENABLED", True)
STATS_REDIS_URL = env_url("STATS_REDIS_URL", REDIS_URL, ("redis", "rediss"))
STATS_QUEUE_KEY = env_str("STATS_QUEUE_KEY", f"{env_str('CACHE_KEY_PREFIX', 'datatera')}:stats")
STATS_REDIS_TIMEOUT_SECONDS = env_float("STATS_REDIS_TIMEOUT_SECONDS", 0.05, minimum=0.001, maximum=5.0)
STATS_REDIS_RETRY_SECONDS = env_float("STATS_REDIS_RETRY_SECONDS", 30.0, minimum=0.0, maximum=3600.0)
STATS_RAW_RETENTION_DAYS = env_int("STATS_RAW_RETENTION_DAYS", 90, minimum=1, maximum=3650)
STATS_TRUSTED_PROXIES = env_int("STATS_TRUSTED_PROXIES", 0, minimum=0, maximum=5)  # X-Forwarded-For hops trusted
# URL prefixes whose bytes the portal itself serves: a click there is a Request (ST-11), elsewhere an Investigation.
STATS_SERVED_URL_PREFIXES = env_list("STATS_SERVED_URL_PREFIXES", [])
STATS_FLUSH_SECONDS = env_float("STATS_FLUSH_SECONDS", 10.0, minimum=1.0, maximum=3600.0)
STATS_PLATFORM = env_str("STATS_PLATFORM", "Data Terra")
# DataCite usage reports (SUSHI "dsr" bodies) and event data (citations).
DATACITE_USAGE_URL = env_url("DATACITE_USAGE_URL", "https://api.datacite.org/reports", ("http", "https"))
DATACITE_USAGE_TOKEN = env_secret("DATACITE_USAGE_TOKEN", "")
DATACITE_EVENTS_URL = env_url("DATACITE_EVENTS_URL", "https://api.datacite.org/events", ("http", "https"))
DATACITE_TIMEOUT_SECONDS = env_float("DATACITE_TIMEOUT_SECONDS", 20.0, minimum=1.0, maximum=300.0)
from celery.schedules import crontab  # noqa: E402 - only the statistics schedule needs it

CELERY_BEAT_SCHEDULE |= {
    "stats-flush-events": {"task": "stats.tasks.flush_events", "schedule": STATS_FLUSH_SECONDS},
    "stats-daily": {"task": "stats.tasks.daily_job", "schedule": crontab(hour=0, minute=30)},  # yesterday, then prune
}
# Citations re-read nightly from the records; DataCite event data too when the network allows it.
STATS_CITATIONS_EVENT_DATA = env_bool("STATS_CITATIONS_EVENT_DATA", False)
CELERY_BEAT_SCHEDULE["stats-citations"] = {
    "task": "stats.tasks.refresh_citations",
    "schedule": crontab(hour=1, minute=0),
}
STATS_DATACITE_GZIP_BYTES = env_int("STATS_DATACITE_GZIP_BYTES", 10 * 1024 * 1024, minimum=1024)  # gzip above this

# Standards faces (issue 16): the catalogue's identity in French for DCAT-AP (/dcat/catalog) and OGC API - Records,
# and the page sizes of /dcat/catalog and /ogcapi/.../items.
CATALOGUE_TITLE_FR = env_str("CATALOGUE_TITLE_FR", "Catalogue fédéré Data Terra")
CATALOGUE_ABSTRACT_FR = env_str(
    "CATALOGUE_ABSTRACT_FR",
    "Catalogue fédéré des métadonnées de l'infrastructure de recherche Data Terra : AERIS, Form@ter, ODATIS et THEIA.",
)
DCAT_PAGE_SIZE = env_int("DCAT_PAGE_SIZE", 100, minimum=1, maximum=1000)
OGCAPI_DEFAULT_LIMIT = env_int("OGCAPI_DEFAULT_LIMIT", 10, minimum=1, maximum=1000)
OGCAPI_MAX_LIMIT = env_int("OGCAPI_MAX_LIMIT", 1000, minimum=1, maximum=10000)
# The official DCAT-AP / GeoDCAT-AP SHACL shapes (read, never copied): see catalogue/exports/dcat_shacl.py.
DCAT_SHACL_DIR = Path(env_str("DCAT_SHACL_DIR", str(SHARED_CORPUS_DIR.parent / "reference" / "dcat-ap-shacl")))
