"""The export zip carries the files; a restore reads it back, refusing hostile zips whole."""

import io
import json
import random
import warnings
import zipfile
from datetime import UTC, datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviews.models import Application, Contact, Document, Tag
from interviews.privacy import archive
from interviews.privacy.restore import DataImportError, account_data_import

from ..conftest import (
    logged_in,
    make_application,
    make_contact,
    make_document,
    make_interview,
    make_user,
)
from ..tracking import documents_files as files

EXPORT = reverse("interviews:data_export")
IMPORT = reverse("interviews:data_import")


def stored_files(root):
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def download(client):
    response = client.get(EXPORT)
    assert response.status_code == 200
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def make_zip(payload, members=(), *, json_name="export.json"):
    """Return an export zip: payload as export.json and members as (name, bytes) pairs."""
    buffer = io.BytesIO()
    # Hostile zips may hold a name twice; zipfile warns, and here that is the point.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as target:
            target.writestr(json_name, json.dumps(payload))
            for name, content in members:
                target.writestr(name, content)
    return buffer.getvalue()


def v3(applications=(), **extra):
    return {"schema": "rebound-export", "version": 3, "applications": list(applications), **extra}


def with_file(member, *, file_name="cv.pdf", **document):
    return {
        "company": "Acme",
        "role": "Dev",
        "documents": [{"kind": "resume", "title": "CV", "file_name": file_name, "file": member}],
        **document,
    }


def restore(client, content, name="export.zip"):
    return client.post(IMPORT, {"export_file": SimpleUploadedFile(name, content)})


@pytest.fixture
def alice_with_files(alice):
    application = make_application(owner=alice, company="Acme")
    make_document(
        application=application,
        title="CV",
        text="",
        file=ContentFile(files.PDF, name="x"),
        file_name="My CV.pdf",
        content_type="application/pdf",
        size=len(files.PDF),
    )
    make_document(
        application=application,
        title="Letter",
        text="",
        file=ContentFile(files.docx(), name="x"),
        file_name="letter.docx",
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        size=len(files.docx()),
    )
    make_document(application=application, title="The ad", text="We build things.")
    return alice


# Export


def test_the_zip_holds_the_json_and_each_file_under_a_name_of_its_own(
    alice_with_files, alice_client
):
    exported = download(alice_client)

    assert sorted(exported.namelist()) == [
        "documents/1-My CV.pdf",
        "documents/2-letter.docx",
        "export.json",
    ]
    assert exported.read("documents/1-My CV.pdf") == files.PDF
    payload = json.loads(exported.read("export.json"))
    documents = payload["applications"][0]["documents"]
    assert [(d["title"], d["file"]) for d in documents] == [
        ("CV", "documents/1-My CV.pdf"),
        ("Letter", "documents/2-letter.docx"),
        ("The ad", None),
    ]
    assert documents[2]["text"] == "We build things."


def test_a_file_the_storage_lost_is_left_out_rather_than_failing_the_download(
    alice_with_files, alice_client, documents_storage
):
    lost = Document.objects.get(title="CV")
    (documents_storage / lost.file.name).unlink()

    exported = download(alice_client)

    payload = json.loads(exported.read("export.json"))
    assert [d["title"] for d in payload["applications"][0]["documents"]] == ["Letter", "The ad"]
    assert "documents/1-My CV.pdf" not in exported.namelist()


def test_contacts_and_tags_go_out_with_their_links(alice, alice_client):
    acme = make_application(owner=alice, company="Acme")
    make_application(owner=alice, company="Globex")
    interview = make_interview(application=acme)
    dana = make_contact(owner=alice, applications=[acme])
    interview.contacts.add(dana)
    acme.tags.add(Tag.objects.create(owner=alice, name="remote"))
    Tag.objects.create(owner=alice, name="later")

    payload = json.loads(download(alice_client).read("export.json"))

    (contact,) = payload["contacts"]
    assert contact["name"] == "Dana Reyes"
    assert contact["applications"] == [1]
    assert contact["interviews"] == [[1, 1]]
    assert payload["tags"] == ["later", "remote"]
    assert payload["applications"][0]["tags"] == ["remote"]


# Restore


def test_a_restored_zip_puts_each_file_back_under_a_new_chance_name(
    alice_with_files, alice_client, documents_storage
):
    content = b""
    exported = download(alice_client)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as copy:
        for name in exported.namelist():
            copy.writestr(name, exported.read(name))
    content = buffer.getvalue()
    before = set(stored_files(documents_storage))
    newcomer = make_user("newcomer@example.com")

    response = restore(logged_in(newcomer), content)

    assert response.status_code == 302
    restored = Document.objects.owned_by(newcomer).order_by("created_at", "pk")
    assert [(d.title, d.file_name, d.content_type, d.size) for d in restored] == [
        ("CV", "My CV.pdf", "application/pdf", len(files.PDF)),
        (
            "Letter",
            "letter.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            len(files.docx()),
        ),
        ("The ad", "", "text/plain; charset=utf-8", len(b"We build things.")),
    ]
    new_files = set(stored_files(documents_storage)) - before
    assert len(new_files) == 2
    cv = restored[0]
    download_url = reverse("interviews:document_download", args=[cv.pk])
    assert b"".join(logged_in(newcomer).get(download_url).streaming_content) == files.PDF


