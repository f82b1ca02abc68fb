"""What every organization-scoped admin view shares."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from prongsai.core.audit import audit_context
from prongsai.core.forms import apply_validation_error
from prongsai.core.models import Organization


def request_organization(request: HttpRequest) -> Organization | None:
    """The request's organization as a plain instance (or None), never the lazy wrapper."""
    organization = getattr(request, "organization", None)
    if isinstance(organization, SimpleLazyObject):
        bool(organization)  # evaluate the lazy object
        organization = organization._wrapped  # type: ignore[attr-defined]
    return organization if isinstance(organization, Organization) else None


class AuditedDispatchMixin:
    """Attribute audit entries written by signal receivers during this request to its user."""

    request: HttpRequest

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with audit_context(actor=request.user, organization=request_organization(request)):
            return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class ServiceFormMixin:
    """Create and edit views that save through a service instead of `form.save()`.

    A ValidationError from the service is shown beside the fields, with the input kept.
    """

    request: HttpRequest
    form: Any
    object: Any

    def save_with_service(self) -> Any:
        raise NotImplementedError

    def get_organization(self) -> Organization | None:
        return request_organization(self.request)

    def form_valid(self, form: Any) -> HttpResponse:
        self.form = form
        try:
            with transaction.atomic():
                self.object = self.save_with_service()
        except ValidationError as error:
            apply_validation_error(form, error)
            self.produced_error_message = self.get_error_message()  # type: ignore[attr-defined]
            return self.form_invalid(form)  # type: ignore[attr-defined]
        response = self.save_action()  # type: ignore[attr-defined]
        hook_response = self.run_after_hook()  # type: ignore[attr-defined]
        return hook_response if hook_response is not None else response
