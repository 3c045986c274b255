"""The reflection wizard's steps: one form (or formset) per page."""

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..letters.drafting import Eligibility
from ..models import STING_MAX, STING_MIN, CaughtOutQuestion, Lesson, Reflection, StingCheck

SCALE_CHOICES = [(number, str(number)) for number in range(11)]
MAX_ITEMS = 20

TRAP_HINTS = {
    Reflection.ThinkingTrap.PERSONALISING: _(
        "Reading their decision as a verdict on who you are as a person."
    ),
    Reflection.ThinkingTrap.CATASTROPHISING: _(
        "Jumping from one hard hour to “I will never get a job”."
    ),
    Reflection.ThinkingTrap.ALL_OR_NOTHING: _(
        "Treating anything short of perfect as a complete failure."
    ),
    Reflection.ThinkingTrap.MIND_READING: _(
        "Feeling sure you know what the interviewers thought of you."
    ),
    Reflection.ThinkingTrap.FORTUNE_TELLING: _(
        "Expecting the next interview to go exactly the same way."
    ),
}

NO_LETTER_REASON = _("Always fine: you don't owe anyone a letter.")


def max_length(model, name):
    """Return the model field's length limit, so a form never accepts what the row cannot hold."""
    return model._meta.get_field(name).max_length


def labelled(label, hint):
    """Return a choice label with a one-line explanation under it."""
    return format_html(
        '{}<span class="choice-hint"><span class="visually-hidden">: </span>{}</span>',
        label,
        hint,
    )


class ScaleField(forms.TypedChoiceField):
    """A 0–10 scale shown as a row of radio buttons."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "error_messages",
            {
                "required": _("Choose a number from 0 to 10."),
                "invalid_choice": _("Choose a number from 0 to 10."),
            },
        )
        super().__init__(
            choices=SCALE_CHOICES, coerce=int, empty_value=None, widget=forms.RadioSelect, **kwargs
        )


class StepForm(forms.Form):
    """A wizard step rendered by crispy-forms inside the wizard's own <form>."""

    scales = ()
    grids = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.required:
                field.label = format_html(
                    '{} <span class="wizard-required">({})</span>', field.label, _("required")
                )

    @property
    def helper(self):
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        helper.layout = Layout(*(self.layout_item(name) for name in self.fields))
        return helper

    def layout_item(self, name):
        if name in self.scales:
            return InlineRadios(name, wrapper_class="scale")
        if name in self.grids:
            return Field(name, wrapper_class="choice-grid")
        return Field(name)


class FeelingsForm(StepForm):
    scales = ("intensity_before",)
    grids = ("feelings_before",)

    feelings_before = forms.MultipleChoiceField(
        label=_("How do you feel about the interview right now?"),
        choices=Reflection.Feeling.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick as many as fit. There are no wrong answers here."),
        error_messages={"required": _("Tick at least one feeling — “Other” is fine too.")},
    )
    intensity_before = ScaleField(
        label=_("How strong is that feeling?"),
        help_text=_("0 means you barely notice it, 10 means it is as strong as it gets."),
    )


class WhatHappenedForm(StepForm):
    causes = forms.MultipleChoiceField(
        label=_("What do you think went wrong?"),
        choices=Reflection.Cause.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Tick everything that played a part, including anything you did that you would like "
            "to put right. Most interviews have more than one."
        ),
        error_messages={"required": _("Tick at least one thing that went wrong.")},
    )
    what_happened = forms.CharField(
        label=_("What happened, in your own words?"),
        max_length=max_length(Reflection, "what_happened"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("A few sentences is plenty. Write it the way you would tell a friend."),
        error_messages={"required": _("Write a few words about what happened.")},
    )
    outside_circumstances = forms.ChoiceField(
        label=_("Did something outside work get in the way?"),
        choices=Reflection.Outside.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "For example a bad night, feeling unwell or something going on at home. "
            "This decides which follow-up letters make sense."
        ),
        error_messages={"required": _("Choose yes, partly or no.")},
    )


