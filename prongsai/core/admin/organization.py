"""The organization's settings, departments, positions and staff in the Wagtail admin.

Permissions are the model permissions the roles grant (core/roles.py): the system
administrator adds and changes; executives and heads may view departments and positions.
Writes go through core.services, so they are validated and audited.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from prongsai.core import selectors, services
from prongsai.core.forms import DepartmentForm, OrganizationForm, PositionForm, StaffCreateForm, StaffEditForm
from prongsai.core.models import Department, Membership, Organization, Position
from prongsai.core.roles import ROLES

from .scoping import ServiceFormMixin, request_organization

ORGANIZATION_MENU_HOOK = "register_prongsai_organization_menu_item"

_ALL_VIEWS = ("index", "index_results", "add", "edit", "delete", "inspect", "copy", "history", "usage", "reorder")


class OrganizationScopedViewSet(ModelViewSet):
    """A ModelViewSet limited to the views in `enabled_views`, whose rows belong to one organization."""

    enabled_views: tuple[str, ...] = ("index", "index_results", "add", "edit", "delete", "inspect")
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_common_view_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in _ALL_VIEWS:
            if name not in self.enabled_views:
                view_kwargs[f"{name}_url_name"] = None
        return view_kwargs

    def get_urlpatterns(self) -> list[Any]:
        return [pattern for pattern in super().get_urlpatterns() if pattern.name in self.enabled_views]

    def register_admin_url_finder(self) -> None:
        if "edit" in self.enabled_views:
            super().register_admin_url_finder()


class ScopedQuerysetMixin:
    """Only the request organization's rows exist for this view; any other id is a 404."""

    request: HttpRequest
    model: Any

    def scoped_queryset(self) -> QuerySet[Any]:
        return self.model._default_manager.filter(organization=request_organization(self.request))


class ScopedIndexMixin(ScopedQuerysetMixin):
    def get_base_queryset(self) -> QuerySet[Any]:
        return self.scoped_queryset()


class ScopedObjectMixin(ScopedQuerysetMixin):
    def get_queryset(self) -> QuerySet[Any]:
        return self.scoped_queryset()


class ScopedInspectView(ScopedQuerysetMixin, generic.InspectView):
    def get_object(self, queryset: QuerySet[Any] | None = None) -> Any:
        return get_object_or_404(self.scoped_queryset(), pk=unquote(str(self.pk)))


class ServiceDeleteView(ScopedObjectMixin, generic.DeleteView):
    """Deletes through a service; a refusal (ValidationError) is shown as an error message."""

    def delete_with_service(self) -> None:
        raise NotImplementedError

    def form_valid(self, form: Any) -> HttpResponse:
        success_url = self.get_success_url()
        success_message = self.get_success_message()
        try:
            self.delete_with_service()
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return HttpResponseRedirect(self.request.path)
        messages.success(self.request, success_message)
        return HttpResponseRedirect(success_url)


class OrganizationFormKwargsMixin:
    request: HttpRequest

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()  # type: ignore[misc]
        kwargs["organization"] = request_organization(self.request)
        return kwargs


# --- Organization settings ----------------------------------------------------------


class OrganizationSettingsRedirectView(PermissionCheckedMixin, View):
    """The menu entry: opens the settings of the request's own organization."""

    model = Organization
    permission_required = "change"
    any_permission_required = ["change"]
    edit_url_name: str | None = None

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        organization = request_organization(request)
        if organization is None or self.edit_url_name is None:
            raise Http404
        return redirect(self.edit_url_name, organization.pk)


class OrganizationEditView(ServiceFormMixin, generic.EditView):
    page_title = _("Organization settings")
    success_message = _("The organization's settings are saved.")

    def get_queryset(self) -> QuerySet[Organization]:
        organization = request_organization(self.request)
        if organization is None:
            return Organization.objects.none()
        return Organization.objects.filter(pk=organization.pk)

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_success_url(self) -> str:
        return self.get_edit_url()

    def save_with_service(self) -> Organization:
        return services.organization_update(actor=self.request.user, organization=self.object, **self.form.cleaned_data)


class OrganizationViewSet(OrganizationScopedViewSet):
    model = Organization
    icon = "home"
    menu_label = _("Organization settings")
    menu_name = "organization_settings"
    enabled_views = ("index", "edit")
    inspect_view_enabled = False
    index_view_class = OrganizationSettingsRedirectView  # type: ignore[assignment]
    edit_view_class = OrganizationEditView

    def get_form_class(self, for_update: bool = False) -> type[OrganizationForm]:
        return OrganizationForm

    def get_index_view_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        return {"edit_url_name": self.get_url_name("edit"), **kwargs}

    @property
    def index_results_view(self) -> Any:  # not used: the index is a redirect
        return self.index_view