def test_the_plain_json_of_an_older_version_still_restores(alice, alice_client):
    payload = {
        "schema": "rebound-export",
        "version": 2,
        "applications": [
            {
                "company": "Acme",
                "role": "Dev",
                "contact_name": "Sam Jones",
                "contact_email": "sam@acme.example",
            },
            {"company": "Globex", "role": "Dev", "contact_email": "hr@globex.example"},
            {"company": "Initech", "role": "Dev", "contact_name": "", "contact_email": ""},
        ],
    }
    response = alice_client.post(
        IMPORT,
        {"export_file": SimpleUploadedFile("old.json", json.dumps(payload).encode())},
    )
    assert response.status_code == 302
    contacts = Contact.objects.owned_by(alice).order_by("name")
    assert [(c.name, c.email, c.company) for c in contacts] == [
        ("Sam Jones", "sam@acme.example", "Acme"),
        ("hr@globex.example", "hr@globex.example", "Globex"),
    ]
    assert [list(c.applications.values_list("company", flat=True)) for c in contacts] == [
        ["Acme"],
        ["Globex"],
    ]


@pytest.mark.parametrize("version", [1, 2])
def test_an_old_contact_with_a_bad_address_is_named(alice, version):
    payload = {
        "schema": "rebound-export",
        "version": version,
        "applications": [{"company": "Acme", "role": "Dev", "contact_email": "not an address"}],
    }
    with pytest.raises(DataImportError, match="Application 1: email: Enter a valid email"):
        account_data_import(owner=alice, payload=payload)
    assert not Application.objects.exists()


def test_version_3_has_no_contact_name_on_an_application(alice):
    payload = v3([{"company": "Acme", "role": "Dev", "contact_name": "Sam"}])
    with pytest.raises(DataImportError, match="Application 1: unknown key “contact_name”"):
        account_data_import(owner=alice, payload=payload)


def test_a_plain_json_file_cannot_carry_a_documents_file(alice, alice_client, documents_storage):
    content = json.dumps(v3([with_file("documents/1-cv.pdf")])).encode()
    response = restore(alice_client, content, name="export.json")
    assert "restore from the .zip file rather than from export.json alone" in (
        response.content.decode()
    )
    assert not Application.objects.exists()


def test_contacts_tags_and_links_come_back(alice):
    payload = v3(
        [
            {
                "company": "Acme",
                "role": "Dev",
                "tags": ["remote", "python"],
                "interviews": [{"kind": "technical", "scheduled_at": "2026-02-27T14:00:00Z"}],
            },
            {"company": "Globex", "role": "Dev"},
        ],
        tags=["remote", "python", "later"],
        contacts=[
            {"name": "Dana", "applications": [1, 2], "interviews": [[1, 1]]},
            {"name": "Lee", "role": "recruiter"},
        ],
    )
    account_data_import(owner=alice, payload=payload)

    dana = Contact.objects.owned_by(alice).get(name="Dana")
    assert sorted(dana.applications.values_list("company", flat=True)) == ["Acme", "Globex"]
    assert dana.interviews.get().application.company == "Acme"
    assert Contact.objects.owned_by(alice).get(name="Lee").role == "recruiter"
    assert sorted(Tag.objects.owned_by(alice).values_list("name", flat=True)) == [
        "later",
        "python",
        "remote",
    ]
    acme = Application.objects.owned_by(alice).get(company="Acme")
    assert sorted(acme.tags.values_list("name", flat=True)) == ["python", "remote"]


def test_links_named_twice_are_written_once(alice):
    payload = v3(
        [
            {
                "company": "Acme",
                "role": "Dev",
                "tags": ["remote", "remote"],
                "interviews": [{"kind": "technical", "scheduled_at": "2026-02-27T14:00:00Z"}],
            }
        ],
        contacts=[{"name": "Dana", "applications": [1, 1], "interviews": [[1, 1], [1, 1]]}],
    )
    account_data_import(owner=alice, payload=payload)
    dana = Contact.objects.owned_by(alice).get()
    assert dana.applications.count() == 1
    assert dana.interviews.count() == 1
    assert Application.objects.owned_by(alice).get().tags.count() == 1


