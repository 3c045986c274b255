"""Settings read from the environment: HSTS preload; README and .env.example name every variable."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "a-production-like-secret-key-with-plenty-of-entropy-1234567890-xyz",
    "DJANGO_FIELD_KEYS": "cmVib3VuZC1wcm9kdWN0aW9uLWxpa2Uta2V5LTAwMzI=",
    "DJANGO_ALLOWED_HOSTS": "rebound.example.com",
    "DJANGO_SETTINGS_MODULE": "rebound.settings",
    "EMAIL_URL": "smtp+tls://rebound:mail-password@mail.example.com:587",
}

# Ask for /healthz/ over HTTPS (it needs no database) and report what the settings became.
PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
response = Client().get("/healthz/", secure=True, headers={"host": "rebound.example.com"})
print(json.dumps({
    "preload": settings.SECURE_HSTS_PRELOAD,
    "silenced": settings.SILENCED_SYSTEM_CHECKS,
    "hsts": response.headers.get("Strict-Transport-Security"),
}))
"""


def run_python(*args, **extra_env):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(PRODUCTION_ENV, **extra_env)
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def production(**extra_env):
    result = run_python("-c", PROBE, **extra_env)
    assert result.returncode == 0, result.stderr
    # Request log lines share standard output; the probe prints its answer last.
    return json.loads(result.stdout.splitlines()[-1])


def test_hsts_preload_is_off_unless_asked_for():
    settings = production()
    assert settings["preload"] is False
    assert settings["hsts"] == "max-age=31536000; includeSubDomains"


@pytest.mark.parametrize("value", ["false", "0", "no"])
def test_hsts_preload_stays_off_when_refused(value):
    assert production(DJANGO_SECURE_HSTS_PRELOAD=value)["preload"] is False


def test_hsts_preload_is_sent_when_asked_for():
    settings = production(DJANGO_SECURE_HSTS_PRELOAD="true")
    assert settings["preload"] is True
    assert settings["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert "security.W021" not in settings["silenced"]


@pytest.mark.parametrize("preload", ["false", "true"])
def test_check_deploy_is_clean_with_preload_on_or_off(preload):
    result = run_python(
        "manage.py", "check", "--deploy", "--fail-level", "DEBUG",
        DJANGO_SECURE_HSTS_PRELOAD=preload,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def variables_read(path, pattern):
    return set(re.findall(pattern, (ROOT / path).read_text()))


def environment_variables():
    """Return the name of every environment variable the settings and gunicorn's config read."""
    names = variables_read("rebound/settings.py", r"""env(?:\.\w+)?\(\s*["'](\w+)["']""")
    names |= variables_read("rebound/gunicorn.py", r"""os\.environ\.get\(\s*["'](\w+)["']""")
    assert {"DJANGO_SECRET_KEY", "DJANGO_SECURE_HSTS_PRELOAD", "GUNICORN_WORKERS"} <= names
    return names


def test_readme_documents_every_environment_variable_the_settings_read():
    readme = (ROOT / "README.md").read_text()
    assert sorted(name for name in environment_variables() if f"`{name}`" not in readme) == []


def test_env_example_names_every_environment_variable_the_settings_read():
    # Each as a line of its own, set or commented out: NAME=value or # NAME=value.
    example = variables_read(".env.example", r"(?m)^(?:# )?(\w+)=")
    assert sorted(environment_variables() - example) == []
