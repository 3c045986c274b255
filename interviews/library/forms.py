"""Forms for the question bank and the actions list: search, filters, questions, the done toggle."""

from django import forms
from django.db.models import Case, F, Q, When
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from ..access import MAX_ID
from ..models import Application, CaughtOutQuestion, Lesson, Practice


def practice_order(today):
    """Return the bank's "due first" order in SQL: leitner.practice_order without an interview.

    Due by today first, then the lowest box, then the question left alone longest.
    """
    due = Case(When(Q(due_on__isnull=True) | Q(due_on__lte=today), then=0), default=1)
    return (due.asc(), "box", F("last_practised_at").asc(nulls_first=True), "pk")


class QuestionFilterForm(forms.Form):
    """Search and sort the question bank."""

    # Questions added by hand have no interview date, and may have no company: they come last.
    SORTS = {
        "practised": practice_order,
        "recent": (F("reflection__interview__scheduled_at").desc(nulls_last=True), "pk"),
        "company": (F("company").asc(nulls_last=True), "pk"),
    }

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("practised", _("Due to practise first")),
            ("recent", _("Most recent interview first")),
            ("company", _("Company")),
        ],
    )

    def filter(self, questions, today=None):
        """Return the questions matching the search, in the chosen order (due by `today`)."""
        self.is_valid()  # Valid fields still filter when another one has an error.
        data = self.cleaned_data
        text = data.get("q", "").strip()
        if text:
            questions = questions.filter(
                Q(question__icontains=text)
                | Q(what_i_said__icontains=text)
                | Q(better_answer__icontains=text)
                | Q(company__icontains=text)
            )
        order = self.SORTS[data.get("sort") or "practised"]
        if callable(order):
            order = order(today or timezone.localdate())
        return questions.order_by(*order)


class QuickSelect(forms.Select):
    """A select drawn in Python: hundreds of options without one template render each."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = "" if value is None else str(value)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option, mark_safe(" selected") if str(option) == chosen else "", label)
                for option, label in self.choices
            ),
        )
        attrs = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html('<select name="{}"{}>{}</select>', name, attrs, options)


class QuestionForm(forms.ModelForm):
    """Write a question to practise, or polish one; one added by hand may name its application."""

    class Meta:
        model = CaughtOutQuestion
        fields = ["question", "what_i_said", "better_answer", "application"]
        labels = {
            "question": _("The question"),
            "what_i_said": _("What you said"),
            "better_answer": _("A better answer"),
            "application": _("Which application is it for?"),
        }
        help_texts = {
            "question": _("As close to their words as you remember, or as you expect to hear it."),
            "what_i_said": _("Roughly is fine. Leave it empty if it has not been asked yet."),
            "better_answer": _(
                "The answer you would give now. You can come back and improve it any time."
            ),
            "application": _("Optional. Leave it at none for a question any interview might ask."),
        }
        widgets = {
            "question": forms.Textarea(attrs={"rows": 2}),
            "what_i_said": forms.Textarea(attrs={"rows": 3}),
            "better_answer": forms.Textarea(attrs={"rows": 6}),
        }
        error_messages = {
            "question": {"required": _("Write down the question that caught you out.")},
            "application": {
                "invalid_choice": _("Choose one of your applications, or none."),
            },
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].widget.attrs["autofocus"] = True
        if self.instance.reflection_id:
            # A reflection's question belongs to that interview's application.
            del self.fields["application"]
            return
        field = self.fields["application"]
        field.queryset = (
            Application.objects.owned_by(user).only("company", "role").order_by("company", "role")
        )
        field.empty_label = _("None")
        field.label_from_instance = lambda application: (
            f"{application.company} — {application.role}"
        )
        field.widget = QuickSelect(choices=field.choices)


class ActionFilterForm(forms.Form):
    """Search and filter every action from every lesson."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Open and done")), ("open", _("Open")), ("done", _("Done"))],
    )
    category = forms.ChoiceField(
        label=_("Theme"),
        required=False,
        choices=[("", _("All themes")), *Lesson.Category.choices],
    )
    # Validated as a number only: the view turns it into one of the user's applications or a 404.
    application = forms.IntegerField(label=_("Application"), required=False, widget=QuickSelect)
    # Set by an interview's "N actions left" link: that interview's actions only.
    interview = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        applications = (
            Application.objects.owned_by(user).only("company", "role").order_by("company", "role")
        )
        self.fields["application"].widget.choices = [
            ("", _("All applications")),
            *((app.pk, f"{app.company} — {app.role}") for app in applications),
        ]

    def filter(self, lessons, application=None, interview=None):
        """Return the lessons matching the filters, open ones first."""
        self.is_valid()  # Valid fields still filter when another one has an error.
        data = self.cleaned_data
        text = data.get("q", "").strip()
        if text:
            lessons = lessons.filter(Q(action__icontains=text) | Q(text__icontains=text))
        if data.get("status"):
            lessons = lessons.filter(done=data["status"] == "done")
        if data.get("category"):
            lessons = lessons.filter(category=data["category"])
        if application is not None:
            lessons = lessons.filter(reflection__interview__application=application)
        if interview is not None:
            lessons = lessons.filter(reflection__interview=interview)
        return lessons.order_by("done", "-reflection__interview__scheduled_at", "pk")


class ActionToggleForm(forms.Form):
    """Say whether an action is now done (1) or open again (0)."""

    done = forms.TypedChoiceField(
        choices=[("1", _("Done")), ("0", _("Open"))], coerce=lambda value: value == "1"
    )


class PracticeResultForm(forms.Form):
    """Say how the answer went ("well" or "shaky"), and which interview is being practised for."""

    result = forms.ChoiceField(
        choices=Practice.Result.choices,
        error_messages={
            "required": _("Say whether you answered it well or it was shaky."),
            "invalid_choice": _("Say whether you answered it well or it was shaky."),
        },
    )
    # Kept as a number only: the view turns it into one of the user's interviews or a 404.
    interview = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": _("That interview could not be found."),
            "min_value": _("That interview could not be found."),
            "max_value": _("That interview could not be found."),
        },
    )