def test_a_tag_the_account_already_has_is_reused(alice):
    Tag.objects.create(owner=alice, name="remote")
    account_data_import(
        owner=alice, payload=v3([{"company": "A", "role": "B", "tags": ["remote"]}])
    )
    assert Tag.objects.owned_by(alice).count() == 1
    assert Application.objects.owned_by(alice).get().tags.get().name == "remote"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"contacts": [{"name": "Dana", "applications": [3]}]}, "Contact 1: applications:"),
        ({"contacts": [{"name": "Dana", "applications": "1"}]}, "“applications” must be a list"),
        ({"contacts": [{"name": "Dana", "interviews": [[1, 2]]}]}, "Contact 1: interviews:"),
        ({"contacts": [{"name": "Dana", "interviews": [1]}]}, "Contact 1: interviews:"),
        ({"contacts": [{"name": ""}]}, "Contact 1: name:"),
        ({"contacts": [{"name": "Dana", "shoe_size": 9}]}, "unknown key “shoe_size”"),
        ({"tags": ["x" * 41]}, "at most 40 characters"),
        ({"tags": [7]}, "name: must be text"),
        ({"tags": "remote"}, "“tags” must be a list"),
    ],
)
def test_bad_contacts_and_tags_are_named_and_nothing_is_saved(alice, extra, message):
    payload = v3([{"company": "Acme", "role": "Dev", "interviews": []}], **extra)
    with pytest.raises(DataImportError) as error:
        account_data_import(owner=alice, payload=payload)
    assert any(message in problem for problem in error.value.problems), error.value.problems
    assert not Application.objects.exists()
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"kind": "other", "title": "Empty"}, "a document needs its text, or a file"),
        ({"kind": "other", "title": "X", "text": "x", "file": 7}, "file: must be the name"),
        ({"kind": "spam", "title": "X", "text": "x"}, "kind: Value 'spam' is not a valid"),
    ],
)
def test_bad_documents_are_named(alice, document, message):
    payload = v3([{"company": "Acme", "role": "Dev", "documents": [document]}])
    with pytest.raises(DataImportError) as error:
        account_data_import(owner=alice, payload=payload)
    assert any(message in problem for problem in error.value.problems), error.value.problems


# Hostile zips: refused with a clear message, nothing saved, nothing left in storage.


def refused(client, content, message, root):
    response = restore(client, content)
    page = response.content.decode().replace("&quot;", '"').replace("&#x27;", "'")
    assert response.status_code == 200
    assert message in page, page[page.find("invalid-feedback") - 200 :][:2000]
    assert not Application.objects.exists()
    assert not Document.objects.exists()
    assert stored_files(root) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (files.EXE, "this one is none of them"),
        (files.HTML, "web page or other markup"),
        (files.docx(), "named as PDF, but its content is Word (DOCX)"),
        (b"", "This file is empty."),
    ],
)
def test_a_document_whose_bytes_fail_the_type_check_is_refused(
    alice_client, documents_storage, content, message
):
    zipped = make_zip(v3([with_file("documents/1-cv.pdf")]), [("documents/1-cv.pdf", content)])
    refused(alice_client, zipped, message, documents_storage)
    assert "Application 1, document 1: file: “documents/1-cv.pdf” is refused" in restore(
        alice_client, zipped
    ).content.decode().replace("&#x27;", "'")


def test_a_member_the_json_names_but_the_zip_lacks_is_refused(alice_client, documents_storage):
    zipped = make_zip(v3([with_file("documents/1-cv.pdf")]))
    refused(alice_client, zipped, "the zip has no file “documents/1-cv.pdf”", documents_storage)


def test_a_member_over_the_document_size_is_refused(alice_client, documents_storage):
    big = files.PDF + bytes(10 * 1024 * 1024)
    zipped = make_zip(v3([with_file("documents/1-cv.pdf")]), [("documents/1-cv.pdf", big)])
    refused(alice_client, zipped, "it can be at most 10.0\xa0MB", documents_storage)


def test_member_names_are_only_looked_up_never_used_as_paths(
    alice, alice_client, documents_storage, tmp_path
):
    member = "../../../escaped.txt"
    zipped = make_zip(v3([with_file(member, file_name="../../escaped.txt")]), [(member, files.TXT)])
    assert restore(alice_client, zipped).status_code == 302
    document = Document.objects.owned_by(alice).get()
    assert document.file_name == "escaped.txt"
    (stored,) = stored_files(documents_storage)
    assert stored.name == document.file.name
    assert stored.read_bytes() == files.TXT
    assert not list(tmp_path.parent.rglob("escaped.txt"))


def test_a_zip_with_too_many_files_is_refused_before_unpacking(alice_client, documents_storage):
    members = [(f"documents/{n}.txt", b"") for n in range(archive.ARCHIVE_MAX_MEMBERS)]
    refused(
        alice_client, make_zip(v3(), members), "a Rebound export holds at most", documents_storage
    )


