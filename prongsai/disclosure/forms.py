"""Forms of the staff screens. They parse and keep input; the services decide what may be saved."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.models import Page

from prongsai.core.models import Department, Organization

from .models import EvidenceKind, OitAssignment
from .uploads import allowed_extensions, max_upload_bytes

EVIDENCE_KINDS = [
    (EvidenceKind.PAGE.value, _("A page of this website")),
    (EvidenceKind.DOCUMENT.value, _("A document in the library")),
    ("upload", _("Upload a file")),
    (EvidenceKind.URL.value, _("A link (address)")),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class PageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        depth = max(obj.depth - 2, 0)
        label = "\u2003" * depth + obj.title
        if not obj.live:
            label += " " + str(_("(not published)"))
        return label


class DocumentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.filename})"


def department_choices(organization: Organization) -> Any:
    return Department.objects.filter(organization=organization).order_by("sort_order", "name")


def department_tree_choices(organization: Organization) -> list[tuple[int, str]]:
    """The departments in tree order, units indented under their office or division (one query)."""
    from prongsai.core.selectors import department_tree

    return [(d.pk, "\u2003" * depth + d.name) for d, depth in department_tree(organization=organization)]


class DepartmentsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.full_name if obj.parent_id else obj.name


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of evidence"), choices=EVIDENCE_KINDS, widget=forms.RadioSelect)
    page = PageChoiceField(label=_("Page"), queryset=Page.objects.none(), required=False)
    document = DocumentChoiceField(label=_("Document"), queryset=get_document_model().objects.none(), required=False)
    upload = forms.FileField(label=_("File"), required=False)
    url = forms.CharField(
        label=_("Address (URL)"),
        required=False,
        max_length=1000,
        help_text=_("e.g. https://www.example.go.th/… or /about/ for a page of this website"),
    )
    title = forms.CharField(
        label=_("Title"), required=False, max_length=300, help_text=_("Leave blank to use the page or file title.")
    )
    note = forms.CharField(
        label=_("Note for the evaluator"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What to look at and where, e.g. “the organization chart is the first picture on the page”."),
    )
    evidence_date = forms.DateField(
        label=_("Date of the information"),
        required=False,
        widget=DateInput(),
        help_text=_("When it was issued or published; needed for items that must be from the assessed year."),
    )

    def __init__(self, *args: Any, organization: Organization, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        site = organization.site
        if site is not None:
            self.fields["page"].queryset = Page.objects.descendant_of(site.root_page, inclusive=True).order_by(  # type: ignore[attr-defined]
                "path"
            )
        if user is not None:
            # The documents this person may choose in Wagtail (collection permissions), as in Wagtail's chooser.
            from wagtail.documents.permissions import permission_policy

            documents = permission_policy.instances_user_has_any_permission_for(user, ["choose"])
        else:
            documents = get_document_model().objects.all()
        self.fields["document"].queryset = documents.order_by("title")  # type: ignore[attr-defined]
        self.fields["upload"].help_text = _("%(types)s; at most %(size)s MB.") % {
            "types": ", ".join(ext.upper() for ext in allowed_extensions()),
            "size": max_upload_bytes() // (1024 * 1024),
        }
        self.fields["upload"].widget.attrs["accept"] = ",".join(f".{ext}" for ext in allowed_extensions())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        required = {"page": "page", "document": "document", "upload": "upload", "url": "url"}.get(kind or "")
        if required and not data.get(required) and not self.has_error(required):
            messages = {
                "page": _("Choose a page of this website."),
                "document": _("Choose a document."),
                "upload": _("Choose a file to upload."),
                "url": _("Enter the address of the page or file."),
            }
            self.add_error(required, messages[required])
        return data


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when returning: say what needs to change."),
    )


class AssignmentForm(forms.Form):
    """One item's departments and due date (the item page)."""

    departments = DepartmentsField(
        label=_("Responsible departments"),
        queryset=Department.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DateInput())

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["departments"]
        assert isinstance(field, DepartmentsField)  # noqa: S101  (declared above)
        field.queryset = department_choices(organization)
        field.choices = department_tree_choices(organization)


class AssignManyForm(forms.Form):
    """Every item of the year on one screen: departments and due date per item, and a default due date."""

    default_due_date = forms.DateField(label=_("Due date for items without one"), required=False, widget=DateInput())

    def __init__(self, *args: Any, organization: Organization, assignments: list[OitAssignment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.assignments = assignments
        queryset = department_choices(organization)
        choices = department_tree_choices(organization)
        for assignment in assignments:
            departments = DepartmentsField(
                label=_("Responsible departments"),
                queryset=queryset,
                required=False,
                widget=forms.SelectMultiple(attrs={"size": 3}),
            )
            departments.choices = choices
            self.fields[f"departments_{assignment.pk}"] = departments
            self.fields[f"due_{assignment.pk}"] = forms.DateField(
                label=_("Due date"), required=False, widget=DateInput()
            )
            if not self.is_bound:
                self.initial[f"departments_{assignment.pk}"] = [d.pk for d in assignment.departments.all()]
                self.initial[f"due_{assignment.pk}"] = assignment.due_date

    def rows(self) -> list[tuple[OitAssignment, Any, Any]]:
        return [
            (assignment, self[f"departments_{assignment.pk}"], self[f"due_{assignment.pk}"])
            for assignment in self.assignments
        ]

    def plan(self) -> dict[int, tuple[list[Department], Any]]:
        default = self.cleaned_data.get("default_due_date")
        plan = {}
        for assignment in self.assignments:
            departments = list(self.cleaned_data.get(f"departments_{assignment.pk}") or [])
            due = self.cleaned_data.get(f"due_{assignment.pk}") or (default if departments else None)
            plan[assignment.pk] = (departments, due)
        return plan


class OrderForm(forms.Form):
    number = forms.CharField(label=_("Order number"), required=False, max_length=40, help_text=_("e.g. 123/2566"))
    order_date = forms.DateField(label=_("Date of the order"), required=False, widget=DateInput())
