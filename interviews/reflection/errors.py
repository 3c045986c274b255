"""The error summary shown at the top of a step: each error with a link to its field."""

from django import forms
from django.forms.forms import NON_FIELD_ERRORS
from django.utils.translation import gettext as _


def _anchor(bound_field):
    """Return the id of the control that an error link should jump to."""
    if isinstance(bound_field.field.widget, forms.RadioSelect):
        # Radio buttons and checkbox lists: jump to the first choice.
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label


def _form_errors(form, lead=""):
    items = []
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS:
            name = next(iter(form.fields))
        anchor = _anchor(form[name])
        items.extend((anchor, f"{lead}{error}") for error in errors)
    return items


def error_summary(form):
    """Return (anchor id, message) pairs for every error of a step's form or formset."""
    if not form.is_bound:
        return []
    if not isinstance(form, forms.BaseFormSet):
        return _form_errors(form)
    items = [("items-errors", str(error)) for error in form.general_errors()]
    for number, item in enumerate(form.forms, start=1):
        lead = _("%(item)s %(number)d: ") % {"item": form.item_label, "number": number}
        items.extend(_form_errors(item, lead))
    return items
