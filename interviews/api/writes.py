"""Writes through the same forms the pages use: the same limits, messages and saves."""

from django.db import models
from django.utils.translation import gettext as _

from .errors import ApiError


def form_values(form):
    """Return what an unbound form holds now (a row's values or the defaults) as form data."""
    values = {}
    for name, field in form.fields.items():
        value = form.get_initial_for_field(field, name)
        if isinstance(value, list | tuple | models.QuerySet):
            value = [getattr(item, "pk", item) for item in value]
        elif isinstance(value, models.Model):
            value = value.pk
        values[name] = "" if value is None else value
    return values


def bound_form(form_class, payload, **kwargs):
    """Return form_class bound to its current values with the payload's fields on top.

    A payload field the form does not offer (nothing of the user's to pick yet) is refused;
    null for a field the form requires leaves it as it is (or as a new row has it).
    """
    unbound = form_class(**kwargs)
    missing = {
        name: [_("There is nothing of yours to choose here yet.")]
        for name, value in payload.items()
        if name not in unbound.fields and value not in (None, "", [])
    }
    if missing:
        raise ApiError(422, "invalid", _("Some of the input was refused."), fields=missing)
    data = form_values(unbound)
    # null empties a field that may be empty; one the form requires keeps what it holds.
    data.update(
        {
            name: value
            for name, value in payload.items()
            if name in unbound.fields and not (value is None and unbound.fields[name].required)
        }
    )
    data = {name: "" if value is None else value for name, value in data.items()}
    return form_class(data, **kwargs)


def valid(form):
    """Return the form once it is valid, or refuse the request with its messages."""
    if not form.is_valid():
        fields = {
            name: [str(message) for message in messages] for name, messages in form.errors.items()
        }
        raise ApiError(422, "invalid", _("Some of the input was refused."), fields=fields)
    return form


def save_through(form_class, payload, **kwargs):
    """Validate the payload with the page's form and save it, or save nothing."""
    return valid(bound_form(form_class, payload, **kwargs)).save()
