"""Forms for the staff-side screens of core: the organization, departments, positions and staff.

Forms only validate and collect input; the views hand `cleaned_data` to core.services,
which validate again, save and audit. Every choice of department or position is limited
to the organization the form is bound to.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import password_validators_help_text_html, validate_password
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.images.widgets import AdminImageChooser

from . import thai
from .models import Department, DepartmentKind, Membership, NamePrefix, Organization, Position
from .roles import ROLES
from .selectors import department_descendant_ids, department_tree, positions_for, role_codes_for_user
from .services import DEPARTMENT_EDITABLE_FIELDS, ORGANIZATION_EDITABLE_FIELDS

User = get_user_model()


def apply_validation_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError beside the form's fields (or above the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields and field != NON_FIELD_ERRORS else None
            for item in errors:
                form.add_error(target, item)
    else:
        form.add_error(None, error)


def role_choices() -> list[tuple[str, str]]:
    return [(code, role.group_name) for code, role in ROLES.items()]


class DepartmentChoiceField(forms.ModelChoiceField):
    """A department of one organization, offered in tree order and indented by depth."""

    def limit_to(
        self, queryset: QuerySet[Department], *, organization: Organization | None, exclude: set[int] | None = None
    ) -> None:
        """Offer `queryset`'s departments (minus `exclude`) in tree order, indented by depth."""
        exclude = exclude or set()
        allowed = set(queryset.values_list("pk", flat=True)) - exclude
        tree = department_tree(organization=organization) if organization is not None else []
        choices: list[tuple[Any, str]] = [("", "---------")]
        for department, depth in tree:
            if department.pk in allowed:
                choices.append((department.pk, "\u2003" * depth + department.name))
        self.queryset = queryset.filter(pk__in=allowed)
        self.choices = choices


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ORGANIZATION_EDITABLE_FIELDS
        widgets = {"emblem": AdminImageChooser, "address": forms.Textarea(attrs={"rows": 3})}

    def clean_phone(self) -> str:
        value = self.cleaned_data.get("phone", "").strip()
        if value and not thai.is_valid_phone(value):
            raise ValidationError(
                _("Enter a Thai phone number such as 0-5373-1288 or 081-234-5678."), code="invalid_phone"
            )
        return value

    def clean_postcode(self) -> str:
        value = thai.to_arabic_digits(self.cleaned_data.get("postcode", "")).strip()
        if value and (len(value) != 5 or not value.isdigit()):
            raise ValidationError(_("A postcode has five digits, e.g. 57130."), code="invalid_postcode")
        return value


