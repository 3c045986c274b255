"""The settings forms (time zone and cool-off window; reminders; API tokens), sign-up and log-in."""

import json
import zoneinfo
from contextlib import suppress
from datetime import timedelta
from functools import cache

from allauth.account import forms as allauth_forms
from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..access import profile_for
from ..addresses import Unmailable, account_address
from ..models import (
    API_TOKEN_NAME_MAX,
    MAX_COOL_OFF_HOURS,
    MAX_LETTER_REMINDER_DAYS,
    MIN_COOL_OFF_HOURS,
    MIN_LETTER_REMINDER_DAYS,
    ApiToken,
    Profile,
)
from ..reflection import sting
from .reminders import EVENING_BEFORE
from .zones import UTC, canonical_zone, canonical_zones, zone_aliases


@cache
def time_zone_choices():
    """Return the canonical time zones, sorted and grouped by region, with UTC first."""
    groups = {}
    for name in canonical_zones():
        if name == UTC:
            continue
        region, _slash, _place = name.partition("/")
        # The option shows the full name, so a closed select still says "Europe/Berlin".
        groups.setdefault(region, []).append((name, name.replace("_", " ")))
    return [(UTC, UTC), *groups.items()]


class TimeZoneField(forms.ChoiceField):
    """A choice of time zone that takes an old name (Europe/Kiev) as the zone it now is."""

    def to_python(self, value):
        value = super().to_python(value)
        return canonical_zone(value) or value


def _filter_attrs():
    # settings.js reads these to build its filter box, so its words stay translatable here.
    return {
        "data-filter-label": _("Filter the list of time zones"),
        "data-filter-placeholder": _("Type a city or region, like Berlin"),
        "data-filter-none": _("No time zone matches. Try a nearby city."),
        "data-filter-count": _("Time zones matching: %(count)s"),
    }


