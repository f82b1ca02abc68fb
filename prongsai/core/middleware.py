"""Attach the request's organization, and keep staff inside their own organization's admin."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject

from .selectors import membership_for, organization_for_request


class OrganizationMiddleware:
    """`request.organization` is the Organization of the Wagtail Site the request is for."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.organization = SimpleLazyObject(lambda: organization_for_request(request))  # type: ignore[attr-defined]
        return self.get_response(request)


class StaffAccessMiddleware:
    """A signed-in user who is not staff of this site's organization cannot use its admin.

    Superusers (the install's system operators) are the exception.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            request.path.startswith("/admin/")
            and user is not None
            and user.is_authenticated
            and not user.is_superuser
            and membership_for(user=user, organization=request.organization) is None  # type: ignore[attr-defined]
        ):
            return HttpResponseForbidden(render_to_string("core/not_a_member.html", request=request))
        return self.get_response(request)
