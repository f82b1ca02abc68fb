"""Forms of the corruption channel. The report form is built from the questionnaire version in use."""

from __future__ import annotations

import datetime as dt
import json
import secrets
from typing import Any

from django import forms
from django.core import signing
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from . import crypto
from .conf import conf
from .models import ChannelSettings, ReferralTarget, ReportCategory, ReportOutcome, ReportStatus
from .selectors import Recipient
from .uploads import ACCEPT_ATTRIBUTE, CleanFile, UploadRejected, evidence_clean

_FORM_SALT = "prongsai.complaints.form-token"

IDENTITY_FIELDS = ("identity_name", "identity_contact", "identity_address")


def form_token_new() -> str:
    """A signed one-time nonce for a blank report form."""
    return signing.TimestampSigner(salt=_FORM_SALT).sign(secrets.token_urlsafe(24))


def form_token_nonce(token: str) -> str | None:
    try:
        return signing.TimestampSigner(salt=_FORM_SALT).unsign(token, max_age=int(conf("FORM_TOKEN_MAX_AGE_SECONDS")))
    except signing.BadSignature:
        return None


def _localized(question: dict[str, Any], key: str) -> str:
    if (get_language() or "th").startswith("en") and question.get(f"{key}_en"):
        return str(question[f"{key}_en"])
    return str(question.get(key, ""))


class ReportForm(forms.Form):
    """The report, in steps (fieldsets): the questions, evidence, identity (optional), recipients."""

    form_token = forms.CharField(widget=forms.HiddenInput, max_length=200)
    category = forms.ChoiceField(label=_("Type of wrongdoing"), choices=[("", "—"), *ReportCategory.choices])
    identity_name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    identity_contact = forms.CharField(
        label=_("How to contact you (phone, e-mail or LINE)"), max_length=200, required=False
    )
    identity_address = forms.CharField(
        label=_("Your address"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    recipients = forms.TypedMultipleChoiceField(
        label=_("Who will receive the report"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Keep at least one officer to receive the report.")},
    )

    def __init__(self, *args: Any, definition: dict[str, Any], recipients: list[Recipient], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.question_names: list[str] = []
        questions: dict[str, forms.Field] = {}
        for question in definition.get("fields", []):
            name = f"q_{question['name']}"
            self.question_names.append(name)
            common: dict[str, Any] = {
                "label": _localized(question, "label"),
                "help_text": _localized(question, "help"),
                "required": bool(question.get("required")),
            }
            max_length = int(question.get("max_length", 300))
            kind = question.get("type", "text")
            field: forms.Field
            if kind == "textarea":
                field = forms.CharField(
                    max_length=max_length, widget=forms.Textarea(attrs={"rows": 5, "maxlength": max_length}), **common
                )
            elif kind == "date":
                field = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
            elif kind == "select":
                choices = [("", "—")] + [(c, c) for c in question.get("choices", [])]
                field = forms.ChoiceField(choices=choices, **common)
            else:
                field = forms.CharField(max_length=max_length, **common)
            questions[name] = field
        # Questions come first, in the questionnaire's order.
        self.fields = {**{"form_token": self.fields.pop("form_token")}, **questions, **self.fields}
        self.fields["recipients"].choices = [  # type: ignore[attr-defined]
            (r.key_id, " · ".join(part for part in (r.position, r.department) if part) or _("Case officer"))
            for r in recipients
        ]
        if not self.is_bound:
            self.initial["recipients"] = [r.key_id for r in recipients]

    def question_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.question_names]

    def identity_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in IDENTITY_FIELDS]

    def answers(self) -> dict[str, str]:
        result = {}
        for name in self.question_names:
            value: Any = self.cleaned_data.get(name)
            result[name.removeprefix("q_")] = value.isoformat() if isinstance(value, dt.date) else str(value or "")
        return result

    def identity(self) -> dict[str, str] | None:
        values = {name.removeprefix("identity_"): self.cleaned_data.get(name, "").strip() for name in IDENTITY_FIELDS}
        return values if any(values.values()) else None


def clean_uploads(files: list[UploadedFile]) -> tuple[list[CleanFile], list[str]]:
    """Check each uploaded file; return the accepted ones and one message per refused file."""
    accepted: list[CleanFile] = []
    errors: list[str] = []
    for upload in files:
        name = str(upload.name or "")
        rejected = getattr(upload, "rejected", "")
        if rejected == "too_many":
            errors.append(str(_("%(name)s: at most %(n)d files can be sent.") % {"name": name, "n": conf("MAX_FILES")}))
            continue
        if rejected == "too_big":
            errors.append(str(_("%(name)s: the file is larger than 10 MB.") % {"name": name}))
            continue
        if not name and not upload.size:
            continue  # an empty file input
        try:
            accepted.append(evidence_clean(name, upload.read()))
        except UploadRejected as error:
            errors.append(f"{name}: {error.message}")
    return accepted, errors


class EvidenceInput(forms.ClearableFileInput):
    allow_multiple_selected = True


def evidence_widget_html() -> str:
    return EvidenceInput(attrs={"multiple": True, "accept": ACCEPT_ATTRIBUTE, "id": "id_evidence"}).render(
        "evidence", None
    )


class ReceiptForm(forms.Form):
    receipt = forms.CharField(
        label=_("Tracking code (16 digits)"),
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_receipt(self) -> str:
        receipt = crypto.receipt_normalize(self.cleaned_data["receipt"])
        if receipt is None:
            raise forms.ValidationError(_("A tracking code has exactly 16 digits."))
        return receipt


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 4, "maxlength": 5000})
    )