# --- Departments ------------------------------------------------------------------


class DepartmentTitleColumn(TitleColumn):
    """The department's name, indented by its depth in the tree."""

    cell_template_name = "core/admin/department_title_cell.html"

    def get_cell_context_data(self, instance: Any, parent_context: dict[str, Any]) -> dict[str, Any]:
        context = super().get_cell_context_data(instance, parent_context)
        context["depth"] = getattr(instance, "tree_depth", 0)
        return context


class DepartmentIndexView(ScopedIndexMixin, generic.IndexView):
    """All departments in tree order (สำนัก/กอง › ฝ่าย › งาน), in one query."""

    default_ordering = None

    @cached_property
    def columns(self) -> list[Column]:
        title_class = self._get_title_column_class(DepartmentTitleColumn)

        def get_url(instance: Department) -> str | None:
            return self.get_edit_url(instance) or self.get_inspect_url(instance)

        return [
            title_class("name", label=_("name"), get_url=get_url),
            Column("short_name", label=_("short name")),
            Column("kind", label=_("kind"), accessor="get_kind_display"),
            Column("phone_extension", label=_("phone extension")),
        ]

    def get_queryset(self) -> list[Department]:  # type: ignore[override]
        organization = request_organization(self.request)
        if organization is None:
            return []
        ordered = []
        for department, depth in selectors.department_tree(organization=organization):
            department.tree_depth = depth  # type: ignore[attr-defined]
            ordered.append(department)
        return ordered


class DepartmentCreateView(OrganizationFormKwargsMixin, ServiceFormMixin, generic.CreateView):
    def save_with_service(self) -> Department:
        organization = self.get_organization()
        if organization is None:
            raise Http404
        return services.department_create(actor=self.request.user, organization=organization, **self.form.cleaned_data)


class DepartmentEditView(OrganizationFormKwargsMixin, ScopedObjectMixin, ServiceFormMixin, generic.EditView):
    def save_with_service(self) -> Department:
        return services.department_update(actor=self.request.user, department=self.object, **self.form.cleaned_data)


class DepartmentDeleteView(ServiceDeleteView):
    def delete_with_service(self) -> None:
        services.department_delete(actor=self.request.user, department=self.object)


class DepartmentInspectView(ScopedInspectView):
    fields = ["name", "short_name", "kind", "parent", "phone_extension"]


class DepartmentViewSet(OrganizationScopedViewSet):
    model = Department
    icon = "group"
    menu_label = _("Departments")
    index_view_class = DepartmentIndexView
    add_view_class = DepartmentCreateView
    edit_view_class = DepartmentEditView
    delete_view_class = DepartmentDeleteView
    inspect_view_class = DepartmentInspectView
    sort_order_field = None
    list_per_page = 200

    def get_form_class(self, for_update: bool = False) -> type[DepartmentForm]:
        return DepartmentForm


# --- Positions ----------------------------------------------------------------------


class PositionIndexView(ScopedIndexMixin, generic.IndexView):
    default_ordering = "name"


class PositionCreateView(OrganizationFormKwargsMixin, ServiceFormMixin, generic.CreateView):
    def save_with_service(self) -> Position:
        organization = self.get_organization()
        if organization is None:
            raise Http404
        return services.position_create(
            actor=self.request.user, organization=organization, name=self.form.cleaned_data["name"]
        )


class PositionEditView(OrganizationFormKwargsMixin, ScopedObjectMixin, ServiceFormMixin, generic.EditView):
    def save_with_service(self) -> Position:
        return services.position_update(
            actor=self.request.user, position=self.object, name=self.form.cleaned_data["name"]
        )


class PositionDeleteView(ServiceDeleteView):
    def delete_with_service(self) -> None:
        services.position_delete(actor=self.request.user, position=self.object)


class PositionInspectView(ScopedInspectView):
    fields = ["name"]


class PositionViewSet(OrganizationScopedViewSet):
    model = Position
    icon = "tag"
    menu_label = _("Positions")
    index_view_class = PositionIndexView
    add_view_class = PositionCreateView
    edit_view_class = PositionEditView
    delete_view_class = PositionDeleteView
    inspect_view_class = PositionInspectView
    list_display = ["name"]
    search_fields = ["name"]
    list_per_page = 50

    def get_form_class(self, for_update: bool = False) -> type[PositionForm]:
        return PositionForm


# --- Staff ------------------------------------------------------------------------------


