"""Installable Rebound: the manifest, the worker and the offline page hold nothing personal."""

import json
import re

from django.contrib.staticfiles import finders
from django.urls import reverse

from interviews.web import pwa

from ..conftest import make_interview


def test_the_manifest_describes_an_installable_app_with_real_icons(client):
    response = client.get(reverse("interviews:manifest"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert (data["name"], data["display"], data["start_url"]) == ("Rebound", "standalone", "/")
    sizes = {icon["sizes"] for icon in data["icons"]}
    assert {"192x192", "512x512"} <= sizes
    assert any(icon.get("purpose") == "maskable" for icon in data["icons"])
    for icon in data["icons"]:
        name = icon["src"].removeprefix("/static/")
        assert finders.find(name), icon["src"]
        with open(finders.find(name), "rb") as image:
            assert image.read(8) == b"\x89PNG\r\n\x1a\n"


def test_the_worker_is_served_from_the_root_with_its_configuration(client):
    response = client.get(reverse("interviews:service_worker"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Cache-Control"] == "no-cache"
    assert reverse("interviews:service_worker") == "/sw.js"
    code = response.content.decode()
    config = json.loads(code.split("\n", 1)[0].removeprefix("const CONFIG = ").rstrip(";"))
    assert config["offline"] == reverse("interviews:offline")
    assert "/accounts/" in config["never"]
    assert "/settings/" in config["never"]
    assert re.match(config["pages"], "/interviews/7/reflect/feelings/")
    assert re.match(config["pages"], "/interviews/7/reflect/what_happened/")
    # Later steps, and every other page, are never kept on the device.
    assert not re.match(config["pages"], "/interviews/7/reflect/lessons/")
    assert not re.match(config["pages"], "/interviews/7/")


def test_a_changed_worker_gets_a_new_version(monkeypatch):
    before = pwa.worker_config()["version"]
    monkeypatch.setattr(pwa, "worker_source", lambda: "// another worker")
    assert pwa.worker_config()["version"] != before


def test_the_offline_page_is_the_same_for_everyone(alice_client, client, alice):
    signed_in = alice_client.get(reverse("interviews:offline")).content.decode()
    anonymous = client.get(reverse("interviews:offline")).content.decode()
    assert "You are offline" in anonymous
    assert alice.email not in signed_in
    strip = lambda page: re.sub(r'nonce="[^"]*"', "", page)  # noqa: E731
    assert strip(signed_in) == strip(anonymous)


def test_pages_link_the_manifest_and_let_only_this_site_run_a_worker(alice_client):
    response = alice_client.get(reverse("interviews:dashboard"))
    page = response.content.decode()
    assert f'rel="manifest" href="{reverse("interviews:manifest")}"' in page
    assert 'data-worker-url="/sw.js"' in page
    assert "worker-src 'self'" in response["Content-Security-Policy"]


def test_the_first_two_wizard_steps_carry_the_offline_script_and_later_ones_do_not(
    alice_client, alice
):
    interview = make_interview(owner=alice, rating=1)
    feelings = alice_client.get(
        reverse("interviews:reflect_step", args=[interview.pk, "feelings"])
    ).content.decode()
    assert "js/offline_draft" in feelings
    assert reverse("interviews:reflect_offline", args=[interview.pk]) in feelings
    lessons = alice_client.get(
        reverse("interviews:reflect_step", args=[interview.pk, "lessons"])
    ).content.decode()
    assert "js/offline_draft" not in lessons
