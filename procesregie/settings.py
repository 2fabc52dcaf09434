"""Settings for Procesregie, driven by environment variables (see .env.example)."""

from pathlib import Path

import django_stubs_ext
import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

# Lets the code subscript Django's generic classes (ModelAdmin[Model]) at run time.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG: bool = env.bool("DEBUG", default=False)

_INSECURE_DEV_KEY = "django-insecure-alleen-voor-lokale-ontwikkeling"
SECRET_KEY: str = env.str("SECRET_KEY", default=_INSECURE_DEV_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY is verplicht wanneer DEBUG uit staat.")

ALLOWED_HOSTS: list[str] = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS: list[str] = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Below /api/ a failed CSRF check is a problem+json 403; elsewhere Django's own page.
CSRF_FAILURE_VIEW = "procesregie.api.problems.csrf_mislukt"
# The largest request body in bytes (Django's setting, default 2.5 MiB); the API answers a
# larger one with 413 (procesregie.api.vangnet).
DATA_UPLOAD_MAX_MEMORY_SIZE: int = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "cases",
    "instruments",
    "statuspagina",
    "werkruimte",
    "idempotentie",
    "django_htmx",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "procesregie.middleware.ApiVersionMiddleware",
    "procesregie.api.vangnet.ApiFoutenMiddleware",
    "procesregie.api.etags.EtagMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # request.htmx: the workspace's forms answer an in-place request with their fragment.
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "procesregie.urls"
WSGI_APPLICATION = "procesregie.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "procesregie" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections: opening one (and, on PostgreSQL, authenticating) costs more than a
# small request itself. A connection is reused for CONN_MAX_AGE seconds (0: one per request,
# Django's default); the health check before reuse means a connection the
# database dropped meanwhile (restart, failover, idle timeout) is replaced, never an error.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=300)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters bound on the server, and a statement run this many times on a connection
    # prepared there: every write repeats the same few statements, which PostgreSQL then
    # no longer parses and plans (a quarter off an interventie POST, docs/benchmarks.md).
    # Empty turns preparing off, for a pooler in transaction mode that cannot keep them.
    _voorbereiden = env.str("DATABASE_PREPARE_THRESHOLD", default="5")
    DATABASES["default"]["OPTIONS"] = {
        "server_side_binding": True,
        "prepare_threshold": int(_voorbereiden) if _voorbereiden else None,
        **DATABASES["default"].get("OPTIONS", {}),
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded database serves several workers and threads at once. WAL lets readers go
    # on beside the one writer; BEGIN IMMEDIATE takes the write lock when a transaction starts,
    # so a writer waits its turn (up to the busy timeout) instead of failing when its read
    # turns into a write; synchronous=FULL keeps every commit on disk (nothing lost on a power
    # cut). What still waits longer than the timeout is a 503 with Retry-After, never a 500.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env.int("SQLITE_TIMEOUT", default=20),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL",
        **DATABASES["default"].get("OPTIONS", {}),
    }
    # Django's backend, with each statement's placeholder rewrite done once (the module says
    # why).
    DATABASES["default"]["ENGINE"] = "procesregie.sqlite"
# Shared by every worker process (throttling counts here); a database table by
# default, created by `manage.py createcachetable`. Any django-environ CACHE_URL works.
CACHES = {"default": env.cache("CACHE_URL", default="dbcache://procesregie_cache")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Files the service makes itself (export reports) and the case file's documents; never served
# directly, only through the API with its access checks. Ignored by git.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # Uploaded documents (cases/documenten): on disk under MEDIA_ROOT/documenten, with no URL.
    # Any storage backend fits here (an S3-compatible one through django-storages, say): the
    # service only saves, opens and deletes through Django's storage API.
    "documenten": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": Path(str(MEDIA_ROOT)) / "documenten", "base_url": None},
    },
}
# The largest document version accepted, in bytes (a larger upload is a 413).
DOCUMENT_MAX_BYTES: int = env.int("DOCUMENT_MAX_BYTES", default=25 * 1024 * 1024)