class SettingsForm(forms.ModelForm):
    time_zone = TimeZoneField(
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
        field = self.fields["time_zone"]
        field.widget.attrs.update(_filter_attrs())
        saved = self.instance.time_zone
        if canonical_zone(saved):
            # An old name shows as the zone it is now, and is saved so next time.
            self.initial["time_zone"] = canonical_zone(saved)
        elif saved in zoneinfo.available_timezones():
            # A zone chosen before the list held canonical zones only keeps working for its owner.
            field.choices = [(UTC, UTC), (saved, saved), *time_zone_choices()[1:]]


class SignupForm(allauth_forms.SignupForm):
    """allauth's sign-up, asking the time zone too; the browser's guess fills it in."""

    field_order = ["email", "password1", "password2", "time_zone"]

    time_zone = TimeZoneField(
        label=gettext_lazy("Your time zone"),
        choices=lambda: [("", _("Choose your time zone")), *time_zone_choices()],
        help_text=gettext_lazy(
            "Interview times and cool-off windows are shown in this zone. You can change it"
            " in Settings."
        ),
        error_messages={
            "required": gettext_lazy("Choose your time zone from the list."),
            "invalid_choice": gettext_lazy("Choose your time zone from the list."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # time_zone_guess.js picks the browser's zone, reading an old name as the zone it is now.
        self.fields["time_zone"].widget.attrs["data-zone-aliases"] = json.dumps(
            zone_aliases(), separators=(",", ":"), sort_keys=True
        )

    def save(self, request):
        user = super().save(request)
        profile = profile_for(user)
        profile.time_zone = self.cleaned_data["time_zone"]
        profile.save(update_fields=["time_zone"])
        return user


class LoginForm(allauth_forms.LoginForm):
    """allauth's log-in, finding the account whichever way its address is typed."""

    def clean_login(self):
        login = super().clean_login()
        # An address no account can hold matches none: the usual "not correct" answer.
        with suppress(Unmailable):
            login = account_address(login)
        return login


class ReminderSettingsForm(forms.ModelForm):
    """Which reminders to get, how, and the hours to keep quiet (in the user's time zone)."""

    letter_reminder_days = forms.IntegerField(
        label=gettext_lazy("Days to wait for an answer"),
        min_value=MIN_LETTER_REMINDER_DAYS,
        max_value=MAX_LETTER_REMINDER_DAYS,
        help_text=format_lazy(
            gettext_lazy("From {min} to {max} days after the day you sent the letter."),
            min=MIN_LETTER_REMINDER_DAYS,
            max=MAX_LETTER_REMINDER_DAYS,
        ),
        error_messages={
            "required": format_lazy(
                gettext_lazy("Say how many days to wait, from {min} to {max}."),
                min=MIN_LETTER_REMINDER_DAYS,
                max=MAX_LETTER_REMINDER_DAYS,
            ),
            "invalid": format_lazy(
                gettext_lazy("Write the number of days, from {min} to {max}."),
                min=MIN_LETTER_REMINDER_DAYS,
                max=MAX_LETTER_REMINDER_DAYS,
            ),
            "min_value": gettext_lazy("Wait at least %(limit_value)s day."),
            "max_value": gettext_lazy("Wait at most %(limit_value)s days."),
        },
    )
    quiet_from = forms.TimeField(
        label=gettext_lazy("Quiet from"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": gettext_lazy("Write a time like 21:30.")},
    )
    quiet_until = forms.TimeField(
        label=gettext_lazy("Quiet until"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": gettext_lazy("Write a time like 08:00.")},
    )

    class Meta:
        model = Profile
        fields = [
            "remind_cool_off",
            "remind_letter",
            "letter_reminder_days",
            "remind_interview",
            "remind_sting",
            "ask_sting_on_dashboard",
            "remind_by_email",
            "remind_in_app",
            "quiet_from",
            "quiet_until",
        ]
        labels = {
            "remind_cool_off": gettext_lazy("When a cool-off window ends"),
            "remind_letter": gettext_lazy("When a letter you sent has had no answer"),
            "remind_interview": gettext_lazy("The evening before an interview"),
            "remind_sting": gettext_lazy("Three and fourteen days after a hard interview"),
            "ask_sting_on_dashboard": gettext_lazy(
                "Ask on my dashboard how big a hard interview feels now"
            ),
            "remind_by_email": gettext_lazy("By e-mail"),
            "remind_in_app": gettext_lazy("Under Today on my dashboard"),
        }
        help_texts = {
            "remind_cool_off": gettext_lazy(
                "After an interview that went badly: a gentle note that you can look back on it "
                "when you are ready. None if you have already reflected or said you took the time."
            ),
            "remind_letter": gettext_lazy(
                "After the number of days below, if no answer is recorded by then."
            ),
            "remind_by_email": gettext_lazy("To your sign-in address, once you have verified it."),
            "remind_interview": format_lazy(
                gettext_lazy("At {time} the day before, with your checklist for it."),
                time=EVENING_BEFORE.strftime("%H:%M"),
            ),
            "remind_sting": format_lazy(
                gettext_lazy(
                    "At {time}, one question: how big does it feel now, from 0 to 10? "
                    "None once you have answered."
                ),
                time=sting.REMINDER_TIME.strftime("%H:%M"),
            ),
            "ask_sting_on_dashboard": gettext_lazy(
                "The same question, waiting on your dashboard on day 3 and day 14, with no "
                "reminder needed."
            ),
        }

    KINDS = ("remind_cool_off", "remind_letter", "remind_interview", "remind_sting")
    CHANNELS = ("remind_by_email", "remind_in_app")

    def clean(self):
        cleaned = super().clean()
        quiet_from, quiet_until = cleaned.get("quiet_from"), cleaned.get("quiet_until")
        if "quiet_from" in cleaned and "quiet_until" in cleaned:
            if (quiet_from is None) != (quiet_until is None):
                missing = "quiet_until" if quiet_until is None else "quiet_from"
                self.add_error(
                    missing,
                    _("Give both times for quiet hours, or leave both empty for none."),
                )
            elif quiet_from is not None and quiet_from == quiet_until:
                self.add_error(
                    "quiet_until",
                    _("Quiet hours need to end at another time than they start."),
                )
        if any(cleaned.get(kind) for kind in self.KINDS) and not any(
            cleaned.get(channel) for channel in self.CHANNELS
        ):
            self.add_error(
                "remind_in_app",
                _("Choose at least one way to be reminded: by e-mail, on your dashboard or both."),
            )
        return cleaned


# How long a new API token may last, by the value the form sends; None never expires.
API_TOKEN_LIFETIMES = {
    "7": (timedelta(days=7), gettext_lazy("7 days")),
    "30": (timedelta(days=30), gettext_lazy("30 days")),
    "90": (timedelta(days=90), gettext_lazy("90 days")),
    "365": (timedelta(days=365), gettext_lazy("1 year")),
    "never": (None, gettext_lazy("Never: it works until you revoke it")),
}
API_TOKEN_DEFAULT_LIFETIME = "90"


class ApiTokenForm(forms.Form):
    """Name a new API token, choose what it may do and how long it lasts."""

    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=API_TOKEN_NAME_MAX,
        help_text=ApiToken._meta.get_field("name").help_text,
        error_messages={
            "required": gettext_lazy("Give the token a name, so you can tell later what uses it."),
            "max_length": gettext_lazy("Keep the name to %(limit_value)d characters or fewer."),
        },
    )
    scopes = forms.MultipleChoiceField(
        label=gettext_lazy("Scopes"),
        choices=ApiToken.Scope.choices,
        initial=[ApiToken.Scope.READ],
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Reflections opens your private reflections, the diary you keep after hard "
            "interviews, to whatever holds the token. Tick it only for a tool you trust with them."
        ),
        error_messages={
            "required": gettext_lazy("Tick at least one thing the token may do."),
            "invalid_choice": gettext_lazy("Pick what the token may do from the list."),
        },
    )
    expires_in = forms.ChoiceField(
        label=gettext_lazy("Expires after"),
        choices=[(value, label) for value, (_delta, label) in API_TOKEN_LIFETIMES.items()],
        initial=API_TOKEN_DEFAULT_LIFETIME,
        widget=forms.RadioSelect,
        help_text=gettext_lazy("You can revoke it sooner at any time."),
        error_messages={
            "required": gettext_lazy("Choose when the token stops working."),
            "invalid_choice": gettext_lazy("Choose one of the times listed."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "off"

    def clean_scopes(self):
        # Kept in the order the scopes are defined, whatever order the browser sent them in.
        chosen = set(self.cleaned_data["scopes"])
        return [scope for scope in ApiToken.Scope.values if scope in chosen]

    def clean_expires_in(self):
        """Return how long the token lasts, or None for never."""
        return API_TOKEN_LIFETIMES[self.cleaned_data["expires_in"]][0]
