from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .services import code_normalize, is_totp_code


class AuthenticatorCodeForm(forms.Form):
    """The 6-digit code from the authenticator app (used to confirm enrolment)."""

    code = forms.CharField(
        label=_("6-digit code from the app"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "size": 8}
        ),
    )

    def clean_code(self) -> str:
        code = code_normalize(self.cleaned_data["code"])
        if not is_totp_code(code):
            raise forms.ValidationError(_("Enter the 6-digit code shown in your authenticator app."))
        return code


class CodeForm(forms.Form):
    """A 6-digit authenticator code or one of the backup codes."""

    code = forms.CharField(
        label=_("Code from your authenticator app, or a backup code"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "size": 12}),
    )

    def clean_code(self) -> str:
        code = code_normalize(self.cleaned_data["code"])
        if not (is_totp_code(code) or (code.isascii() and code.isalnum() and 6 < len(code) <= 16)):
            raise forms.ValidationError(_("Enter the 6-digit code from your app or one of your backup codes."))
        return code
