"""What a document is comes from its bytes: real small files of each kind, and impostors."""

import pytest

from interviews.tracking import filetypes
from interviews.tracking.filetypes import FileTypeError, safe_file_name, sniff

from . import documents_files as files


@pytest.mark.parametrize(
    ("content", "name", "kind"),
    [
        (files.PDF, "cv.pdf", filetypes.PDF),
        (files.docx(), "cv.docx", filetypes.DOCX),
        (files.odt(), "letter.odt", filetypes.ODT),
        (files.TXT, "job.txt", filetypes.TXT),
        (files.MD, "notes.md", filetypes.MD),
        # No extension, or one the browser made up: the content alone decides.
        (files.PDF, "cv", filetypes.PDF),
        (files.docx(), "download", filetypes.DOCX),
        (files.TXT, "job.description", filetypes.TXT),
        ("\ufeffWith a byte-order mark".encode(), "bom.txt", filetypes.TXT),
    ],
)
def test_each_kept_type_is_told_by_its_content(content, name, kind):
    assert sniff(content, name=name) == kind


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.pdf", "This file is empty."),
        (files.EXE, "cv.pdf", "this one is none of them"),
        (files.EXE, "setup.exe", "this one is none of them"),
        (files.HTML, "cv.pdf", "web page or other markup"),
        (files.HTML, "page.txt", "web page or other markup"),
        (b"<svg onload='x'/>", "logo.md", "web page or other markup"),
        (files.docx(), "cv.pdf", "named as PDF, but its content is Word (DOCX)"),
        (files.PDF, "cv.docx", "named as Word (DOCX), but its content is PDF"),
        (files.TXT, "cv.pdf", "named as PDF, but its content is plain text"),
        (files.zipped({"hello.txt": b"hi"}), "cv.docx", "this one is none of them"),
        (files.zip_bomb(), "cv.docx", "unpacks to far more than any document needs"),
        (files.many_members(filetypes.ZIP_MAX_MEMBERS), "cv.docx", "a document has at most"),
        (b"PK\x03\x04 broken", "cv.docx", "looks like a zip but is damaged"),
        ("Caf\xe9 in Latin-1".encode("latin-1"), "notes.txt", "not UTF-8 text"),
        (b"text with a \x00 NUL", "notes.txt", "this one is none of them"),
        (b"escape \x1b[31m codes", "notes.txt", "this one is none of them"),
    ],
)
def test_files_that_are_not_documents_are_refused_with_a_reason(content, name, message):
    with pytest.raises(FileTypeError, match=message.replace("(", r"\(").replace(")", r"\)")):
        sniff(content, name=name)


def test_an_odt_needs_its_mimetype_first_and_exact():
    wrong = files.zipped(
        {"content.xml": b"<x/>"},
        first_stored=("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
    )
    with pytest.raises(FileTypeError):
        sniff(wrong, name="sheet.odt")


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("cv.pdf", filetypes.PDF, "cv.pdf"),
        ("C:\\Users\\me\\Documents\\cv.PDF", filetypes.PDF, "cv.pdf"),
        ("../../etc/passwd", filetypes.TXT, "passwd.txt"),
        ("evil\r\nX-Header: 1.pdf", filetypes.PDF, "evilX-Header_ 1.pdf"),
        ('what"if<>.docx', filetypes.DOCX, "what_if__.docx"),
        ("", filetypes.ODT, "document.odt"),
        ("...", filetypes.MD, "document.md"),
        ("cv.exe", filetypes.PDF, "cv.exe.pdf"),
        ("notes", filetypes.MD, "notes.md"),
        ("résumé\u202e.pdf", filetypes.PDF, "résumé.pdf"),
    ],
)
def test_download_names_are_made_safe(name, kind, expected):
    assert safe_file_name(name, kind) == expected


def test_a_long_name_is_cut_but_keeps_its_extension():
    name = safe_file_name("a" * 500 + ".docx", filetypes.DOCX)
    assert len(name) == filetypes.NAME_MAX
    assert name.endswith(".docx")
