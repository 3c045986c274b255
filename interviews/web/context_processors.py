"""Template context shared by every page."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

NAV = [
    ("interviews:dashboard", _("Dashboard")),
    ("interviews:application_list", _("Applications")),
    ("interviews:application_board", _("Board")),
    ("interviews:interview_list", _("Interviews")),
    ("interviews:contact_list", _("Contacts")),
    ("interviews:letter_list", _("Letters")),
    ("interviews:question_list", _("Question bank")),
    ("interviews:action_list", _("Actions")),
    ("interviews:settings", _("Settings")),
]


def navigation(request):
    """Return the main navigation, marking the section the request is in."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    items = [{"url": reverse(name), "label": label, "active": False} for name, label in NAV]
    # The longest matching prefix wins, so /applications/board/ marks Board, not Applications.
    matches = [item for item in items if request.path.startswith(item["url"])]
    if matches:
        max(matches, key=lambda item: len(item["url"]))["active"] = True
    return {"nav_items": items}