def test_a_zip_that_unpacks_too_big_is_refused(alice_client, documents_storage, monkeypatch):
    monkeypatch.setattr(archive, "ARCHIVE_MAX_UNPACKED", 1024 * 1024)
    zipped = make_zip(v3(), [("documents/zeros.txt", bytes(2 * 1024 * 1024))])
    refused(alice_client, zipped, "a restore takes at most 1.0\xa0MB", documents_storage)


def test_an_upload_over_the_restore_limit_is_refused(alice_client, documents_storage, monkeypatch):
    monkeypatch.setattr(archive, "RESTORE_MAX_BYTES", 1000)
    # Random bytes do not shrink when zipped, so the upload stays over the limit.
    zipped = make_zip(v3(), [("documents/a.bin", random.Random(7).randbytes(5000))])
    refused(alice_client, zipped, "an export file can be at most 1000", documents_storage)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK\x03\x04 and then nothing", "This zip file is damaged or incomplete."),
        (make_zip(v3(), json_name="other.json"), "This zip has no export.json"),
        (make_zip(v3(), [("export.json", b"{}")]), "holds “export.json” twice"),
        (make_zip(v3(), [("documents/1.txt", b"x")])[:-40], "damaged or incomplete"),
    ],
)
def test_a_broken_zip_is_refused(alice_client, documents_storage, content, message):
    refused(alice_client, content, message, documents_storage)


def test_a_zip_whose_json_is_broken_is_refused(alice_client, documents_storage):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        target.writestr("export.json", b"{not json")
    refused(alice_client, buffer.getvalue(), "not valid JSON", documents_storage)


def test_a_restore_that_fails_after_saving_files_leaves_none_behind(
    alice_client, documents_storage
):
    # A history entry before its application began is found only once the rows are written:
    # by then the file has been saved, and must be removed again with everything else.
    application = {
        **with_file("documents/1-cv.pdf"),
        "created_at": "2026-02-01T00:00:00Z",
        "history": [{"to_status": "applied", "changed_at": "2026-01-01T00:00:00Z"}],
    }
    zipped = make_zip(v3([application]), [("documents/1-cv.pdf", files.PDF)])
    refused(alice_client, zipped, "Application 1, history entry 1", documents_storage)


def test_a_failed_write_removes_the_files_already_saved(alice, documents_storage, monkeypatch):
    zipped = make_zip(v3([with_file("documents/1-cv.pdf")]), [("documents/1-cv.pdf", files.PDF)])
    payload, archive_files = archive.open_archive(io.BytesIO(zipped))

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(Document.objects, "bulk_create", fail)
    with pytest.raises(RuntimeError):
        account_data_import(owner=alice, payload=payload, files=archive_files)
    assert stored_files(documents_storage) == []
    assert not Application.objects.exists()


def test_the_restore_page_takes_zip_and_json(alice_client):
    page = alice_client.get(IMPORT).content.decode()
    assert 'accept=".zip,application/zip,.json,application/json"' in page


def test_the_exported_at_moment_is_in_the_json(alice, alice_client):
    payload = json.loads(download(alice_client).read("export.json"))
    moment = datetime.fromisoformat(payload["exported_at"])
    assert moment.tzinfo == UTC or moment.utcoffset().total_seconds() == 0


MEMBER_NAMES = st.one_of(
    st.text(min_size=1, max_size=40),
    st.sampled_from(
        ["../x.pdf", "/etc/passwd", "C:\\\\x.pdf", "a/../../b", "documents/", "\x00.pdf", "é" * 300]
    ),
)
CONTENTS = st.one_of(
    st.binary(max_size=200),
    st.sampled_from([files.PDF, files.TXT, files.EXE, files.HTML, files.docx(), files.odt(), b""]),
)


@pytest.mark.django_db
def test_generated_zips_never_cause_a_server_error_or_leave_a_file(alice, documents_storage):
    client = logged_in(alice)

    @settings(
        max_examples=30,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        database=None,
        derandomize=True,
    )
    @given(MEMBER_NAMES, CONTENTS, st.booleans(), st.text(max_size=20))
    def restore_generated(member, content, listed, file_name):
        with transaction.atomic():
            application = with_file(
                member if listed else "documents/elsewhere", file_name=file_name
            )
            response = restore(client, make_zip(v3([application]), [(member, content)]))
            assert response.status_code in {200, 302}, (member, content)
            if response.status_code == 200:
                assert not Document.objects.exists()
                assert stored_files(documents_storage) == []
            else:
                document = Document.objects.get()
                assert "/" not in document.file_name
                assert "\\" not in document.file_name
                (stored,) = stored_files(documents_storage)
                assert stored.read_bytes() == content
                document.file.delete(save=False)
            transaction.set_rollback(True)

    restore_generated()