class DepartmentForm(forms.ModelForm):
    parent = DepartmentChoiceField(
        queryset=Department.objects.none(),
        required=False,
        label=_("parent department"),
        help_text=_("Leave empty for an office or division; a section or unit belongs to one."),
    )

    class Meta:
        model = Department
        fields = DEPARTMENT_EDITABLE_FIELDS

    def __init__(self, *args: Any, organization: Organization | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organization = organization
        if self.instance.pk is None and organization is not None:
            self.instance.organization = organization
        exclude: set[int] = set()
        if self.instance.pk is not None:
            exclude = {self.instance.pk} | department_descendant_ids(department=self.instance)
        cast(DepartmentChoiceField, self.fields["parent"]).limit_to(
            Department.objects.filter(organization=organization).exclude(kind=DepartmentKind.UNIT),
            organization=organization,
            exclude=exclude,
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        name = cleaned.get("name")
        if name and "parent" not in self.errors:
            siblings = Department.objects.filter(
                organization=self.organization, parent=cleaned.get("parent"), name=name
            ).exclude(pk=self.instance.pk)
            if siblings.exists():
                self.add_error("name", _("A department with this name already exists at this level."))
        return cleaned


class PositionForm(forms.ModelForm):
    class Meta:
        model = Position
        fields = ["name"]

    def __init__(self, *args: Any, organization: Organization | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organization = organization
        if self.instance.pk is None and organization is not None:
            self.instance.organization = organization

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        duplicates = Position.objects.filter(organization=self.organization, name=name).exclude(pk=self.instance.pk)
        if duplicates.exists():
            raise ValidationError(_("This organization already has a position with this name."), code="duplicate")
        return name


class _StaffPlaceFields(forms.Form):
    """Fields shared by the staff create and edit forms: name, place in the organization, roles."""

    first_name = forms.CharField(label=_("first name"), max_length=150)
    last_name = forms.CharField(label=_("last name"), max_length=150)
    email = forms.EmailField(label=_("e-mail"), required=False)
    name_prefix = forms.ChoiceField(label=_("name prefix"), choices=NamePrefix.choices, required=False)
    department = DepartmentChoiceField(queryset=Department.objects.none(), label=_("department"), required=False)
    position = forms.ModelChoiceField(queryset=Position.objects.none(), label=_("position"), required=False)
    roles = forms.MultipleChoiceField(
        label=_("roles"),
        choices=role_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("What this person may do in the admin. Roles apply to the account as a whole."),
    )

    def __init__(self, *args: Any, organization: Organization | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organization = organization
        cast(DepartmentChoiceField, self.fields["department"]).limit_to(
            Department.objects.filter(organization=organization), organization=organization
        )
        cast(forms.ModelChoiceField, self.fields["position"]).queryset = positions_for(organization=organization)


class StaffCreateForm(_StaffPlaceFields):
    """A new account and its membership, in one step."""

    username = forms.RegexField(
        label=_("username"),
        max_length=150,
        regex=r"^[\w.@+-]+\Z",
        help_text=_("Letters, digits and @ . + - _ only; used to sign in."),
        error_messages={"invalid": _("Use only letters, digits and @ . + - _ in the username.")},
    )
    password1 = forms.CharField(label=_("password"), strip=False, widget=forms.PasswordInput(render_value=False))
    password2 = forms.CharField(
        label=_("password again"),
        strip=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Enter the same password again."),
    )

    field_order = [
        "username",
        "name_prefix",
        "first_name",
        "last_name",
        "email",
        "password1",
        "password2",
        "department",
        "position",
        "roles",
    ]

    def __init__(self, *args: Any, instance: Membership | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password1"].help_text = password_validators_help_text_html()

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if User._default_manager.filter(username__iexact=username).exists():
            raise ValidationError(_("This username is taken; choose another."), code="duplicate_username")
        return username

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2:
            if password1 != password2:
                self.add_error("password2", _("The two passwords differ."))
            else:
                candidate = User(
                    username=cleaned.get("username", ""),
                    first_name=cleaned.get("first_name", ""),
                    last_name=cleaned.get("last_name", ""),
                    email=cleaned.get("email", ""),
                )
                try:
                    validate_password(password1, candidate)
                except ValidationError as error:
                    self.add_error("password1", error)
        return cleaned


class StaffEditForm(_StaffPlaceFields):
    """A staff member's name, place in the organization, active flag and roles."""

    is_active = forms.BooleanField(
        label=_("active"),
        required=False,
        help_text=_("Clear to stop this person using this organization's admin; their history is kept."),
    )

    field_order = [
        "name_prefix",
        "first_name",
        "last_name",
        "email",
        "department",
        "position",
        "is_active",
        "roles",
    ]

    def __init__(self, *args: Any, instance: Membership, **kwargs: Any) -> None:
        user = instance.user
        kwargs["initial"] = {
            **{
                "first_name": user.first_name,
                "last_name": user.last_name,
                "email": user.email,
                "name_prefix": instance.name_prefix,
                "department": instance.department_id,
                "position": instance.position_id,
                "is_active": instance.is_active,
                "roles": role_codes_for_user(user),
            },
            **(kwargs.get("initial") or {}),
        }
        super().__init__(*args, **kwargs)
        self.instance = instance
