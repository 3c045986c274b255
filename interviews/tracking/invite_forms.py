"""Forms of the calendar-invite import: the upload, and the choices made on its preview."""

from dataclasses import dataclass, field

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..web.limits import MAX_UPLOAD_BYTES, MAX_UPLOAD_MB
from .invite_matching import match_application
from .invites import MAX_EVENTS, MAX_FILES, InviteError, parse_invites


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that takes several files at once and cleans each of them."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        clean_one = super().clean
        files = data if isinstance(data, (list, tuple)) else [data]
        # No file at all cleans as one missing file, so a required field says so.
        return [clean_one(upload, initial) for upload in files or [None]]


class InviteUploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Invite files (.ics)"),
        # The parser gives an empty file its own clear message, like every other bad file.
        allow_empty_file=True,
        help_text=format_lazy(
            _("One or more .ics files, up to {size} MB and {events} events in all."),
            size=MAX_UPLOAD_MB,
            events=MAX_EVENTS,
        ),
        widget=MultipleFileInput(attrs={"accept": ".ics,text/calendar"}),
    )

    def __init__(self, *args, time_zone, **kwargs):
        super().__init__(*args, **kwargs)
        self.time_zone = time_zone

    def clean_files(self):
        """Return the events of the uploaded files once every file reads as invites."""
        uploads = self.cleaned_data["files"]
        if len(uploads) > MAX_FILES:
            raise forms.ValidationError(
                gettext("Choose at most %(count)s files at a time.") % {"count": MAX_FILES},
                code="too_many_files",
            )
        files, total = [], 0
        for upload in uploads:
            # Read one byte past the limit so an oversized file is refused without reading it all.
            content = upload.read(MAX_UPLOAD_BYTES + 1 - total)
            total += len(content)
            files.append((upload.name or gettext("The file"), content))
            if total > MAX_UPLOAD_BYTES:
                break
        try:
            return parse_invites(files, tz=self.time_zone)
        except InviteError as exc:
            raise forms.ValidationError(str(exc), code="unreadable") from None


@dataclass
class InviteRow:
    """One event of the preview, with what importing it would do."""

    index: int
    event: object
    current: object  # The user's interview with the same UID, which it would update.
    application_field: object = None
    skip_field: object = None
    people: list = field(default_factory=list)  # (person, what importing does with them)

    @property
    def local_start(self):
        """Return the start as the invite's own clock reads it (naive, so shown as it is)."""
        return self.event.start.replace(tzinfo=None) if self.event.start else None

    @property
    def differs_from_yours(self):
        if not self.event.start:
            return False
        return timezone.localtime(self.event.start).replace(tzinfo=None) != self.local_start


class InvitePreviewForm(forms.Form):
    """Choose the application of each importable invite, or skip it."""

    def __init__(self, data=None, *, events, applications, existing, default=None):
        """Preselect each invite's application: its interview's, the one it names, or default."""
        super().__init__(data)
        self.events = events
        self.applications = {application.pk: application for application in applications}
        choices = [("", _("Choose an application"))] + [
            (application.pk, f"{application.company} — {application.role}")
            for application in applications
        ]
        self.rows = []
        for index, event in enumerate(events):
            current = existing.get(event.uid)
            row = InviteRow(index, event, current)
            if event.importable:
                matched = (
                    current.application
                    if current
                    else match_application(event, applications) or self.applications.get(default)
                )
                self.fields[f"application_{index}"] = forms.TypedChoiceField(
                    label=_("Application"),
                    choices=choices,
                    coerce=int,
                    required=False,
                    initial=matched.pk if matched else "",
                    widget=forms.Select(attrs={"class": "form-select"}),
                )
                self.fields[f"skip_{index}"] = forms.BooleanField(
                    label=_("Skip this invite"),
                    required=False,
                    widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
                )
                row.application_field = self[f"application_{index}"]
                row.skip_field = self[f"skip_{index}"]
            self.rows.append(row)

    @property
    def importable_count(self):
        return sum(1 for event in self.events if event.importable)

    def clean(self):
        cleaned = super().clean()
        chosen = 0
        for row in self.rows:
            if row.application_field is None or cleaned.get(f"skip_{row.index}"):
                continue
            name = f"application_{row.index}"
            if cleaned.get(name) in (None, ""):
                if name not in self.errors:
                    self.add_error(
                        name, gettext("Choose the application this interview is for, or skip it.")
                    )
                continue
            chosen += 1
        if not chosen and not self.errors:
            raise forms.ValidationError(
                gettext("Every invite is skipped, so there is nothing to import."),
                code="nothing_chosen",
            )
        return cleaned

    def full_clean(self):
        super().full_clean()
        # Mark the choices that need an answer, for the eye and for screen readers.
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {
                        "class": "form-select is-invalid",
                        "aria-invalid": "true",
                        "aria-describedby": f"{self[name].id_for_label}-error",
                    }
                )

    def choices(self):
        """Return {event index: application} for the invites to import."""
        return {
            row.index: self.applications[self.cleaned_data[f"application_{row.index}"]]
            for row in self.rows
            if row.application_field is not None and not self.cleaned_data.get(f"skip_{row.index}")
        }
