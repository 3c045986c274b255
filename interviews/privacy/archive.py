"""The export zip: write export.json with the attached files, and read one back safely.

A restore reads a zip that anyone could have made, so every limit is checked from the
zip's directory before anything is unpacked (member count, declared sizes, duplicate
names), reads never go past a member's declared size, and member names are only ever
looked up as keys: nothing is extracted to a path.
"""

import json
import shutil
import zipfile
from dataclasses import dataclass

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from ..models import DOCUMENT_MAX_BYTES

JSON_MEMBER = "export.json"
# The upload a restore takes: generous for a person's documents, far from a disk-filler.
RESTORE_MAX_MB = 100
RESTORE_MAX_BYTES = RESTORE_MAX_MB * 1024 * 1024
# export.json alone, in the zip or uploaded by itself.
JSON_MAX_MB = 20
JSON_MAX_BYTES = JSON_MAX_MB * 1024 * 1024
ARCHIVE_MAX_MEMBERS = 2000
ARCHIVE_MAX_UNPACKED = 500 * 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"


class ArchiveError(ValueError):
    """The zip cannot be read as a Rebound export; the message says why."""


def write_archive(out, payload, members):
    """Write the export zip to out (a binary file): the files first, then export.json.

    members are (member name, Document) pairs. A document whose file the storage no
    longer has is left out of the JSON rather than failing the whole download.
    """
    missing = set()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member, document in members:
            try:
                with document.file.open("rb") as source, archive.open(member, "w") as target:
                    shutil.copyfileobj(source, target)
            except OSError:
                missing.add(member)
        if missing:
            for application in payload["applications"]:
                application["documents"] = [
                    record
                    for record in application.get("documents", [])
                    if record.get("file") not in missing
                ]
        archive.writestr(JSON_MEMBER, json.dumps(payload, indent=2, ensure_ascii=False))
    return missing


@dataclass
class ArchiveFiles:
    """The files of an uploaded export zip, read by member name within the zip's limits."""

    archive: zipfile.ZipFile
    members: dict

    def read(self, name, *, limit=DOCUMENT_MAX_BYTES):
        """Return the bytes of member name, None when there is none, or raise ArchiveError."""
        info = self.members.get(name)
        if info is None or info.is_dir():
            return None
        if info.file_size > limit:
            raise ArchiveError(
                _("“%(name)s” in the zip is %(size)s; it can be at most %(limit)s.")
                % {
                    "name": name,
                    "size": filesizeformat(info.file_size),
                    "limit": filesizeformat(limit),
                }
            )
        try:
            with self.archive.open(info) as stream:
                # Never more than the declared size: zipfile stops there and checks the CRC.
                return stream.read(limit + 1)
        except (zipfile.BadZipFile, EOFError, ValueError, OSError):
            raise ArchiveError(_("“%(name)s” in the zip is damaged.") % {"name": name}) from None
        except (NotImplementedError, RuntimeError):
            # An unknown compression method, or a password-protected member.
            raise ArchiveError(
                _("“%(name)s” in the zip is compressed or locked in a way Rebound cannot read.")
                % {"name": name}
            ) from None


def open_archive(upload):
    """Return (payload, ArchiveFiles) from an export zip, or raise ArchiveError saying why."""
    try:
        archive = zipfile.ZipFile(upload)
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError):
        raise ArchiveError(_("This zip file is damaged or incomplete.")) from None
    if len(infos) > ARCHIVE_MAX_MEMBERS:
        raise ArchiveError(
            _("This zip holds %(count)s files; a Rebound export holds at most %(limit)s.")
            % {"count": len(infos), "limit": ARCHIVE_MAX_MEMBERS}
        )
    members = {}
    for info in infos:
        if info.filename in members:
            raise ArchiveError(
                _("This zip holds “%(name)s” twice, so it cannot be a Rebound export.")
                % {"name": info.filename}
            )
        members[info.filename] = info
    unpacked = sum(info.file_size for info in infos)
    if unpacked > ARCHIVE_MAX_UNPACKED:
        raise ArchiveError(
            _("This zip unpacks to %(size)s; a restore takes at most %(limit)s.")
            % {"size": filesizeformat(unpacked), "limit": filesizeformat(ARCHIVE_MAX_UNPACKED)}
        )
    files = ArchiveFiles(archive, members)
    content = files.read(JSON_MEMBER, limit=JSON_MAX_BYTES)
    if content is None:
        raise ArchiveError(
            _("This zip has no %(name)s, so it is not a Rebound export.") % {"name": JSON_MEMBER}
        )
    return parse_json(content), files


def parse_json(content):
    """Return the parsed export JSON, or raise ArchiveError when it is not JSON."""
    try:
        return json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ArchiveError(
            _("This file is not valid JSON. Choose the file exactly as Rebound exported it.")
        ) from None
