"""The question bank and the actions: read them, record a practice, tick an action off."""

from datetime import date

from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema

from ... import access
from ...library.services import action_mark, question_practise
from ...models import CaughtOutQuestion, Lesson, Practice
from .. import auth
from ..errors import ERRORS, Error
from ..resources import shown
from ..types import Input, Page, PageQuery, RowId, UtcDateTime, choice, page_of

router = Router(tags=["questions and actions"])


class QuestionOut(Schema):
    id: int
    question: str
    what_i_said: str
    better_answer: str
    application_id: int | None = Field(description="The application it is for, if any.")
    interview_id: int | None = Field(description="The interview it caught you out in, if any.")
    times_practised: int
    last_practised_at: UtcDateTime | None
    box: int = Field(description="Its Leitner box, 1 (often) to 5 (rarely).")
    due_on: date | None = Field(description="When it is next due; null means now.")


class QuestionPage(Page):
    items: list[QuestionOut]


class QuestionFilters(Schema):
    due: bool | None = Field(None, description="true: only the questions due today or before.")
    application_id: RowId | None = None


class PracticeIn(Input):
    result: choice(Practice.Result)


class ActionOut(Schema):
    id: int
    lesson: str
    category: choice(Lesson.Category)
    action: str
    done: bool
    done_at: UtcDateTime | None
    interview_id: int


class ActionPage(Page):
    items: list[ActionOut]


class ActionFilters(Schema):
    done: bool | None = None


class DoneIn(Input):
    done: bool = True


def represent_question(question):
    reflection = question.reflection
    return {
        **{
            name: getattr(question, name)
            for name in QuestionOut.model_fields
            if name not in {"application_id", "interview_id"}
        },
        "application_id": reflection.interview.application_id
        if reflection
        else question.application_id,
        "interview_id": reflection.interview_id if reflection else None,
    }


def represent_action(lesson):
    return {
        "id": lesson.pk,
        "lesson": lesson.text,
        "category": lesson.category,
        "action": lesson.action,
        "done": lesson.done,
        "done_at": lesson.done_at,
        "interview_id": lesson.reflection.interview_id,
    }


def owned_questions(request):
    return (
        CaughtOutQuestion.objects.owned_by(auth.user_of(request))
        .select_related("reflection__interview")
        .order_by("pk")
    )


@router.get(
    "/questions",
    response={200: QuestionPage, ERRORS: Error},
    auth=auth.READ,
    url_name="api_question_list",
    summary="List your questions to practise",
)
def list_questions(request, filters: Query[QuestionFilters], paging: Query[PageQuery]):
    rows = owned_questions(request)
    if filters.due is not None:
        due = rows.due_by(timezone.localdate()).values("pk")
        rows = rows.filter(pk__in=due) if filters.due else rows.exclude(pk__in=due)
    if filters.application_id:
        rows = rows.filter(
            Q(application_id=filters.application_id)
            | Q(reflection__interview__application_id=filters.application_id)
        )
    return page_of(rows, paging, represent_question)


@router.get(
    "/questions/{question_id}",
    response={200: QuestionOut, ERRORS: Error},
    auth=auth.READ,
    url_name="api_question_detail",
    summary="Read a question",
)
def get_question(request, response: HttpResponse, question_id: Path[RowId]):
    question = access.get_question(auth.user_of(request), question_id)
    return shown(response, represent_question(question))


@router.post(
    "/questions/{question_id}/practice",
    response={200: QuestionOut, ERRORS: Error},
    auth=auth.WRITE,
    url_name="api_question_practise",
    summary="Record one practice: well moves it up a box, shaky back to box 1",
)
def practise_question(
    request, response: HttpResponse, question_id: Path[RowId], payload: PracticeIn
):
    question = access.get_question(auth.user_of(request), question_id)
    question_practise(question=question, result=payload.result)
    return shown(response, represent_question(question))


def owned_actions(request):
    return (
        Lesson.objects.owned_by(auth.user_of(request))
        .select_related("reflection")
        .order_by("done", "pk")
    )


@router.get(
    "/actions",
    response={200: ActionPage, ERRORS: Error},
    auth=auth.READ,
    url_name="api_action_list",
    summary="List the actions your lessons set you, open ones first",
)
def list_actions(request, filters: Query[ActionFilters], paging: Query[PageQuery]):
    rows = owned_actions(request)
    if filters.done is not None:
        rows = rows.filter(done=filters.done)
    return page_of(rows, paging, represent_action)


@router.get(
    "/actions/{action_id}",
    response={200: ActionOut, ERRORS: Error},
    auth=auth.READ,
    url_name="api_action_detail",
    summary="Read an action",
)
def get_action(request, response: HttpResponse, action_id: Path[RowId]):
    return shown(response, represent_action(access.get_lesson(auth.user_of(request), action_id)))


@router.post(
    "/actions/{action_id}/done",
    response={200: ActionOut, ERRORS: Error},
    auth=auth.WRITE,
    url_name="api_action_done",
    summary="Mark an action done (or, with done false, open it again)",
)
def mark_action(request, response: HttpResponse, action_id: Path[RowId], payload: DoneIn):
    lesson = access.get_lesson(auth.user_of(request), action_id)
    action_mark(lesson=lesson, done=payload.done)
    return shown(response, represent_action(lesson))