class QuestionForm(StepForm):
    question = forms.CharField(
        label=_("The question"),
        max_length=max_length(CaughtOutQuestion, "question"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("As close to their words as you remember."),
        error_messages={"required": _("Write the question they asked.")},
    )
    what_i_said = forms.CharField(
        label=_("What you said"),
        max_length=max_length(CaughtOutQuestion, "what_i_said"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Roughly is fine. Leave it empty if you would rather not go over it."),
    )
    better_answer = forms.CharField(
        label=_("A better answer"),
        max_length=max_length(CaughtOutQuestion, "better_answer"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Your best attempt today is enough; you can polish it later in the question bank."
        ),
        error_messages={"required": _("Write a first try at a better answer.")},
    )


class LessonForm(StepForm):
    text = forms.CharField(
        label=_("What you learned"),
        max_length=max_length(Lesson, "text"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One idea per lesson, in a sentence."),
        error_messages={"required": _("Write the lesson in a sentence.")},
    )
    category = forms.ChoiceField(
        label=_("What kind of lesson is it?"),
        choices=[("", _("Choose one")), *Lesson.Category.choices],
        help_text=_("Used to spot themes across your interviews."),
        error_messages={"required": _("Choose the kind of lesson.")},
    )
    action = forms.CharField(
        label=_("What you will do before the next interview"),
        max_length=max_length(Lesson, "action"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Something small you can tick off, like “Rehearse my project story aloud”."),
        error_messages={"required": _("Write one concrete thing to do before the next one.")},
    )


class ForgiveForm(StepForm):
    scales = ("intensity_after", "confidence_after")

    went_well = forms.CharField(
        label=_("What went well?"),
        max_length=max_length(Reflection, "went_well"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Small things count: you showed up, you stayed polite, you tried."),
        error_messages={"required": _("Write at least one thing — a small one counts.")},
    )
    kind_words = forms.CharField(
        label=_("What would you say to a friend in your place?"),
        max_length=max_length(Reflection, "kind_words"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Now read it back as if it were meant for you."),
        error_messages={"required": _("Write what you would tell a friend.")},
    )
    thinking_traps = forms.MultipleChoiceField(
        label=_("Do you notice any of these thinking traps?"),
        choices=[
            (trap.value, labelled(trap.label, TRAP_HINTS[trap])) for trap in Reflection.ThinkingTrap
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tick any that sound familiar. Noticing them is the first step."),
    )
    reframe = forms.CharField(
        label=_("A kinder way to put it"),
        max_length=max_length(Reflection, "reframe"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Take your harshest thought and say it again, fairly and gently."),
    )
    intensity_after = ScaleField(
        label=_("How strong is the feeling now?"),
        help_text=_("Same scale as at the start: 0 is barely there, 10 is as strong as it gets."),
    )
    confidence_after = ScaleField(
        label=_("How confident do you feel about your next interview?"),
        help_text=_("0 is not at all, 10 is very confident."),
    )


class FollowUpForm(StepForm):
    follow_up = forms.ChoiceField(
        label=_("Would you like to follow up with a letter?"),
        widget=forms.RadioSelect,
        help_text=_("If you choose a letter, Rebound drafts it for you to read and edit."),
        error_messages={
            "required": _("Choose one of the options."),
            "invalid_choice": _("That option doesn't fit what you told us. Choose one shown."),
        },
    )

    to_own = forms.CharField(
        label=_("If you write an apology, what exactly do you want to own?"),
        max_length=max_length(Reflection, "to_own"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "In your own words, as you would say it to them, for example “I was short with your "
            "receptionist”. The apology names what you write here and what you ticked, nothing "
            "more. Leave it empty if you are not writing one."
        ),
    )

    def __init__(self, *args, eligibility: dict[str, Eligibility], **kwargs):
        super().__init__(*args, **kwargs)
        if not eligibility[Reflection.FollowUp.APOLOGY].offered:
            # Nothing to own when no apology fits: the question would only unsettle.
            del self.fields["to_own"]
        choices = [
            (kind, labelled(Reflection.FollowUp(kind).label, fit.reason))
            for kind, fit in eligibility.items()
            if fit.offered
        ]
        choices.append(
            (Reflection.FollowUp.NONE, labelled(Reflection.FollowUp.NONE.label, NO_LETTER_REASON))
        )
        self.fields["follow_up"].choices = choices

    def clean(self):
        cleaned = super().clean()
        cleaned.setdefault("to_own", "")
        return cleaned


class SummaryForm(StepForm):
    """The last page has nothing to fill in: its POST means "Finish"."""


class ItemFormSet(forms.BaseFormSet):
    """Several items on one page, each removable without JavaScript."""

    item_label = ""
    remove_label = ""
    default_error_messages = {}

    def general_errors(self):
        """Return errors about the list as a whole, unless an item's own errors explain them."""
        if any(form.errors for form in self.forms):
            return []
        return list(self.non_form_errors())

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = self.remove_label
            form.fields["DELETE"].help_text = _("Tick it, then continue, to leave this one out.")


class QuestionFormSet(ItemFormSet):
    item_label = _("Question")
    remove_label = _("Remove this question")
    add_label = _("Add another question")
    default_error_messages = {
        "too_few_forms": _(
            "Add at least one question, or go back and untick “caught out by questions”."
        ),
        "too_many_forms": _("You can list up to %(num)d questions here."),
    }


class LessonFormSet(ItemFormSet):
    item_label = _("Lesson")
    remove_label = _("Remove this lesson")
    add_label = _("Add another lesson")
    default_error_messages = {
        "too_few_forms": _("Add at least one lesson — one small one is enough."),
        "too_many_forms": _("You can list up to %(num)d lessons here."),
    }


def item_formset(form, formset):
    """Return a formset class of at least one item and at most MAX_ITEMS."""
    return forms.formset_factory(
        form,
        formset=formset,
        extra=0,
        min_num=1,
        validate_min=True,
        max_num=MAX_ITEMS,
        validate_max=True,
        absolute_max=MAX_ITEMS,
        can_delete=True,
    )


QuestionsStep = item_formset(QuestionForm, QuestionFormSet)
LessonsStep = item_formset(LessonForm, LessonFormSet)


class StingCheckForm(forms.Form):
    """How big a bad interview feels now: a number from 0 to 10 and, if wanted, a sentence."""

    note = forms.CharField(
        label=_("A sentence, if you like"),
        required=False,
        max_length=max_length(StingCheck, "note"),
        error_messages={"max_length": _("Keep it to %(limit_value)d characters.")},
    )
    intensity = forms.TypedChoiceField(
        label=_("How big does it feel now?"),
        choices=[(number, str(number)) for number in range(STING_MIN, STING_MAX + 1)],
        coerce=int,
        error_messages={
            "required": _("Choose a number from 0 to 10."),
            "invalid_choice": _("Choose a number from 0 to 10."),
        },
    )
    # Where the one tap came from, so the answer goes back there: a name, never a URL; any
    # other word goes back to the interview.
    back = forms.CharField(required=False, widget=forms.HiddenInput)

    @property
    def scale(self):
        """Return the numbers to offer, one submit button each."""
        return range(STING_MIN, STING_MAX + 1)
