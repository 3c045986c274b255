"""Template context shared by every page."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

NAV = [
    ("interviews:dashboard", _("Dashboard")),
    ("interviews:application_list", _("Applications")),
    ("interviews:application_board", _("Board")),
    ("interviews:letter_list", _("Letters")),
    ("interviews:question_list", _("Question bank")),
    ("interviews:action_list", _("Actions")),
    ("interviews:settings", _("Settings")),
]


def navigation(request):
    """Return the main navigation, marking the section the request is in."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    items = []
    for name, label in NAV:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        active = request.path == url or (url != "/" and request.path.startswith(url))
        items.append({"url": url, "label": label, "active": active})
    return {"nav_items": items}
