"""Forms parse input; the services validate and write. Service errors are put back beside their fields."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from prongsai.core.models import Department, Membership, Organization
from prongsai.core.selectors import department_tree

from . import wording
from .models import Framework, Indicator, Measure, MeasureStatus, Recurrence, ReportKind, ReportTemplate
from .models.measures import RECOMMENDATIONS_MAX, RESULT_MAX, STEPS_MAX, TITLE_MAX

# Service error keys -> form field names where they differ.
FIELD_ALIASES = {"files": "evidence_files", "links": "link_url"}
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def apply_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError beside the matching fields (others at the top of the form)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            field = FIELD_ALIASES.get(field, field)
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class DepartmentChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Department) -> str:
        return obj.full_name


class FrameworkCloneForm(forms.Form):
    from_year = forms.IntegerField(label=_("Copy the framework of"), min_value=2500, max_value=2700)
    to_year = forms.IntegerField(label=_("To the fiscal year"), min_value=2500, max_value=2700)


class MeasureForm(forms.Form):
    indicator = forms.ModelChoiceField(queryset=Indicator.objects.none(), label=_("Indicator"))
    title = forms.CharField(label=_("Measure"), max_length=TITLE_MAX, widget=forms.Textarea(attrs={"rows": 2}))
    steps = forms.CharField(label=_("Steps or method"), max_length=STEPS_MAX, widget=forms.Textarea(attrs={"rows": 5}))
    schedule_text = forms.CharField(
        label=_("Schedule (as printed)"),
        max_length=300,
        required=False,
        help_text=_("Blank = the whole fiscal year, e.g. ปีงบประมาณ พ.ศ. 2566 (ตุลาคม 65 - กันยายน 66)."),
    )
    start_date = forms.DateField(label=_("Starts"), required=False, widget=DATE_INPUT)
    end_date = forms.DateField(label=_("Ends"), required=False, widget=DATE_INPUT)
    recurrence = forms.ChoiceField(label=_("Repeats"), choices=Recurrence.choices, initial=Recurrence.NONE)
    owners = DepartmentChoiceField(
        queryset=Department.objects.none(),
        label=_("Responsible departments"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    owners_text = forms.CharField(
        label=_("Responsible (as printed)"),
        max_length=300,
        required=False,
        help_text=_("Blank = the names of the responsible departments."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=MeasureStatus.choices, initial=MeasureStatus.PLANNED)
    recommendations = forms.CharField(
        label=_("Recommendations"),
        max_length=RECOMMENDATIONS_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, organization: Organization, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        indicator = cast(forms.ModelChoiceField, self.fields["indicator"])
        indicator.queryset = Indicator.objects.filter(framework__fiscal_year=year).order_by("number")
        indicator.label_from_instance = lambda obj: obj.label  # type: ignore[method-assign]
        owners = cast(DepartmentChoiceField, self.fields["owners"])
        departments = list(Department.objects.filter(organization=organization).select_related("parent"))
        owners.queryset = Department.objects.filter(organization=organization)
        by_pk = {d.pk: d for d in departments}
        tree = [d.pk for d, _depth in department_tree(organization=organization)]
        owners.choices = [(pk, by_pk[pk].full_name) for pk in tree if pk in by_pk]

    @classmethod
    def initial_for(cls, measure: Measure) -> dict[str, Any]:
        data: dict[str, Any] = {name: getattr(measure, name) for name in cls.base_fields if name != "owners"}
        data["owners"] = list(measure.owners.values_list("pk", flat=True))
        return data

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The schedule cannot end before it starts."))
        return data


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class MeasureResultForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    text = forms.CharField(label=_("What was done"), max_length=RESULT_MAX, widget=forms.Textarea(attrs={"rows": 4}))
    evidence_files = MultipleFileField(
        label=_("Evidence files"),
        required=False,
        help_text=_("PDF, DOCX, XLSX, JPG or PNG; at most 10 MB each."),
        widget=MultipleFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.jpg,.jpeg,.png"}),
    )
    page: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=None, label=_("A page of our website"), required=False
    )
    document: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=None, label=_("A document of our website"), required=False
    )
    link_title = forms.CharField(label=_("Link title"), max_length=255, required=False)
    link_url = forms.URLField(
        label=_("Link to another web address"), max_length=500, required=False, assume_scheme="https"
    )

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        from wagtail.documents import get_document_model
        from wagtail.models import Page

        super().__init__(*args, **kwargs)
        pages = Page.objects.none()
        if organization.site_id and organization.site is not None:
            pages = Page.objects.live().descendant_of(organization.site.root_page, inclusive=True)
        cast(forms.ModelChoiceField, self.fields["page"]).queryset = pages.order_by("path")
        documents = get_document_model().objects.order_by("-created_at")
        cast(forms.ModelChoiceField, self.fields["document"]).queryset = documents

    def links(self) -> list[Any]:
        from .services import EvidenceLink

        data = self.cleaned_data
        found = []
        if data.get("page"):
            found.append(EvidenceLink(title=data["page"].title, page=data["page"]))
        if data.get("document"):
            found.append(EvidenceLink(title=data["document"].title, document=data["document"]))
        if data.get("link_url"):
            found.append(EvidenceLink(title=data.get("link_title") or "", url=data["link_url"]))
        return found


class AssessmentResultForm(forms.Form):
    fiscal_year = forms.TypedChoiceField(label=_("Fiscal year"), coerce=int)
    total = forms.DecimalField(label=_("Total score"), min_value=0, max_value=100, decimal_places=2)
    level = forms.CharField(
        label=_("Level"), max_length=50, required=False, help_text=_("Blank = from the year's grade bands.")
    )
    iit_score = forms.DecimalField(label="IIT", min_value=0, max_value=100, decimal_places=2, required=False)
    eit_score = forms.DecimalField(label="EIT", min_value=0, max_value=100, decimal_places=2, required=False)
    oit_score = forms.DecimalField(label="OIT", min_value=0, max_value=100, decimal_places=2, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        years = list(Framework.objects.order_by("-fiscal_year").values_list("fiscal_year", flat=True))
        cast(forms.ChoiceField, self.fields["fiscal_year"]).choices = [(y, str(y)) for y in years]
        for number in range(1, 11):
            self.fields[f"indicator_{number}"] = forms.DecimalField(
                label=_("Indicator %(number)s") % {"number": number},
                min_value=0,
                max_value=100,
                decimal_places=2,
                required=False,
            )

    def indicator_scores(self) -> dict[int, Any]:
        return {
            n: self.cleaned_data[f"indicator_{n}"]
            for n in range(1, 11)
            if self.cleaned_data.get(f"indicator_{n}") is not None
        }


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("An .xlsx or .csv file: one row per fiscal year, columns as in the example."),
    )


class AnalysisForm(forms.Form):
    analysis = forms.CharField(
        label=_("Written analysis"), required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 10})
    )


class SignerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        position = obj.position.name if obj.position else ""
        return f"{obj.display_name} {position}".strip()


class ReportRoundForm(forms.Form):
    fiscal_year = forms.TypedChoiceField(label=_("Fiscal year"), coerce=int)
    kind = forms.ChoiceField(label=_("Report"), choices=ReportKind.choices)
    memo_date = forms.DateField(label=_("Memo date"), required=False, widget=DATE_INPUT)
    document_number = forms.CharField(
        label=_("Document number (ที่)"), max_length=100, required=False, help_text=_("Blank = from the wording.")
    )
    signer = SignerChoiceField(queryset=Membership.objects.none(), label=_("Signed by"), required=False)

    def __init__(self, *args: Any, organization: Organization, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        years = sorted(set(Framework.objects.values_list("fiscal_year", flat=True)), reverse=True)
        cast(forms.ChoiceField, self.fields["fiscal_year"]).choices = [(y, str(y)) for y in years]
        cast(SignerChoiceField, self.fields["signer"]).queryset = Membership.objects.filter(
            organization=organization, is_active=True
        ).select_related("user", "position")
        if editing:
            del self.fields["fiscal_year"]
            del self.fields["kind"]


class DecisionForm(forms.Form):
    choice = forms.ChoiceField(label=_("Decision"), required=False, widget=forms.RadioSelect)
    remark = forms.CharField(
        label=_("Own words"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, options: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["choice"]).choices = [(o, o) for o in options]


def chief_form(*args: Any, **kwargs: Any) -> DecisionForm:
    return DecisionForm(*args, options=wording.CHIEF_OPTIONS, prefix="chief", **kwargs)


def executive_form(*args: Any, **kwargs: Any) -> DecisionForm:
    return DecisionForm(*args, options=wording.EXECUTIVE_OPTIONS, prefix="executive", **kwargs)


class ReturnForm(forms.Form):
    comment = forms.CharField(label=_("What should change"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class TemplateForm(forms.ModelForm):
    class Meta:
        model = ReportTemplate
        fields = [
            "department",
            "phone",
            "number_text",
            "subject",
            "salutation",
            "background",
            "facts",
            "proposal",
            "closing",
            "table_title",
        ]
        widgets = {
            "subject": forms.Textarea(attrs={"rows": 3}),
            "background": forms.Textarea(attrs={"rows": 6}),
            "facts": forms.Textarea(attrs={"rows": 8}),
            "proposal": forms.Textarea(attrs={"rows": 6}),
            "table_title": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["department"]).queryset = Department.objects.filter(
            organization=organization
        )
