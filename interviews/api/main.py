"""The API object: its routers, its token scheme, its error shape and its schema."""

from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI

from .endpoints import applications, contacts, interviews, letters, library, reflections
from .errors import ERROR_STATUSES, install_handlers

DESCRIPTION = _(
    "Your Rebound data for your own tools. Authenticate with a personal access token made "
    "under Settings → API tokens, sent as `Authorization: Bearer <token>`. Times are ISO 8601 "
    "in UTC; ids are stable. Lists take `limit` (up to 100) and `offset`. Updates and deletes "
    "need `If-Match` with the `ETag` of your last read, so two tools cannot overwrite each "
    "other. Errors always look like "
    '`{"error": {"code": …, "message": …, "fields": {…}}}`.'
)


HEADERS = {
    "ETag": "The version of what was returned: send it back as If-Match to change it.",
    "Location": "Where the new row can be read.",
    "Retry-After": "Seconds until this token may make requests again.",
    "WWW-Authenticate": "How to authenticate: a bearer token.",
}
# Which headers each status carries, besides the body.
STATUS_HEADERS = {
    "200": ["ETag"],
    "201": ["ETag", "Location"],
    "401": ["WWW-Authenticate"],
    "429": ["Retry-After"],
}


class ReboundAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation):
        """Name each operation after its function (list_applications), stable across releases."""
        return operation.view_func.__name__

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """Say in the schema what each error status means and which headers come with it."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for item in schema["paths"].values():
            for operation in item.values():
                for parameter in operation.get("parameters", []):
                    if parameter["in"] == "header" and parameter["name"] == "If-Match":
                        # Optional to the parser only so that its absence is a 428, not a 422.
                        parameter["required"] = True
                        parameter["schema"] = {"type": "string"}
                for status, response in operation.get("responses", {}).items():
                    code = int(status)
                    if code in ERROR_STATUSES:
                        response["description"] = ERROR_STATUSES[code]
                    # A list has no version of its own; every single row read has one.
                    listing = operation["operationId"].startswith("list_")
                    headers = [] if listing else STATUS_HEADERS.get(str(code), [])
                    for name in headers:
                        response.setdefault("headers", {})[name] = {
                            "description": HEADERS[name],
                            "schema": {"type": "string"},
                            "required": True,
                        }
        return schema


api = ReboundAPI(
    title="Rebound API",
    version="1",
    description=str(DESCRIPTION),
    urls_namespace="api-v1",
    docs_url=None,
)
install_handlers(api)
for module in (applications, interviews, contacts, letters, library, reflections):
    api.add_router("", module.router)