def _departments_of_request(request: HttpRequest | None) -> QuerySet[Department]:
    organization = request_organization(request) if request is not None else None
    return Department.objects.filter(organization=organization)


class StaffFilterSet(WagtailFilterSet):
    department = django_filters.ModelChoiceFilter(
        label=_("department"), queryset=_departments_of_request, field_name="department"
    )
    is_active = django_filters.BooleanFilter(label=_("active"), field_name="is_active")

    class Meta:
        model = Membership
        fields: list[str] = []


def _role_names(membership: Membership) -> str:
    names = {group.name for group in membership.user.groups.all()}
    return ", ".join(role.group_name for role in ROLES.values() if role.group_name in names)


class StaffIndexView(ScopedIndexMixin, generic.IndexView):
    default_ordering = "user__first_name"
    page_title = _("Staff")

    def scoped_queryset(self) -> QuerySet[Membership]:
        return selectors.memberships_for(organization=request_organization(self.request))

    @cached_property
    def columns(self) -> list[Column]:
        title_class = self._get_title_column_class(TitleColumn)

        def get_url(instance: Membership) -> str | None:
            return self.get_edit_url(instance) or self.get_inspect_url(instance)

        return [
            title_class("name", label=_("name"), accessor="display_name", get_url=get_url, sort_key="user__first_name"),
            Column("username", label=_("username"), accessor="user.username", sort_key="user__username"),
            Column("department", label=_("department"), accessor="department", sort_key="department__name"),
            Column("position", label=_("position"), accessor="position", sort_key="position__name"),
            Column("roles", label=_("roles"), accessor=_role_names),
            BooleanColumn("is_active", label=_("active"), sort_key="is_active"),
        ]


class StaffCreateView(OrganizationFormKwargsMixin, ServiceFormMixin, generic.CreateView):
    page_title = _("Add staff")

    def save_with_service(self) -> Membership:
        organization = self.get_organization()
        if organization is None:
            raise Http404
        data = self.form.cleaned_data
        return services.staff_create(
            actor=self.request.user,
            organization=organization,
            username=data["username"],
            password=data["password1"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data.get("email", ""),
            name_prefix=data.get("name_prefix", ""),
            department=data.get("department"),
            position=data.get("position"),
            roles=data.get("roles", []),
        )


class StaffEditView(OrganizationFormKwargsMixin, ScopedObjectMixin, ServiceFormMixin, generic.EditView):
    def scoped_queryset(self) -> QuerySet[Membership]:
        return selectors.memberships_for(organization=request_organization(self.request))

    def get_page_subtitle(self) -> str:
        return self.object.display_name

    def save_with_service(self) -> Membership:
        data = self.form.cleaned_data
        return services.staff_update(
            actor=self.request.user,
            membership=self.object,
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data.get("email", ""),
            name_prefix=data.get("name_prefix", ""),
            department=data.get("department"),
            position=data.get("position"),
            is_active=data.get("is_active", False),
            roles=data.get("roles", []),
        )


class StaffInspectView(ScopedInspectView):
    fields = ["user", "name_prefix", "department", "position", "is_active"]

    def scoped_queryset(self) -> QuerySet[Membership]:
        return selectors.memberships_for(organization=request_organization(self.request))


class StaffViewSet(OrganizationScopedViewSet):
    model = Membership
    icon = "user"
    menu_label = _("Staff")
    menu_name = "staff"
    # Staff leave by being made inactive: their history in the audit log keeps a name.
    enabled_views = ("index", "index_results", "add", "edit", "inspect")
    index_view_class = StaffIndexView
    add_view_class = StaffCreateView
    edit_view_class = StaffEditView
    inspect_view_class = StaffInspectView
    filterset_class = StaffFilterSet
    search_fields = ["user__first_name", "user__last_name", "user__username"]
    list_per_page = 50

    def get_form_class(self, for_update: bool = False) -> type[StaffCreateForm] | type[StaffEditForm]:
        return StaffEditForm if for_update else StaffCreateForm


# --- The "Organization" menu ------------------------------------------------------------


class OrganizationViewSetGroup(ViewSetGroup):
    menu_label = _("Organization")
    menu_icon = "site"
    menu_name = "organization"
    menu_order = 800
    submenu_hook = ORGANIZATION_MENU_HOOK
    items = (
        OrganizationViewSet("core_organization", url_prefix="organization/settings"),
        DepartmentViewSet("core_departments", url_prefix="organization/departments"),
        PositionViewSet("core_positions", url_prefix="organization/positions"),
        StaffViewSet("core_staff", url_prefix="organization/staff"),
    )