# --- Officer forms -------------------------------------------------------------------------------


class KeySetupForm(forms.Form):
    passphrase = forms.CharField(label=_("Passphrase for your key"), min_length=12, widget=forms.PasswordInput)
    passphrase_again = forms.CharField(label=_("Passphrase again"), widget=forms.PasswordInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("passphrase") and data.get("passphrase") != data.get("passphrase_again"):
            self.add_error("passphrase_again", _("The two passphrases differ."))
        return data


class UnlockForm(forms.Form):
    passphrase = forms.CharField(label=_("Passphrase"), widget=forms.PasswordInput)


class RecoverForm(KeySetupForm):
    recovery_key = forms.CharField(label=_("Recovery key"), max_length=100)
    field_order = ["recovery_key", "passphrase", "passphrase_again"]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=ReportStatus.choices)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", "—"), *ReportOutcome.choices], required=False)
    referred_to = forms.ChoiceField(
        label=_("Referred to"), choices=[("", "—"), *ReferralTarget.choices], required=False
    )

    def __init__(self, *args: Any, allowed: tuple[str, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [  # type: ignore[attr-defined]
            (value, label) for value, label in ReportStatus.choices if value in allowed
        ]


class TextForm(forms.Form):
    body = forms.CharField(label=_("Text"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))


class OfficerChoiceForm(forms.Form):
    officer = forms.TypedChoiceField(label=_("Officer"), coerce=int)

    def __init__(self, *args: Any, officers: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].choices = officers  # type: ignore[attr-defined]


class ChannelSettingsForm(WagtailAdminModelForm):
    class Meta:
        model = ChannelSettings
        fields = [
            "guideline_title",
            "guideline",
            "acknowledgement_days",
            "receipt_access_days",
            "followup_idle_minutes",
            "retention_concluded_days",
            "retention_referred_days",
            "retention_closed_days",
            "notification_interval_minutes",
            "escrow_public_key",
        ]


class QuestionnaireForm(forms.Form):
    definition = forms.CharField(
        label=_("Questions (JSON)"),
        widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "false"}),
        help_text=_(
            'A "fields" list; each question has name, type (text, textarea, date, select), label, '
            "label_en, help, required, max_length and, for select, choices."
        ),
    )

    def clean_definition(self) -> Any:
        try:
            return json.loads(self.cleaned_data["definition"])
        except json.JSONDecodeError as error:
            raise forms.ValidationError(_("This is not valid JSON: %(error)s") % {"error": error.msg}) from error
