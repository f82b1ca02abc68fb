"""Wagtail's Users admin, limited to the request's organization.

Installed through `prongsai.core.apps.UsersAppConfig.user_viewset`. A user who is not a
superuser sees and edits only accounts that are staff of the site's organization, cannot
touch superuser accounts and cannot make anyone a superuser. Accounts created here become
staff of the organization. Role (group) changes are audited by core.receivers; this module
tells the receiver who made them.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from wagtail.users.views import users as wagtail_users
from wagtail.users.views.bulk_actions.assign_role import AssignRoleBulkAction
from wagtail.users.views.bulk_actions.delete import DeleteBulkAction
from wagtail.users.views.bulk_actions.set_active_state import SetActiveStateBulkAction

from prongsai.core import selectors, services

from .scoping import AuditedDispatchMixin, request_organization

User = get_user_model()


def users_visible_to(request: HttpRequest, queryset: QuerySet[Any] | None = None) -> QuerySet[Any]:
    """The accounts this request may list and edit."""
    queryset = queryset if queryset is not None else User._default_manager.all()
    if request.user.is_superuser:
        return queryset
    organization = request_organization(request)
    members = selectors.users_for(organization=organization).values("pk")
    return queryset.filter(pk__in=members, is_superuser=False)


class _ScopedUserObjectMixin:
    request: HttpRequest

    def get_queryset(self) -> QuerySet[Any]:
        return users_visible_to(self.request)


class _NoSuperuserGrantMixin:
    request: HttpRequest

    def get_form(self, form_class: Any = None) -> Any:
        form = super().get_form(form_class)  # type: ignore[misc]
        if not self.request.user.is_superuser:
            form.fields.pop("is_superuser", None)
        return form


class IndexView(AuditedDispatchMixin, wagtail_users.IndexView):
    def get_base_queryset(self) -> QuerySet[Any]:
        return users_visible_to(self.request, super().get_base_queryset())


class CreateView(AuditedDispatchMixin, _NoSuperuserGrantMixin, wagtail_users.CreateView):
    def save_instance(self) -> Any:
        user = super().save_instance()
        organization = request_organization(self.request)
        if organization is not None:
            # Otherwise the new account would vanish from this organization's list.
            services.membership_create(actor=self.request.user, organization=organization, user=user)
        return user


class EditView(AuditedDispatchMixin, _ScopedUserObjectMixin, _NoSuperuserGrantMixin, wagtail_users.EditView):
    pass


class DeleteView(AuditedDispatchMixin, _ScopedUserObjectMixin, wagtail_users.DeleteView):
    pass


class HistoryView(_ScopedUserObjectMixin, wagtail_users.HistoryView):
    def get_object(self, queryset: QuerySet[Any] | None = None) -> Any:
        obj = super().get_object(queryset)
        if not users_visible_to(self.request).filter(pk=obj.pk).exists():
            raise PermissionDenied
        return obj


class OrganizationUserViewSet(wagtail_users.UserViewSet):
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = HistoryView


# --- Bulk actions on the Users list: the same limits as the list itself ------------------


class _ScopedBulkActionMixin:
    request: HttpRequest
    model: Any

    def get_all_objects_in_listing_query(self, parent_id: Any) -> Any:
        listing = super().get_all_objects_in_listing_query(parent_id)  # type: ignore[misc]
        return listing.filter(pk__in=users_visible_to(self.request).values("pk"))

    def get_actionable_objects(self) -> tuple[list[Any], dict[str, Any]]:
        objects, extra = super().get_actionable_objects()  # type: ignore[misc]
        visible = set(
            users_visible_to(self.request).filter(pk__in=[o.pk for o in objects]).values_list("pk", flat=True)
        )
        allowed = [obj for obj in objects if obj.pk in visible]
        denied = [obj for obj in objects if obj.pk not in visible]
        extra = dict(extra)
        extra["items_with_no_access"] = list(extra.get("items_with_no_access", [])) + denied
        return allowed, extra


class ScopedAssignRoleBulkAction(AuditedDispatchMixin, _ScopedBulkActionMixin, AssignRoleBulkAction):
    pass


class ScopedDeleteBulkAction(AuditedDispatchMixin, _ScopedBulkActionMixin, DeleteBulkAction):
    pass


class ScopedSetActiveStateBulkAction(AuditedDispatchMixin, _ScopedBulkActionMixin, SetActiveStateBulkAction):
    pass


SCOPED_USER_BULK_ACTIONS = (ScopedAssignRoleBulkAction, ScopedDeleteBulkAction, ScopedSetActiveStateBulkAction)
