"""Form for the CSV import's upload: a file of applications that parses."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ..web.limits import MAX_UPLOAD_BYTES, MAX_UPLOAD_MB
from .csv_import import MAX_ROWS, CsvImportError, parse_applications


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        # The parser gives an empty file its own clear message, like every other bad file.
        allow_empty_file=True,
        help_text=format_lazy(
            _("A .csv file of up to {size} MB and {rows:,} rows."),
            size=MAX_UPLOAD_MB,
            rows=MAX_ROWS,
        ),
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        """Return the uploaded bytes once they parse as a file of applications."""
        upload = self.cleaned_data["file"]
        # Read one byte past the limit so an oversized file is refused without reading it all.
        content = upload.read(MAX_UPLOAD_BYTES + 1)
        try:
            parsed = parse_applications(content)
        except CsvImportError as exc:
            raise forms.ValidationError(str(exc), code="unreadable") from None
        if not parsed.rows and not parsed.errors:
            raise forms.ValidationError(
                _("We found the column headings but no applications under them."),
                code="no_rows",
            )
        self.filename = upload.name
        return content
