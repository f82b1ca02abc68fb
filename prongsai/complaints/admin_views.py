"""The officers' workspace in the Wagtail admin: key setup and unlock, inbox, report, actions.

Every view needs the complaint_officer role (or superuser) and, when the user's role requires
it, a second factor verified in this session. A report opens only with the officer's unlocked
private key and a key sealed to them for that report; a superuser without one sees nothing.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.core.audit import audit_record
from prongsai.core.models import Membership, Organization
from prongsai.core.roles import COMPLAINT_OFFICER, user_requires_2fa, user_role_codes

from . import crypto, selectors, services
from .conf import conf
from .forms import (
    ChannelSettingsForm,
    KeySetupForm,
    OfficerChoiceForm,
    QuestionnaireForm,
    RecoverForm,
    StatusForm,
    TextForm,
    UnlockForm,
)
from .models import ALLOWED_TRANSITIONS, Attachment, Exclusion, OfficerKey, Report, ReportStatus
from .security import apply_strict_headers, lock_remaining, register_failure, vault_drop, vault_get, vault_put

View = Callable[..., HttpResponse]


def is_complaint_officer(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False) or COMPLAINT_OFFICER in user_role_codes(user))


def second_factor_missing(user: Any) -> bool:
    if not user_requires_2fa(user):
        return False
    is_verified = getattr(user, "is_verified", None)
    return not (callable(is_verified) and is_verified())


def officer_view(view: View) -> View:
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            raise PermissionDenied
        if not is_complaint_officer(user):
            response = render(request, "complaints/admin/forbidden.html", {"reason": "role"}, status=403)
        elif second_factor_missing(user):
            response = render(request, "complaints/admin/forbidden.html", {"reason": "2fa"}, status=403)
        elif getattr(request, "organization", None) is None:
            raise Http404("No organization")
        else:
            response = view(request, *args, **kwargs)
        return apply_strict_headers(response, public=False)

    return wrapped


def _org(request: HttpRequest) -> Organization:
    return request.organization  # type: ignore[attr-defined,no-any-return]


def _has_key(request: HttpRequest) -> bool:
    user: Any = request.user
    return OfficerKey.objects.filter(user=user).exists()


def _officer_private(request: HttpRequest) -> bytes | None:
    return vault_get(request, "officer")


def _unlock_redirect(request: HttpRequest) -> HttpResponse:
    return HttpResponseRedirect(reverse("complaints_admin:unlock") + "?next=" + request.get_full_path())


def _report_or_404(request: HttpRequest, pk: int) -> Report:
    report = selectors.report_for(_org(request), pk)
    if report is None:
        raise Http404("No report")
    return report


# --- Keys --------------------------------------------------------------------------------------------


@officer_view
def key_setup(request: HttpRequest) -> HttpResponse:
    if _has_key(request):
        return HttpResponseRedirect(reverse("complaints_admin:unlock"))
    form = KeySetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            recovery = services.officer_key_create(
                user=request.user, organization=_org(request), passphrase=form.cleaned_data["passphrase"]
            )
        except services.ComplaintError as error:
            form.add_error("passphrase", str(error))
        else:
            return render(request, "complaints/admin/recovery_key.html", {"recovery_key": recovery})
    return render(request, "complaints/admin/key_setup.html", {"form": form})


@officer_view
def unlock(request: HttpRequest) -> HttpResponse:
    if not _has_key(request):
        return HttpResponseRedirect(reverse("complaints_admin:key_setup"))
    next_url = request.POST.get("next") or request.GET.get("next") or reverse("complaints_admin:inbox")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("complaints_admin:inbox")
    form = UnlockForm(request.POST or None)
    scope_key = str(request.user.pk)
    wait = lock_remaining("unlock", scope_key)
    if request.method == "POST" and wait:
        form.add_error(
            None, _("Too many wrong passphrases. Try again in %(minutes)d minutes.") % {"minutes": (wait + 59) // 60}
        )
    elif request.method == "POST" and form.is_valid():
        try:
            private = services.officer_key_unlock(
                user=request.user, organization=_org(request), passphrase=form.cleaned_data["passphrase"]
            )
        except crypto.WrongSecret:
            register_failure(
                "unlock",
                scope_key,
                limit=int(conf("UNLOCK_FAILURES")),
                window=60 * 60,
                lock_seconds=int(conf("UNLOCK_LOCK_SECONDS")),
            )
            form.add_error("passphrase", _("The passphrase does not open your key."))
        else:
            response = HttpResponseRedirect(next_url)
            vault_put(request, response, "officer", private)
            return response
    return render(request, "complaints/admin/unlock.html", {"form": form, "next": next_url})


@officer_view
@require_POST
def lock(request: HttpRequest) -> HttpResponse:
    vault_drop(request, "officer")
    messages.success(request, _("Your key is locked."))
    return HttpResponseRedirect(reverse("complaints_admin:inbox"))


@officer_view
def recover(request: HttpRequest) -> HttpResponse:
    form = RecoverForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            recovery = services.officer_key_recover(
                user=request.user,
                organization=_org(request),
                recovery_key=form.cleaned_data["recovery_key"],
                passphrase=form.cleaned_data["passphrase"],
            )
        except crypto.WrongSecret:
            form.add_error("recovery_key", _("This recovery key does not open your key."))
        except services.ComplaintError as error:
            form.add_error("passphrase", str(error))
        else:
            return render(request, "complaints/admin/recovery_key.html", {"recovery_key": recovery})
    return render(request, "complaints/admin/recover.html", {"form": form})


# --- Inbox and report --------------------------------------------------------------------------------


@officer_view
def inbox(request: HttpRequest) -> HttpResponse:
    organization = _org(request)
    has_key = _has_key(request)
    status = request.GET.get("status", "")
    if status not in ReportStatus.values:
        status = ""
    paginator = Paginator(selectors.inbox_for(organization, request.user, status=status), 50)
    # Counting through the reports table would scan every (wide) report row; the key table's index is enough.
    paginator.__dict__["count"] = selectors.inbox_count(organization, request.user, status=status)
    page = paginator.get_page(request.GET.get("p"))
    return render(
        request,
        "complaints/admin/inbox.html",
        {
            "page": page,
            "has_key": has_key,
            "unlocked": _officer_private(request) is not None,
            "today": timezone.localdate(),
            "statuses": ReportStatus.choices,
            "status": status,
            "can_edit_settings": request.user.has_perm("complaints.change_channelsettings"),
            "can_edit_questionnaire": request.user.has_perm("complaints.add_questionnaire"),
        },
    )


def _colleagues(organization: Organization, report: Report) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(officers holding a key, officers who could be given one)."""
    holders = set(selectors.officers_with_key_for(report))
    excluded = set(Exclusion.objects.filter(report=report).values_list("officer_id", flat=True))
    names = {
        m.user_id: f"{m.display_name}" + (f" ({m.position})" if m.position else "")
        for m in Membership.objects.filter(organization=organization).select_related("user", "position")
    }
    designated = selectors.designated_officers(organization)
    with_key = [(uid, names.get(uid, str(uid))) for uid in sorted(holders)]
    grantable = [
        (o.user_id, names.get(o.user_id, str(o.user))) for o in designated if o.user_id not in holders | excluded
    ]
    return with_key, grantable


