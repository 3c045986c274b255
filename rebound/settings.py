"""Rebound's settings, read from the environment (see README for every variable)."""

import base64
import hashlib
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off. "
            'Generate one with: python -c "import secrets; print(secrets.token_urlsafe(50))"'
        )
    SECRET_KEY = "insecure-development-key-only-used-with-debug-on"

# The diary's text (reflections, letters, sting sentences, wizard drafts) is encrypted at rest
# with these Fernet keys (interviews/crypto.py): the first encrypts, every one decrypts, and
# `manage.py rotate_field_keys` re-encrypts with the first. Without debug a missing key fails
# `check --deploy`; with debug one is derived from SECRET_KEY, so `make run` works out of the box.
FIELD_KEYS = [key.strip() for key in env.list("DJANGO_FIELD_KEYS", default=[]) if key.strip()]
if not FIELD_KEYS and DEBUG:
    FIELD_KEYS = [
        base64.urlsafe_b64encode(
            hashlib.sha256(f"rebound-field-key:{SECRET_KEY}".encode()).digest()
        ).decode("ascii")
    ]

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "formtools",
    "django_tasks_db",
    "interviews",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "interviews.web.request_log.RequestLogMiddleware",
    # Pages go out compressed (static files are already, by whitenoise). Django pads each
    # compressed body with random bytes against BREACH, and CSRF tokens are masked anyway.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Before CommonMiddleware validates the Host: probes come by address, not by name.
    "interviews.web.health.HealthCheckMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "interviews.web.middleware.SessionRefreshMiddleware",
    "interviews.web.middleware.UserTimeZoneMiddleware",
    "interviews.web.middleware.PrivacyHeadersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "rebound.urls"
WSGI_APPLICATION = "rebound.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "interviews.web.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# allauth's rate limits live in the cache, so every worker must share one:
# the database cache by default, or Redis through CACHE_URL.
CACHES = {
    "default": env.cache("CACHE_URL", default="dbcache://rebound_cache"),
}

