"""Reflections, read only: the diary opens only to a token given the reflections scope."""

from django.http import HttpResponse
from ninja import Field, Path, Query, Router, Schema

from ... import access
from ...models import Reflection
from .. import auth
from ..errors import ERRORS, Error
from ..resources import shown
from ..types import Page, PageQuery, RowId, UtcDateTime, choice, page_of

router = Router(tags=["reflections"])


class LessonOut(Schema):
    id: int
    text: str
    category: str
    action: str
    done: bool


class ReflectionOut(Schema):
    id: int
    interview_id: int
    status: choice(Reflection.Status)
    feelings_before: list[str]
    intensity_before: int | None
    causes: list[str]
    what_happened: str
    outside_circumstances: str
    went_well: str
    kind_words: str
    thinking_traps: list[str]
    reframe: str
    intensity_after: int | None
    confidence_after: int | None
    follow_up: str
    to_own: str
    lessons: list[LessonOut] = Field(description="What it taught you, and what to do next time.")
    completed_at: UtcDateTime | None
    created_at: UtcDateTime
    updated_at: UtcDateTime


class ReflectionPage(Page):
    items: list[ReflectionOut]


class ReflectionFilters(Schema):
    status: choice(Reflection.Status) | None = None
    interview_id: RowId | None = None


def represent(reflection):
    return {
        **{
            name: getattr(reflection, name)
            for name in ReflectionOut.model_fields
            if name != "lessons"
        },
        "lessons": [
            {name: getattr(lesson, name) for name in LessonOut.model_fields}
            for lesson in reflection.lessons.all()
        ],
    }


@router.get(
    "/reflections",
    response={200: ReflectionPage, ERRORS: Error},
    auth=auth.REFLECTIONS,
    url_name="api_reflection_list",
    summary="List your reflections (needs the reflections scope)",
)
def list_reflections(request, filters: Query[ReflectionFilters], paging: Query[PageQuery]):
    rows = (
        Reflection.objects.owned_by(auth.user_of(request))
        .prefetch_related("lessons")
        .order_by("-created_at", "-pk")
    )
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.interview_id:
        rows = rows.filter(interview_id=filters.interview_id)
    return page_of(rows, paging, represent)


@router.get(
    "/reflections/{reflection_id}",
    response={200: ReflectionOut, ERRORS: Error},
    auth=auth.REFLECTIONS,
    url_name="api_reflection_detail",
    summary="Read a reflection (needs the reflections scope)",
)
def get_reflection(request, response: HttpResponse, reflection_id: Path[RowId]):
    reflection = access.get_reflection(auth.user_of(request), reflection_id)
    return shown(response, represent(reflection))
