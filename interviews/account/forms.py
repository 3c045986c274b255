"""The settings form (time zone and cool-off window) and the log-in form."""

import zoneinfo
from contextlib import suppress
from functools import cache

from allauth.account import forms as allauth_forms
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..addresses import Unmailable, account_address
from ..models import MAX_COOL_OFF_HOURS, MIN_COOL_OFF_HOURS, Profile

# Zones without a region ("UTC", "Japan", "EST5EDT") are listed under this heading.
OTHER_REGION = gettext_lazy("Other")


@cache
def time_zone_choices():
    """Return every IANA time zone, sorted and grouped by region, with UTC first."""
    zones = sorted(zoneinfo.available_timezones() - {"UTC", "localtime"})
    groups = {}
    for name in zones:
        region, _slash, place = name.partition("/")
        # The option shows the full name, so a closed select still says "Europe/Berlin".
        groups.setdefault(region if place else None, []).append((name, name.replace("_", " ")))
    other = groups.pop(None, [])
    return [("UTC", "UTC"), *groups.items(), (OTHER_REGION, other)]


class SettingsForm(forms.ModelForm):
    time_zone = forms.ChoiceField(
        label=gettext_lazy("Time zone"),
        choices=time_zone_choices,
        help_text=gettext_lazy("Interview times and cool-off windows are shown in this zone."),
        error_messages={"invalid_choice": gettext_lazy("Choose a time zone from the list.")},
    )
    cool_off_hours = forms.IntegerField(
        label=gettext_lazy("Cool-off window (hours)"),
        min_value=MIN_COOL_OFF_HOURS,
        max_value=MAX_COOL_OFF_HOURS,
        help_text=gettext_lazy(
            "After an interview goes badly, Rebound gives you this long before suggesting you "
            "look back on it, and warns you if the next interview is booked inside it. "
            "Anything from 12 hours to a week (168 hours)."
        ),
        error_messages={
            "min_value": gettext_lazy("Choose at least %(limit_value)s hours."),
            "max_value": gettext_lazy("Choose at most %(limit_value)s hours (one week)."),
        },
    )

    class Meta:
        model = Profile
        fields = ["display_name", "time_zone", "cool_off_hours"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # settings.js reads these to build its filter box, so its words stay translatable here.
        self.fields["time_zone"].widget.attrs.update(
            {
                "data-filter-label": _("Filter the list of time zones"),
                "data-filter-placeholder": _("Type a city or region, like Berlin"),
                "data-filter-none": _("No time zone matches. Try a nearby city."),
                "data-filter-count": _("Time zones matching: %(count)s"),
            }
        )


class LoginForm(allauth_forms.LoginForm):
    """allauth's log-in, finding the account whichever way its address is typed."""

    def clean_login(self):
        login = super().clean_login()
        # An address no account can hold matches none: the usual "not correct" answer.
        with suppress(Unmailable):
            login = account_address(login)
        return login
