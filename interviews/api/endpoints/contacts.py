"""Contacts: the people at the companies, and which applications they belong to."""

from django.http import HttpResponse
from ninja import Field, Path, Query, Router, Schema
from ninja import Status as Reply

from ... import access
from ...models import Contact
from ...tracking.contact_forms import ContactForm
from ...tracking.services import contact_save
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
    Page,
    PageQuery,
    RowId,
    UtcDateTime,
    choice,
    optional_fields,
    page_of,
    text,
)
from ..writes import bound_form, valid

router = Router(tags=["contacts"])

Role = choice(Contact.Role)


class ContactOut(Schema):
    id: int
    name: str
    role: Role
    company: str
    email: str
    phone: str
    profile_url: str
    notes: str
    applications: list[int] = Field(description="Ids of the applications they are part of.")
    created_at: UtcDateTime
    updated_at: UtcDateTime


class ContactPage(Page):
    items: list[ContactOut]


class ContactIn(Input):
    name: text(Contact, "name")
    role: Role | None = None
    company: text(Contact, "company") | None = None
    email: text(Contact, "email") | None = None
    phone: text(Contact, "phone") | None = None
    profile_url: text(Contact, "profile_url") | None = None
    notes: text(Contact, "notes") | None = None
    applications: list[RowId] | None = None


ContactPatch = optional_fields(ContactIn, "ContactPatch")


class ContactFilters(Schema):
    application_id: RowId | None = None
    role: Role | None = None


def owned_rows(request):
    return (
        Contact.objects.owned_by(auth.user_of(request))
        .prefetch_related("applications")
        .order_by("name", "pk")
    )


def represent(contact):
    return {
        **{
            name: getattr(contact, name)
            for name in ContactOut.model_fields
            if name != "applications"
        },
        "applications": sorted(application.pk for application in contact.applications.all()),
    }


@router.get(
    "/contacts",
    response={200: ContactPage, ERRORS: Error},
    auth=auth.READ,
    url_name="api_contact_list",
    summary="List your contacts by name",
)
def list_contacts(request, filters: Query[ContactFilters], paging: Query[PageQuery]):
    rows = owned_rows(request)
    if filters.application_id:
        rows = rows.filter(applications=filters.application_id)
    if filters.role:
        rows = rows.filter(role=filters.role)
    return page_of(rows, paging, represent)


@router.post(
    "/contacts",
    response={201: ContactOut, ERRORS: Error},
    auth=auth.WRITE,
    url_name="api_contact_list",
    summary="Add a contact",
    openapi_extra=created_links("Contact", "contact_id"),
)
def create_contact(request, response: HttpResponse, payload: ContactIn):
    user = auth.user_of(request)
    form = bound_form(ContactForm, payload.model_dump(exclude_unset=True), owner=user)
    contact = contact_save(form=valid(form), owner=user)
    response["Location"] = detail_url("api_contact_detail", contact_id=contact.pk)
    return Reply(201, shown(response, represent(access.get_contact(user, contact.pk))))


@router.get(
    "/contacts/{contact_id}",
    response={200: ContactOut, ERRORS: Error},
    auth=auth.READ,
    url_name="api_contact_detail",
    summary="Read a contact",
)
def get_contact(request, response: HttpResponse, contact_id: Path[RowId]):
    return shown(response, represent(access.get_contact(auth.user_of(request), contact_id)))


@router.patch(
    "/contacts/{contact_id}",
    response={200: ContactOut, ERRORS: Error},
    auth=auth.WRITE,
    url_name="api_contact_detail",
    summary="Change a contact (send If-Match)",
    openapi_extra=updated_links("Contact", "contact_id"),
)
def update_contact(
    request,
    response: HttpResponse,
    contact_id: Path[RowId],
    payload: ContactPatch,
    if_match: str | None = IfMatch,
):
    user = auth.user_of(request)

    def change(contact):
        form = bound_form(
            ContactForm, payload.model_dump(exclude_unset=True), owner=user, instance=contact
        )
        contact_save(form=valid(form), owner=user)

    return shown(
        response, update_owned(owned_rows(request), contact_id, if_match, represent, change)
    )


@router.delete(
    "/contacts/{contact_id}",
    response={204: None, ERRORS: Error},
    auth=auth.WRITE,
    url_name="api_contact_detail",
    summary="Delete a contact (send If-Match)",
)
def delete_contact(request, contact_id: Path[RowId], if_match: str | None = IfMatch):
    delete_owned(owned_rows(request), contact_id, if_match, represent)
    return Reply(204, None)
