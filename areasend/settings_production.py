"""Production settings: the base settings made safe for the internet (docs/operations.md).

    DJANGO_SETTINGS_MODULE=areasend.settings_production

Required: SECRET_KEY (at least 50 random characters) and ALLOWED_HOSTS (comma-separated).
Optional:
  EMAIL_HOST                 the mail relay (`check --deploy` fails without it).
  AREASEND_TLS_PROXY_HEADER  the header a TLS-terminating proxy sets to "https", such as
                             X-Forwarded-Proto. Set it ONLY if that proxy always sets or strips
                             the header: Django then trusts it to say a request came over HTTPS.
                             AREASEND_TRUSTED_PROXY_COUNT must then say how many proxies there are
                             (`check --deploy` fails on the one without the other).
  AREASEND_HSTS_SECONDS      Strict-Transport-Security max-age (default one year).
  AREASEND_STATIC_ROOT       where collectstatic puts the files WhiteNoise serves
                             (default: staticfiles/ in the project folder).
`python manage.py check --deploy` reports no warnings with these settings, and fails on what
would make them unsafe in use (areasend/ops/checks.py): demo people, the demo password, no mail
relay, a proxy configuration that does not hold together.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from areasend.settings import *  # noqa: F403
from areasend.settings import _DEV_SECRET, STATIC_ROOT, STORAGES


def _required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} must be set in the environment for production.")
    return value


# Never development, whatever AREASEND_ENV says: DEBUG off, the demo password refused.
DEVELOPMENT = False
DEBUG = False
SECRET_KEY = _required("SECRET_KEY")
if SECRET_KEY == _DEV_SECRET:
    raise ImproperlyConfigured("SECRET_KEY must not be the published development key.")
ALLOWED_HOSTS = [host.strip() for host in _required("ALLOWED_HOSTS").split(",") if host.strip()]

# The base settings chose development storage while DEBUG was on: use hashed, compressed files
# (run `manage.py collectstatic`), served by WhiteNoise from STATIC_ROOT only.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False
# The base settings chose the development file backend if DEBUG was on when they were read.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
STATIC_ROOT = Path(os.environ.get("AREASEND_STATIC_ROOT", STATIC_ROOT))

# HTTPS only: redirect plain HTTP, and tell browsers never to try it (HSTS). /healthz stays
# reachable over HTTP for load balancers that probe the instance directly.
SECURE_SSL_REDIRECT = True
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("AREASEND_HSTS_SECONDS", 365 * 24 * 3600))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
_proxy_header = os.environ.get("AREASEND_TLS_PROXY_HEADER", "").strip()
if _proxy_header:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https")

# Mail goes through the relay named here, never a default: unset, `check --deploy` fails.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "").strip()

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# The __Host- prefix makes browsers refuse these cookies unless secure, host-only and path /.
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

# Public pages read the data version at most once a second per process: a published change
# reaches every process within 1 s, and a busy server skips that query on most requests.
AREASEND_DATA_STATE_SECONDS = float(os.environ.get("AREASEND_DATA_STATE_SECONDS", 1))
