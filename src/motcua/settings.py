"""Motcua's settings: one module, every value from the environment.

Each variable is documented in docs/configuration.md. Defaults make `make demo` work on
an embedded SQLite database; a deployment sets at least SECRET_KEY, DEBUG=0,
ALLOWED_HOSTS and DATABASE_URL.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from motcua.lib.env import envbool, envint, envlist, envsecret, envstr
from motcua.lib.objectstore import s3_storages
from motcua.workdays.zone import TIME_ZONE_NAME

SRC_DIR = Path(__file__).resolve().parent
BASE_DIR = SRC_DIR.parent.parent

DEBUG = envbool("DEBUG", False)
SECRET_KEY = envsecret("SECRET_KEY", "insecure-demo-key-change-me" if DEBUG else None)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000")
SITE_NAME = envstr("SITE_NAME", "Cổng Dịch vụ công Thành phố Hà Nội")
# Marks the data as a demonstration on every page (see docs/configuration.md).
DEMO_MODE = envbool("DEMO_MODE", DEBUG)
# The demo runs with DEBUG; this serves the site's own 404 page there rather than Django's
# technical one (motcua.portal.errors). 500s keep the technical page for developers.
DEMO_ERROR_PAGES = envbool("DEMO_ERROR_PAGES", DEMO_MODE)
CSRF_FAILURE_VIEW = "motcua.portal.errors.csrf_failure"

INSTALLED_APPS = [
    "motcua.office.admin_apps.MotcuaAdminConfig",  # django.contrib.admin, sign-in limited
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "motcua.accounts",
    "motcua.agencies",
    "motcua.workdays",
    "motcua.events",
    "motcua.dossiers",
    "motcua.catalog",
    "motcua.integrations.webhooks",
    "motcua.payments",
    "motcua.integrations.payment",
    "motcua.delivery",
    "motcua.notifications",
    "motcua.feedback",
    "motcua.integrations.postal.apps.PostalIntegrationConfig",
    "motcua.portal",
    "motcua.office",
    "motcua.api",
    "motcua.integrations.national_portal",
    "motcua.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "motcua.lib.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "motcua.portal.errors.DemoErrorPagesMiddleware",  # acts only with DEBUG in the demo
]

ROOT_URLCONF = "motcua.urls"
WSGI_APPLICATION = "motcua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "motcua.portal.context_processors.site",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------
# DATABASE_URL picks the engine: sqlite:///path or postgres://user@host:port/name.
# An empty DATABASE_URL means the default, like an unset one.
DATABASE_URL = envstr("DATABASE_URL", "") or f"sqlite:///{BASE_DIR / 'var' / 'motcua.sqlite3'}"
try:
    _db = dj_database_url.parse(DATABASE_URL, conn_max_age=envint("DB_CONN_MAX_AGE", 60))
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL={DATABASE_URL!r} is not understood: {exc}") from exc
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers on SQLite need WAL, a busy timeout and write transactions that
    # take the lock at BEGIN, or they fail with "database is locked" under load.
    _db["CONN_MAX_AGE"] = 0
    _db["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Tests use a file (one per test process), not the shared in-memory database: tests of
    # parallel writers need real locking between connections.
    _db["TEST"] = {
        "NAME": envstr(
            "SQLITE_TEST_NAME",
            str(Path(tempfile.gettempdir()) / f"motcua-test-{os.getpid()}.sqlite3"),
        )
    }
elif _db["ENGINE"] == "django.db.backends.postgresql":
    _db["ENGINE"] = "django.db.backends.postgresql"
    _db.setdefault("OPTIONS", {})
else:
    raise ImproperlyConfigured(f"DATABASE_URL engine {_db['ENGINE']} is not supported")
DATABASES = {"default": _db}
# The owner of the tables (PostgreSQL), who runs `migrate` and `setup_database_roles`; DATABASE_URL
# is then the application's own role, which may only SELECT and INSERT on the audit trail and the
# personal-data access log (docs/deployment.md, "Database roles"). Those commands connect to
# DATABASE_URL's database as this user. Unset: one role does both, as in the demo.
DATABASE_OWNER_URL = envstr("DATABASE_OWNER_URL", "")
DATABASE_OWNER = None
if DATABASE_OWNER_URL:
    try:
        _owner = dj_database_url.parse(DATABASE_OWNER_URL)
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_OWNER_URL is not understood: {exc}") from exc
    if _owner["ENGINE"] != "django.db.backends.postgresql" or _db["ENGINE"] != _owner["ENGINE"]:
        raise ImproperlyConfigured("DATABASE_OWNER_URL needs PostgreSQL, like DATABASE_URL")
    if (_owner["HOST"], _owner["PORT"], _owner["NAME"]) != (_db["HOST"], _db["PORT"], _db["NAME"]):
        raise ImproperlyConfigured(
            "DATABASE_OWNER_URL must name DATABASE_URL's server and database"
        )
    if not _owner["USER"] or _owner["USER"] == _db["USER"]:
        raise ImproperlyConfigured("DATABASE_OWNER_URL must name a user other than DATABASE_URL's")
    DATABASE_OWNER = {"USER": _owner["USER"], "PASSWORD": _owner["PASSWORD"]}
# A streaming replica of the primary (PostgreSQL only, docs/deployment.md, "A read replica"):
# the figures leaders read (reports) query it inside `motcua.lib.replica.replica_reads()`;
# everything else, and every write, goes to DATABASE_URL. Nothing is ever migrated on it.
REPLICA_DATABASE_URL = envstr("REPLICA_DATABASE_URL", "")
if REPLICA_DATABASE_URL:
    try:
        _replica = dj_database_url.parse(
            REPLICA_DATABASE_URL, conn_max_age=envint("DB_CONN_MAX_AGE", 60)
        )
    except ValueError as exc:
        raise ImproperlyConfigured(f"REPLICA_DATABASE_URL is not understood: {exc}") from exc
    if _replica["ENGINE"] != "django.db.backends.postgresql" or _db["ENGINE"] != _replica["ENGINE"]:
        raise ImproperlyConfigured(
            "REPLICA_DATABASE_URL needs PostgreSQL, like DATABASE_URL: a read replica is a "
            "streaming standby of the PostgreSQL primary (SQLite has none)"
        )
    if (_replica["HOST"], _replica["PORT"], _replica["NAME"]) == (
        _db["HOST"],
        _db["PORT"],
        _db["NAME"],
    ):
        raise ImproperlyConfigured("REPLICA_DATABASE_URL names DATABASE_URL's own database")
    _replica.setdefault("OPTIONS", {})
    # A standby is restarted more often than the primary (rebuilt, caught up): a kept connection
    # is checked before a request reuses it.
    _replica["CONN_HEALTH_CHECKS"] = True
    # The test suite reads the replica alias from the test primary: a test database of its own
    # would be empty (tests/test_replica.py points the alias at a real second database).
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES["replica"] = _replica
    DATABASE_ROUTERS = ["motcua.lib.replica.ReplicaRouter"]
# How far behind the primary the replica may fall before `manage.py check --database replica`
# warns (seconds since the last transaction it replayed).
REPLICA_MAX_LAG_SECONDS = envint("REPLICA_MAX_LAG_SECONDS", 300, minimum=1)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/admin/login/"

# --- Language and time ----------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [SRC_DIR / "locale"]
FORMAT_MODULE_PATH = ["motcua.formats"]
USE_I18N = True
USE_TZ = True  # stored in UTC
TIME_ZONE = TIME_ZONE_NAME  # shown in Vietnam time (motcua.workdays.zone)

# --- Working calendar (docs/calendar.md) -----------------------------------------------
# Government working time of the province, "HH:MM-HH:MM" periods, and its working weekdays
# (0 = Monday). These define deadlines; a counter's opening hours never shorten them.
WORK_PERIODS = envlist("WORK_PERIODS", ["08:00-12:00", "13:00-17:00"])
WORK_WEEKDAYS = [int(d) for d in envlist("WORK_WEEKDAYS", ["0", "1", "2", "3", "4"])]
HOLIDAYS_SUBDIVISION = envstr("HOLIDAYS_SUBDIVISION", "") or None

# --- Static and uploaded files --------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [SRC_DIR / "static"]
# Media is private: files are served by views that check permission, never by URL.
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media-not-served/"
UPLOAD_MAX_BYTES = envint("UPLOAD_MAX_BYTES", 20 * 1024 * 1024, minimum=1024)
# Bytes of files one dossier may hold from its applicant before submission (replaced files
# no longer count), and bytes of files one IP address may upload to drafts per hour.
DOSSIER_UPLOAD_MAX_BYTES = envint("DOSSIER_UPLOAD_MAX_BYTES", 100 * 1024 * 1024, minimum=1024)
UPLOAD_BYTES_PER_IP_HOUR = envint("UPLOAD_BYTES_PER_IP_HOUR", 300 * 1024 * 1024, minimum=1024)
# Files one request may carry (Django's setting, 100 by default). Browsers send every file field
# of a form, empty ones too: keep it above the most documents any procedure's case asks for.
DATA_UPLOAD_MAX_NUMBER_FILES = envint("DATA_UPLOAD_MAX_NUMBER_FILES", 30, minimum=1)
# Uploaded files are readable by the application's group only.
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
# A guest's draft nobody has saved for this many days expires (sweep_dossiers): its files and
# the personal data typed into it are deleted.
GUEST_DRAFT_EXPIRY_DAYS = envint("GUEST_DRAFT_EXPIRY_DAYS", 14, minimum=1)
# What an uploaded archive (.docx, .xlsx, .odt: zips inside) may declare it unpacks to.
UPLOAD_ARCHIVE_MAX_BYTES = envint("UPLOAD_ARCHIVE_MAX_BYTES", 200 * 1024 * 1024, minimum=1024)
UPLOAD_ARCHIVE_MAX_RATIO = envint("UPLOAD_ARCHIVE_MAX_RATIO", 200, minimum=2)
UPLOAD_ARCHIVE_MAX_MEMBERS = envint("UPLOAD_ARCHIVE_MAX_MEMBERS", 5000, minimum=10)
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024, minimum=1024)
# Hashed, compressed names need `collectstatic` first; the test suite runs without it.
STATIC_MANIFEST = envbool("STATIC_MANIFEST", not DEBUG)
# Stored files: on the local disk under MEDIA_ROOT by default, or in an S3-compatible object
# store when S3_BUCKET is set (docs/deployment.md, "Several app servers"). "private" holds the
# dossiers' files and the issued forms (MEDIA_ROOT/private/ or the bucket's private/ prefix);
# "default" the catalog's blank forms. Either way nothing is served by URL: our own views
# check the permission and stream the bytes from the storage.
S3_BUCKET = envstr("S3_BUCKET", "")
S3_ENDPOINT_URL = envstr("S3_ENDPOINT_URL", "")
S3_REGION = envstr("S3_REGION", "")
S3_ACCESS_KEY_ID = envstr("S3_ACCESS_KEY_ID", "")
S3_SECRET_ACCESS_KEY = envsecret("S3_SECRET_ACCESS_KEY", "")
S3_ADDRESSING_STYLE = envstr("S3_ADDRESSING_STYLE", "path" if S3_ENDPOINT_URL else "virtual")
S3_PREFIX = envstr("S3_PREFIX", "").strip("/")
if S3_ADDRESSING_STYLE not in ("path", "virtual", "auto"):
    raise ImproperlyConfigured("S3_ADDRESSING_STYLE must be path, virtual or auto")


STORAGES = {
    **(
        s3_storages(
            bucket=S3_BUCKET,
            endpoint_url=S3_ENDPOINT_URL,
            region=S3_REGION,
            access_key=S3_ACCESS_KEY_ID,
            secret_key=S3_SECRET_ACCESS_KEY,
            addressing_style=S3_ADDRESSING_STYLE,
            prefix=S3_PREFIX,
        )
        if S3_BUCKET
        else {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "private": {"BACKEND": "motcua.dossiers.storage.DurableFileSystemStorage"},
        }
    ),
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG or not STATIC_MANIFEST

# --- Security (docs/deployment.md, "Production settings") --------------------------------
# Each is on unless DEBUG=1, and each can be turned off where a proxy in front does the same.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Scripts and styles from our own origin only: no inline code, no eval (lib/security_headers).
# data: images are the QR codes of the printed slips. Empty turns the header off.
CONTENT_SECURITY_POLICY = envstr(
    "CONTENT_SECURITY_POLICY",
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'",
)
PERMISSIONS_POLICY = envstr(
    "PERMISSIONS_POLICY",
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()",
)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if envbool("BEHIND_PROXY", False) else None
)
# How many reverse proxies in front of Motcua append to X-Forwarded-For; the client's address
# for rate limits is the hop the outermost one appended (lib/ratelimit.client_ip). 0: none,
# use REMOTE_ADDR. Defaults to 1 behind a proxy.
TRUSTED_PROXY_COUNT = envint(
    "TRUSTED_PROXY_COUNT", 1 if envbool("BEHIND_PROXY", False) else 0, minimum=0
)

# --- Audit trail and outbox (docs/audit.md) ---------------------------------------------
# The key that seals each dossier's audit chain. Keep it secret and stable: `verify_audit`
# needs the same key that sealed the events.
AUDIT_HMAC_KEY = envsecret("AUDIT_HMAC_KEY", "insecure-demo-audit-key" if DEBUG else None)
# Signed checkpoints of every dossier's audit head are appended to a file in this directory
# (`manage.py audit_checkpoint`, run by the sweep); `verify_audit` checks the database against
# the last one. Keep it on storage the application cannot rewrite (docs/audit.md).
AUDIT_CHECKPOINT_DIR = Path(
    envstr("AUDIT_CHECKPOINT_DIR", str(BASE_DIR / "var" / "audit-checkpoints"))
)

# The key of the lookup secrets' HMACs (dossiers/codes.py), apart from SECRET_KEY so that
# rotating SECRET_KEY does not void every secret handed out. Keys listed in the fallbacks still
# verify secrets issued under them (after a rotation, or the SECRET_KEY of an older version).
LOOKUP_SECRET_KEY = envsecret("LOOKUP_SECRET_KEY", "insecure-demo-lookup-key" if DEBUG else None)
LOOKUP_SECRET_KEY_FALLBACKS = envlist("LOOKUP_SECRET_KEY_FALLBACKS", [])
# Modules that register outbox consumers when they are imported (see events/consumers.py).
OUTBOX_CONSUMER_MODULES = envlist("OUTBOX_CONSUMER_MODULES", ["motcua.integrations.webhooks.sync"])
# The reports' aggregates are kept from the outbox by their own consumer (docs/reports.md),
# registered whatever the modules above; off, the aggregates change only by `rebuild_reports`.
REPORTS_LIVE_AGGREGATES = envbool("REPORTS_LIVE_AGGREGATES", True)

# --- The public postal operator (docs/postal.md) ------------------------------------------
# Its REST address; empty turns the postal adapter off (no order is placed). The demo's
# simulator listens on 8103 (`make demo` sets it).
POSTAL_URL = envstr("POSTAL_URL", "")
POSTAL_API_TOKEN = envsecret("POSTAL_API_TOKEN", "demo-postal-token" if DEBUG else "")
POSTAL_TIMEOUT_SECONDS = envint("POSTAL_TIMEOUT_SECONDS", 10, minimum=1)
# The secret the operator signs its tracking webhooks with, and how old (or how far in the
# future) a webhook's timestamp may be before it is refused as a replay.
POSTAL_WEBHOOK_SECRET = envsecret("POSTAL_WEBHOOK_SECRET", "demo-postal-secret" if DEBUG else "")
POSTAL_WEBHOOK_MAX_AGE_SECONDS = envint("POSTAL_WEBHOOK_MAX_AGE_SECONDS", 300, minimum=1)
# The demo only: where `demo_postal_operator` writes the postal simulator's API key (the Procfile's
# simulator reads it there).
POSTAL_SIMULATOR_KEY_FILE = Path(
    envstr("POSTAL_SIMULATOR_KEY_FILE", str(BASE_DIR / "var" / "postal" / "motcua-api-key"))
)
if POSTAL_URL:
    OUTBOX_CONSUMER_MODULES = [*OUTBOX_CONSUMER_MODULES, "motcua.integrations.postal.sync"]

# --- The national population database (docs/data-reuse.md) ------------------------------
# Its REST address (…/api); empty turns the identity check off (every check is then recorded
# as "unavailable"). `make demo` points it at the simulator on POPULATION_SIM_PORT (8106).
POPULATION_URL = envstr("POPULATION_URL", "")
POPULATION_TOKEN = envsecret("POPULATION_TOKEN", "demo-population-token" if DEBUG else "")
POPULATION_TIMEOUT_SECONDS = envint("POPULATION_TIMEOUT_SECONDS", 5, minimum=1)
# The demo only: where `demo_population_residents` writes the demo's residents (the Procfile's
# simulator loads them at start).
POPULATION_SIMULATOR_RESIDENTS_FILE = Path(
    envstr(
        "POPULATION_SIMULATOR_RESIDENTS_FILE",
        str(BASE_DIR / "var" / "population" / "residents.json"),
    )
)

# --- The national portal (docs/integration.md) ------------------------------------------
# Its base URL (shape A: {base}/auth, {base}/integration, {base}/share); empty turns the
# integration off. `make demo` points it at the simulator (NATIONAL_PORTAL_SIM_PORT).
NATIONAL_PORTAL_URL = envstr("NATIONAL_PORTAL_URL", "")
NATIONAL_PORTAL_USERNAME = envstr("NATIONAL_PORTAL_USERNAME", "motcua" if DEBUG else "")
NATIONAL_PORTAL_PASSWORD = envsecret("NATIONAL_PORTAL_PASSWORD", "motcua-demo" if DEBUG else "")
NATIONAL_PORTAL_DSTCODE = envstr("NATIONAL_PORTAL_DSTCODE", "H26")
NATIONAL_PORTAL_TIMEOUT = envint("NATIONAL_PORTAL_TIMEOUT", 10, minimum=1)
# A delivery that has kept failing this long (seconds since its first failure) is dead-lettered
# and administrators are alerted; retries back off exponentially, with jitter, from
# NATIONAL_PORTAL_RETRY_BASE seconds up to NATIONAL_PORTAL_RETRY_MAX.
NATIONAL_PORTAL_DEAD_AFTER = envint("NATIONAL_PORTAL_DEAD_AFTER", 86400, minimum=1)
NATIONAL_PORTAL_RETRY_BASE = float(envstr("NATIONAL_PORTAL_RETRY_BASE", "10"))
NATIONAL_PORTAL_RETRY_MAX = float(envstr("NATIONAL_PORTAL_RETRY_MAX", "3600"))
# After each write, read the dossier back (TraCuuHoSo) and retry when the portal answered
# success without keeping the update.
NATIONAL_PORTAL_VERIFY = envbool("NATIONAL_PORTAL_VERIFY", True)
# Inbound dossiers (docs/integration.md, "Inbound dossiers"): the secret the portal signs its
# pushes with (HMAC-SHA256 over "timestamp.body"), and how far a push's timestamp may be from
# now, in seconds. Without a secret every push is refused (401); the poll still works.
NATIONAL_PORTAL_INBOUND_SECRET = envsecret(
    "NATIONAL_PORTAL_INBOUND_SECRET", "motcua-demo-inbound-secret" if DEBUG else ""
)
NATIONAL_PORTAL_INBOUND_WINDOW = envint("NATIONAL_PORTAL_INBOUND_WINDOW", 300, minimum=1)
# The national portal is the online channel (docs/integration.md, "The portal as the online
# channel"): our procedure pages link to the procedure on the national portal
# (NATIONAL_PORTAL_PROCEDURE_URL, "{code}" replaced by the national code) and our own online
# submission is closed. On by default; the demo turns it off to show both ways of submitting.
NATIONAL_PORTAL_ONLINE_CHANNEL = envbool("NATIONAL_PORTAL_ONLINE_CHANNEL", not DEMO_MODE)
NATIONAL_PORTAL_PROCEDURE_URL = envstr(
    "NATIONAL_PORTAL_PROCEDURE_URL",
    "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}",
)
if NATIONAL_PORTAL_URL:
    OUTBOX_CONSUMER_MODULES = [
        *OUTBOX_CONSUMER_MODULES,
        "motcua.integrations.national_portal.sync",
    ]

# --- Notifications (docs/notifications.md) --------------------------------------------
# The consumer that tells applicants and officials what happened (e-mail, SMS, in-app). Off
# unless set: `make demo` sets it, production sets NOTIFICATIONS_ENABLED=1 (tests switch the
# consumer on themselves).
NOTIFICATIONS_ENABLED = envbool("NOTIFICATIONS_ENABLED", False)
# E-mail: Django's backend. SMTP in production (EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER,
# EMAIL_HOST_PASSWORD, EMAIL_USE_TLS); the demo writes each message as a file in var/mail/.
EMAIL_BACKEND = envstr(
    "EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend"
    if DEMO_MODE
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_FILE_PATH = envstr("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envsecret("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10, minimum=1)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Motcua <thongbao@motcua.local>")
# SMS: the provider's REST address (empty: SMS messages wait, retried, until it is set), its
# key, the sender name shown on phones. The demo's simulator listens on 8105.
SMS_URL = envstr("SMS_URL", "")
SMS_API_KEY = envsecret("SMS_API_KEY", "demo-sms-key" if DEBUG else "")
SMS_SENDER = envstr("SMS_SENDER", "MOTCUA")
SMS_TIMEOUT_SECONDS = envint("SMS_TIMEOUT_SECONDS", 10, minimum=1)
if NOTIFICATIONS_ENABLED:
    OUTBOX_CONSUMER_MODULES = [*OUTBOX_CONSUMER_MODULES, "motcua.integrations.notifications.sync"]

# --- Printouts (docs/printouts.md) ------------------------------------------------------
# The place written before the date on printed forms when an agency's own place is unknown.
PRINTOUT_PLACE_NAME = envstr("PRINTOUT_PLACE_NAME", "Hà Nội")

# --- Cache (rate limits) ----------------------------------------------------------------
# REDIS_URL (redis://127.0.0.1:6379/0) shares counters between processes; without it each
# process keeps its own in memory, which is right for the single-process demo.
REDIS_URL = envstr("REDIS_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
# Lookups of an applicant by personal ID at the reception desk, per official per hour.
APPLICANT_LOOKUP_LIMIT = envint("APPLICANT_LOOKUP_LIMIT", 120, minimum=1)
LOOKUP_RATE_LIMIT = envint("LOOKUP_RATE_LIMIT", 20, minimum=1)  # lookups per IP per minute
# Online submissions without an account, per hour: per email address and per IP address.
GUEST_SUBMIT_EMAIL_LIMIT = envint("GUEST_SUBMIT_EMAIL_LIMIT", 5, minimum=1)
GUEST_SUBMIT_IP_LIMIT = envint("GUEST_SUBMIT_IP_LIMIT", 20, minimum=1)

# --- Signing in (docs/office.md "Signing in") --------------------------------------------
# Failed sign-ins, counted per (user name, IP address) pair: the first few are free, then each
# further try of that pair waits SIGNIN_DELAY_SECONDS, doubled after each failure, up to the
# maximum. Another address or another name is never slowed down (accounts/signin_limits.py).
SIGNIN_FREE_FAILURES = envint("SIGNIN_FREE_FAILURES", 3, minimum=1)
SIGNIN_DELAY_SECONDS = envint("SIGNIN_DELAY_SECONDS", 5, minimum=1)
SIGNIN_DELAY_MAX_SECONDS = envint("SIGNIN_DELAY_MAX_SECONDS", 15 * 60, minimum=1)
SIGNIN_FAILURE_MEMORY_HOURS = envint("SIGNIN_FAILURE_MEMORY_HOURS", 24, minimum=1)
# Officials (any role, staff, superusers) give a code from an authenticator app after their
# password (django-otp); their sessions end with the browser and after this many hours.
OFFICIAL_SESSION_HOURS = envint("OFFICIAL_SESSION_HOURS", 8, minimum=1)
OTP_TOTP_ISSUER = envstr("OTP_TOTP_ISSUER", SITE_NAME)
INSTALLED_APPS += [
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]
_after_messages = MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1
MIDDLEWARE[_after_messages:_after_messages] = [
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified()
    "motcua.accounts.official_sessions.OfficialSessionMiddleware",
    "motcua.lib.nostore.NoStoreMiddleware",  # Cache-Control: no-store on personal data
]

# With more than one worker process, the counts and the secrets waiting to be shown must be
# shared: REDIS_URL is then required, and wsgi.py checks at start-up that Redis answers.
WEB_CONCURRENCY = envint("WEB_CONCURRENCY", 1, minimum=1)  # gunicorn reads it too
if WEB_CONCURRENCY > 1 and not REDIS_URL and not DEBUG:
    raise ImproperlyConfigured(
        f"REDIS_URL must be set with more than one worker (WEB_CONCURRENCY={WEB_CONCURRENCY})"
    )

# Minimum key lengths outside development: a short key can be found offline from what it signs.
if not DEBUG:
    for _name, _minimum in (("SECRET_KEY", 50), ("AUDIT_HMAC_KEY", 32), ("LOOKUP_SECRET_KEY", 32)):
        if len(globals()[_name]) < _minimum:
            raise ImproperlyConfigured(f"{_name} must be at least {_minimum} characters long")

# --- API --------------------------------------------------------------------------------
API_PAGE_SIZE_MAX = envint("API_PAGE_SIZE_MAX", 100, minimum=1)
# Requests one API client may make per window (sliding window, api/ratelimit.py); an
# administrator may set another figure on a client. Over it: 429 with Retry-After.
API_CLIENT_RATE_LIMIT = envint("API_CLIENT_RATE_LIMIT", 600, minimum=1)
API_CLIENT_RATE_WINDOW_SECONDS = envint("API_CLIENT_RATE_WINDOW_SECONDS", 60, minimum=1)

# --- Open data (docs/open-data.md) -------------------------------------------------------
# The licence of the open figures (/du-lieu-mo/, /api/v1/open/...), by SPDX id: CC-BY-4.0
# (attribution), CC0-1.0 (public domain dedication) or ODC-BY-1.0; shown on the page and
# written into every download with the publisher's name.
OPEN_DATA_LICENCE = envstr("OPEN_DATA_LICENCE", "CC-BY-4.0")
if OPEN_DATA_LICENCE not in ("CC-BY-4.0", "CC0-1.0", "ODC-BY-1.0"):
    raise ImproperlyConfigured(
        f"OPEN_DATA_LICENCE={OPEN_DATA_LICENCE!r}: use CC-BY-4.0, CC0-1.0 or ODC-BY-1.0"
    )
OPEN_DATA_PUBLISHER = envstr("OPEN_DATA_PUBLISHER", SITE_NAME)
# A count from 1 to OPEN_DATA_MIN_COUNT - 1 is published as "suppressed" (null in JSON, empty in
# CSV), so no cell is small enough to point at a person; 1 publishes every count.
OPEN_DATA_MIN_COUNT = envint("OPEN_DATA_MIN_COUNT", 5, minimum=1)
# At most this many calendar months in one request; answers are cached this many seconds
# (server and browsers alike); requests per IP address per minute.
OPEN_DATA_MAX_MONTHS = envint("OPEN_DATA_MAX_MONTHS", 12, minimum=1)
OPEN_DATA_CACHE_SECONDS = envint("OPEN_DATA_CACHE_SECONDS", 300, minimum=0)
OPEN_DATA_RATE_LIMIT = envint("OPEN_DATA_RATE_LIMIT", 60, minimum=1)

# --- Webhooks (docs/api.md "Webhooks") ----------------------------------------------------
# The key that encrypts subscriptions' secrets at rest (Fernet); empty: derived from SECRET_KEY.
# Keys in the fallbacks still open secrets sealed before a rotation.
WEBHOOK_SECRET_KEY = envsecret("WEBHOOK_SECRET_KEY", "")
WEBHOOK_SECRET_KEY_FALLBACKS = envlist("WEBHOOK_SECRET_KEY_FALLBACKS", [])
# Seconds to wait for a receiver's answer; active subscriptions per API client.
WEBHOOK_TIMEOUT_SECONDS = envint("WEBHOOK_TIMEOUT_SECONDS", 10, minimum=1)
WEBHOOK_SUBSCRIPTIONS_PER_CLIENT = envint("WEBHOOK_SUBSCRIPTIONS_PER_CLIENT", 20, minimum=1)
# Plain HTTP to 127.0.0.1/::1/localhost (the demo's and the tests' receivers); HTTPS otherwise.
WEBHOOK_ALLOW_LOOPBACK_HTTP = envbool("WEBHOOK_ALLOW_LOOPBACK_HTTP", DEBUG)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
}

# --- Payments (docs/payments.md) --------------------------------------------------------
# The two online payment providers: the national payment platform and the province's gateway.
# A provider whose secret is empty is not offered. Each has an address (the demo's simulator, `simulators/payment`, on port 8102), the merchant
# code it gave us and the secret both sides sign with (HMAC-SHA256). Secrets stay in the
# environment, never in the database.
PAYMENT_NATIONAL_URL = envstr("PAYMENT_NATIONAL_URL", "http://127.0.0.1:8102/national")
PAYMENT_NATIONAL_MERCHANT = envstr("PAYMENT_NATIONAL_MERCHANT", "MOTCUA-HN")
PAYMENT_NATIONAL_SECRET = envsecret(
    "PAYMENT_NATIONAL_SECRET", "insecure-demo-national-payment-secret" if DEBUG else ""
)
PAYMENT_PROVINCIAL_URL = envstr("PAYMENT_PROVINCIAL_URL", "http://127.0.0.1:8102/provincial")
PAYMENT_PROVINCIAL_MERCHANT = envstr("PAYMENT_PROVINCIAL_MERCHANT", "MOTCUA-HN")
PAYMENT_PROVINCIAL_SECRET = envsecret(
    "PAYMENT_PROVINCIAL_SECRET", "insecure-demo-provincial-payment-secret" if DEBUG else ""
)
# Which providers the portal offers, in order (national_platform, provincial_gateway).
PAYMENT_PROVIDERS = envlist("PAYMENT_PROVIDERS", ["national_platform", "provincial_gateway"])
# Our own address as the providers reach it: the browser's return and the notifications.
PAYMENT_PUBLIC_URL = envstr("PAYMENT_PUBLIC_URL", "http://127.0.0.1:" + envstr("PORT", "8000"))
# The account the fees are paid into (the State Treasury account of the collecting agency).
PAYMENT_BENEFICIARY_ACCOUNT = envstr("PAYMENT_BENEFICIARY_ACCOUNT", "3511.0.1058476")
PAYMENT_BENEFICIARY_BANK = envstr("PAYMENT_BENEFICIARY_BANK", "Kho bạc Nhà nước Hà Nội")
# Seconds to wait for a provider's answer to a query (reconciliation).
PAYMENT_TIMEOUT_SECONDS = envint("PAYMENT_TIMEOUT_SECONDS", 10, minimum=1)
# Reconciliation asks about pending bills at least this old (minutes).
PAYMENT_RECONCILE_AFTER_MINUTES = envint("PAYMENT_RECONCILE_AFTER_MINUTES", 5, minimum=0)
# A pending bill the provider says it never heard of is abandoned by reconciliation once it is
# this old (minutes): the payer never reached the provider's page.
PAYMENT_EXPIRE_UNKNOWN_AFTER_MINUTES = envint("PAYMENT_EXPIRE_UNKNOWN_AFTER_MINUTES", 60, minimum=0)

# --- Signed electronic results (docs/results.md) ----------------------------------------
# Where result signing keys come from: "pkcs12" (a file per agency), "pkcs11" (a key on a
# hardware token or HSM), "remote" (the national remote-signing gateway), or empty: results
# are not signed. `make demo` sets pkcs12.
RESULT_SIGNING_SOURCE = envstr("RESULT_SIGNING_SOURCE", "")
RESULT_SIGNING_DIR = Path(envstr("RESULT_SIGNING_DIR", str(BASE_DIR / "var" / "signing")))
RESULT_SIGNING_PKCS12_PASSPHRASE = envsecret(
    "RESULT_SIGNING_PKCS12_PASSPHRASE", "insecure-demo-pkcs12-passphrase" if DEBUG else ""
)
# A directory of per-agency secret files (systemd credentials, Docker secrets; readable by the
# application only): `<agency code>.passphrase` opens that agency's PKCS#12 file and
# `<agency code>.pin` its PKCS#11 key, instead of the passphrase or PIN common to all.
RESULT_SIGNING_SECRETS_DIR = envstr("RESULT_SIGNING_SECRETS_DIR", "")
# A PKCS#11 token: its module (the vendor's .so), the token's label, the default key and
# certificate labels (an agency whose code labels a key of its own signs with that one) and the
# user PIN (from the environment or a _FILE, never stored).
RESULT_SIGNING_PKCS11_MODULE = envstr("RESULT_SIGNING_PKCS11_MODULE", "")
RESULT_SIGNING_PKCS11_TOKEN_LABEL = envstr("RESULT_SIGNING_PKCS11_TOKEN_LABEL", "")
RESULT_SIGNING_PKCS11_KEY_LABEL = envstr("RESULT_SIGNING_PKCS11_KEY_LABEL", "")
RESULT_SIGNING_PKCS11_CERT_LABEL = envstr("RESULT_SIGNING_PKCS11_CERT_LABEL", "")
RESULT_SIGNING_PKCS11_PIN = envsecret("RESULT_SIGNING_PKCS11_PIN", "")
# The demo makes its own CA and agency certificates under RESULT_SIGNING_DIR on first use.
RESULT_SIGNING_DEMO_CA = envbool("RESULT_SIGNING_DEMO_CA", DEMO_MODE)
# PEM (or DER) files of the CAs whose certificates may sign results; the demo trusts its CA.
RESULT_TRUST_ROOTS = envlist(
    "RESULT_TRUST_ROOTS", [str(RESULT_SIGNING_DIR / "demo-ca.pem")] if DEMO_MODE else []
)
RESULT_SIGNING_REMOTE_URL = envstr("RESULT_SIGNING_REMOTE_URL", "")
RESULT_SIGNING_REMOTE_SERVICE_ID = envstr(
    "RESULT_SIGNING_REMOTE_SERVICE_ID", "motcua" if DEBUG else ""
)
RESULT_SIGNING_REMOTE_SECRET = envsecret(
    "RESULT_SIGNING_REMOTE_SECRET", "insecure-demo-signing-secret" if DEBUG else ""
)
RESULT_SIGNING_REMOTE_TIMEOUT_SECONDS = envint(
    "RESULT_SIGNING_REMOTE_TIMEOUT_SECONDS", 20, minimum=1
)
# The public download links of signed results (`/ket-qua/<code>/<token>/`): how many
# downloads one address may make a minute.
RESULT_LINK_RATE_LIMIT = envint("RESULT_LINK_RATE_LIMIT", 30, minimum=1)
# The largest PDF the public verification page and API accept.
RESULT_VERIFY_MAX_BYTES = envint("RESULT_VERIFY_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)
INSTALLED_APPS += ["motcua.results", "motcua.integrations.signing"]
if RESULT_SIGNING_SOURCE:
    OUTBOX_CONSUMER_MODULES = [*OUTBOX_CONSUMER_MODULES, "motcua.integrations.signing.sync"]

# The figures leaders read (docs/reports.md).
INSTALLED_APPS += ["motcua.reports"]
# A JSON or TOML file changing the service index's weights, thresholds and bands
# (docs/service-index.md); checked at start-up.
SERVICE_INDEX_CONFIG = envstr("SERVICE_INDEX_CONFIG", "")
