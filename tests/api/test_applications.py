"""Applications through the API: the same rows, rules and history as the pages."""

from interviews.models import Application, StatusChange

from ..conftest import make_application

API = "/api/v1"


def test_the_owner_lists_only_her_applications(alice, mallory, alice_api):
    make_application(owner=alice, company="Acme")
    make_application(owner=mallory, company="Mallory Ltd")
    response = alice_api.get(f"{API}/applications")
    assert response.status_code == 200, response.content
    body = response.json()
    assert [item["company"] for item in body["items"]] == ["Acme"]
    assert body["count"] == 1


def test_adding_one_goes_through_the_form_and_records_its_first_status(alice, alice_api):
    response = alice_api.post(
        f"{API}/applications",
        ({"company": "Acme", "role": "Engineer", "status": "applied", "tags": ["remote"]}),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["tags"] == ["remote"]
    assert [change["to_status"] for change in body["history"]] == ["applied"]
    assert response["Location"] == f"{API}/applications/{body['id']}"
    assert response["ETag"]
    assert Application.objects.get(pk=body["id"]).owner == alice


def test_update_needs_the_etag_it_read(alice, alice_api):
    application = make_application(owner=alice, company="Acme")
    url = f"{API}/applications/{application.pk}"
    etag = alice_api.get(url)["ETag"]
    assert alice_api.patch(url, ({"status": "interviewing"})).status_code == 428
    stale = alice_api.patch(url, ({"status": "offer"}), headers={"If-Match": '"x"'})
    assert stale.status_code == 412
    response = alice_api.patch(url, ({"status": "interviewing"}), headers={"If-Match": etag})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "interviewing"
    assert StatusChange.objects.filter(application=application, to_status="interviewing").exists()
    again = alice_api.patch(url, ({"status": "offer"}), headers={"If-Match": etag})
    assert again.status_code == 412


def test_the_forms_messages_come_back_field_by_field(alice_api):
    response = alice_api.post(
        f"{API}/applications", ({"company": " ", "role": "x", "salary_currency": "eu"})
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert set(error["fields"]) == {"company", "salary_currency"}
    assert not Application.objects.exists()


def test_an_etag_read_through_gzip_opens_the_update(alice, alice_api):
    application = make_application(owner=alice, company="Acme")
    url = f"{API}/applications/{application.pk}"
    etag = alice_api.get(url, headers={"Accept-Encoding": "gzip"})["ETag"]
    assert etag.startswith('W/"')  # what a client that accepts gzip is given
    response = alice_api.patch(url, ({"status": "offer"}), headers={"If-Match": etag})
    assert response.status_code == 200, response.content
