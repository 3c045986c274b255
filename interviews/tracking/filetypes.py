"""Tell what a document really is from its bytes, and give it a safe name to download as.

Pure: no request, no database. The name a browser sends and the content type it claims
are never trusted; only the content decides. The name's extension is checked against
the content only to catch a file that is not what it says (an HTML page named .pdf).
"""

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str
    extensions: tuple

    @property
    def extension(self):
        return self.extensions[0]


PDF = FileType("PDF", "application/pdf", (".pdf",))
DOCX = FileType(
    "Word (DOCX)",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (".docx",),
)
ODT = FileType("OpenDocument text (ODT)", "application/vnd.oasis.opendocument.text", (".odt",))
TXT = FileType("plain text", "text/plain; charset=utf-8", (".txt", ".text"))
MD = FileType("Markdown", "text/markdown; charset=utf-8", (".md", ".markdown"))
TYPES = (PDF, DOCX, ODT, TXT, MD)
EXTENSIONS = tuple(extension for kind in TYPES for extension in kind.extensions)

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# A DOCX or ODT is a zip. Real ones have hundreds of members at most and squeeze text
# perhaps twenty-fold; far more of either is a zip bomb, refused before anything is unpacked.
ZIP_MAX_MEMBERS = 2000
ZIP_MAX_UNPACKED = 200 * 1024 * 1024
ZIP_MAX_RATIO = 100
# Text that a browser would run as a page if it were ever shown rather than downloaded.
MARKUP = re.compile(rb"^\s*<(?:!doctype\s+html|html|head|body|script|svg|\?xml|iframe)\b", re.I)
NAME_MAX = 120
FALLBACK_NAME = "document"
# Characters no file system or browser download takes well in a name.
UNSAFE_IN_NAME = re.compile(r'[<>:"/\\|?*]')


class FileTypeError(ValueError):
    """The content is not one of the document types Rebound keeps; the message says why."""


def allowed_types_text():
    """Return the accepted types in words, for help texts and errors."""
    return "PDF, DOCX, ODT, TXT, MD"


def sniff(data, *, name=""):
    """Return the FileType of data (bytes), or raise FileTypeError saying why it is refused."""
    if not data:
        raise FileTypeError(_("This file is empty."))
    if data.startswith(b"%PDF-"):
        kind = PDF
    elif data.startswith(b"PK\x03\x04"):
        kind = _sniff_zip(data)
    else:
        kind = _sniff_text(data, name)
    claimed = _claimed_type(name)
    if claimed is not None and claimed != kind and {claimed, kind} != {TXT, MD}:
        raise FileTypeError(
            _("This file is named as %(claimed)s, but its content is %(found)s.")
            % {"claimed": claimed.label, "found": kind.label}
        )
    return kind


def for_content_type(content_type):
    """Return the FileType stored as content_type, or None for one Rebound does not keep."""
    return next((kind for kind in TYPES if kind.content_type == content_type), None)


def _claimed_type(name):
    suffix = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    return next((kind for kind in TYPES if suffix in kind.extensions), None)


def _unsupported():
    return FileTypeError(
        _("Rebound keeps %(types)s files; this one is none of them.")
        % {"types": allowed_types_text()}
    )


def _sniff_zip(data):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise FileTypeError(_("This file looks like a zip but is damaged.")) from None
    with archive:
        _check_zip_sizes(members)
        names = {member.filename for member in members}
        if members and members[0].filename == "mimetype":
            try:
                with archive.open(members[0]) as stream:
                    mimetype = stream.read(len(ODT_MIMETYPE) + 1)
            except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError, RuntimeError):
                raise FileTypeError(_("This file looks like a zip but is damaged.")) from None
            if mimetype == ODT_MIMETYPE:
                return ODT
        if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
            return DOCX
    raise _unsupported()


def _check_zip_sizes(members):
    """Refuse a zip whose declared contents would unpack to far more than a document holds."""
    if len(members) > ZIP_MAX_MEMBERS:
        raise FileTypeError(
            _("This file holds %(count)s parts; a document has at most %(limit)s.")
            % {"count": len(members), "limit": ZIP_MAX_MEMBERS}
        )
    unpacked = sum(member.file_size for member in members)
    squeezed = any(
        member.file_size > 1024 * 1024
        and member.file_size > ZIP_MAX_RATIO * max(member.compress_size, 1)
        for member in members
    )
    if unpacked > ZIP_MAX_UNPACKED or squeezed:
        raise FileTypeError(
            _("This file unpacks to far more than any document needs, so it is refused.")
        )


def _sniff_text(data, name):
    if b"\x00" in data:
        raise _unsupported()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileTypeError(
            _(
                "This file is neither PDF, DOCX nor ODT, and it is not UTF-8 text. "
                "Save text files as UTF-8 and try again."
            )
        ) from None
    if MARKUP.match(data.removeprefix(b"\xef\xbb\xbf")):
        raise FileTypeError(
            _("This file is a web page or other markup; save it as PDF or text instead.")
        )
    if any(unicodedata.category(char) == "Cc" and char not in "\t\n\r\f" for char in text):
        raise _unsupported()
    return MD if _claimed_type(name) == MD else TXT


def safe_file_name(name, kind):
    """Return name fit to download as: no folders, no control characters, a sane length,
    ending in an extension of kind (added when the name has none of them)."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(char for char in base if not unicodedata.category(char).startswith("C"))
    base = UNSAFE_IN_NAME.sub("_", base)
    base = " ".join(base.split()).strip(" .")
    path = PurePosixPath(base or FALLBACK_NAME)
    suffix = path.suffix.lower()
    if suffix in kind.extensions:
        stem = path.stem
    else:
        stem, suffix = base or FALLBACK_NAME, kind.extension
    stem = stem[: NAME_MAX - len(suffix)].strip(" .") or FALLBACK_NAME
    return stem + suffix


def title_from_name(name):
    """Return a file name without its folder and extension, as a title to start from."""
    stem = PurePosixPath(re.split(r"[\\/]", name or "")[-1]).stem
    return " ".join(stem.replace("_", " ").split())
