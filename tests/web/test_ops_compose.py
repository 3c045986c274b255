"""docker-compose.yml and .env.example start the production shape: web, worker, PostgreSQL."""

import os
import shutil
import subprocess

import pytest

from .test_settings_env import ROOT, run_python

REQUIRED = bool(os.environ.get("REBOUND_REQUIRE_COMPOSE") or os.environ.get("CI"))


def example_environment():
    """Return the variables .env.example sets (the commented-out ones take their defaults)."""
    lines = (ROOT / ".env.example").read_text().splitlines()
    pairs = (line.partition("=") for line in lines if line and not line.startswith("#"))
    return {name: value for name, _, value in pairs}


def compose_config(tmp_path, *args):
    """Run `docker-compose config` on the repository's file with .env.example as the .env."""
    command = shutil.which("docker-compose")
    if command is None:
        reason = "docker-compose is not installed (apt-get install -y docker-compose)"
        if REQUIRED:
            pytest.fail(f"The compose check is required here, but {reason}.")
        pytest.skip(reason)
    shutil.copy(ROOT / ".env.example", tmp_path / ".env")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "POSTGRES_"))}
    compose = [command, "-f", ROOT / "docker-compose.yml", "--project-directory", tmp_path]
    result = subprocess.run(
        [*compose, "config", *args],
        env=env | {"POSTGRES_PASSWORD": "placeholder0123"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_compose_runs_web_its_worker_and_postgresql(tmp_path):
    assert sorted(compose_config(tmp_path, "--services").split()) == ["db", "web", "worker"]


def service(config, name):
    """Return the lines of one service in `docker-compose config`'s output."""
    lines = config.splitlines()
    start = lines.index(f"  {name}:")
    block = []
    for line in lines[start + 1 :]:
        if not line.startswith("    "):
            break
        block.append(line.strip())
    return block


def test_the_worker_runs_the_images_worker_command_once_web_has_migrated(tmp_path):
    config = compose_config(tmp_path)
    worker = service(config, "worker")
    assert worker[worker.index("command:") + 1] == "- worker"
    assert worker[worker.index("web:") + 1] == "condition: service_healthy"
    database = "DATABASE_URL: postgres://rebound:placeholder0123@db:5432/rebound"
    assert database in worker
    assert database in service(config, "web")


def test_web_waits_for_a_healthy_database_and_uses_it(tmp_path):
    config = compose_config(tmp_path)
    assert "pg_isready -U rebound -d rebound" in config
    assert "condition: service_healthy" in config
    assert "DATABASE_URL: postgres://rebound:placeholder0123@db:5432/rebound" in config
    # Reachable only through the proxy on the same machine.
    assert "127.0.0.1:8000:8000" in config


def test_the_example_environment_passes_check_deploy_once_the_secrets_are_filled_in():
    env = example_environment()
    assert env["DJANGO_SECRET_KEY"] == ""  # the operator must choose one
    assert env["DJANGO_FIELD_KEYS"] == ""  # and the key that encrypts the diary
    env["DJANGO_SECRET_KEY"] = "an-operator-chosen-secret-key-with-plenty-of-entropy-0123456789"
    env["DJANGO_FIELD_KEYS"] = "b3BlcmF0b3ItY2hvc2VuLWZpZWxkLWtleS0wMTIzNDU="
    env["DATABASE_URL"] = "postgres://rebound:placeholder0123@db:5432/rebound"
    result = run_python("manage.py", "check", "--deploy", "--fail-level", "DEBUG", **env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_filled_in_env_file_stays_out_of_git_and_the_image():
    for ignore in (".gitignore", ".dockerignore"):
        assert ".env" in (ROOT / ignore).read_text().splitlines(), ignore
