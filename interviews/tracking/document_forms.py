"""Forms for the documents kept with an application: attach a file or paste text, edit one."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import DOCUMENT_MAX_BYTES, DOCUMENT_TEXT_MAX, Document
from . import filetypes

DOCUMENT_MAX_MB = DOCUMENT_MAX_BYTES // (1024 * 1024)


class DocumentForm(forms.ModelForm):
    """Attach a file, or paste text when there is no file (a job description, say)."""

    upload = forms.FileField(
        label=_("File"),
        required=False,
        # An empty file gets the same clear message as every other refused one.
        allow_empty_file=True,
        help_text=format_lazy(
            _("{types}, up to {size} MB. Rebound checks what the file really is."),
            types=filetypes.allowed_types_text(),
            size=DOCUMENT_MAX_MB,
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(filetypes.EXTENSIONS)},
        ),
    )

    class Meta:
        model = Document
        fields = ["kind", "title", "text", "sent"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}
        labels = {"text": _("Or paste the text")}
        help_texts = {
            "title": _("Leave it empty to use the file's name."),
            "text": format_lazy(
                _(
                    "When there is no file, e.g. a job description copied from the posting. "
                    "Up to {limit:,} characters."
                ),
                limit=DOCUMENT_TEXT_MAX,
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.sniffed = None
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # The template's <form> carries the token.
        self.helper.layout = Layout(
            Fieldset(
                _("The document"),
                Row(Column("kind", css_class="col-md"), Column("title", css_class="col-md")),
                "upload",
                "text",
                "sent",
            ),
        )

    def clean_upload(self):
        """Return the upload once its size and content pass, or say why it is refused."""
        upload = self.cleaned_data.get("upload")
        if not upload:
            return None
        if upload.size > DOCUMENT_MAX_BYTES:
            raise forms.ValidationError(
                gettext("This file is %(size)s; a document can be at most %(limit)s.")
                % {
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(DOCUMENT_MAX_BYTES),
                },
                code="too_big",
            )
        data = upload.read(DOCUMENT_MAX_BYTES + 1)
        try:
            kind = filetypes.sniff(data, name=upload.name or "")
        except filetypes.FileTypeError as error:
            raise forms.ValidationError(str(error), code="wrong_type") from None
        self.sniffed = (kind, data)
        return upload

    def clean(self):
        cleaned = super().clean()
        upload, text = cleaned.get("upload"), cleaned.get("text", "")
        if "upload" in self.errors:
            return cleaned
        if upload and text.strip():
            raise forms.ValidationError(
                gettext("Attach a file or paste text, not both: keep each as its own document."),
                code="both",
            )
        if not upload and not text.strip():
            raise forms.ValidationError(
                gettext("Choose a file to attach, or paste the text."), code="empty"
            )
        return cleaned

    def save(self, commit=True):
        """Store the checked bytes under a name chosen by chance, with their true type."""
        document = super().save(commit=False)
        if self.sniffed is not None:
            kind, data = self.sniffed
            document.file_name = filetypes.safe_file_name(self.cleaned_data["upload"].name, kind)
            document.content_type = kind.content_type
            document.size = len(data)
            document.text = ""
            # upload_to ignores the name given here; it only keeps the bytes.
            document.file.save("upload", ContentFile(data), save=False)
        else:
            document.text = document.text.strip()
            document.size = len(document.text.encode("utf-8"))
            document.content_type = filetypes.TXT.content_type
        if not document.title.strip():
            document.title = _default_title(document)
        if commit:
            document.save()
        return document


def _default_title(document):
    title = filetypes.title_from_name(document.file_name) if document.file_name else ""
    return (title or str(document.get_kind_display()))[:200]


class DocumentEditForm(forms.ModelForm):
    """Rename a document, change its kind, say whether it is the version that was sent."""

    class Meta:
        model = Document
        fields = ["kind", "title", "sent"]
        error_messages = {"title": {"required": _("Give the document a title.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Row(Column("kind", css_class="col-md"), Column("title", css_class="col-md")),
            "sent",
        )


class DocumentSentForm(forms.Form):
    """Mark a document as the version sent, or not."""

    sent = forms.BooleanField(required=False)