# Background jobs through Django's tasks API (the django-tasks backport until Django 6) with
# the database backend: `manage.py db_worker` runs them, started by `make run` beside
# gunicorn. A Celery or RQ backend can replace it without touching the tasks.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Report jobs (cases/exports/taken.py): how many may wait or run per user and in all (more is
# a 429 with Retry-After, in seconds), how long a finished file is kept, how long one job may
# take and how much memory the PDF renderer may use before the job fails.
EXPORT_TAKEN_PER_GEBRUIKER: int = env.int("EXPORT_TAKEN_PER_GEBRUIKER", default=2)
EXPORT_TAKEN_TOTAAL: int = env.int("EXPORT_TAKEN_TOTAAL", default=8)
EXPORT_TAKEN_RETRY_AFTER: int = env.int("EXPORT_TAKEN_RETRY_AFTER", default=30)
EXPORT_BEWAARTERMIJN_UREN: int = env.int("EXPORT_BEWAARTERMIJN_UREN", default=72)
EXPORT_TAAK_MAX_SECONDEN: int = env.int("EXPORT_TAAK_MAX_SECONDEN", default=900)
EXPORT_PDF_GEHEUGEN_MB: int = env.int("EXPORT_PDF_GEHEUGEN_MB", default=3072)
# Above this many events the html and pdf report is no longer made inside a request
# (GET .../export answers 409 and points to POST .../exports).
EXPORT_RAPPORT_DIRECT_MAX_GEBEURTENISSEN: int = env.int(
    "EXPORT_RAPPORT_DIRECT_MAX_GEBEURTENISSEN", default=500
)
# Above this many events the event formats (jsonl, csv, xes) are not streamed inside a request
# either but made as a job (409 export-als-taak): a stream that a web server's worker timeout
# or a slow client cuts off mid-way would reach the client as a truncated download under a
# 200 status. 50,000 events are about 40 MB of JSON Lines, seconds to write (docs/benchmarks.md).
EXPORT_DIRECT_MAX_GEBEURTENISSEN: int = env.int("EXPORT_DIRECT_MAX_GEBEURTENISSEN", default=50_000)

# The status page's own login (same accounts as the admin); the admin keeps its own.
LOGIN_URL = "statuspagina:inloggen"
LOGIN_REDIRECT_URL = "statuspagina:processen"
LOGOUT_REDIRECT_URL = "statuspagina:inloggen"

REST_FRAMEWORK = {
    # Token first: DRF takes the 401 challenge (WWW-Authenticate) from the first class.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "procesregie.api.authenticatie.TokenAuthentication",
        "procesregie.api.authenticatie.SessieAuthenticatie",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["procesregie.api.parsers.BegrensdeJSONParser"],
    "DEFAULT_PAGINATION_CLASS": "procesregie.api.pagination.Paginering",
    "DEFAULT_FILTER_BACKENDS": ["procesregie.api.filters.Filterbackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "procesregie.api.problems.exception_handler",
    # No OPTIONS metadata: the OpenAPI document describes the API; OPTIONS answers 405.
    "DEFAULT_METADATA_CLASS": None,
    "DEFAULT_VERSIONING_CLASS": None,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DATETIME_FORMAT": "iso-8601",
    "COERCE_DECIMAL_TO_STRING": True,
    "PAGE_SIZE": 20,
}

API_VERSION = "1.8.1"

SPECTACULAR_SETTINGS = {
    "TITLE": "Procesregie API",
    "DESCRIPTION": (
        "API voor het dossier van bestuursprocessen: het idee, de stadia van draagvlak en "
        "haalbaarheid, de lidmaatschappen en de volledige, verifieerbare gebeurtenissenlog. "
        "Volgt de API Design Rules van Logius (2.1). Authenticatie met "
        "`Authorization: Token <token>` (zie `POST /api/v1/tokens`)."
    ),
    "VERSION": API_VERSION,
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "ENUM_NAME_OVERRIDES": {"RolEnum": "cases.models.lidmaatschap.Rol"},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "procesregie.api.schema.voeg_problemen_en_versie_toe",
        "procesregie.api.schema.patch_zonder_standaardwaarden",
        "procesregie.api.schema.grenzen_van_invoer",
        "procesregie.api.schema_koppen.voeg_schrijfkoppen_toe",
    ],
}

# Demo accounts are only ever created on a development machine.
DEMO_PASSWORD: str = env.str("DEMO_PASSWORD", default="procesregie-demo")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}

if not DEBUG:
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
    SECURE_CONTENT_TYPE_NOSNIFF = True

# ---------------------------------------------------------------------------------------------
# Toegang (issue 12): login limits, expiring tokens, security headers. Kept together so that
# other access work (SSO, MFA) can add its own block beside this one.
# ---------------------------------------------------------------------------------------------
from datetime import timedelta  # noqa: E402

from csp.constants import NONE, SELF  # noqa: E402

# The public development key never signs anything in production, and DEBUG (with the demo
# users and their known password) only serves the machine itself.
if not DEBUG and (SECRET_KEY == _INSECURE_DEV_KEY or SECRET_KEY.startswith("django-insecure")):
    raise ImproperlyConfigured(
        "SECRET_KEY is de openbare ontwikkelsleutel; zet een eigen, geheime SECRET_KEY."
    )
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
# The address `make run` serves on (the Makefile exports HOST).
SERVEERADRES: str = env.str("HOST", default="127.0.0.1")
if DEBUG and SERVEERADRES not in LOOPBACK:
    raise ImproperlyConfigured(
        f"DEBUG staat aan terwijl HOST={SERVEERADRES} niet alleen deze machine is; "
        "DEBUG en de demogebruikers zijn alleen voor 127.0.0.1/localhost."
    )

