"""The API's readable documentation: a server-rendered page made from its own OpenAPI schema."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from .auth import READ, REFLECTIONS, WRITE
from .errors import ERROR_STATUSES
from .main import api
from .types import PAGE_LIMIT_MAX

METHODS = ("get", "post", "patch", "put", "delete")
# The schema names each security scheme after its class; readers know the scope by its own name.
SCOPES = {type(scheme).__name__: scheme.scope for scheme in (READ, WRITE, REFLECTIONS)}
# Above this an integer's bound is the database's, not a rule worth reading.
LARGE = 2**31 - 1

# The README shows the same three: tests run each of them against the API.
EXAMPLES = [
    (
        _("List your applications that are at the interview stage"),
        'curl -H "Authorization: Bearer $REBOUND_TOKEN" \\\n'
        "  '{base}/api/v1/applications?status=interviewing'",
    ),
    (
        _("Add an interview to application 12"),
        'curl -X POST -H "Authorization: Bearer $REBOUND_TOKEN" \\\n'
        "  -H 'Content-Type: application/json' \\\n"
        '  -d \'{{"application_id": 12, "kind": "technical", '
        '"scheduled_at": "2026-12-14T09:30:00Z"}}\' \\\n'
        "  '{base}/api/v1/interviews'",
    ),
    (
        _("Mark action 7 done"),
        'curl -X POST -H "Authorization: Bearer $REBOUND_TOKEN" \\\n'
        "  -H 'Content-Type: application/json' -d '{{\"done\": true}}' \\\n"
        "  '{base}/api/v1/actions/7/done'",
    ),
]


def inline_code(text):
    """Return schema text as HTML, its `backticked` words as code (the schema's Markdown)."""
    pieces = str(text).split("`")
    return format_html_join(
        "",
        "{}",
        (
            (format_html("<code>{}</code>", piece) if odd % 2 else piece,)
            for odd, piece in enumerate(pieces)
        ),
    )


def operations(schema):
    """Return the schema's operations grouped by tag, in the order the schema lists them."""
    groups = {}
    for route, item in schema["paths"].items():
        for method in METHODS:
            if method not in item:
                continue
            operation = item[method]
            scopes = [
                str(SCOPES.get(name, name))
                for entry in operation.get("security", [])
                for name in entry
            ]
            groups.setdefault(operation.get("tags", ["other"])[0], []).append(
                {
                    "id": operation["operationId"],
                    "method": method.upper(),
                    "path": route,
                    "summary": inline_code(operation.get("summary", "")),
                    "scope": ", ".join(scopes),
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "where": parameter["in"],
                            "required": parameter.get("required", False),
                            "type": type_of(parameter.get("schema", {}), schema),
                            "description": inline_code(parameter.get("description", "")),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                    "body": body_fields(operation, schema),
                    "success": sorted(
                        code for code in operation.get("responses", {}) if str(code)[0] == "2"
                    ),
                }
            )
    return groups


def resolve(node, schema):
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def type_of(node, schema):
    """Return a short reading of a JSON schema type: "string (date), up to 200 characters"."""
    node = resolve(node, schema)
    if "anyOf" in node:
        kinds = [type_of(option, schema) for option in node["anyOf"]]
        return " or ".join(kind for kind in kinds if kind != "null") + ", or null"
    if "enum" in node:
        return "one of " + ", ".join(str(value) for value in node["enum"])
    if node.get("type") == "array":
        return "list of " + type_of(node.get("items", {}), schema)
    kind = node.get("type", "object")
    if "format" in node:
        kind += f" ({node['format']})"
    limits = []
    if "maxLength" in node:
        limits.append(f"up to {node['maxLength']} characters")
    if "minimum" in node and node.get("maximum", LARGE) >= LARGE:
        limits.append(f"{node['minimum']} or more")
    elif "minimum" in node and "maximum" in node:
        limits.append(f"{node['minimum']}–{node['maximum']}")
    if "maxItems" in node:
        limits.append(f"at most {node['maxItems']}")
    return ", ".join([kind, *limits])


def body_fields(operation, schema):
    content = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if not content:
        return []
    body = resolve(content["schema"], schema)
    required = set(body.get("required", []))
    return [
        {"name": name, "required": name in required, "type": type_of(field, schema)}
        for name, field in body.get("properties", {}).items()
    ]


@login_not_required
@require_GET
def api_docs(request):
    """Show the API's operations, scopes and error shape, read from its OpenAPI schema."""
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    return render(
        request,
        "interviews/api/docs.html",
        {
            "title": schema["info"]["title"],
            "description": schema["info"].get("description", ""),
            "groups": operations(schema),
            "errors": [
                (status, inline_code(meaning)) for status, meaning in sorted(ERROR_STATUSES.items())
            ],
            "examples": [
                {"title": title, "command": command.format(base=settings.REBOUND_BASE_URL)}
                for title, command in EXAMPLES
            ],
            "schema_url": reverse("api-v1:openapi-json"),
            "page_max": PAGE_LIMIT_MAX,
            "rate": settings.REBOUND_API_REQUESTS_PER_MINUTE,
        },
    )


urlpatterns = [path("api/v1/docs/", api_docs, name="api_docs")]
