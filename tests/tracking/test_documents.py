"""Documents of an application: attach or paste, refuse what is not a document, download
with safe headers, mark sent, delete with its file, and nothing of anyone else's."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse

from interviews.models import DOCUMENT_MAX_BYTES, Application, Document
from interviews.privacy.services import account_delete

from ..conftest import QUERY_BUDGET, make_application, make_document
from . import documents_files as files


def stored_files(root):
    """Return every file under the documents storage root (none when it was never made)."""
    root = Path(root)
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


@pytest.fixture
def application(alice):
    return make_application(owner=alice, company="Acme")


def create_url(application):
    return reverse("interviews:document_create", args=[application.pk])


def attach(client, application, content, name, **fields):
    data = {"kind": "resume", "title": "", "text": "", **fields}
    if content is not None:
        data["upload"] = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(create_url(application), data)


def attached(client, application, content, name, **fields):
    response = attach(client, application, content, name, **fields)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Document.objects.get(application=application)


# Attaching


@pytest.mark.parametrize(
    ("content", "name", "content_type"),
    [
        (files.PDF, "My CV.pdf", "application/pdf"),
        (
            files.docx(),
            "My CV.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (files.odt(), "My CV.odt", "application/vnd.oasis.opendocument.text"),
        (files.TXT, "My CV.txt", "text/plain; charset=utf-8"),
        (files.MD, "My CV.md", "text/markdown; charset=utf-8"),
    ],
)
def test_each_kind_of_file_is_kept_with_its_true_type_and_size(
    alice_client, application, documents_storage, content, name, content_type
):
    document = attached(alice_client, application, content, name)

    assert document.content_type == content_type
    assert document.size == len(content)
    assert document.file_name == name
    assert document.title == "My CV"
    assert document.text == ""
    (path,) = stored_files(documents_storage)
    assert path.read_bytes() == content
    # The stored name is chance alone: nothing of the uploaded name is in it.
    # (Not a check for "CV" alone: a random name holds those two letters about once in a
    # hundred runs.)
    assert "My CV" not in path.name
    assert "." not in path.name
    assert len(path.name) >= 32


def test_the_browsers_claimed_type_is_ignored(alice_client, application):
    upload = SimpleUploadedFile("notes.txt", files.TXT, content_type="application/x-msdownload")
    alice_client.post(create_url(application), {"kind": "other", "upload": upload, "text": ""})
    assert Document.objects.get().content_type == "text/plain; charset=utf-8"


def test_a_pasted_job_description_is_kept_as_text(alice_client, application, documents_storage):
    document = attached(
        alice_client,
        application,
        None,
        "",
        kind="job_description",
        title="The posting",
        text="  We build APIs.  ",
    )
    assert document.text == "We build APIs."
    assert not document.file
    assert document.kind == Document.Kind.JOB_DESCRIPTION
    assert stored_files(documents_storage) == []


def test_the_page_after_attaching_lists_the_document(alice_client, application):
    response = attach(alice_client, application, files.PDF, "cv.pdf", title="CV for Acme")
    assert response["Location"] == application.get_absolute_url() + "#documents"
    page = alice_client.get(response["Location"]).content.decode()
    assert "CV for Acme" in page
    assert "Added CV for Acme." in page


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (files.EXE, "cv.pdf", "this one is none of them"),
        (files.EXE, "cv.exe", "this one is none of them"),
        (files.HTML, "cv.pdf", "web page or other markup"),
        (files.zip_bomb(), "cv.docx", "unpacks to far more than any document needs"),
        (files.docx(), "cv.pdf", "named as PDF, but its content is Word (DOCX)"),
        (b"", "cv.pdf", "This file is empty."),
    ],
)
def test_a_file_that_is_not_a_document_is_refused_and_nothing_is_kept(
    alice_client, application, documents_storage, content, name, message
):
    response = attach(alice_client, application, content, name)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert "nothing has been saved yet" in response.content.decode()
    assert not Document.objects.exists()
    assert stored_files(documents_storage) == []


def test_a_file_over_ten_megabytes_is_refused(alice_client, application, documents_storage):
    content = files.PDF + b" " * (DOCUMENT_MAX_BYTES + 1 - len(files.PDF))
    response = attach(alice_client, application, content, "huge.pdf")

    assert "a document can be at most 10.0\xa0MB" in response.content.decode()
    assert not Document.objects.exists()
    assert stored_files(documents_storage) == []


def test_a_file_of_exactly_ten_megabytes_is_kept(alice_client, application):
    content = files.PDF + b" " * (DOCUMENT_MAX_BYTES - len(files.PDF))
    assert attached(alice_client, application, content, "big.pdf").size == DOCUMENT_MAX_BYTES


@pytest.mark.parametrize(
    ("content", "text", "message"),
    [
        (None, "", "Choose a file to attach, or paste the text."),
        (None, "   ", "Choose a file to attach, or paste the text."),
        (files.PDF, "Pasted too", "Attach a file or paste text, not both"),
    ],
)
def test_a_document_needs_a_file_or_text_but_not_both(
    alice_client, application, documents_storage, content, text, message
):
    response = attach(alice_client, application, content, "cv.pdf", text=text)
    assert response.content.decode().count(message) == 1
    assert not Document.objects.exists()
    assert stored_files(documents_storage) == []


def test_text_over_the_limit_is_refused(alice_client, application):
    response = attach(alice_client, application, None, "", text="x" * 50001)
    assert response.status_code == 200
    assert "at most 50000 characters" in response.content.decode()
    assert not Document.objects.exists()


def test_a_file_name_with_folders_and_control_characters_is_made_safe(alice_client, application):
    document = attached(alice_client, application, files.PDF, "..\\..\\evil\x07\x1bname.pdf")
    assert document.file_name == "evilname.pdf"


def test_a_row_that_cannot_be_written_takes_its_file_with_it(
    alice_client, application, documents_storage, monkeypatch
):
    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Document, "save", fail)
    with pytest.raises(RuntimeError):
        attach(alice_client, application, files.PDF, "cv.pdf")
    assert stored_files(documents_storage) == []


def test_the_add_form_offers_a_kind_from_the_link(alice_client, application):
    response = alice_client.get(create_url(application) + "?kind=cover_letter")
    assert 'value="cover_letter" selected' in response.content.decode()
    assert alice_client.get(create_url(application) + "?kind=nonsense").status_code == 200


# Downloading


def test_a_file_downloads_as_an_attachment_with_its_safe_name_and_type(alice_client, application):
    document = attached(alice_client, application, files.PDF, "Mon CV été.pdf")

    response = alice_client.get(reverse("interviews:document_download", args=[document.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == files.PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Mon%20CV%20%C3%A9t%C3%A9.pdf"
    )
    assert "no-store" in response["Cache-Control"]


def test_pasted_text_downloads_as_a_txt_file(alice_client, application):
    document = make_document(application=application, title="Job: the ad", text="We build.")

    response = alice_client.get(reverse("interviews:document_download", args=[document.pk]))

    assert response.content == b"We build."
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="Job_ the ad.txt"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_document_whose_file_is_gone_is_a_404_not_an_error(
    alice_client, application, documents_storage
):
    document = attached(alice_client, application, files.PDF, "cv.pdf")
    for path in stored_files(documents_storage):
        path.unlink()
    response = alice_client.get(reverse("interviews:document_download", args=[document.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize(
    "name",
    [
        "interviews:document_download",
        "interviews:document_update",
        "interviews:document_delete",
    ],
)
def test_another_users_document_is_404(mallory_client, alice_client, application, name):
    document = attached(alice_client, application, files.PDF, "cv.pdf")
    assert mallory_client.get(reverse(name, args=[document.pk])).status_code == 404


def test_nobody_else_can_attach_to_or_list_an_application(mallory_client, application):
    assert mallory_client.get(create_url(application)).status_code == 404
    response = mallory_client.post(
        create_url(application), {"kind": "other", "title": "x", "text": "Mine now"}
    )
    assert response.status_code == 404
    assert not Document.objects.exists()
    url = reverse("interviews:document_list", args=[application.pk])
    assert mallory_client.get(url).status_code == 404


def test_nobody_else_can_mark_delete_or_edit_a_document(mallory_client, application):
    document = make_document(application=application, title="Mine")
    for name, data in [
        ("interviews:document_sent", {"sent": "on"}),
        ("interviews:document_delete", {}),
        ("interviews:document_update", {"kind": "other", "title": "Stolen"}),
    ]:
        assert mallory_client.post(reverse(name, args=[document.pk]), data).status_code == 404
    document.refresh_from_db()
    assert (document.title, document.sent) == ("Mine", False)


def test_anonymous_visitors_are_sent_to_log_in(client, application):
    document = make_document(application=application)
    response = client.get(reverse("interviews:document_download", args=[document.pk]))
    assert response.status_code == 302
    assert "login" in response["Location"]


# Marking sent, editing


def test_marking_sent_and_taking_the_mark_off(alice_client, application):
    document = make_document(application=application, title="CV v2")
    url = reverse("interviews:document_sent", args=[document.pk])

    response = alice_client.post(url, {"sent": "on"})
    document.refresh_from_db()
    assert document.sent is True
    assert response["Location"] == application.get_absolute_url() + "#documents"

    alice_client.post(url, {})
    document.refresh_from_db()
    assert document.sent is False


def test_marking_sent_takes_only_post(alice_client, application):
    document = make_document(application=application)
    assert (
        alice_client.get(reverse("interviews:document_sent", args=[document.pk])).status_code == 405
    )


def test_the_detail_page_shows_the_sent_badge(alice_client, application):
    make_document(application=application, title="CV v1")
    make_document(application=application, title="CV v2", sent=True)
    page = alice_client.get(application.get_absolute_url()).content.decode()
    assert page.count(">Sent<") == 1
    assert "Not the version sent" in page
    assert "Mark as sent" in page


def test_editing_changes_title_kind_and_sent(alice_client, application):
    document = make_document(application=application, title="Old")
    url = reverse("interviews:document_update", args=[document.pk])
    response = alice_client.post(url, {"kind": "cover_letter", "title": "Letter", "sent": "on"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.kind, document.title, document.sent) == ("cover_letter", "Letter", True)


def test_editing_without_a_title_is_refused(alice_client, application):
    document = make_document(application=application, title="Old")
    url = reverse("interviews:document_update", args=[document.pk])
    response = alice_client.post(url, {"kind": "other", "title": ""})
    assert "Give the document a title." in response.content.decode()
    document.refresh_from_db()
    assert document.title == "Old"


# Deleting


def test_delete_asks_first(alice_client, application, documents_storage):
    document = attached(alice_client, application, files.PDF, "cv.pdf")
    response = alice_client.get(reverse("interviews:document_delete", args=[document.pk]))
    assert "Yes, delete it" in response.content.decode()
    assert Document.objects.filter(pk=document.pk).exists()
    assert len(stored_files(documents_storage)) == 1


def test_deleting_a_document_removes_its_file_once_committed(
    alice_client, application, documents_storage, django_capture_on_commit_callbacks
):
    document = attached(alice_client, application, files.PDF, "cv.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(reverse("interviews:document_delete", args=[document.pk]))
    assert response["Location"] == application.get_absolute_url() + "#documents"
    assert not Document.objects.exists()
    assert stored_files(documents_storage) == []


def test_deleting_the_application_removes_its_files(
    alice_client, application, documents_storage, django_capture_on_commit_callbacks
):
    attached(alice_client, application, files.PDF, "cv.pdf")
    make_document(application=application, file="", text="Pasted")
    with django_capture_on_commit_callbacks(execute=True):
        alice_client.post(reverse("interviews:application_delete", args=[application.pk]))
    assert not Application.objects.exists()
    assert stored_files(documents_storage) == []


def test_deleting_the_account_removes_every_file(
    alice, alice_client, application, documents_storage, django_capture_on_commit_callbacks
):
    attached(alice_client, application, files.PDF, "cv.pdf")
    other = make_application(owner=alice, company="Globex")
    alice_client.post(
        create_url(other), {"kind": "other", "upload": SimpleUploadedFile("a.md", files.MD)}
    )
    assert len(stored_files(documents_storage)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=alice)
    assert stored_files(documents_storage) == []


def test_a_delete_that_is_rolled_back_keeps_the_file(
    alice_client, application, documents_storage, django_capture_on_commit_callbacks
):
    document = attached(alice_client, application, files.PDF, "cv.pdf")

    def delete_then_change_mind():
        with transaction.atomic():
            application.delete()
            raise RuntimeError("changed my mind")

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError, match="changed my mind"),
    ):
        delete_then_change_mind()
    assert callbacks == []
    assert Document.objects.filter(pk=document.pk).exists()
    assert len(stored_files(documents_storage)) == 1


# Lists


def test_the_application_page_invites_a_first_document(alice_client, application):
    page = alice_client.get(application.get_absolute_url()).content.decode()
    assert "Keep the résumé and cover letter you sent" in page
    assert create_url(application) in page


def test_the_application_page_costs_the_same_queries_for_one_document_and_fifty(
    alice_client, application, django_assert_max_num_queries, django_assert_num_queries
):
    make_document(application=application, title="Doc 0")
    with django_assert_max_num_queries(QUERY_BUDGET) as one:
        assert alice_client.get(application.get_absolute_url()).status_code == 200
    for number in range(1, 50):
        make_document(application=application, title=f"Doc {number}")
    with django_assert_num_queries(len(one)):
        page = alice_client.get(application.get_absolute_url()).content.decode()
    assert "See all 50 documents" in page


def test_the_document_list_is_paginated_and_costs_the_same_queries(
    alice_client, application, django_assert_max_num_queries, django_assert_num_queries
):
    url = reverse("interviews:document_list", args=[application.pk])
    make_document(application=application, title="Doc 0")
    with django_assert_max_num_queries(QUERY_BUDGET) as one:
        assert alice_client.get(url).status_code == 200
    for number in range(1, 50):
        make_document(application=application, title=f"Doc {number}")
    with django_assert_num_queries(len(one)):
        page = alice_client.get(url).content.decode()
    assert "Showing 1–25 of 50" in page
    assert "Doc 49" in page
    assert "Doc 0<" not in page
    assert "Doc 0<" in alice_client.get(url + "?page=2").content.decode()


def test_the_buttons_on_the_application_page_carry_the_form_check(application):
    make_document(application=application, title="CV")
    client = Client(enforce_csrf_checks=True)
    client.force_login(application.owner)
    page = client.get(application.get_absolute_url()).content.decode()
    sent_form = page[page.index("/sent/") :]
    assert 'name="csrfmiddlewaretoken"' in sent_form[: sent_form.index("</form>")]


def test_a_request_body_over_djangos_limit_is_a_bad_request_not_an_error(
    alice_client, application, settings
):
    # Django counts every field but files against DATA_UPLOAD_MAX_MEMORY_SIZE; the text limit
    # is far below it, so only a forged form gets here.
    text = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = alice_client.post(create_url(application), {"kind": "other", "text": text})
    assert response.status_code == 400
    assert not Document.objects.exists()
