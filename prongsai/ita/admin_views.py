"""Staff screens under /admin/ita/ (menu "ITA"). Thin: parse, check permission, call a service, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.core.models import Organization
from prongsai.core.thai import FiscalYear

from . import forms, permissions, selectors, services, wording
from .charts import indicator_chart
from .models import AssessmentResult, FilesStatus, Measure, MeasureResult, ReportKind, ReportRound, RoundStatus
from .report_document import template_for
from .services.reports import CONTENT_TYPES, FORMATS, report_filename, report_round_data


def _organization(request: HttpRequest) -> Organization:
    organization = getattr(request, "organization", None)
    if not organization:
        raise Http404
    if not permissions.can_read(request.user, organization):
        raise PermissionDenied
    return organization  # type: ignore[no-any-return]


def _coordinator(request: HttpRequest, organization: Organization) -> None:
    if not permissions.is_coordinator(request.user, organization):
        raise PermissionDenied


def _page(request: HttpRequest, template: str, title: str, **context: Any) -> HttpResponse:
    context.setdefault("page_title", title)
    context.setdefault("header_icon", "clipboard-list")
    return render(request, f"ita/admin/{template}", context)


def _current_year() -> int:
    years = set(selectors.frameworks_list().values_list("fiscal_year", flat=True))
    current = FiscalYear.current().be
    return current if current in years else max(years, default=current)


# --- Frameworks ---------------------------------------------------------------------------------


def frameworks_index(request: HttpRequest) -> HttpResponse:
    _organization(request)
    can_clone = request.user.has_perm("ita.add_framework")
    form = forms.FrameworkCloneForm(request.POST or None)
    if request.method == "POST":
        if not can_clone:
            raise PermissionDenied
        if form.is_valid():
            try:
                framework = services.framework_clone(
                    actor=request.user, from_year=form.cleaned_data["from_year"], to_year=form.cleaned_data["to_year"]
                )
            except ValidationError as error:
                forms.apply_errors(form, error)
            else:
                messages.success(request, _("The framework was copied; check it before use."))
                return redirect("ita_admin:framework", year=framework.fiscal_year)
    return _page(
        request,
        "frameworks.html",
        _("ITA frameworks"),
        frameworks=selectors.frameworks_list(),
        clone_form=form,
        can_clone=can_clone,
        can_edit_data=request.user.has_perm("ita.change_oititem"),
    )


def framework_detail(request: HttpRequest, year: int) -> HttpResponse:
    _organization(request)
    framework = selectors.framework_for_year(year)
    if framework is None:
        raise Http404
    return _page(
        request,
        "framework.html",
        framework.title,
        framework=framework,
        items=selectors.oit_items_for(framework),
    )


# --- Results and analysis -----------------------------------------------------------------------


def results_index(request: HttpRequest) -> HttpResponse:
    organization = _organization(request)
    return _page(
        request,
        "results.html",
        _("Past ITA results"),
        results=selectors.results_for(organization=organization),
        can_edit=permissions.is_coordinator(request.user, organization),
    )


def result_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    organization = _organization(request)
    _coordinator(request, organization)
    result = get_object_or_404(AssessmentResult, pk=pk, organization=organization) if pk else None
    initial: dict[str, Any] = {}
    if result is not None:
        initial = {
            "fiscal_year": result.fiscal_year,
            "total": result.total,
            "level": result.level,
            "iit_score": result.iit_score,
            "eit_score": result.eit_score,
            "oit_score": result.oit_score,
        }
        initial.update({f"indicator_{s.indicator.number}": s.score for s in result.indicator_scores.all()})
    form = forms.AssessmentResultForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.assessment_result_save(
                actor=request.user,
                organization=organization,
                fiscal_year=data["fiscal_year"],
                total=data["total"],
                level=data["level"],
                iit_score=data["iit_score"],
                eit_score=data["eit_score"],
                oit_score=data["oit_score"],
                indicator_scores=form.indicator_scores(),
            )
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, _("The result was saved."))
            return redirect("ita_admin:result_detail", pk=saved.pk)
    title = _("Edit ITA result") if result else _("Enter an ITA result")
    return _page(request, "result_form.html", title, form=form, result=result)


def result_import(request: HttpRequest) -> HttpResponse:
    organization = _organization(request)
    _coordinator(request, organization)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    row_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            outcome = services.assessment_result_import(
                actor=request.user,
                organization=organization,
                content=upload.read(services.results.MAX_IMPORT_BYTES + 1),
                filename=upload.name,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                forms.apply_errors(form, error)
            else:
                row_errors = list(error.messages)
        else:
            messages.success(
                request, _("Imported %(count)s results; nothing else changed.") % {"count": len(outcome.results)}
            )
            return redirect("ita_admin:results")
    return _page(request, "result_import.html", _("Import ITA results"), form=form, row_errors=row_errors)


def result_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organization = _organization(request)
    result = get_object_or_404(AssessmentResult.objects.select_related("framework"), pk=pk, organization=organization)
    can_edit = permissions.is_coordinator(request.user, organization)
    form = forms.AnalysisForm(request.POST or None, initial={"analysis": result.analysis})
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.assessment_result_update_analysis(
                    actor=request.user, result=result, analysis=form.cleaned_data["analysis"]
                )
            except ValidationError as error:
                forms.apply_errors(form, error)
            else:
                messages.success(request, _("The analysis was saved."))
                return redirect("ita_admin:result_detail", pk=result.pk)
    rows = services.result_analysis(result)
    return _page(
        request,
        "result_detail.html",
        _("Analysis of the ITA result %(year)s") % {"year": result.fiscal_year},
        result=result,
        urgent=[r for r in rows if r.band == "urgent"],
        improve=[r for r in rows if r.band == "improve"],
        chart=indicator_chart(rows, title=_("Indicator scores")) if rows else "",
        form=form,
        can_edit=can_edit,
        next_year=result.fiscal_year + 1,
    )


@require_POST
def result_draft_measures(request: HttpRequest, pk: int) -> HttpResponse:
    organization = _organization(request)
    _coordinator(request, organization)
    result = get_object_or_404(AssessmentResult, pk=pk, organization=organization)
    year = result.fiscal_year + 1
    try:
        drafted = services.measures_draft_from_analysis(actor=request.user, organization=organization, year=year)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("ita_admin:result_detail", pk=pk)
    messages.success(request, _("Drafted %(count)s measures for %(year)s.") % {"count": len(drafted), "year": year})
    return redirect("ita_admin:measures", year=year)


# --- Measures -------------------------------------------------------------------------------------


def measures_home(request: HttpRequest) -> HttpResponse:
    _organization(request)
    year = request.GET.get("year", "")
    return redirect("ita_admin:measures", year=int(year) if year.isdigit() else _current_year())


def measures_index(request: HttpRequest, year: int) -> HttpResponse:
    organization = _organization(request)
    groups = selectors.measures_grouped(organization=organization, year=year)
    user = request.user
    for group in groups:
        for measure in group.measures:
            measure.user_can_add_result = permissions.can_add_result(user, measure)  # type: ignore[attr-defined]
    return _page(
        request,
        "measures.html",
        _("Integrity measures %(year)s") % {"year": year},
        year=year,
        groups=groups,
        years=selectors.measure_years(organization=organization),
        has_framework=selectors.framework_for_year(year) is not None,
        can_edit=permissions.is_coordinator(user, organization),
    )


def _measure_form_submit(
    request: HttpRequest, form: forms.MeasureForm, organization: Organization, year: int, measure: Measure | None
) -> Measure | None:
    if not form.is_valid():
        return None
    data = dict(form.cleaned_data)
    owners = list(data.pop("owners"))
    try:
        if measure is None:
            return services.measure_create(
                actor=request.user, organization=organization, fiscal_year=year, owners=owners, **data
            )
        return services.measure_update(actor=request.user, measure=measure, owners=owners, **data)
    except ValidationError as error:
        forms.apply_errors(form, error)
        return None


def measure_add(request: HttpRequest, year: int) -> HttpResponse:
    organization = _organization(request)
    _coordinator(request, organization)
    if selectors.framework_for_year(year) is None:
        raise Http404
    form = forms.MeasureForm(
        request.POST or None,
        organization=organization,
        year=year,
        initial={"schedule_text": FiscalYear(year).label(thai_digits=False)},
    )
    if request.method == "POST":
        measure = _measure_form_submit(request, form, organization, year, None)
        if measure is not None:
            messages.success(request, _("The measure was added."))
            return redirect(f"{reverse('ita_admin:measures', args=[year])}#measure-{measure.pk}")
    return _page(request, "measure_form.html", _("Add a measure for %(year)s") % {"year": year}, form=form, year=year)


def measure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organization = _organization(request)
    measure = get_object_or_404(Measure, pk=pk, organization=organization)
    if not permissions.can_edit_measure(request.user, measure):
        raise PermissionDenied
    form = forms.MeasureForm(
        request.POST or None,
        organization=organization,
        year=measure.fiscal_year,
        initial=forms.MeasureForm.initial_for(measure),
    )
    if (
        request.method == "POST"
        and _measure_form_submit(request, form, organization, measure.fiscal_year, measure) is not None
    ):
        messages.success(request, _("The measure was saved."))
        return redirect("ita_admin:measure", pk=measure.pk)
    return _page(request, "measure_form.html", _("Edit measure"), form=form, year=measure.fiscal_year, measure=measure)


@require_POST
def measure_delete(request: HttpRequest, pk: int) -> HttpResponse:
    organization = _organization(request)
    measure = get_object_or_404(Measure, pk=pk, organization=organization)
    year = measure.fiscal_year
    services.measure_delete(actor=request.user, measure=measure)
    messages.success(request, _("The measure was deleted."))
    return redirect("ita_admin:measures", year=year)


def measure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organization = _organization(request)
    year = get_object_or_404(Measure, pk=pk, organization=organization).fiscal_year
    measure = selectors.measures_for(organization=organization, year=year).get(pk=pk)
    can_add = permissions.can_add_result(request.user, measure)
    form = forms.MeasureResultForm(request.POST or None, request.FILES or None, organization=organization)
    if request.method == "POST":
        if not can_add:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            links = form.links()
            try:
                services.measure_result_add(
                    actor=request.user,
                    measure=measure,
                    date=data["date"],
                    text=data["text"],
                    files=data["evidence_files"],
                    links=links,
                )
            except ValidationError as error:
                forms.apply_errors(form, error)
            else:
                messages.success(request, _("The result was recorded."))
                return redirect("ita_admin:measure", pk=measure.pk)
    return _page(
        request,
        "measure_detail.html",
        measure.indicator.label,
        measure=measure,
        form=form,
        can_add=can_add,
        can_edit=permissions.can_edit_measure(request.user, measure),
        user_id=request.user.pk,
    )


@require_POST
def measure_result_delete(request: HttpRequest, pk: int) -> HttpResponse:
    organization = _organization(request)
    result = get_object_or_404(
        MeasureResult.objects.select_related("measure"), pk=pk, measure__organization=organization
    )
    services.measure_result_delete(actor=request.user, result=result)
    messages.success(request, _("The result was deleted."))
    return redirect("ita_admin:measure", pk=result.measure_id)


# --- Reports and approval -------------------------------------------------------------------------


def reports_index(request: HttpRequest) -> HttpResponse:
    organization = _organization(request)
    can_manage = permissions.can_manage_reports(request.user, organization)
    form = forms.ReportRoundForm(
        request.POST or None, organization=organization, initial={"fiscal_year": _current_year()}
    )
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                report_round = services.report_round_create(
                    actor=request.user,
                    organization=organization,
                    fiscal_year=data["fiscal_year"],
                    kind=data["kind"],
                    memo_date=data["memo_date"],
                    document_number=data["document_number"],
                    signer=data["signer"],
                )
            except ValidationError as error:
                forms.apply_errors(form, error)
            else:
                messages.success(request, _("The report round was started."))
                return redirect("ita_admin:report", pk=report_round.pk)
    return _page(
        request,
        "reports.html",
        _("ITA reports and approval"),
        rounds=selectors.rounds_for(organization=organization).select_related("signer__user"),
        form=form,
        can_manage=can_manage,
        kinds=ReportKind.choices,
    )


def _round(request: HttpRequest, pk: int) -> tuple[Organization, ReportRound]:
    organization = _organization(request)
    return organization, get_object_or_404(ReportRound, pk=pk, organization=organization)


def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organization, report_round = _round(request, pk)
    user = request.user
    data = report_round_data(report_round)
    editing = report_round.status in (RoundStatus.DRAFT, RoundStatus.RETURNED)
    can_manage = permissions.can_manage_reports(user, organization)
    return _page(
        request,
        "report_detail.html",
        str(report_round),
        report=report_round,
        data=data,
        columns=[label for label, _weight in data["table"]["columns"]],
        can_submit=permissions.can_submit(user, report_round),
        can_opine=permissions.can_opine(user, report_round),
        can_order=permissions.can_order(user, report_round),
        can_return=permissions.can_return(user, report_round),
        can_edit_memo=can_manage and editing,
        edit_form=forms.ReportRoundForm(
            organization=organization,
            editing=True,
            initial={
                "memo_date": report_round.memo_date,
                "document_number": report_round.document_number,
                "signer": report_round.signer_id,
            },
        ),
        chief_form=forms.chief_form(),
        executive_form=forms.executive_form(),
        return_form=forms.ReturnForm(),
        generating=report_round.files_status == FilesStatus.PENDING,
        public_url=reverse("ita:public_year", args=[report_round.fiscal_year]) if report_round.published_at else "",
    )


@require_POST
def report_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    organization, report_round = _round(request, pk)
    user = request.user
    try:
        if action == "submit":
            services.report_round_submit(actor=user, report_round=report_round)
            messages.success(request, _("Sent to the chief administrator."))
        elif action == "edit":
            form = forms.ReportRoundForm(request.POST, organization=organization, editing=True)
            if not form.is_valid():
                raise ValidationError([str(m) for errors in form.errors.values() for m in errors])
            services.report_round_update(
                actor=user,
                report_round=report_round,
                memo_date=form.cleaned_data["memo_date"],
                document_number=form.cleaned_data["document_number"],
                signer=form.cleaned_data["signer"],
            )
            messages.success(request, _("The memo details were saved."))
        elif action in ("opine", "order"):
            decision = forms.chief_form(request.POST) if action == "opine" else forms.executive_form(request.POST)
            if not decision.is_valid():
                raise ValidationError(_("Choose one of the printed options or write your own words."))
            service = services.report_round_opine if action == "opine" else services.report_round_order
            service(
                actor=user,
                report_round=report_round,
                choice=decision.cleaned_data["choice"],
                remark=decision.cleaned_data["remark"],
            )
            messages.success(
                request, _("Your opinion was recorded.") if action == "opine" else _("Approved and published.")
            )
        elif action == "return":
            services.report_round_return(actor=user, report_round=report_round, comment=request.POST.get("comment", ""))
            messages.success(request, _("Returned to the coordinator."))
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("ita_admin:report", pk=report_round.pk)


def report_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    _organization_unused, report_round = _round(request, pk)
    if fmt not in FORMATS:
        raise Http404
    content = services.report_round_render(report_round=report_round, fmt=fmt)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    filename = report_filename(report_round, kind=report_round.kind, year=report_round.fiscal_year, fmt=fmt)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def template_edit(request: HttpRequest, kind: str) -> HttpResponse:
    organization = _organization(request)
    if kind not in ReportKind.values or not permissions.can_manage_reports(request.user, organization):
        raise PermissionDenied
    template = template_for(organization=organization, kind=kind)
    form = forms.TemplateForm(request.POST or None, instance=template, organization=organization)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_template_save(
                actor=request.user,
                organization=organization,
                kind=kind,
                **{name: form.cleaned_data[name] for name in form.Meta.fields},
            )
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, _("The wording was saved."))
            return redirect("ita_admin:reports")
    return _page(
        request,
        "template_form.html",
        _("Report wording: %(kind)s") % {"kind": ReportKind(kind).label},
        form=form,
        placeholders=wording.PLACEHOLDERS,
    )
