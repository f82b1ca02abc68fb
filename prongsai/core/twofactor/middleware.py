"""Keep the admin closed until a signed-in user who needs a second factor has passed it this session."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from ..roles import user_requires_2fa
from .services import has_confirmed_authenticator


class TwoFactorMiddleware:
    """Redirect to set-up (no authenticator yet) or verification (authenticator, unverified session).

    Applies to users whose role requires two-factor login and to anyone who enrolled
    optionally. Sign-in, sign-out, the two-factor screens themselves and the assets
    those screens load stay reachable.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    @cached_property
    def admin_prefix(self) -> str:
        return reverse("wagtailadmin_home")

    @cached_property
    def exempt_paths(self) -> frozenset[str]:
        names = [
            "wagtailadmin_login",
            "wagtailadmin_logout",
            "wagtailadmin_javascript_catalog",
            "wagtailadmin_sprite",
            "twofactor:setup",
            "twofactor:verify",
        ]
        return frozenset(reverse(name) for name in names)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        if path.startswith(self.admin_prefix) and path not in self.exempt_paths:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated and not user.is_verified():  # type: ignore[union-attr]
                enrolled = has_confirmed_authenticator(user=user)
                if enrolled or user_requires_2fa(user):
                    target = reverse("twofactor:verify" if enrolled else "twofactor:setup")
                    query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
                    return HttpResponseRedirect(f"{target}?{query}" if query else target)
        return self.get_response(request)
