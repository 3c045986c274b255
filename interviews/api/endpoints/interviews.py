"""Interviews: list, book on an application, read, change (how it went, too) and delete."""

from django.http import HttpResponse
from ninja import Field, Path, Query, Router, Schema
from ninja import Status as Reply

from ... import access
from ...models import MAX_DURATION_MINUTES, MIN_DURATION_MINUTES, Interview
from ...tracking.forms import InterviewForm
from ...tracking.services import interview_book
from .. import auth
from ..errors import ERRORS, Error
from ..resources import (
    IfMatch,
    created_links,
    delete_owned,
    detail_url,
    shown,
    update_owned,
    updated_links,
)
from ..types import (
    Input,
    IsoDateTime,
    Page,
    PageQuery,
    RowId,
    SensibleDateTime,
    UtcDateTime,
    choice,
    integer,
    optional_fields,
    page_of,
    text,
)
from ..writes import bound_form, save_through, valid

router = Router(tags=["interviews"])

Kind = choice(Interview.Kind)
Format = choice(Interview.Format)
Outcome = choice(Interview.Outcome)


class InterviewOut(Schema):
    id: int
    application_id: int
    kind: Kind
    scheduled_at: UtcDateTime
    duration_minutes: int
    format: Format
    location: str
    interviewers: str
    contacts: list[int] = Field(description="Ids of the contacts who interview.")
    notes: str
    rating: int | None = Field(description="1 (very badly) to 5 (very well), once it happened.")
    outcome: Outcome
    marked_bad: bool
    cool_off_confirmed: bool
    went_badly: bool = Field(description="Rated 1–2 or marked as gone badly.")
    created_at: UtcDateTime
    updated_at: UtcDateTime


class InterviewPage(Page):
    items: list[InterviewOut]


class InterviewChange(Input):
    kind: Kind | None = None
    scheduled_at: SensibleDateTime | None = None
    duration_minutes: integer(ge=MIN_DURATION_MINUTES, le=MAX_DURATION_MINUTES) | None = None
    format: Format | None = None
    location: text(Interview, "location") | None = None
    interviewers: text(Interview, "interviewers") | None = None
    contacts: list[RowId] | None = None
    notes: text(Interview, "notes") | None = None
    rating: integer(ge=1, le=5) | None = None
    outcome: Outcome | None = None
    marked_bad: bool | None = None
    cool_off_confirmed: bool | None = None


class InterviewIn(InterviewChange):
    application_id: RowId
    scheduled_at: SensibleDateTime


InterviewPatch = optional_fields(InterviewChange, "InterviewPatch")


class InterviewFilters(Schema):
    application_id: RowId | None = None
    kind: Kind | None = None
    scheduled_after: IsoDateTime | None = None
    scheduled_before: IsoDateTime | None = None


def owned_rows(request):
    return (
        Interview.objects.owned_by(auth.user_of(request))
        .prefetch_related("contacts")
        .order_by("-scheduled_at", "-pk")
    )


def represent(interview):
    return {
        **{
            name: getattr(interview, name)
            for name in InterviewOut.model_fields
            if name not in {"contacts", "went_badly"}
        },
        "contacts": sorted(contact.pk for contact in interview.contacts.all()),
        "went_badly": interview.went_badly,
    }


@router.get(
    "/interviews",
    response={200: InterviewPage, ERRORS: Error},
    auth=auth.READ,
    url_name="api_interview_list",
    summary="List your interviews, latest first",
)
def list_interviews(request, filters: Query[InterviewFilters], paging: Query[PageQuery]):
    rows = owned_rows(request)
    if filters.application_id:
        rows = rows.filter(application_id=filters.application_id)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.scheduled_after:
        rows = rows.filter(scheduled_at__gt=filters.scheduled_after)
    if filters.scheduled_before:
        rows = rows.filter(scheduled_at__lt=filters.scheduled_before)
    return page_of(rows, paging, represent)


@router.post(
    "/interviews",
    response={201: InterviewOut, ERRORS: Error},
    auth=auth.WRITE,
    url_name="api_interview_list",
    summary="Book an interview on one of your applications",
    openapi_extra=created_links("Interview", "interview_id"),
)
def create_interview(request, response: HttpResponse, payload: InterviewIn):
    user = auth.user_of(request)
    data = payload.model_dump(exclude_unset=True)
    application = access.get_application(user, data.pop("application_id"))
    form = valid(bound_form(InterviewForm, data, instance=Interview(application=application)))
    interview = form.save(commit=False)
    interview_book(interview=interview, contacts=form.cleaned_data.get("contacts", ()))
    response["Location"] = detail_url("api_interview_detail", interview_id=interview.pk)
    return Reply(201, shown(response, represent(access.get_interview(user, interview.pk))))


@router.get(
    "/interviews/{interview_id}",
    response={200: InterviewOut, ERRORS: Error},
    auth=auth.READ,
    url_name="api_interview_detail",
    summary="Read an interview",
)
def get_interview(request, response: HttpResponse, interview_id: Path[RowId]):
    return shown(response, represent(access.get_interview(auth.user_of(request), interview_id)))


@router.patch(
    "/interviews/{interview_id}",
    response={200: InterviewOut, ERRORS: Error},
    auth=auth.WRITE,
    url_name="api_interview_detail",
    summary="Change an interview, or say how it went (send If-Match)",
    openapi_extra=updated_links("Interview", "interview_id"),
)
def update_interview(
    request,
    response: HttpResponse,
    interview_id: Path[RowId],
    payload: InterviewPatch,
    if_match: str | None = IfMatch,
):
    def change(interview):
        save_through(InterviewForm, payload.model_dump(exclude_unset=True), instance=interview)

    return shown(
        response, update_owned(owned_rows(request), interview_id, if_match, represent, change)
    )


@router.delete(
    "/interviews/{interview_id}",
    response={204: None, ERRORS: Error},
    auth=auth.WRITE,
    url_name="api_interview_detail",
    summary="Delete an interview with its reflection and letters (send If-Match)",
)
def delete_interview(request, interview_id: Path[RowId], if_match: str | None = IfMatch):
    delete_owned(owned_rows(request), interview_id, if_match, represent)
    return Reply(204, None)
