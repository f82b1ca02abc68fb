"""Staff screens in the Wagtail admin (/admin/oit/): dashboard, item list, assigning, evidence and review,
the assignment order and the export. Views are thin: they parse, call a service or selector, render."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.core.models import Department, Organization
from prongsai.core.thai import FiscalYear

from . import charts, export, order_document, permissions, selectors, services
from .forms import AssignManyForm, AssignmentForm, EvidenceForm, OrderForm, ReviewForm
from .models import AssignmentStatus, OitAssignment, OitEvidence

View = Callable[..., HttpResponse]


def staff_view(view: View) -> View:
    """Signed-in staff of the request's organization who may read the tracker."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        organization = getattr(request, "organization", None)
        if organization is None:
            raise Http404("No organization")
        if not permissions.can_view(request.user, organization):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _org(request: HttpRequest) -> Organization:
    return request.organization  # type: ignore[attr-defined,no-any-return]


def _coordinator(request: HttpRequest) -> bool:
    return permissions.is_coordinator(request.user, _org(request))


def _require_coordinator(request: HttpRequest) -> None:
    if not _coordinator(request):
        raise PermissionDenied


def _year_or_404(year: int) -> int:
    if year not in selectors.framework_years():
        raise Http404("No framework for this year")
    return year


def _apply_errors(form: Any, error: ValidationError) -> None:
    """Put a service's ValidationError beside the fields it names (or at the top of the form)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _item_url(assignment: OitAssignment) -> str:
    return reverse("disclosure_admin:item", args=[assignment.pk])


def _context(request: HttpRequest, year: int, **extra: Any) -> dict[str, Any]:
    return {
        "year": year,
        "years": selectors.framework_years(),
        "is_coordinator": _coordinator(request),
        "fiscal_year": FiscalYear(year),
        "statuses": AssignmentStatus.choices,
        **extra,
    }


@staff_view
def index(request: HttpRequest) -> HttpResponse:
    year = selectors.default_public_year(organization=_org(request)) or FiscalYear.current().be
    return HttpResponseRedirect(reverse("disclosure_admin:dashboard", args=[year]))


@staff_view
def dashboard(request: HttpRequest, year: int) -> HttpResponse:
    _year_or_404(year)
    today = timezone.localdate()
    data = selectors.dashboard(organization=_org(request), fiscal_year=year, today=today)
    return render(
        request,
        "disclosure/admin/dashboard.html",
        _context(
            request,
            year,
            data=data,
            today=today,
            nav="dashboard",
            indicator_chart=charts.status_bars(
                data.by_indicator, title=_("Items by sub-indicator and status"), chart_id="oit-chart-indicators"
            ),
            department_chart=charts.status_bars(
                data.by_department, title=_("Items by department and status"), chart_id="oit-chart-departments"
            ),
            legend=charts.legend(),
            order_form=OrderForm(),
        ),
    )


@staff_view
def items(request: HttpRequest, year: int) -> HttpResponse:
    _year_or_404(year)
    organization = _org(request)
    status = request.GET.get("status", "")
    if status not in AssignmentStatus.values:
        status = ""
    department: Department | None = None
    if request.GET.get("department", "").isdigit():
        department = Department.objects.filter(organization=organization, pk=int(request.GET["department"])).first()
    mine = request.GET.get("mine") == "1"
    assignments = list(
        selectors.assignments_for(organization=organization, fiscal_year=year, status=status, department=department)
    )
    if mine:
        parents = permissions.department_parents(organization)
        my_department = permissions.user_department_id(request.user, organization)
        assignments = [
            a
            for a in assignments
            if permissions.department_answers(my_department, [d.pk for d in a.departments.all()], parents)
        ]
    return render(
        request,
        "disclosure/admin/items.html",
        _context(
            request,
            year,
            assignments=assignments,
            today=timezone.localdate(),
            nav="items",
            status=status,
            department=department,
            departments=Department.objects.filter(organization=organization).order_by("sort_order", "name"),
            mine=mine,
        ),
    )


@staff_view
@require_POST
def open_year(request: HttpRequest, year: int) -> HttpResponse:
    _year_or_404(year)
    _require_coordinator(request)
    try:
        services.oit_year_open(actor=request.user, organization=_org(request), fiscal_year=year)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The items of %(year)s are ready to assign.") % {"year": year})
    return HttpResponseRedirect(reverse("disclosure_admin:assign", args=[year]))


@staff_view
def assign(request: HttpRequest, year: int) -> HttpResponse:
    _year_or_404(year)
    _require_coordinator(request)
    organization = _org(request)
    assignments = list(
        selectors.assignments_for(organization=organization, fiscal_year=year).select_related("oit_item__sub_indicator")
    )
    form = AssignManyForm(request.POST or None, organization=organization, assignments=assignments)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.oit_assignments_assign_many(
                actor=request.user, organization=organization, plan=form.plan()
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Saved: %(count)s item(s) changed.") % {"count": changed})
            return HttpResponseRedirect(reverse("disclosure_admin:dashboard", args=[year]))
    return render(request, "disclosure/admin/assign.html", _context(request, year, form=form, nav="assign"))


@staff_view
def item(request: HttpRequest, pk: int) -> HttpResponse:
    organization = _org(request)
    assignment = selectors.assignment_for(organization=organization, pk=pk)
    if assignment is None:
        raise Http404("No such item")
    can_edit = permissions.can_edit_evidence(request.user, assignment)
    evidence_form = EvidenceForm(organization=organization, user=request.user)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        evidence_form = EvidenceForm(request.POST, request.FILES, organization=organization, user=request.user)
        if evidence_form.is_valid():
            data = evidence_form.cleaned_data
            try:
                services.oit_evidence_add(
                    actor=request.user,
                    assignment=assignment,
                    kind=data["kind"],
                    url=data.get("url") or "",
                    page=data.get("page"),
                    document=data.get("document"),
                    upload=data.get("upload"),
                    title=data.get("title") or "",
                    note=data.get("note") or "",
                    evidence_date=data.get("evidence_date"),
                )
            except ValidationError as error:
                _apply_errors(evidence_form, error)
            else:
                messages.success(request, _("Evidence added."))
                return HttpResponseRedirect(_item_url(assignment))
        if evidence_form.errors:
            messages.error(request, _("The evidence was not added. Check the messages below."))
    return _render_item(request, assignment, evidence_form=evidence_form, can_edit=can_edit)


def _render_item(
    request: HttpRequest,
    assignment: OitAssignment,
    *,
    evidence_form: EvidenceForm | None = None,
    review_form: ReviewForm | None = None,
    assignment_form: AssignmentForm | None = None,
    can_edit: bool | None = None,
    status: int = 200,
) -> HttpResponse:
    organization = _org(request)
    if can_edit is None:
        can_edit = permissions.can_edit_evidence(request.user, assignment)
    entries = selectors.evidence_for_assignment(assignment=assignment)
    warnings = {
        entry.pk: selectors.evidence_date_warning(
            evidence=entry, item=assignment.oit_item, fiscal_year=assignment.fiscal_year
        )
        for entry in entries
    }
    rows = [(entry, warnings.get(entry.pk, "")) for entry in entries]
    context = _context(
        request,
        assignment.fiscal_year,
        assignment=assignment,
        item=assignment.oit_item,
        rows=rows,
        history=selectors.history_for_assignment(assignment=assignment),
        can_edit=can_edit,
        evidence_form=evidence_form or EvidenceForm(organization=organization, user=request.user),
        review_form=review_form or ReviewForm(),
        assignment_form=assignment_form
        or AssignmentForm(
            organization=organization,
            initial={"departments": list(assignment.departments.all()), "due_date": assignment.due_date},
        ),
        today=timezone.localdate(),
        can_submit=can_edit and assignment.status in (AssignmentStatus.IN_PROGRESS, AssignmentStatus.RETURNED),
    )
    return render(request, "disclosure/admin/item.html", context, status=status)


def _assignment_or_404(request: HttpRequest, pk: int) -> OitAssignment:
    assignment = selectors.assignment_for(organization=_org(request), pk=pk)
    if assignment is None:
        raise Http404("No such item")
    return assignment


@staff_view
@require_POST
def item_assign(request: HttpRequest, pk: int) -> HttpResponse:
    _require_coordinator(request)
    assignment = _assignment_or_404(request, pk)
    form = AssignmentForm(request.POST, organization=_org(request))
    if form.is_valid():
        try:
            services.oit_assignment_assign(
                actor=request.user,
                assignment=assignment,
                departments=form.cleaned_data["departments"],
                due_date=form.cleaned_data["due_date"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Responsible departments and due date saved."))
            return HttpResponseRedirect(_item_url(assignment))
    return _render_item(request, assignment, assignment_form=form, status=400)


@staff_view
@require_POST
def evidence_remove(request: HttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
    assignment = _assignment_or_404(request, pk)
    evidence = get_object_or_404(OitEvidence, pk=evidence_pk, assignment=assignment)
    evidence.assignment = assignment
    try:
        services.oit_evidence_remove(actor=request.user, evidence=evidence)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Evidence removed."))
    return HttpResponseRedirect(_item_url(assignment))


@staff_view
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _assignment_or_404(request, pk)
    try:
        services.oit_assignment_submit(actor=request.user, assignment=assignment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Sent to the ITA coordinator for review."))
    return HttpResponseRedirect(_item_url(assignment))


@staff_view
@require_POST
def review(request: HttpRequest, pk: int) -> HttpResponse:
    _require_coordinator(request)
    assignment = _assignment_or_404(request, pk)
    form = ReviewForm(request.POST)
    action = request.POST.get("action")
    if form.is_valid() and action in ("approve", "return"):
        comment = form.cleaned_data["comment"]
        try:
            if action == "approve":
                services.oit_assignment_approve(actor=request.user, assignment=assignment, comment=comment)
                messages.success(request, _("Approved: the evidence is now on the public page."))
            else:
                services.oit_assignment_return(actor=request.user, assignment=assignment, comment=comment)
                messages.success(request, _("Returned to the department with your comment."))
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            return HttpResponseRedirect(_item_url(assignment))
    elif action not in ("approve", "return"):
        form.add_error(None, _("Choose approve or return."))
    return _render_item(request, assignment, review_form=form, status=400)


@staff_view
@require_POST
def sync_produced(request: HttpRequest, year: int) -> HttpResponse:
    _year_or_404(year)
    _require_coordinator(request)
    result = services.oit_sync_produced_evidence(organization=_org(request), fiscal_year=year, actor=request.user)
    messages.success(
        request,
        _("Linked automatically: %(added)s added, %(updated)s updated, %(removed)s removed.")
        % {"added": result.added, "updated": result.updated, "removed": result.removed},
    )
    return HttpResponseRedirect(reverse("disclosure_admin:dashboard", args=[year]))


@staff_view
@require_POST
def check_links(request: HttpRequest, year: int) -> HttpResponse:
    _year_or_404(year)
    _require_coordinator(request)
    from .tasks import check_links as check_links_task

    check_links_task.enqueue(_org(request).pk, year, True)
    messages.success(request, _("The link check has started; results appear here when it is done."))
    return HttpResponseRedirect(reverse("disclosure_admin:dashboard", args=[year]))


@staff_view
def order_download(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    _year_or_404(year)
    if fmt not in order_document.FORMATS:
        raise Http404
    form = OrderForm(request.GET or None)
    number, order_date = "", None
    if form.is_valid():
        number, order_date = form.cleaned_data["number"], form.cleaned_data["order_date"]
    content = order_document.order_render(
        organization=_org(request), fiscal_year=year, fmt=fmt, number=number, order_date=order_date
    )
    response = HttpResponse(content, content_type=order_document.CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "pdf" else "attachment"
    response["Content-Disposition"] = (
        f'{disposition}; filename="{order_document.order_filename(fiscal_year=year, fmt=fmt)}"'
    )
    return response


@staff_view
def export_download(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    _year_or_404(year)
    if fmt not in export.FORMATS:
        raise Http404
    organization = _org(request)
    base = request.build_absolute_uri("/").rstrip("/")
    content = export.export(organization=organization, fiscal_year=year, fmt=fmt, base=base)
    response = HttpResponse(content, content_type=export.CONTENT_TYPES[fmt])
    filename = export.export_filename(organization=organization, fiscal_year=year, fmt=fmt)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
