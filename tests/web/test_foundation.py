"""The skeleton: public pages, health check, settings and the production security posture."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "a-production-like-secret-key-with-plenty-of-entropy-1234567890-xyz",
    "DJANGO_FIELD_KEYS": "cmVib3VuZC1wcm9kdWN0aW9uLWxpa2Uta2V5LTAwMzI=",
    "DJANGO_ALLOWED_HOSTS": "rebound.example.com",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://rebound.example.com",
    "DJANGO_SETTINGS_MODULE": "rebound.settings",
    "EMAIL_URL": "smtp+tls://rebound:mail-password@mail.example.com:587",
}


def run_manage(*args, env=None):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    full_env.update(env or PRODUCTION_ENV)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_reports_no_issues_under_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "DEBUG")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_missing_secret_key_is_a_clear_startup_error():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_landing_page_is_public_and_says_what_rebound_does(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert b"bad interview" in response.content
    assert reverse("account_signup").encode() in response.content


def test_signed_in_user_is_sent_from_landing_to_dashboard(alice_client):
    response = alice_client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("interviews:dashboard")


def test_healthz_answers_ok_without_login(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_healthz_rejects_post(client):
    assert client.post("/healthz/").status_code == 405


def test_new_user_sees_an_empty_dashboard_that_says_what_to_do_first(alice_client):
    response = alice_client.get(reverse("interviews:dashboard"))
    assert response.status_code == 200
    assert b"Add a job you have applied for, then its interviews." in response.content


def test_every_response_carries_a_strict_content_security_policy(client, db):
    response = client.get(reverse("home"))
    policy = response["Content-Security-Policy"]
    directives = dict(
        [*part.split(" ", 1), ""][:2] for part in (p.strip() for p in policy.split(";")) if part
    )
    assert directives["default-src"] == "'none'"
    assert directives["script-src"].startswith("'self' 'nonce-")
    for name in ("style-src", "img-src", "font-src", "connect-src"):
        assert "'self'" in directives[name]
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("X-Frame-Options", "DENY"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ],
)
def test_security_headers_are_present(client, db, header, value):
    assert client.get(reverse("home"))[header] == value


# Ask over plain HTTP for the home page and the health check, as the production settings
# (debug off, built from the environment alone) answer them.
PLAIN_HTTP_PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
client = Client(headers={"host": "rebound.example.com"})
answers = {path: client.get(path) for path in ("/", "/healthz/")}
print(json.dumps({
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    **{path: [r.status_code, r.headers.get("Location")] for path, r in answers.items()},
}))
"""


def test_production_settings_send_plain_http_to_https_but_not_the_health_check():
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    full_env.update(PRODUCTION_ENV)
    result = subprocess.run(
        [sys.executable, "-c", PLAIN_HTTP_PROBE],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == {
        "ssl_redirect": True,
        "/": [301, "https://rebound.example.com/"],
        "/healthz/": [200, None],
    }


def test_production_settings_use_secure_cookies_and_shared_cache(settings):
    assert settings.SESSION_COOKIE_SECURE
    assert settings.CSRF_COOKIE_SECURE
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_mail_is_configured_through_mailers(settings):
    assert "default" in settings.MAILERS
    assert not settings.is_overridden("EMAIL_BACKEND")


def test_email_url_builds_an_smtp_mailer():
    code = (
        "from django.conf import settings; import json; "
        "print(json.dumps(settings.MAILERS['default']))"
    )
    env = {**PRODUCTION_ENV, "EMAIL_URL": "smtp+tls://user:secret@mail.example.com:587"}
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    full_env.update(env)
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        check=True,
    )
    mailer = __import__("json").loads(result.stdout)
    assert mailer["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert mailer["OPTIONS"]["host"] == "mail.example.com"
    assert mailer["OPTIONS"]["port"] == 587
    assert mailer["OPTIONS"]["use_tls"] is True
    assert mailer["OPTIONS"]["username"] == "user"


def test_collectstatic_and_gunicorn_config_work_under_production_settings(tmp_path):
    env = {**PRODUCTION_ENV, "DJANGO_STATIC_ROOT": str(tmp_path / "static")}
    result = run_manage("collectstatic", "--noinput", env=env)
    assert result.returncode == 0, result.stderr
    manifest = tmp_path / "static" / "staticfiles.json"
    assert manifest.exists()
    assert (tmp_path / "static" / "vendor" / "bootstrap" / "bootstrap.min.css.gz").exists()

    code = (
        "from gunicorn.config import Config; from gunicorn.app.base import Application;"
        "from gunicorn.util import import_app\n"
        "class Probe(Application):\n"
        "    def init(self, parser, opts, args): return None\n"
        "    def load(self): return import_app(self.cfg.wsgi_app)\n"
        "probe = Probe(usage='probe'); probe.load_config_from_module_name_or_filename("
        "'python:rebound.gunicorn')\n"
        "app = probe.load(); cfg = probe.cfg\n"
        "print(cfg.wsgi_app, cfg.control_socket_disable, callable(app))"
    )
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    full_env.update(env)
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["rebound.wsgi:application", "True", "True"]


def test_navigation_marks_only_the_section_the_page_is_in(alice_client):
    response = alice_client.get(reverse("interviews:application_board"))
    active = [item["label"] for item in response.context["nav_items"] if item["active"]]
    assert [str(label) for label in active] == ["Board"]


def admin_models():
    """Return the app's models the admin manages: all but those kept out of it on purpose."""
    from django.apps import apps

    from interviews.admin import NOT_IN_ADMIN

    return [
        model
        for model in apps.get_app_config("interviews").get_models()
        if model.__name__ not in NOT_IN_ADMIN
    ]


def test_every_model_is_in_the_admin_with_list_columns_and_search():
    from django.contrib import admin

    for model in admin_models():
        model_admin = admin.site._registry[model]
        assert len(model_admin.list_display) > 1, model
        assert model_admin.search_fields, model


def test_models_kept_out_of_the_admin_are_not_in_it():
    from django.contrib import admin

    from interviews.admin import NOT_IN_ADMIN

    registered = {model.__name__ for model in admin.site._registry}
    assert not NOT_IN_ADMIN & registered


def test_admin_lists_open_for_staff(admin_client):
    for model in admin_models():
        url = reverse(f"admin:interviews_{model._meta.model_name}_changelist")
        assert admin_client.get(url, {"q": "x"}).status_code == 200, url
