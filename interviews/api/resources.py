"""The read, update and delete steps every resource shares: one ownership path, one ETag rule."""

from django.db import transaction
from django.urls import reverse
from ninja import Header

from ..access import lock_owned
from .etags import etag_of, require_match

# The URL namespace of the API's routes.
API_NAMESPACE = "api-v1"

IfMatch = Header(None, alias="If-Match", description="The ETag from your last read of it.")


def shown(response, representation):
    """Return a row's representation with its ETag on the response."""
    response["ETag"] = etag_of(representation)
    return representation


def update_owned(rows, pk, if_match, represent, change):
    """Lock the owner's row, check If-Match against it, apply change(row) and return it anew."""
    with transaction.atomic():
        row = lock_owned(rows, pk)
        require_match(if_match, etag_of(represent(row)))
        change(row)
    return represent(rows.get(pk=pk))


def delete_owned(rows, pk, if_match, represent):
    """Lock the owner's row, check If-Match against it and delete it."""
    with transaction.atomic():
        row = lock_owned(rows, pk)
        require_match(if_match, etag_of(represent(row)))
        row.delete()


def detail_url(name, **ids):
    """Return the API path of one row, for a Location header."""
    return reverse(f"{API_NAMESPACE}:{name}", kwargs=ids)


def created_links(resource, id_name):
    """Return the OpenAPI links from a 201 to reading, changing and deleting what it made."""
    return {"responses": {201: {"links": _links(resource, id_name)}}}


def updated_links(resource, id_name):
    """Return the OpenAPI links from a 200 after a change to its next read, change or delete."""
    return {"responses": {200: {"links": _links(resource, id_name)}}}


def _links(resource, id_name):
    ids = {id_name: "$response.body#/id"}
    with_tag = {**ids, "header.If-Match": "$response.header.ETag"}
    return {
        f"Get{resource}": {"operationId": f"get_{resource.lower()}", "parameters": ids},
        f"Update{resource}": {"operationId": f"update_{resource.lower()}", "parameters": with_tag},
        f"Delete{resource}": {"operationId": f"delete_{resource.lower()}", "parameters": with_tag},
    }
