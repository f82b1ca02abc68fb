"""Public pages of the corruption channel: landing, report form, receipt, follow-up, statistics.

No JavaScript, nothing from other hosts, strict headers on every response. The only cookies
are the session and key cookies of a follow-up visit, set after a receipt was accepted. The
report form needs no cookie: a signed one-time token in the form stops replays.
"""

from __future__ import annotations

import csv
import io
import secrets
import time
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, translate_url
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.core.models import Organization
from prongsai.core.thai import FiscalYear

from . import crypto, selectors, services
from .conf import conf
from .forms import (
    MessageForm,
    ReceiptForm,
    ReportForm,
    clean_uploads,
    evidence_widget_html,
    form_token_new,
    form_token_nonce,
)
from .models import Report
from .security import (
    clear_failures,
    client_key,
    lock_remaining,
    rate_exceeded,
    rate_would_exceed,
    register_failure,
    strict_headers,
    vault_drop,
    vault_get,
    vault_put,
)
from .uploads import use_memory_upload_handler

FOLLOWUP_SESSION = "complaints_followup"


def _organization(request: HttpRequest) -> Organization:
    organization = getattr(request, "organization", None)
    if not organization:
        raise Http404("No organization")
    return organization  # type: ignore[no-any-return]


def _render(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    other = "th" if (get_language() or "th").startswith("en") else "en"
    context.setdefault("organization", getattr(request, "organization", None))
    context["other_language"] = other
    context["other_language_url"] = translate_url(request.path, other)
    return render(request, template, context, status=status)


def _minutes(seconds: int) -> int:
    return max(1, (seconds + 59) // 60)


# --- Landing --------------------------------------------------------------------------------


@strict_headers
@require_http_methods(["GET", "HEAD"])
def landing(request: HttpRequest) -> HttpResponse:
    organization = _organization(request)
    channel = services.channel_settings_ensure(organization=organization)
    officers = selectors.designated_officers(organization)
    return _render(
        request,
        "complaints/landing.html",
        {
            "channel": channel,
            "recipients": selectors.recipients_by_position(organization, officers),
            "accepting": bool(officers),
        },
    )


# --- Report form -------------------------------------------------------------------------------


def _report_form_page(
    request: HttpRequest, form: ReportForm, *, file_errors: list[str] | None = None, notice: str = "", status: int = 200
) -> HttpResponse:
    organization = _organization(request)
    return _render(
        request,
        "complaints/report_form.html",
        {
            "form": form,
            "file_errors": file_errors or [],
            "notice": notice,
            "evidence_widget": evidence_widget_html(),
            "channel": services.channel_settings_ensure(organization=organization),
            "max_files": conf("MAX_FILES"),
        },
        status=status,
    )


def _flood(organization: Organization, client: str, *, count: bool) -> bool:
    check = rate_exceeded if count else _peek
    client_hit = check(
        "submit", client, limit=int(conf("SUBMIT_CLIENT_LIMIT")), window=int(conf("SUBMIT_CLIENT_WINDOW_SECONDS"))
    )
    global_hit = check(
        "submit-all",
        str(organization.pk),
        limit=int(conf("SUBMIT_GLOBAL_LIMIT")),
        window=int(conf("SUBMIT_GLOBAL_WINDOW_SECONDS")),
    )
    return client_hit or global_hit


def _peek(scope: str, key: str, *, limit: int, window: int) -> bool:
    return rate_would_exceed(scope, key, limit=limit)


@csrf_exempt  # replaced by the signed one-time form token; the form needs no cookie
@strict_headers
@require_http_methods(["GET", "HEAD", "POST"])
def report_form(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        # Before anything reads the body: uploads stay in memory, never in a plaintext temp file.
        use_memory_upload_handler(request)
    organization = _organization(request)
    officers = selectors.designated_officers(organization)
    if not officers:
        return _render(request, "complaints/not_ready.html", {}, status=503)
    questionnaire = services.questionnaire_ensure(organization=organization)
    recipients = selectors.recipients_by_position(organization, officers)
    kwargs = {"definition": questionnaire.definition, "recipients": recipients}
    if request.method != "POST":
        return _report_form_page(request, ReportForm(initial={"form_token": form_token_new()}, **kwargs))

    limit = int(conf("MAX_FILES")) * int(conf("MAX_FILE_BYTES")) + 2 * 1024 * 1024
    if int(request.META.get("CONTENT_LENGTH") or 0) > limit:
        form = ReportForm(initial={"form_token": form_token_new()}, **kwargs)
        return _report_form_page(
            request, form, notice=_("The files together are too large. Send at most 5 files of 10 MB each."), status=413
        )
    client = client_key(request)
    form = ReportForm(request.POST, **kwargs)
    if _flood(organization, client, count=False):
        return _report_form_page(
            request,
            form,
            notice=_("Too many reports are being sent right now. Please wait an hour and send again."),
            status=429,
        )
    nonce = form_token_nonce(str(request.POST.get("form_token", "")))
    if nonce is not None and services.form_token_is_used(nonce):
        return _render(request, "complaints/already_sent.html", {}, status=409)
    files, file_errors = clean_uploads(request.FILES.getlist("evidence"))
    if nonce is None:
        data = request.POST.copy()
        data["form_token"] = form_token_new()
        form = ReportForm(data, **kwargs)
        form.is_valid()
        return _report_form_page(
            request,
            form,
            file_errors=file_errors,
            notice=_("This form was open too long. Check your answers, choose the files again and send."),
            status=400,
        )
    if not form.is_valid() or file_errors:
        notice = _("Please correct the marked items. Files must be chosen again.") if files or file_errors else ""
        return _report_form_page(request, form, file_errors=file_errors, notice=notice, status=400)
    if _flood(organization, client, count=True):
        return _report_form_page(
            request,
            form,
            notice=_("Too many reports are being sent right now. Please wait an hour and send again."),
            status=429,
        )
    try:
        submission = services.report_submit(
            organization=organization,
            form_nonce=nonce,
            category=form.cleaned_data["category"],
            answers=form.answers(),
            identity=form.identity(),
            files=files,
            recipient_key_ids=form.cleaned_data["recipients"],
        )
    except services.DuplicateSubmission:
        return _render(request, "complaints/already_sent.html", {}, status=409)
    except services.ComplaintError as error:
        form.add_error(None, str(error))
        return _report_form_page(request, form, status=400)
    return _render(
        request,
        "complaints/receipt.html",
        {
            "receipt": crypto.receipt_format(submission.receipt),
            "report": submission.report,
            "anonymous": form.identity() is None,
            "files": len(files),
        },
    )


# --- Follow-up -------------------------------------------------------------------------------------


def _followup_state(request: HttpRequest, organization: Organization) -> dict[str, Any] | None:
    state = request.session.get(FOLLOWUP_SESSION)
    if not isinstance(state, dict) or state.get("organization") != organization.pk:
        return None
    return state


def _followup_end(request: HttpRequest) -> None:
    request.session.pop(FOLLOWUP_SESSION, None)
    vault_drop(request, "reporter")


@csrf_exempt  # a receipt is the only credential; there is no session to forge requests for yet
@strict_headers
@require_http_methods(["GET", "HEAD", "POST"])
def followup_login(request: HttpRequest) -> HttpResponse:
    organization = _organization(request)
    notice = ""
    if request.GET.get("expired"):
        notice = _("Your follow-up visit ended because it was idle. Enter the tracking code again.")
    if request.method != "POST":
        return _render(request, "complaints/followup_login.html", {"form": ReceiptForm(), "notice": notice})

    form = ReceiptForm(request.POST)
    client = client_key(request)
    wait = max(lock_remaining("receipt", client), lock_remaining("receipt-all", str(organization.pk)))
    if wait:
        return _render(
            request,
            "complaints/followup_login.html",
            {
                "form": form,
                "notice": _("Too many wrong tracking codes. Try again in %(minutes)d minutes.")
                % {"minutes": _minutes(wait)},
            },
            status=429,
        )
    if not form.is_valid():
        return _render(request, "complaints/followup_login.html", {"form": form}, status=400)
    try:
        report, reporter_private = services.report_login(
            organization=organization, receipt=form.cleaned_data["receipt"]
        )
    except crypto.WrongSecret:
        register_failure(
            "receipt",
            client,
            limit=int(conf("RECEIPT_CLIENT_FAILURES")),
            window=24 * 60 * 60,
            lock_seconds=int(conf("RECEIPT_CLIENT_LOCK_SECONDS")),
        )
        register_failure(
            "receipt-all",
            str(organization.pk),
            limit=int(conf("RECEIPT_GLOBAL_FAILURES")),
            window=int(conf("RECEIPT_GLOBAL_WINDOW_SECONDS")),
            lock_seconds=int(conf("RECEIPT_GLOBAL_LOCK_SECONDS")),
        )
        form.add_error("receipt", _("No report has this tracking code. Check the digits and try again."))
        return _render(request, "complaints/followup_login.html", {"form": form}, status=400)
    except services.ReceiptExpired as error:
        return _render(request, "complaints/followup_login.html", {"form": ReceiptForm(), "notice": str(error)})
    except crypto.IntegrityFailure:
        return _render(request, "complaints/integrity_failure.html", {}, status=409)
    clear_failures("receipt", client)
    request.session.cycle_key()
    request.session[FOLLOWUP_SESSION] = {
        "organization": organization.pk,
        "report": report.pk,
        "last": time.time(),
        "token": secrets.token_urlsafe(24),
    }
    response = HttpResponseRedirect(reverse("complaints:followup_case"))
    vault_put(request, response, "reporter", reporter_private)
    return response


@csrf_exempt  # checked below against a token kept in the follow-up session
@strict_headers
@require_http_methods(["GET", "HEAD", "POST"])
def followup_case(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        use_memory_upload_handler(request)
    organization = _organization(request)
    state = _followup_state(request, organization)
    reporter_private = vault_get(request, "reporter")
    report = Report.objects.filter(organization=organization, pk=state["report"]).first() if state else None
    if state is None or reporter_private is None or report is None:
        _followup_end(request)
        return HttpResponseRedirect(reverse("complaints:followup"))
    channel = services.channel_settings_ensure(organization=organization)
    if time.time() - float(state.get("last", 0)) > channel.followup_idle_minutes * 60:
        _followup_end(request)
        return HttpResponseRedirect(reverse("complaints:followup") + "?expired=1")
    state["last"] = time.time()
    request.session[FOLLOWUP_SESSION] = state

    form = MessageForm()
    file_errors: list[str] = []
    notice = ""
    status = 200
    if request.method == "POST":
        if not constant_time_compare(str(request.POST.get("token", "")), str(state.get("token", ""))):
            return HttpResponseRedirect(reverse("complaints:followup_case"))
        form = MessageForm(request.POST)
        files, file_errors = clean_uploads(request.FILES.getlist("evidence"))
        body = form.cleaned_data.get("body", "").strip() if form.is_valid() else ""
        if form.is_valid() and not file_errors and (body or files):
            try:
                if body:
                    services.reporter_message_add(report=report, reporter_private=reporter_private, body=body)
                services.reporter_files_add(report=report, reporter_private=reporter_private, files=files)
            except crypto.IntegrityFailure:
                return _render(request, "complaints/integrity_failure.html", {}, status=409)
            state["sent"] = True
            request.session[FOLLOWUP_SESSION] = state
            return HttpResponseRedirect(reverse("complaints:followup_case"))
        if form.is_valid() and not file_errors:
            form.add_error("body", _("Write a message or choose a file."))
        status = 400
    try:
        opened = services.report_open_for_reporter(report=report, reporter_private=reporter_private)
    except crypto.IntegrityFailure:
        return _render(request, "complaints/integrity_failure.html", {}, status=409)
    if state.pop("sent", False):
        notice = _("Sent. The officers will read it.")
        request.session[FOLLOWUP_SESSION] = state
    return _render(
        request,
        "complaints/followup_case.html",
        {
            "opened": opened,
            "report": report,
            "form": form,
            "file_errors": file_errors,
            "notice": notice,
            "token": state["token"],
            "evidence_widget": evidence_widget_html(),
            "idle_minutes": channel.followup_idle_minutes,
            "max_files": conf("MAX_FILES"),
        },
        status=status,
    )


@csrf_exempt
@strict_headers
@require_POST
def followup_logout(request: HttpRequest) -> HttpResponse:
    _followup_end(request)
    response = HttpResponseRedirect(reverse("complaints:landing"))
    return response


# --- Statistics ------------------------------------------------------------------------------------


@strict_headers
def statistics_current(request: HttpRequest) -> HttpResponse:
    return HttpResponseRedirect(reverse("complaints:statistics", args=[FiscalYear.current().be]))


def _statistics(request: HttpRequest, be_year: int) -> selectors.Statistics:
    if not 2500 <= be_year <= 2700:
        raise Http404("No such year")
    return selectors.statistics_for(_organization(request), FiscalYear(be_year))


@strict_headers
@require_http_methods(["GET", "HEAD"])
def statistics(request: HttpRequest, be_year: int) -> HttpResponse:
    stats = _statistics(request, be_year)
    return _render(
        request,
        "complaints/statistics.html",
        {
            "stats": stats,
            "fiscal_year": stats.fiscal_year,
            "years": selectors.statistics_years(_organization(request)),
            "generated_on": timezone.localdate(),
        },
    )


def statistics_table(stats: selectors.Statistics) -> list[list[Any]]:
    """The statistics as rows for CSV and XLSX: a heading row per section, then label and counts."""
    head = [_("Item"), _("Received"), _("Completed"), _("In progress")]
    rows: list[list[Any]] = [[stats.fiscal_year.label(thai_digits=False)], head]
    rows.append([_("Total"), stats.total.received, stats.total.completed, stats.total.in_progress])
    for title, section in (
        (_("By month"), stats.months),
        (_("By quarter"), stats.quarters),
        (_("By type"), stats.categories),
    ):
        rows.append([])
        rows.append([title])
        rows.append(head)
        rows += [[row.label, row.received, row.completed, row.in_progress] for row in section]
    return rows


@strict_headers
@require_http_methods(["GET", "HEAD"])
def statistics_csv(request: HttpRequest, be_year: int) -> HttpResponse:
    stats = _statistics(request, be_year)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(statistics_table(stats))
    # A byte-order mark so Excel opens the Thai text as UTF-8.
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="complaint-statistics-{be_year}.csv"'
    return response


@strict_headers
@require_http_methods(["GET", "HEAD"])
def statistics_xlsx(request: HttpRequest, be_year: int) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    stats = _statistics(request, be_year)
    workbook = Workbook()
    sheet = workbook.active
    if sheet is None:  # a new Workbook always has one sheet
        sheet = workbook.create_sheet()
    sheet.title = str(be_year)
    for row in statistics_table(stats):
        sheet.append(row)
        if len(row) == 1:
            sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    sheet.column_dimensions["A"].width = 40
    for column in "BCD":
        sheet.column_dimensions[column].width = 14
    output = io.BytesIO()
    workbook.save(output)
    response = HttpResponse(
        output.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="complaint-statistics-{be_year}.xlsx"'
    return response
