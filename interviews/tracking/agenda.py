"""Every interview across applications in one list: upcoming first, then the past."""

from django import forms
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from ..models import Interview, Reflection
from ..querysets import BAD_RATING_MAX
from ..web.limits import page_of


class AgendaFilterForm(forms.Form):
    """Narrow the agenda from the query string; a value that does not validate is ignored."""

    WENT = {
        "badly": (_("Went badly"), Q(marked_bad=True) | Q(rating__lte=BAD_RATING_MAX)),
        "fine": (_("Went fine"), Q(marked_bad=False, rating__gt=BAD_RATING_MAX)),
        "unrated": (_("Not rated yet"), Q(marked_bad=False, rating__isnull=True)),
    }
    REFLECTION = {
        "done": (_("Reflection finished"), Q(reflection__status=Reflection.Status.COMPLETE)),
        "not_done": (
            _("Reflection not finished"),
            ~Q(reflection__status=Reflection.Status.COMPLETE) | Q(reflection__isnull=True),
        ),
    }

    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Interview.Kind.choices]
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        required=False,
        choices=[("", _("All outcomes")), *Interview.Outcome.choices],
    )
    went = forms.ChoiceField(
        label=_("How it went"),
        required=False,
        choices=[("", _("However it went")), *((k, v[0]) for k, v in WENT.items())],
    )
    reflection = forms.ChoiceField(
        label=_("Reflection"),
        required=False,
        choices=[
            ("", _("Any reflection")),
            *((k, v[0]) for k, v in REFLECTION.items()),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"

    def value_of(self, name):
        """Return a cleaned value, leaving out a parameter that did not validate."""
        self.is_valid()
        return self.cleaned_data.get(name) or ""

    @property
    def is_narrowed(self):
        return any(self.value_of(name) for name in self.fields)

    def apply(self, interviews):
        """Return the interviews that match every filter given."""
        for name in ("kind", "outcome"):
            if value := self.value_of(name):
                interviews = interviews.filter(**{name: value})
        if went := self.value_of("went"):
            interviews = interviews.filter(self.WENT[went][1])
        if reflection := self.value_of("reflection"):
            interviews = interviews.filter(self.REFLECTION[reflection][1])
        return interviews


def in_agenda_order(interviews, now):
    """Order upcoming interviews soonest first, then past ones most recent first."""
    upcoming = Q(scheduled_at__gte=now)
    return interviews.annotate(
        is_past=Case(When(upcoming, then=Value(0)), default=Value(1), output_field=IntegerField())
    ).order_by(
        "is_past",
        Case(When(upcoming, then=F("scheduled_at"))).asc(),
        F("scheduled_at").desc(),
        "pk",
    )


@require_safe
def interview_list(request):
    """List every interview of the user's, filtered, 25 a page, with its road-back stage."""
    now = timezone.now()
    form = AgendaFilterForm(request.GET)
    mine = Interview.objects.owned_by(request.user)
    interviews = form.apply(mine.with_recovery_flags().select_related("reflection"))
    page = page_of(request, in_agenda_order(interviews, now))
    for interview in page.object_list:
        interview.road_back = interview.recovery(now)
    has_any = bool(page.object_list) or mine.exists()
    return render(
        request,
        "interviews/tracking/interview_list.html",
        {"form": form, "page_obj": page, "has_any": has_any},
    )