@officer_view
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(request, pk)
    if not selectors.officer_is_designated(report, request.user):
        audit_record(
            action="complaints.report.read_denied",
            actor=request.user,
            organization=report.organization,
            obj=report,
            data={"action": "read"},
        )
        return render(request, "complaints/admin/forbidden.html", {"reason": "not_designated"}, status=403)
    private = _officer_private(request)
    if private is None:
        return _unlock_redirect(request)
    try:
        opened = services.report_open_for_officer(report=report, user=request.user, officer_private=private)
    except services.NotDesignated:
        return render(request, "complaints/admin/forbidden.html", {"reason": "not_designated"}, status=403)
    except crypto.IntegrityFailure:
        return render(request, "complaints/admin/integrity_failure.html", {"report": report}, status=409)
    with_key, grantable = _colleagues(_org(request), report)
    others = [(uid, name) for uid, name in with_key if uid != request.user.pk]
    return render(
        request,
        "complaints/admin/detail.html",
        {
            "report": report,
            "opened": opened,
            "today": timezone.localdate(),
            "status_form": StatusForm(allowed=ALLOWED_TRANSITIONS.get(report.status, ())),
            "can_change_status": bool(ALLOWED_TRANSITIONS.get(report.status)),
            "reply_form": TextForm(prefix="reply"),
            "note_form": TextForm(prefix="note"),
            "officers_with_key": with_key,
            "exclude_form": OfficerChoiceForm(officers=others) if others else None,
            "grant_form": OfficerChoiceForm(officers=grantable) if grantable else None,
        },
    )


def _action(request: HttpRequest, pk: int, perform: Callable[[Report, bytes], str]) -> HttpResponse:
    report = _report_or_404(request, pk)
    private = _officer_private(request)
    if private is None:
        return _unlock_redirect(request)
    try:
        done = perform(report, private)
    except services.NotDesignated:
        return render(request, "complaints/admin/forbidden.html", {"reason": "not_designated"}, status=403)
    except crypto.IntegrityFailure:
        return render(request, "complaints/admin/integrity_failure.html", {"report": report}, status=409)
    except (services.ComplaintError, ValidationError) as error:
        messages.error(request, str(error.messages[0] if isinstance(error, ValidationError) else error))
    else:
        if done:
            messages.success(request, done)
    return HttpResponseRedirect(reverse("complaints_admin:detail", args=[report.pk]))


