"""Follow-up letters: read them, and start a draft the way the letters page does."""

from datetime import date

from django.db import transaction
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema
from ninja import Status as Reply

from ... import access
from ...letters.drafting import NotEligible
from ...letters.forms import LetterForm
from ...letters.recipients import Recipient
from ...letters.services import letter_start
from ...models import FollowUpLetter
from .. import auth
from ..errors import ERRORS, ApiError, Error
from ..resources import detail_url, shown
from ..types import Input, Page, PageQuery, RowId, UtcDateTime, choice, page_of, text
from ..writes import bound_form, valid

router = Router(tags=["letters"])

Kind = choice(FollowUpLetter.Kind)
LetterStatus = choice(FollowUpLetter.Status)


class LetterOut(Schema):
    id: int
    interview_id: int
    kind: Kind
    recipient_name: str
    recipient_email: str
    subject: str
    body: str
    status: LetterStatus
    sent_on: date | None
    response: choice(FollowUpLetter.Response)
    created_at: UtcDateTime
    updated_at: UtcDateTime


class LetterPage(Page):
    items: list[LetterOut]


class LetterIn(Input):
    interview_id: RowId
    kind: Kind
    recipient_name: text(FollowUpLetter, "recipient_name") | None = None
    recipient_email: text(FollowUpLetter, "recipient_email") | None = None
    subject: text(FollowUpLetter, "subject") | None = None
    body: text(FollowUpLetter, "body") | None = None


class LetterFilters(Schema):
    interview_id: RowId | None = None
    kind: Kind | None = None
    status: LetterStatus | None = None


def represent(letter):
    return {name: getattr(letter, name) for name in LetterOut.model_fields}


@router.get(
    "/letters",
    response={200: LetterPage, ERRORS: Error},
    auth=auth.READ,
    url_name="api_letter_list",
    summary="List your letters, latest change first",
)
def list_letters(request, filters: Query[LetterFilters], paging: Query[PageQuery]):
    rows = FollowUpLetter.objects.owned_by(auth.user_of(request)).order_by("-updated_at", "-pk")
    for name in ("interview_id", "kind", "status"):
        if getattr(filters, name):
            rows = rows.filter(**{name: getattr(filters, name)})
    return page_of(rows, paging, represent)


@router.post(
    "/letters",
    response={201: LetterOut, ERRORS: Error},
    auth=auth.WRITE,
    url_name="api_letter_list",
    summary="Start a draft letter: Rebound writes a first text unless you send your own",
    openapi_extra={
        "responses": {
            201: {
                "links": {
                    "GetLetter": {
                        "operationId": "get_letter",
                        "parameters": {"letter_id": "$response.body#/id"},
                    }
                }
            }
        }
    },
)
def create_letter(request, response: HttpResponse, payload: LetterIn):
    user = auth.user_of(request)
    data = payload.model_dump(exclude_unset=True)
    interview = access.get_interview(user, data.pop("interview_id"))
    kind = data.pop("kind")
    recipient = None
    if "recipient_name" in data or "recipient_email" in data:
        recipient = Recipient(
            name=data.get("recipient_name") or "", email=data.get("recipient_email") or ""
        )
    with transaction.atomic():
        try:
            letter = letter_start(interview=interview, kind=kind, recipient=recipient)
        except NotEligible as refused:
            raise ApiError(
                422, "invalid", _("That letter does not fit."), fields={"kind": [refused.reason]}
            ) from None
        if data:
            # Raising here undoes the draft too: nothing is half-saved.
            valid(bound_form(LetterForm, data, instance=letter)).save()
    response["Location"] = detail_url("api_letter_detail", letter_id=letter.pk)
    return Reply(201, shown(response, represent(access.get_letter(user, letter.pk))))


@router.get(
    "/letters/{letter_id}",
    response={200: LetterOut, ERRORS: Error},
    auth=auth.READ,
    url_name="api_letter_detail",
    summary="Read a letter",
)
def get_letter(request, response: HttpResponse, letter_id: Path[RowId]):
    return shown(response, represent(access.get_letter(auth.user_of(request), letter_id)))
