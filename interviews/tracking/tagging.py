"""Tag names as people type them: split, tidy and check a list (pure functions)."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import Tag

TAGS_MAX = 10
TAG_NAME_MAX = Tag._meta.get_field("name").max_length
# Commas separate tags on the form; semicolons in the CSV export. Neither can be in a name.
_SEPARATORS = re.compile(r"[,;]")


def split_tag_names(text):
    """Return the names in "remote, python; remote", trimmed, once each, in the order given.

    Names that differ only in case count as one: the first spelling wins.
    """
    names, seen = [], set()
    for part in _SEPARATORS.split(text or ""):
        name = " ".join(part.split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


def tag_name_problems(names):
    """Return what is wrong with a list of tag names, as messages; an empty list if nothing."""
    problems = []
    if len(names) > TAGS_MAX:
        problems.append(
            ngettext("Use at most %(max)s tag.", "Use at most %(max)s tags.", TAGS_MAX)
            % {"max": TAGS_MAX}
            + " "
            + _("You gave %(count)s.") % {"count": len(names)}
        )
    too_long = [name for name in names if len(name) > TAG_NAME_MAX]
    if too_long:
        problems.append(
            _("“%(name)s…” is too long for a tag: keep each to %(max)s characters.")
            % {"name": too_long[0][:20], "max": TAG_NAME_MAX}
        )
    return problems