AUTH_USER_MODEL = "interviews.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "interviews:dashboard"
LOGOUT_REDIRECT_URL = "home"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
# One form for every address (NFC, IDNA, lower case), at sign-up, log-in, reset and change.
ACCOUNT_ADAPTER = "interviews.account.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "interviews.account.forms.LoginForm",
    "signup": "interviews.account.forms.SignupForm",
}
ACCOUNT_EMAIL_VERIFICATION = env.str(
    "DJANGO_EMAIL_VERIFICATION", default="optional" if DEBUG else "mandatory"
)
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Rebound] "
# allauth's own limits (65.x), written out because they are part of the security posture.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    # Confirming the password (or a code) again before a sensitive change, per signed-in user.
    "reauthenticate": "10/m/user",
}
# Two-factor sign-in (allauth.mfa): an authenticator app, recovery codes and passkeys.
# Wrong authenticator or recovery codes count against "login_failed" above, keyed on the
# account, so five wrong codes lock that account's second step for five minutes.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_ADAPTER = "interviews.account.mfa_adapter.MFAAdapter"
MFA_TOTP_ISSUER = "Rebound"
# One 30-second step either side, for a phone whose clock runs a little off; a used code is
# still refused a second time (allauth remembers it in the shared cache for the whole window).
MFA_TOTP_TOLERANCE = 1
# "Log in with a passkey" on the log-in page. Signing up with only a passkey stays off:
# an account starts with an address and a password, and a passkey can be added after.
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_PASSKEY_SIGNUP_ENABLED = False
MFA_RATE_LIMITS = {
    # Passkey log-ins have no per-account secret to guess, so they are limited per address.
    "webauthn_login": "10/m/ip",
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Mail: Django 6.1 reads MAILERS; EMAIL_URL picks the backend (console by default).
_email = env.email("EMAIL_URL", default="consolemail://")
_mail_options = {}
if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend"):
    _mail_options = {
        "host": _email.get("EMAIL_HOST") or "localhost",
        "port": _email.get("EMAIL_PORT") or 25,
        "username": _email.get("EMAIL_HOST_USER") or None,
        "password": _email.get("EMAIL_HOST_PASSWORD") or None,
        "use_tls": bool(_email.get("EMAIL_USE_TLS")),
        "use_ssl": bool(_email.get("EMAIL_USE_SSL")),
        "timeout": 10,
    }
elif _email["EMAIL_BACKEND"].endswith("filebased.EmailBackend"):
    _mail_options = {"file_path": _email.get("EMAIL_FILE_PATH")}
MAILERS = {"default": {"BACKEND": _email["EMAIL_BACKEND"], "OPTIONS": _mail_options}}
# Background work (reminders, account mail) runs in a second process: `manage.py db_worker`.
# The database backend needs nothing but the database; another backend of Django's tasks
# framework (RQ, Celery) can be named here without code changes.
TASKS = {
    "default": {
        "BACKEND": env.str("DJANGO_TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="Rebound <no-reply@localhost>")
# Where people reach Rebound: reminder e-mails, sent by the worker with no request at hand,
# build their links (the next step, one-click unsubscribe) on it.
# How many API requests one personal access token may make a minute (429 past it).
REBOUND_API_REQUESTS_PER_MINUTE = env.int("DJANGO_API_REQUESTS_PER_MINUTE", default=120)
REBOUND_BASE_URL = env.str("DJANGO_BASE_URL", default="http://127.0.0.1:8000")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"

STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
    # What users attach to applications. Never served by URL: downloads go through an
    # owner-checked view, so the folder sits outside the static files.
    "documents": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": env.path("DJANGO_DOCUMENTS_ROOT", default=BASE_DIR / "documents"),
        },
    },
}
# Or any S3-compatible store, shared by every replica and worker. Private: no public ACL and
# no public URLs (downloads still go through the owner-checked view), never overwriting.
DOCUMENTS_S3_BUCKET = env.str("DJANGO_DOCUMENTS_S3_BUCKET", default="")
if DOCUMENTS_S3_BUCKET:
    STORAGES["documents"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": DOCUMENTS_S3_BUCKET,
            # Empty for AWS itself; the address of any other S3-compatible service.
            "endpoint_url": env.str("DJANGO_DOCUMENTS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("DJANGO_DOCUMENTS_S3_REGION", default="") or None,
            # Empty: boto3 finds credentials itself (an instance role, AWS_* variables).
            "access_key": env.str("DJANGO_DOCUMENTS_S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("DJANGO_DOCUMENTS_S3_SECRET_ACCESS_KEY", default="") or None,
            # "path" for stores that cannot answer at <bucket>.<host>; empty lets boto3 choose.
            "addressing_style": env.str("DJANGO_DOCUMENTS_S3_ADDRESSING_STYLE", default="") or None,
            "location": env.str("DJANGO_DOCUMENTS_S3_PREFIX", default="documents"),
            "default_acl": "private",
            "querystring_auth": True,
            "signature_version": "s3v4",
            "file_overwrite": False,
            "object_parameters": {"ContentDisposition": "attachment"},
        },
    }

# Sessions stay in the database (Django's default engine), so any replica can serve any
# request. One ends after SESSION_COOKIE_AGE without a visit (at most a tenth sooner):
# SessionRefreshMiddleware pushes the end back once every tenth of that age, and at most
# hourly, rather than saving the session on every request.
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_IDLE_SECONDS", default=60 * 60 * 24 * 14)

# Django's defaults already send X-Frame-Options: DENY, nosniff and COOP same-origin.
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    # The service worker that keeps the app shell (interviews/web/pwa.py), from /sw.js only.
    "worker-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

_behind_tls_proxy = env.bool("DJANGO_BEHIND_TLS_PROXY", default=False)
if _behind_tls_proxy:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# allauth's per-IP limits key on the client's address. Behind our own proxies that is the
# Nth entry from the right of X-Forwarded-For (each proxy appends the address it saw);
# without one the header is ignored, so a forged one changes nothing.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int(
    "DJANGO_TRUSTED_PROXY_COUNT", default=1 if _behind_tls_proxy else 0
)
if ALLAUTH_TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("DJANGO_TRUSTED_PROXY_COUNT must be 0 or more.")

if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preloading is a one-way commitment for the whole domain and its subdomains (leaving
    # the browsers' list takes months), so it is off unless the deployment asks for it.
    SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
    if not SECURE_HSTS_PRELOAD:
        # check --deploy warns whenever preload is off; here that is the deliberate choice.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# One JSON line per request on "rebound.request" (never bodies, passwords or query strings).
# Every record goes to standard output through the one handler, whose filter masks URL
# secrets and query strings and withholds SQL and database error values.
LOG_LEVEL = env.str("DJANGO_LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"secrets": {"()": "interviews.web.request_log.SecretFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "interviews.web.request_log.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["secrets"],
            "formatter": env.str("DJANGO_LOG_FORMAT", default="json"),
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's default handlers (mail_admins, its debug console) would bypass the filter.
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        "django.server": {"handlers": [], "level": "INFO", "propagate": True},
        "django.request": {"level": "ERROR"},
        # Query logging (DEBUG) stays off whatever the level: it is noise, and withheld anyway.
        "django.db.backends": {"level": "INFO"},
        "rebound.request": {"level": "INFO"},
    },
}
