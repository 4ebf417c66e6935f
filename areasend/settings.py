"""Django settings, read from the environment. Safe unless development is asked for by name.

AREASEND_ENV  "development" chooses development (as DJANGO_SETTINGS_MODULE=areasend.settings_dev
              does): DEBUG on, a fixed development key, localhost names. Anything else, or
              nothing, is not development: DEBUG off and SECRET_KEY required.
DATABASE_URL  database (default: SQLite file db.sqlite3 in the project folder)
SECRET_KEY    signing key (required outside development; the development key is refused there)
DEBUG         "0"/"false" turns DEBUG off in development; it is never on outside development
ALLOWED_HOSTS comma-separated host names (default: localhost names in development, none otherwise)
EMAIL_*, DEFAULT_FROM_EMAIL, SERVER_EMAIL  outgoing email (default: files in sent-emails/ in
              development, SMTP otherwise)
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


# Development only when asked for by name (docs/decisions/0024-safe-by-default.md): a missing
# or mistyped variable gives the safe settings, never DEBUG and a published key.
DEVELOPMENT = os.environ.get("AREASEND_ENV", "").strip().lower() == "development"
DEBUG = DEVELOPMENT and _flag("DEBUG", True)
_DEV_SECRET = "areasend-development-only-not-secret"
SECRET_KEY = os.environ.get("SECRET_KEY", "").strip() or (_DEV_SECRET if DEVELOPMENT else "")
if not DEVELOPMENT and SECRET_KEY in {"", _DEV_SECRET}:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set in the environment (development, with its fixed key, is "
        "chosen only by AREASEND_ENV=development)."
    )

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get(
        "ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver" if DEVELOPMENT else ""
    ).split(",")
    if h.strip()
]

INSTALLED_APPS = [
    # Django's admin behind the service's sign-in and a second factor (docs/decisions/0022).
    "areasend.ops.apps.SecondFactorAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles: `runserver` leaves static files to WhiteNoise, whose finders answer
    # 404 to an encoded ".." where Django's own static handler answered 500.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "areasend.areas",
    "areasend.accounts",
    "areasend.inspections",
    "areasend.surveys",
    "areasend.improvement",
    "areasend.reminders",
    "areasend.alerts",
    "areasend.api",
    "areasend.register",
    "areasend.planner",
    "areasend.letters",
    "areasend.watcher",
    "areasend.staff",
    "areasend.demo",
    "areasend.ops",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    # First, so its duration covers everything below and it sees every response.
    "areasend.ops.middleware.RequestLogMiddleware",
    # PostgreSQL cannot hold a NUL character: such a request is refused before anything reads it.
    "areasend.ops.middleware.RefuseNulCharactersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Answers anonymous visitors' repeat reads before the session and auth layers run.
    "areasend.register.caching.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): signed in with a second factor (areasend/ops/signin.py).
    "django_otp.middleware.OTPMiddleware",
    # Signed-in answers (drafts under embargo among them) are never stored by any cache.
    "areasend.ops.middleware.NoStoreForSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "areasend.urls"
WSGI_APPLICATION = "areasend.wsgi.application"

TEMPLATES: list[dict[str, Any]] = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "areasend" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "areasend.register.context.service_navigation",
                "areasend.ops.context.request_id",
            ],
            "libraries": {"govuk_forms": "areasend.casework.govuk_tags"},
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=60,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# A password reset link works for two hours and once (Django's default is three days).
PASSWORD_RESET_TIMEOUT = 2 * 3600

# Staff land on what is due to them; signing out returns to the public register.
# Each role starts on the page it works from (areasend/staff/menu.py landing_for).
LOGIN_REDIRECT_URL = "staff:home"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Built by `npm run build` (assets/build.mjs): GOV.UK Frontend and our stylesheet.
STATICFILES_DIRS = [BASE_DIR / "areasend" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Serve straight from the app folders in development, so `make run` needs no collectstatic.
WHITENOISE_USE_FINDERS = DEBUG

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_SECURE = not DEBUG
# Staff sessions end after AREASEND_SESSION_HOURS (default 8, a working day) and, unless
# AREASEND_SESSION_EXPIRE_AT_BROWSER_CLOSE=0, when the browser closes.
SESSION_COOKIE_AGE = int(float(os.environ.get("AREASEND_SESSION_HOURS", 8)) * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = _flag("AREASEND_SESSION_EXPIRE_AT_BROWSER_CLOSE", True)

# Content security policy (django-csp), in development too so an inline script fails early:
# our pages load only their own scripts, styles, fonts and images, and no page may frame them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Sign-in throttling (django-axes, docs/decisions/0009): after AREASEND_SIGNIN_FAILURE_LIMIT failed
# sign-ins for one username, or from one address, further attempts are refused for
# AREASEND_SIGNIN_COOLOFF_MINUTES. Its backend must come first: it vetoes before Django checks.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Refuses the demo password outside development (areasend/accounts/backends.py).
    "areasend.accounts.backends.RefuseDemoPasswordBackend",
    # Django's, reading the user with their person and organisation in one query.
    "areasend.accounts.backends.StaffModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AREASEND_SIGNIN_FAILURE_LIMIT", 10))
AXES_COOLOFF_TIME = timedelta(minutes=float(os.environ.get("AREASEND_SIGNIN_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "areasend.ops.lockout.locked_out"
AXES_CLIENT_IP_CALLABLE = "areasend.ops.client_ip.client_ip"
# Reverse proxies in front of the app that append to X-Forwarded-For (0: none, header ignored).
AREASEND_TRUSTED_PROXY_COUNT = int(os.environ.get("AREASEND_TRUSTED_PROXY_COUNT", 0))

# What /healthz checks (areasend/ops/health.py): the database, migrations, the task backlog.
AREASEND_HEALTH_CHECKS = [
    "areasend.ops.health.database",
    "areasend.ops.health.migrations",
    "areasend.ops.health.task_backlog",
]

# Retention periods in days (areasend/ops/retention.py has the defaults and docs/operations.md
# the reasons); `manage.py apply_retention` deletes what is past them. Override per key.
AREASEND_RETENTION_DAYS: dict[str, int] = {}

# Email, from the environment (docs/decisions/0022). In development (`make run`) each email is
# written to a file in sent-emails/ instead, so nothing needs a mail server; production
# (settings_production) sends by SMTP. EMAIL_TIMEOUT keeps an unreachable server from holding
# a request.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend"
    if DEVELOPMENT
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "sent-emails"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _flag("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _flag("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = float(os.environ.get("EMAIL_TIMEOUT", 10))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "areasend <noreply@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Where the accessibility statement tells people to report a problem or ask for another format.
AREASEND_ACCESSIBILITY_EMAIL = os.environ.get("AREASEND_ACCESSIBILITY_EMAIL", "")

# Abuse limits on the anonymous forms that send email (follow an area, password reset;
# areasend/ops/limits.py): one email per address (and area) within the resend window, so many
# requests for one address send one email; a few addresses' worth a day; and a cap per client.
AREASEND_EMAIL_RESEND_MINUTES = float(os.environ.get("AREASEND_EMAIL_RESEND_MINUTES", 60))
AREASEND_EMAILS_PER_ADDRESS_PER_DAY = int(os.environ.get("AREASEND_EMAILS_PER_ADDRESS_PER_DAY", 5))
AREASEND_EMAILS_PER_CLIENT_PER_HOUR = int(os.environ.get("AREASEND_EMAILS_PER_CLIENT_PER_HOUR", 10))
# Survey answers from one internet connection an hour: high, since a school or council office
# sends many people through one address; the token and the honeypot stop the crude abuse.
AREASEND_SURVEY_RESPONSES_PER_CLIENT_PER_HOUR = int(
    os.environ.get("AREASEND_SURVEY_RESPONSES_PER_CLIENT_PER_HOUR", 200)
)

# The public address of this site, for links in emails (alerts, reminders).
AREASEND_SITE_URL = os.environ.get("AREASEND_SITE_URL", "http://127.0.0.1:8000")

# Background jobs (the daily reminders) on Django's task framework with its database
# backend: `manage.py db_worker` runs them (docs/decisions/0013-reminders-on-django-tasks.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Deployment overrides of framework parameters (rules marked L or CONFLICT in the
# specification), e.g. {"letter.publication_target_wd": 40}. See docs/framework-engine.md.
AREASEND_FRAMEWORK_OVERRIDES: dict[str, object] = {}

# Time the programme planner gives CP-SAT per solve, in seconds (docs/planner.md).
AREASEND_PLANNER_SECONDS = float(os.environ.get("AREASEND_PLANNER_SECONDS", 10))

# Days a person's calendar link answers before they must get a new one (areasend/reminders).
AREASEND_CALENDAR_TOKEN_DAYS = int(os.environ.get("AREASEND_CALENDAR_TOKEN_DAYS", 90))

# Largest letter file the importer reads; bigger files are rejected before parsing.
AREASEND_LETTER_MAX_BYTES = int(os.environ.get("AREASEND_LETTER_MAX_BYTES", 20 * 1024 * 1024))
#: PDF text is read in a child process with these limits (ADR 0026): a flate bomb is refused.
AREASEND_LETTER_EXTRACT_MB = int(os.environ.get("AREASEND_LETTER_EXTRACT_MB", 512))
AREASEND_LETTER_EXTRACT_SECONDS = float(os.environ.get("AREASEND_LETTER_EXTRACT_SECONDS", 20))
#: A folder of letters (and manifest.csv) the review queue can import as a background job.
AREASEND_LETTER_INBOX = os.environ.get("AREASEND_LETTER_INBOX", "")

# The Ofsted watcher (docs/letters.md): off unless AREASEND_OFSTED_WATCHER is set, so `make run`
# and tests never reach the internet. It fetches only from these two addresses.
AREASEND_OFSTED_WATCHER = _flag("AREASEND_OFSTED_WATCHER", False)
AREASEND_OFSTED_REPORTS_URL = os.environ.get(
    "AREASEND_OFSTED_REPORTS_URL", "https://reports.ofsted.gov.uk/"
)
AREASEND_OFSTED_FILES_URL = os.environ.get(
    "AREASEND_OFSTED_FILES_URL", "https://files.ofsted.gov.uk/"
)
# Who we are, in the User-Agent, for Ofsted to reach whoever runs this deployment.
AREASEND_OFSTED_CONTACT = os.environ.get("AREASEND_OFSTED_CONTACT", AREASEND_SITE_URL)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# How long a process may reuse the public data version it read before reading it again
# (areasend/register/caching.py): 0 here, so a change shows on the very next request;
# production reuses it for 1 s (docs/decisions/0020-public-page-cache-before-the-session.md).
AREASEND_DATA_STATE_SECONDS = float(os.environ.get("AREASEND_DATA_STATE_SECONDS", 0))
