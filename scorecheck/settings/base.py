"""Settings shared by every environment; every value can be set from the environment.

With nothing configured the site runs on SQLite and executes Celery tasks in-process
(the embedded default, for a first look). Production and the tests configure PostgreSQL
and Redis through DATABASE_URL and CELERY_BROKER_URL.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from kombu import Queue

from evaluator.routing import GPU_CLASSES

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="insecure-development-key-set-SECRET_KEY-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_htmx",
    "template_partials",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    # Lowest first: each app imports only from the apps above it in this list (and `core`).
    "catalogue",
    "claims",
    "evaluator",
    "verdicts",
    "leaderboard",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "scorecheck.middleware.RefuseNulBytesMiddleware",
    "api.middleware.ApiGZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "scorecheck.csp.ContentSecurityPolicyMiddleware",
    "scorecheck.open_graph.OpenGraphMiddleware",
    "api.middleware.ApiConditionalGetMiddleware",
]

ROOT_URLCONF = "scorecheck.urls"
WSGI_APPLICATION = "scorecheck.wsgi.application"
ASGI_APPLICATION = "scorecheck.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "scorecheck.context_processors.site",
            ],
        },
    }
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {
        "BACKEND": env(
            "DEFAULT_FILE_STORAGE", default="django.core.files.storage.FileSystemStorage"
        )
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# With DEFAULT_FILE_STORAGE=storages.backends.s3.S3Storage (the `s3` extra): the bucket that
# also receives the GPU workers' samples archives (their SCORECHECK_SAMPLES_STORAGE is
# s3://AWS_STORAGE_BUCKET_NAME/AWS_LOCATION). Credentials: AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY in the environment, read by boto3.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
AWS_LOCATION = env("AWS_LOCATION", default="")
AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL", default=None)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

# --- Celery -------------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
# No broker configured: run tasks in-process so the site works with no services at all.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None)
CELERY_TASK_DEFAULT_QUEUE = "default"
# Evaluations go to the queue of their GPU memory class (evaluator/routing.py); "gpu" only
# holds runs sent before there were classes.
CELERY_TASK_QUEUES = (
    Queue("default"),
    Queue("scrape"),
    Queue("gpu"),
    *(Queue(gpu_class.name) for gpu_class in GPU_CLASSES),
)
CELERY_TASK_ROUTES = {
    "claims.tasks.*": {"queue": "scrape"},
    "evaluator.tasks.evaluation_run_execute": {"queue": "gpu"},
    "evaluator.tasks.*": {"queue": "default"},
    "verdicts.tasks.*": {"queue": "default"},
    "api.tasks.*": {"queue": "default"},
}
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_TRACK_STARTED = True
# Evaluations run for hours: a message is acknowledged only once the run finished, and a
# worker that dies mid-run gets its message redelivered instead of losing the run.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# One message at a time per worker process: a GPU node must not hoard queued evaluations.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis gives a message back to the queue when its worker has not acknowledged it within the
# visibility timeout. Kombu's option is per connection, not per queue, and every consumer
# restores the overdue messages it finds under its "unacked" keys. So each kind of worker
# gets its own timeout *and* its own keys (set both through the environment, as
# docker-compose.yml does): the site's workers minutes (a killed scrape worker's source is
# retried soon), the GPU workers (`evaluator.gpu_app`, keys "unacked_gpu") hours. A timeout
# must outlast the longest task *and* the longest retry countdown of its queues, or a healthy
# message is delivered twice.
CELERY_VISIBILITY_TIMEOUT = env.int("CELERY_VISIBILITY_TIMEOUT", default=30 * 60)
CELERY_UNACKED_KEY = env("CELERY_UNACKED_KEY", default="unacked")
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    "unacked_key": CELERY_UNACKED_KEY,
    "unacked_index_key": f"{CELERY_UNACKED_KEY}_index",
    "unacked_mutex_key": f"{CELERY_UNACKED_KEY}_mutex",
}
# Sites (or parallel test processes) that share one Redis keep their queues apart by prefix.
if CELERY_BROKER_KEY_PREFIX := env("CELERY_BROKER_KEY_PREFIX", default=""):
    CELERY_BROKER_TRANSPORT_OPTIONS["global_keyprefix"] = CELERY_BROKER_KEY_PREFIX
# The GPU workers' visibility timeout (they read the same variable): evaluations' hard time
# limits are kept below it.
SCORECHECK_GPU_VISIBILITY_TIMEOUT = env.int("CELERY_GPU_VISIBILITY_TIMEOUT", default=12 * 3600)
CELERY_BEAT_SCHEDULE = {
    "poll-feeds": {
        "task": "claims.tasks.feeds_poll",
        "schedule": crontab(minute="*/30"),
        "options": {"queue": "scrape"},
    },
    "reap-stale-runs": {
        "task": "evaluator.tasks.evaluation_runs_reap_stale",
        "schedule": crontab(minute="*/10"),
        "options": {"queue": "default"},
    },
    # On `default`: a dead scrape worker must not stop the sweep that retries its sources.
    "reap-stale-sources": {
        "task": "claims.tasks.sources_reap_stale",
        "schedule": crontab(minute="*/10"),
        "options": {"queue": "default"},
    },
    "write-nightly-dump": {
        "task": "api.tasks.dump_write",
        "schedule": crontab(hour=3, minute=17),
        "options": {"queue": "default"},
    },
}

# --- Scorecheck -----------------------------------------------------------------------------
# A score claim is consistent when it lies within the measurement's 95% interval widened by
# this tolerance, in points on a 0-100 scale (scaled for other benchmark scales).
SCORECHECK_USER_AGENT = env(
    "SCORECHECK_USER_AGENT", default="ScorecheckBot/0.1 (+https://scorecheck.example/about)"
)
SCORECHECK_FETCH_MAX_BYTES = env.int("SCORECHECK_FETCH_MAX_BYTES", default=10 * 1024 * 1024)
# Public pages cache their computed sections (leaderboards, verdicts) this long: a new claim or
# measurement shows everywhere within this many seconds. 0 turns the cache off.
SCORECHECK_PAGE_CACHE_SECONDS = env.int("SCORECHECK_PAGE_CACHE_SECONDS", default=60)
SCORECHECK_FETCH_HOST_DELAY_SECONDS = env.float("SCORECHECK_FETCH_HOST_DELAY_SECONDS", default=1.0)
SCORECHECK_FETCH_HONOUR_ROBOTS = env.bool("SCORECHECK_FETCH_HONOUR_ROBOTS", default=True)
# Ingestion of one source: at the soft limit the source fails with that reason; the hard limit
# (1.2x) kills a task stuck where the soft one cannot reach.
SCORECHECK_INGEST_SOFT_TIME_LIMIT = env.int("SCORECHECK_INGEST_SOFT_TIME_LIMIT", default=300)
# A source still queued this long after its last change lost its task (a killed worker): the
# reaper sends it again, and fails it with a reason after SCORECHECK_INGEST_MAX_ATTEMPTS.
SCORECHECK_SOURCE_STALE_SECONDS = env.int("SCORECHECK_SOURCE_STALE_SECONDS", default=3600)
SCORECHECK_INGEST_MAX_ATTEMPTS = env.int("SCORECHECK_INGEST_MAX_ATTEMPTS", default=3)
# One fetch (robots.txt, redirects, headers and body together) is cut off after this long.
SCORECHECK_FETCH_DEADLINE_SECONDS = env.float("SCORECHECK_FETCH_DEADLINE_SECONDS", default=60.0)
# Host names allowed to resolve to private addresses (an intranet mirror, the tests' local
# server). Empty in production: only public addresses are fetched.
SCORECHECK_FETCH_ALLOWED_PRIVATE_HOSTS = env.list(
    "SCORECHECK_FETCH_ALLOWED_PRIVATE_HOSTS", default=[]
)

# Failed admin sign-ins allowed per client address and per user name in 15 minutes.
SCORECHECK_ADMIN_LOGIN_ATTEMPTS = env.int("SCORECHECK_ADMIN_LOGIN_ATTEMPTS", default=5)

# --- API ----------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.v1.permissions.ReadOnlyOrStaff"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api.v1.parsers.TextJSONParser"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "api.v1.pagination.IdCursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": [
        "api.v1.throttling.AnonymousThrottle",
        "api.v1.throttling.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_ANON_RATE", default="60/minute"),
        "user": env("API_USER_RATE", default="600/minute"),
    },
    "NUM_PROXIES": env.int("API_NUM_PROXIES", default=None),
    "EXCEPTION_HANDLER": "api.v1.errors.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Scorecheck API",
    "DESCRIPTION": "Benchmark claims about AI model releases, and their independent checks. "
    "Data licensed CC BY 4.0.",
    "VERSION": "1.0.0",
    "LICENSE": {"name": "Data: CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "CatalogueStatusEnum": "catalogue.models.CatalogueStatus",
        "ClaimStatusEnum": "claims.models.ClaimStatus",
        "ClaimKindEnum": "claims.models.ClaimKind",
        "SourceStatusEnum": "claims.models.SourceStatus",
        "SourceKindEnum": "claims.models.SourceKind",
        "RunStatusEnum": "evaluator.models.RunStatus",
        "RunOriginEnum": "evaluator.models.RunOrigin",
    },
    # Served from our own static files: the site's content security policy allows no
    # third-party scripts.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
# Reads only: writes need a staff token and are not meant to be made from other sites' pages.
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified", "Retry-After", "Content-Disposition")
SCORECHECK_DUMP_DIR = env("SCORECHECK_DUMP_DIR", default="dumps")

# --- Evaluations --------------------------------------------------------------------------
# The lm-eval release GPU workers run; with the task names it fixes the task versions, so it
# is part of what makes two runs the same (see docs/EVALUATION.md).
SCORECHECK_EVAL_HARNESS_VERSION = env("SCORECHECK_EVAL_HARNESS_VERSION", default="0.4.13")
SCORECHECK_EVAL_DEFAULT_BACKEND = env("SCORECHECK_EVAL_DEFAULT_BACKEND", default="vllm")
SCORECHECK_EVAL_BATCH_SIZE = env("SCORECHECK_EVAL_BATCH_SIZE", default="auto")
# Folders of our own task YAMLs, as paths on the GPU workers.
SCORECHECK_EVAL_TASK_PATHS = env.list("SCORECHECK_EVAL_TASK_PATHS", default=[])
# Time limits: a base for loading weights plus a budget per task, scaled by model size
# (per 7B parameters) and by the sample limit of smoke runs; the hard limit is 1.2x the soft.
SCORECHECK_EVAL_TIME_BASE_SECONDS = env.int("SCORECHECK_EVAL_TIME_BASE_SECONDS", default=1800)
SCORECHECK_EVAL_TIME_PER_TASK_SECONDS = env.int(
    "SCORECHECK_EVAL_TIME_PER_TASK_SECONDS", default=3600
)
# How many times a run whose worker vanished is sent again before it is failed.
SCORECHECK_EVAL_MAX_ATTEMPTS = env.int("SCORECHECK_EVAL_MAX_ATTEMPTS", default=3)