INSTALLED_APPS += ["knox", "axes", "csp", "toegang"]
# Headers for every page; axes last, as its documentation asks.
MIDDLEWARE += [
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
]

# How many reverse proxies stand in front of the app and append to X-Forwarded-For. With 0
# (the default) the header is ignored: anyone can send it. Login limits (axes), throttling
# (DRF's NUM_PROXIES) and HTTPS detection all take the address from here.
VERTROUWDE_PROXIES: int = env.int("VERTROUWDE_PROXIES", default=0)
if VERTROUWDE_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
REST_FRAMEWORK["NUM_PROXIES"] = VERTROUWDE_PROXIES

# django-axes guards every door that calls authenticate(request=...): the admin login, the
# status page's /inloggen/, POST /api/v1/tokens and any later login (an SSO callback) alike.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT: int = env.int("INLOG_MAX_POGINGEN", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("INLOG_WACHTTIJD_MINUTEN", default=15))
# Per username *and* address: a guesser elsewhere cannot lock the real user out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "toegang.clientadres.client_adres"
AXES_LOCKOUT_CALLABLE = "toegang.vergrendeling.vergrendeld"
# The API's token endpoint names its field `gebruikersnaam`; authenticate() passes it on as
# `username`, which is what axes reads.
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "toegang.clientadres.gebruikersnaam"
AXES_VERBOSE = False

# Expiring, hashed API tokens (django-rest-knox); the header stays `Authorization: Token ...`.
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=env.int("TOKEN_GELDIG_UREN", default=10)),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}

# Content-Security-Policy on every response. Style attributes are allowed: the server-side
# SVG charts size themselves with one. Pages that need more say so per response.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
PERMISSIONS_POLICY: dict[str, list[str]] = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}

if not DEBUG:
    SECURE_SSL_REDIRECT: bool = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS: int = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 60 * 60)
    SECURE_HSTS_INCLUDE_SUBDOMAINS: bool = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD: bool = env.bool("SECURE_HSTS_PRELOAD", default=True)

# The OpenAPI document (ADR 2.1): the major version lives in the server URL, so paths are
# relative to it (/core/uri-version); a contact for the API (/core/doc-openapi-contact).
SPECTACULAR_SETTINGS.update(
    {
        "SCHEMA_PATH_PREFIX_TRIM": True,
        "SERVERS": [{"url": "/api/v1", "description": "Deze server, API-versie 1"}],
        "CONTACT": {
            "name": env.str("API_CONTACT_NAAM", default="Functioneel beheer Procesregie"),
            "url": env.str("API_CONTACT_URL", default="https://procesregie.example.nl/contact"),
            "email": env.str("API_CONTACT_EMAIL", default="procesregie@gemeente.example"),
        },
    }
)

# --- Het gebeurtenissenlog tegen de database-eigenaar (issue 12, punt 7) ----------------------
# The key that signs every event and every checkpoint lives outside the database: in the
# environment (GEBEURTENIS_SLEUTEL) or in a file (GEBEURTENIS_SLEUTELBESTAND). Production
# refuses to start without one; on a development machine a key file in the checkout
# (git-ignored) is made on first use.
GEBEURTENIS_SLEUTEL: str = env.str("GEBEURTENIS_SLEUTEL", default="")
GEBEURTENIS_SLEUTELBESTAND: str = env.str(
    "GEBEURTENIS_SLEUTELBESTAND", default=str(BASE_DIR / ".gebeurtenis-sleutel") if DEBUG else ""
)
if not DEBUG:
    if not (GEBEURTENIS_SLEUTEL or GEBEURTENIS_SLEUTELBESTAND):
        raise ImproperlyConfigured(
            "GEBEURTENIS_SLEUTEL of GEBEURTENIS_SLEUTELBESTAND is verplicht wanneer DEBUG uit "
            "staat: zonder sleutel buiten de database is het gebeurtenissenlog niet te "
            "beschermen tegen de database-eigenaar."
        )
    if not GEBEURTENIS_SLEUTEL and not Path(GEBEURTENIS_SLEUTELBESTAND).is_file():
        raise ImproperlyConfigured(
            f"GEBEURTENIS_SLEUTELBESTAND {GEBEURTENIS_SLEUTELBESTAND} bestaat niet."
        )