@officer_view
@require_POST
def change_status(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(report: Report, private: bytes) -> str:
        form = StatusForm(request.POST, allowed=ALLOWED_TRANSITIONS.get(report.status, ()))
        if not form.is_valid():
            raise services.ComplaintError(_("A report cannot move from this status to that one."))
        services.report_status_change(report=report, actor=request.user, **form.cleaned_data)
        return _("The status was changed.")

    return _action(request, pk, perform)


@officer_view
@require_POST
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(report: Report, private: bytes) -> str:
        form = TextForm(request.POST, prefix="reply")
        if not form.is_valid():
            raise services.ComplaintError(_("Write a message of at most 5000 characters."))
        services.officer_message_add(
            report=report, actor=request.user, officer_private=private, body=form.cleaned_data["body"]
        )
        return _("Your reply was sent. The reporter reads it with the tracking code.")

    return _action(request, pk, perform)


@officer_view
@require_POST
def add_note(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(report: Report, private: bytes) -> str:
        form = TextForm(request.POST, prefix="note")
        if not form.is_valid():
            raise services.ComplaintError(_("Write a note of at most 5000 characters."))
        services.note_add(report=report, actor=request.user, officer_private=private, body=form.cleaned_data["body"])
        return _("The note was saved.")

    return _action(request, pk, perform)


def _officer_user(request: HttpRequest, officers: list[tuple[int, str]]) -> Any:
    form = OfficerChoiceForm(request.POST, officers=officers)
    if not form.is_valid():
        raise services.ComplaintError(_("Choose an officer."))
    return get_user_model().objects.get(pk=form.cleaned_data["officer"])


@officer_view
@require_POST
def exclude(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(report: Report, private: bytes) -> str:
        with_key, _grantable = _colleagues(_org(request), report)
        user = _officer_user(request, [(uid, name) for uid, name in with_key if uid != request.user.pk])
        services.officer_exclude(report=report, actor=request.user, officer_private=private, excluded_user=user)
        return _("The officer was excluded and the report's keys were replaced.")

    return _action(request, pk, perform)


@officer_view
@require_POST
def grant(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(report: Report, private: bytes) -> str:
        _with_key, grantable = _colleagues(_org(request), report)
        user = _officer_user(request, grantable)
        services.officer_grant(report=report, actor=request.user, officer_private=private, officer_user=user)
        return _("The officer can now read the report.")

    return _action(request, pk, perform)


@officer_view
@require_POST
def legal_hold(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(report: Report, private: bytes) -> str:
        hold = request.POST.get("hold") == "1"
        services.report_legal_hold_set(report=report, actor=request.user, hold=hold)
        return _("The report is on legal hold.") if hold else _("The legal hold was lifted.")

    return _action(request, pk, perform)


@officer_view
def attachment(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    report = _report_or_404(request, pk)
    private = _officer_private(request)
    if private is None:
        return _unlock_redirect(request)
    try:
        name, content_type, content = services.attachment_open_for_officer(
            report=report, user=request.user, officer_private=private, attachment_pk=attachment_pk
        )
    except services.NotDesignated:
        return render(request, "complaints/admin/forbidden.html", {"reason": "not_designated"}, status=403)
    except crypto.IntegrityFailure:
        return render(request, "complaints/admin/integrity_failure.html", {"report": report}, status=409)
    except Attachment.DoesNotExist as error:
        raise Http404("No file") from error
    response = HttpResponse(content, content_type=content_type)
    ascii_name = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "._-") else "_" for ch in name)
    response["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


# --- Settings and questionnaire ----------------------------------------------------------------------


@officer_view
def channel_settings(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("complaints.change_channelsettings"):
        return render(request, "complaints/admin/forbidden.html", {"reason": "permission"}, status=403)
    channel = services.channel_settings_ensure(organization=_org(request))
    form = ChannelSettingsForm(request.POST or None, instance=channel)
    if request.method == "POST" and form.is_valid():
        try:
            services.channel_settings_update(
                actor=request.user, channel=form.save(commit=False), changed=form.changed_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The channel settings were saved."))
            return HttpResponseRedirect(reverse("complaints_admin:settings"))
    return render(request, "complaints/admin/settings.html", {"form": form})


def questionnaire_allowed(user: Any) -> bool:
    return bool(user.has_perm("complaints.add_questionnaire"))


def questionnaire(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated or not questionnaire_allowed(request.user):
        return apply_strict_headers(
            render(request, "complaints/admin/forbidden.html", {"reason": "permission"}, status=403), public=False
        )
    if second_factor_missing(request.user):
        return render(request, "complaints/admin/forbidden.html", {"reason": "2fa"}, status=403)
    organization = _org(request)
    current = services.questionnaire_ensure(organization=organization)
    initial = json.dumps(current.definition, ensure_ascii=False, indent=2)
    form = QuestionnaireForm(request.POST or None, initial={"definition": initial})
    if request.method == "POST" and form.is_valid():
        try:
            published = services.questionnaire_publish(
                actor=request.user, organization=organization, definition=form.cleaned_data["definition"]
            )
        except ValidationError as error:
            form.add_error("definition", error)
        else:
            messages.success(request, _("Version %(n)d of the questionnaire is now in use.") % {"n": published.version})
            return HttpResponseRedirect(reverse("complaints_admin:questionnaire"))
    versions = selectors.questionnaire_versions(organization)
    return apply_strict_headers(
        render(
            request, "complaints/admin/questionnaire.html", {"form": form, "versions": versions, "current": current}
        ),
        public=False,
    )
