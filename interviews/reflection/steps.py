"""The wizard's steps in order, each with its form, short label and page title."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .forms import (
    FeelingsForm,
    FollowUpForm,
    ForgiveForm,
    LessonsStep,
    QuestionsStep,
    SummaryForm,
    WhatHappenedForm,
)

FEELINGS = "feelings"
WHAT_HAPPENED = "what_happened"
QUESTIONS = "questions"
LESSONS = "lessons"
FORGIVE = "forgive"
FOLLOW_UP = "follow_up"
SUMMARY = "summary"

# At this intensity or above, inside the cool-off window, the wizard suggests a pause.
STRONG_FEELING = 7


@dataclass(frozen=True)
class Step:
    name: str
    form: type
    label: str
    title: str


STEPS = (
    Step(FEELINGS, FeelingsForm, _("Feelings"), _("How are you feeling?")),
    Step(WHAT_HAPPENED, WhatHappenedForm, _("What happened"), _("What happened")),
    Step(QUESTIONS, QuestionsStep, _("Questions"), _("Questions that caught you out")),
    Step(LESSONS, LessonsStep, _("Lessons"), _("What you will take from it")),
    Step(FORGIVE, ForgiveForm, _("Be kind"), _("Be kind to yourself")),
    Step(FOLLOW_UP, FollowUpForm, _("Follow-up"), _("Following up")),
    Step(SUMMARY, SummaryForm, _("Summary"), _("Check and finish")),
)
BY_NAME = {step.name: step for step in STEPS}
FORM_LIST = [(step.name, step.form) for step in STEPS]
