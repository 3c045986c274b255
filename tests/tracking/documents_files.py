"""Small real files of every kind a document can be, and some that must be refused."""

import io
import zipfile

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
TXT = b"Build APIs for the payments team.\nRemote friendly.\n"
MD = "# Backend developer\n\n- Python\n- PostgreSQL ✨\n".encode()
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(range(256)) * 4
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def zipped(members, *, first_stored=None):
    """Return a zip holding members (name -> bytes); first_stored is written first, uncompressed."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        if first_stored:
            name, content = first_stored
            archive.writestr(name, content, compress_type=zipfile.ZIP_STORED)
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx():
    return zipped(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
            "_rels/.rels": b'<?xml version="1.0"?><Relationships/>',
            "word/document.xml": b'<?xml version="1.0"?><w:document/>',
        }
    )


def odt():
    return zipped(
        {"content.xml": b'<?xml version="1.0"?><office:document-content/>'},
        first_stored=("mimetype", b"application/vnd.oasis.opendocument.text"),
    )


def zip_bomb():
    """A zip whose one member squeezes 20 MB of zeros into a few kilobytes."""
    return zipped(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": bytes(20 * 1024 * 1024),
        }
    )


def many_members(count):
    return zipped(
        {"[Content_Types].xml": b"<Types/>", **{f"word/{n}.xml": b"" for n in range(count)}}
    )