# Checkpoints of every chain head, written outside the database: by
# `manage.py checkpoint_gebeurtenissen --opslaan` (daily, from cron or a systemd timer) and
# after about every GEBEURTENIS_CHECKPOINT_ELKE events (0: never automatically).
GEBEURTENIS_CHECKPOINT_MAP: Path = Path(
    env.str("GEBEURTENIS_CHECKPOINT_MAP", default=str(BASE_DIR / "checkpoints"))
)
GEBEURTENIS_CHECKPOINT_ELKE: int = env.int("GEBEURTENIS_CHECKPOINT_ELKE", default=1000)
# Two database roles: the app connects with DATABASE_URL as a role that owns nothing;
# `manage.py migrate` connects with DATABASE_URL_EIGENAAR (alias MIGRATIE_DATABASE_URL) as
# the owner of the tables and then grants the app role what it may do (cases/rollen.py).
DATABASE_URL_EIGENAAR: str = env.str(
    "DATABASE_URL_EIGENAAR", default=env.str("MIGRATIE_DATABASE_URL", default="")
)
DATABASE_APP_ROL: str = env.str(
    "DATABASE_APP_ROL",
    default=str(DATABASES["default"].get("USER") or "") if DATABASE_URL_EIGENAAR else "",
)

# --- Single sign-on en MFA voor beheer (issue 12, punten 3 en 4) -------------------------------
# The admin with a second factor (toegang/beheer.py), SSO through mozilla-django-oidc
# (toegang/oidc.py), TOTP through django-otp and django-two-factor-auth's setup wizard.
INSTALLED_APPS[INSTALLED_APPS.index("django.contrib.admin")] = "toegang.apps.BeheerConfig"
INSTALLED_APPS += [
    "django_otp",
    "django_otp.plugins.otp_static",
    "django_otp.plugins.otp_totp",
    "two_factor",
    "mozilla_django_oidc",
]
TEMPLATES[0]["OPTIONS"]["context_processors"].append("toegang.context.sso")  # type: ignore[index]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "toegang.mfa.MfaMiddleware",
)
# Login limits (issue 12 §1): a limiter's backend goes FIRST in this list; the SSO callback
# authenticates through the same django.contrib.auth.authenticate() and so is limited too.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "toegang.oidc.OidcBackend",
]
# The gemeente's OpenID Provider; SSO is on when OIDC_RP_CLIENT_ID and the endpoints are set.
OIDC_RP_CLIENT_ID: str = env.str("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET: str = env.str("OIDC_RP_CLIENT_SECRET", default="")
OIDC_OP_ISSUER: str = env.str("OIDC_OP_ISSUER", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT: str = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT: str = env.str("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT: str = env.str("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT: str = env.str("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_OP_LOGOUT_ENDPOINT: str = env.str("OIDC_OP_LOGOUT_ENDPOINT", default="")
OIDC_RP_SIGN_ALGO: str = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES: str = env.str("OIDC_RP_SCOPES", default="openid profile email")
OIDC_USE_PKCE = True
OIDC_STORE_ID_TOKEN = True  # for the provider's logout (id_token_hint)
OIDC_CREATE_USER: bool = env.bool("OIDC_CREATE_USER", default=True)
OIDC_AUTHENTICATE_CLASS = "toegang.oidc.Aanvraag"
OIDC_CALLBACK_CLASS = "toegang.oidc.Callback"
OIDC_OP_LOGOUT_URL_METHOD = "toegang.oidc.uitlog_url"
LOGIN_REDIRECT_URL_FAILURE = "/inloggen/?sso=mislukt"
# An SSO login whose provider asserts MFA counts as the second factor for beheer (amr has
# one of OIDC_MFA_AMR, or acr is one of OIDC_MFA_ACR); off: beheerders always enter TOTP.
MFA_VIA_IDP_TOEGESTAAN: bool = env.bool("MFA_VIA_IDP_TOEGESTAAN", default=True)
OIDC_MFA_AMR: list[str] = env.list("OIDC_MFA_AMR", default=["mfa", "otp"])
OIDC_MFA_ACR: list[str] = env.list("OIDC_MFA_ACR", default=[])
OTP_TOTP_ISSUER = "Procesregie"
# The admin login stays the admin's own (BeheerSite adds the second factor after it).
TWO_FACTOR_PATCH_ADMIN = False

# Looking back (a momentopname, krachtenveld or status page at a past moment) starts from the
# nearest stored stand of the fold, one every this many events in world-time order per
# visibility level, and folds only the rest (cases/events/standen.py, docs/architecture.md).
FOLDSTAND_INTERVAL: int = env.int("FOLDSTAND_INTERVAL", default=1000)
