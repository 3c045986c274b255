"""Move answers between the wizard's forms, a saved reflection and the summary page."""

from dataclasses import dataclass, field

from django.forms import BaseFormSet
from django.utils.translation import gettext_lazy as _

from ..models import Lesson, Reflection
from .steps import (
    BY_NAME,
    FEELINGS,
    FOLLOW_UP,
    FORGIVE,
    LESSONS,
    QUESTIONS,
    STEPS,
    SUMMARY,
    WHAT_HAPPENED,
)

SINGLE_FORM_STEPS = (FEELINGS, WHAT_HAPPENED, FORGIVE, FOLLOW_UP)


def kept_items(formset):
    """Return the cleaned items of a valid formset, leaving out removed and empty ones."""
    if formset is None:
        return []
    items = []
    for form in formset.forms:
        data = dict(form.cleaned_data)
        if not data or data.pop("DELETE", False):
            continue
        items.append(data)
    return items


def collect_answers(forms):
    """Return every answer as one flat dict, from the validated form of each step."""
    answers = {}
    for step in SINGLE_FORM_STEPS:
        answers.update(forms[step].cleaned_data)
    answers["questions"] = kept_items(forms.get(QUESTIONS))
    answers["lessons"] = kept_items(forms[LESSONS])
    return answers


def _posted(value):
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return [str(value)]


def _form_data(prefix, **values):
    """Return values as a browser would post them for a form with this prefix."""
    return {
        f"{prefix}-{name}": posted
        for name, value in values.items()
        if (posted := _posted(value)) is not None
    }


def _formset_data(prefix, formset, items):
    data = {
        f"{prefix}-TOTAL_FORMS": [str(len(items))],
        f"{prefix}-INITIAL_FORMS": ["0"],
        f"{prefix}-MIN_NUM_FORMS": [str(formset.min_num)],
        f"{prefix}-MAX_NUM_FORMS": [str(formset.max_num)],
    }
    for index, item in enumerate(items):
        data.update(_form_data(f"{prefix}-{index}", **item))
    return data


def _values(instance, form):
    return {name: getattr(instance, name) for name in form.base_fields}


def step_data_from_reflection(reflection):
    """Return wizard step data holding a saved reflection, so it can be edited.

    Each step form's fields are named after the reflection's own fields; a step of
    several items is named after the reflection's related items (questions, lessons).
    """
    data = {}
    for step in STEPS:
        if issubclass(step.form, BaseFormSet):
            items = [_values(item, step.form.form) for item in getattr(reflection, step.name).all()]
            if items:
                data[step.name] = _formset_data(step.name, step.form, items)
        elif step.form.base_fields:
            data[step.name] = _form_data(step.name, **_values(reflection, step.form))
    return data


def answers_from_reflection(reflection):
    """Return a saved reflection's answers in the shape collect_answers() gives."""
    answers = {name: getattr(reflection, name) for name in Reflection.ANSWER_FIELDS}
    answers["questions"] = [
        {"question": q.question, "what_i_said": q.what_i_said, "better_answer": q.better_answer}
        for q in reflection.questions.all()
    ]
    answers["lessons"] = [
        {"text": lesson.text, "category": lesson.category, "action": lesson.action}
        for lesson in reflection.lessons.all()
    ]
    return answers


def reflection_sections(reflection):
    """Return the summary sections of a saved reflection, as its read-only page shows them."""
    answers = answers_from_reflection(reflection)
    caught_out = Reflection.Cause.CAUGHT_OUT in (answers["causes"] or [])
    steps = [
        step.name
        for step in STEPS
        if step.name != SUMMARY and (step.name != QUESTIONS or caught_out or answers["questions"])
    ]
    return summary_sections(answers, steps)


@dataclass
class Section:
    """One step's answers on the summary page."""

    step: str
    rows: list[tuple[str, str]] = field(default_factory=list)
    items: list[list[tuple[str, str]]] = field(default_factory=list)

    @property
    def title(self):
        return BY_NAME[self.step].title


def _labels(choices, values):
    names = dict(choices)
    return ", ".join(str(names.get(value, value)) for value in values) or _("None ticked")


def _score(value):
    return _("%(score)s out of 10") % {"score": value}


def _text(value):
    return value or _("Left empty")


def summary_sections(answers, steps):
    """Return the summary page's sections for the steps that apply, in order."""
    a = answers
    builders = {
        FEELINGS: lambda: Section(
            FEELINGS,
            rows=[
                (_("How you felt"), _labels(Reflection.Feeling.choices, a["feelings_before"])),
                (_("How strongly"), _score(a["intensity_before"])),
            ],
        ),
        WHAT_HAPPENED: lambda: Section(
            WHAT_HAPPENED,
            rows=[
                (_("What went wrong"), _labels(Reflection.Cause.choices, a["causes"])),
                (_("In your words"), _text(a["what_happened"])),
                (
                    _("Outside circumstances"),
                    _labels(Reflection.Outside.choices, [a["outside_circumstances"]]),
                ),
            ],
        ),
        QUESTIONS: lambda: Section(
            QUESTIONS,
            items=[
                [
                    (_("Question"), q["question"]),
                    (_("What you said"), _text(q["what_i_said"])),
                    (_("A better answer"), q["better_answer"]),
                ]
                for q in a["questions"]
            ],
        ),
        LESSONS: lambda: Section(
            LESSONS,
            items=[
                [
                    (_("Lesson"), lesson["text"]),
                    (_("Kind"), _labels(Lesson.Category.choices, [lesson["category"]])),
                    (_("Before the next interview"), lesson["action"]),
                ]
                for lesson in a["lessons"]
            ],
        ),
        FORGIVE: lambda: Section(
            FORGIVE,
            rows=[
                (_("What went well"), _text(a["went_well"])),
                (_("What you would tell a friend"), _text(a["kind_words"])),
                (
                    _("Thinking traps you noticed"),
                    _labels(Reflection.ThinkingTrap.choices, a["thinking_traps"]),
                ),
                (_("A kinder way to put it"), _text(a["reframe"])),
                (_("How strong the feeling is now"), _score(a["intensity_after"])),
                (_("Confidence about the next interview"), _score(a["confidence_after"])),
            ],
        ),
        FOLLOW_UP: lambda: Section(
            FOLLOW_UP,
            rows=[
                (_("Follow-up"), _labels(Reflection.FollowUp.choices, [a["follow_up"]])),
                *([(_("What you want to own"), a["to_own"])] if a.get("to_own") else []),
            ],
        ),
    }
    return [builders[step]() for step in steps if step in builders]
