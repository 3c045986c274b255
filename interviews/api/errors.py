"""The API's one error shape: {"error": {"code": …, "message": …, "fields": {…}}}."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError


class ErrorBody(Schema):
    code: str
    message: str
    fields: dict[str, list[str]]


class Error(Schema):
    error: ErrorBody


# Every status an operation may answer with besides its success, and what each means.
ERROR_STATUSES = {
    400: "The body is not JSON.",
    401: "No token, or one that is unknown, expired or revoked.",
    403: "The token lacks the scope this operation needs.",
    404: "No such row among yours.",
    412: "If-Match names another version: someone changed it since you read it.",
    422: "The input was refused; `fields` says why, field by field.",
    428: "An update or delete needs If-Match with the ETag you last read.",
    429: "Too many requests with this token; wait `Retry-After` seconds.",
}
ERRORS = frozenset(ERROR_STATUSES)


class ApiError(Exception):
    """An error the API answers in its own shape, with headers if it needs them."""

    def __init__(self, status, code, message, *, fields=None, headers=None):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.fields = fields or {}
        self.headers = headers or {}


def error_body(code, message, fields=None):
    return {"error": {"code": code, "message": str(message), "fields": fields or {}}}


def install_handlers(api):
    """Answer every failure in the error shape: nothing reaches Django's HTML pages."""

    def respond(request, status, code, message, fields=None, headers=None):
        response = api.create_response(request, error_body(code, message, fields), status=status)
        for name, value in (headers or {}).items():
            response[name] = value
        return response

    def api_error(request, exc):
        return respond(request, exc.status, exc.code, exc.message, exc.fields, exc.headers)

    def validation_error(request, exc):
        fields = {}
        for problem in exc.errors:
            # ("body", "payload", "company") or ("query", "status"): the field is the last name.
            names = [str(part) for part in problem.get("loc", ()) if not isinstance(part, int)]
            field = names[-1] if len(names) > 1 else "__all__"
            if field == "payload":
                field = "__all__"
            fields.setdefault(field, []).append(problem.get("msg", _("Not valid.")))
        if any(problem.get("type") == "json_invalid" for problem in exc.errors):
            return respond(request, 400, "malformed", _("The request body is not valid JSON."))
        return respond(request, 422, "invalid", _("Some of the input was refused."), fields)

    def not_found(request, exc):
        return respond(request, 404, "not_found", _("Nothing of yours has that id."))

    def http_error(request, exc):
        if isinstance(exc, AuthenticationError):
            return respond(
                request,
                401,
                "not_authenticated",
                _("Send a live personal access token as “Authorization: Bearer <token>”."),
                headers={"WWW-Authenticate": "Bearer"},
            )
        return respond(request, exc.status_code, "http_error", str(exc))

    api.add_exception_handler(ApiError, api_error)
    api.add_exception_handler(NinjaValidationError, validation_error)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(HttpError, http_error)
