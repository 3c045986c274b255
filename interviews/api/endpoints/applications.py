"""Applications: list, add, read with their status history, change and delete."""

from datetime import date

from django.db.models import Prefetch
from django.http import HttpResponse
from ninja import Field, Path, Query, Router, Schema
from ninja import Status as Reply

from ... import access
from ...models import EXCITEMENT_MAX, EXCITEMENT_MIN, Application, StatusChange
from ...tracking.application_forms import ApplicationForm
from ...tracking.salary import AMOUNT_MAX
from ...tracking.tagging import TAGS_MAX
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
    SensibleDate,
    UtcDateTime,
    choice,
    integer,
    optional_fields,
    page_of,
    text,
)
from ..writes import save_through

router = Router(tags=["applications"])

Status = choice(Application.Status)
Amount = int | None


class StatusChangeOut(Schema):
    from_status: str = Field(description="Empty for the status it was added with.")
    to_status: Status
    changed_at: UtcDateTime
    note: str


class ApplicationOut(Schema):
    id: int
    company: str
    role: str
    status: Status
    applied_on: date | None
    deadline: date | None
    job_url: str
    location: str
    source: str
    salary_min: int | None
    salary_max: int | None
    salary_currency: str
    salary_period: str
    salary_text: str
    excitement: int | None
    tags: list[str]
    notes: str
    archived: bool
    created_at: UtcDateTime
    updated_at: UtcDateTime
    history: list[StatusChangeOut] = Field(description="Every status change, oldest first.")


class ApplicationPage(Page):
    items: list[ApplicationOut]


TagName = text(Application.tags.field.related_model, "name", pattern=r"^[^,\x00]*$")


class ApplicationIn(Input):
    company: text(Application, "company")
    role: text(Application, "role")
    status: Status | None = None
    applied_on: SensibleDate | None = None
    deadline: SensibleDate | None = None
    job_url: text(Application, "job_url") | None = None
    location: text(Application, "location") | None = None
    source: text(Application, "source") | None = None
    salary_min: integer(ge=0, le=AMOUNT_MAX) | None = None
    salary_max: integer(ge=0, le=AMOUNT_MAX) | None = None
    salary_currency: text(Application, "salary_currency") | None = None
    salary_period: choice(Application.SalaryPeriod) | None = None
    salary_text: text(Application, "salary_text") | None = None
    excitement: integer(ge=EXCITEMENT_MIN, le=EXCITEMENT_MAX) | None = None
    tags: list[TagName] | None = Field(None, max_length=TAGS_MAX)
    notes: text(Application, "notes") | None = None


ApplicationPatch = optional_fields(ApplicationIn, "ApplicationPatch")


class ApplicationFilters(Schema):
    status: Status | None = None
    archived: bool | None = None
    updated_after: IsoDateTime | None = None
    updated_before: IsoDateTime | None = None


def owned_rows(request):
    history = StatusChange.objects.order_by("changed_at", "created_at", "pk")
    return (
        Application.objects.owned_by(auth.user_of(request))
        .prefetch_related("tags", Prefetch("status_changes", queryset=history))
        .order_by("-updated_at", "-pk")
    )


def represent(application):
    return {
        **{
            name: getattr(application, name)
            for name in ApplicationOut.model_fields
            if name not in {"tags", "history"}
        },
        "tags": sorted(tag.name for tag in application.tags.all()),
        "history": [
            {
                "from_status": change.from_status,
                "to_status": change.to_status,
                "changed_at": change.changed_at,
                "note": change.note,
            }
            for change in application.status_changes.all()
        ],
    }


def form_payload(payload):
    """Return the input as the page's form reads it (tags as one comma-separated line)."""
    data = payload.model_dump(exclude_unset=True)
    if "tags" in data:
        data["tags"] = ", ".join(data["tags"] or [])
    return data


@router.get(
    "/applications",
    response={200: ApplicationPage, ERRORS: Error},
    auth=auth.READ,
    url_name="api_application_list",
    summary="List your applications",
)
def list_applications(request, filters: Query[ApplicationFilters], paging: Query[PageQuery]):
    rows = owned_rows(request)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.archived is not None:
        rows = rows.filter(archived=filters.archived)
    if filters.updated_after:
        rows = rows.filter(updated_at__gt=filters.updated_after)
    if filters.updated_before:
        rows = rows.filter(updated_at__lt=filters.updated_before)
    return page_of(rows, paging, represent)


@router.post(
    "/applications",
    response={201: ApplicationOut, ERRORS: Error},
    auth=auth.WRITE,
    url_name="api_application_list",
    summary="Add an application",
    openapi_extra=created_links("Application", "application_id"),
)
def create_application(request, response: HttpResponse, payload: ApplicationIn):
    user = auth.user_of(request)
    application = save_through(ApplicationForm, form_payload(payload), owner=user)
    response["Location"] = detail_url("api_application_detail", application_id=application.pk)
    return Reply(201, shown(response, represent(access.get_application(user, application.pk))))


@router.get(
    "/applications/{application_id}",
    response={200: ApplicationOut, ERRORS: Error},
    auth=auth.READ,
    url_name="api_application_detail",
    summary="Read an application and its status history",
)
def get_application(request, response: HttpResponse, application_id: Path[RowId]):
    application = access.get_application(auth.user_of(request), application_id)
    return shown(response, represent(application))


@router.patch(
    "/applications/{application_id}",
    response={200: ApplicationOut, ERRORS: Error},
    auth=auth.WRITE,
    url_name="api_application_detail",
    summary="Change an application (send If-Match)",
    openapi_extra=updated_links("Application", "application_id"),
)
def update_application(
    request,
    response: HttpResponse,
    application_id: Path[RowId],
    payload: ApplicationPatch,
    if_match: str | None = IfMatch,
):
    user = auth.user_of(request)

    def change(application):
        save_through(ApplicationForm, form_payload(payload), owner=user, instance=application)

    return shown(
        response, update_owned(owned_rows(request), application_id, if_match, represent, change)
    )


@router.delete(
    "/applications/{application_id}",
    response={204: None, ERRORS: Error},
    auth=auth.WRITE,
    url_name="api_application_detail",
    summary="Delete an application with its interviews, letters and notes (send If-Match)",
)
def delete_application(request, application_id: Path[RowId], if_match: str | None = IfMatch):
    delete_owned(owned_rows(request), application_id, if_match, represent)
    return Reply(204, None)
