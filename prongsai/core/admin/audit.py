"""The audit log in the Wagtail admin: a read-only list with filters, and one entry's details.

Visible to users with `core.view_auditentry` (the system administrator) and to superusers.
Entries are those of the request's organization; entries that belong to no organization
(e.g. a failed sign-in on an unknown host) are shown to superusers only.
"""

from __future__ import annotations

import json
from typing import Any

import django_filters
from django.contrib.admin.utils import unquote
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic

from prongsai.core import selectors
from prongsai.core.models import AuditEntry

from .organization import ORGANIZATION_MENU_HOOK, OrganizationScopedViewSet
from .scoping import request_organization

PER_PAGE = 50


def audit_entries_visible_to(request: HttpRequest) -> QuerySet[AuditEntry]:
    return selectors.audit_entries_for(
        organization=request_organization(request),
        include_unscoped=bool(getattr(request.user, "is_superuser", False)),
    )


def _members_of_request(request: HttpRequest | None) -> QuerySet[Any]:
    organization = request_organization(request) if request is not None else None
    return selectors.users_for(organization=organization).order_by("first_name", "last_name", "username")


class AuditEntryFilterSet(WagtailFilterSet):
    action = django_filters.ChoiceFilter(label=_("action"), choices=[])
    actor = django_filters.ModelChoiceFilter(label=_("user"), queryset=_members_of_request)
    created_at = django_filters.DateFromToRangeFilter(label=_("date"), widget=DateRangePickerWidget)
    object_type = django_filters.ChoiceFilter(label=_("object type"), choices=[])

    class Meta:
        model = AuditEntry
        fields: list[str] = []

    def __init__(self, *args: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
        super().__init__(*args, request=request, **kwargs)
        # Offer only values that occur in this organization's log (two queries, whatever its size).
        visible = audit_entries_visible_to(request).order_by() if request is not None else AuditEntry.objects.none()
        for name in ("action", "object_type"):
            values = visible.exclude(**{name: ""}).values_list(name, flat=True).distinct()
            self.filters[name].extra["choices"] = [(value, value) for value in sorted(values)]


def _local_time(entry: AuditEntry) -> str:
    return timezone.localtime(entry.created_at).strftime("%Y-%m-%d %H:%M:%S")


class AuditEntryIndexView(generic.IndexView):
    page_title = _("Audit log")
    any_permission_required = ["view"]

    def get_base_queryset(self) -> QuerySet[AuditEntry]:
        return audit_entries_visible_to(self.request)

    def order_queryset(self, queryset: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
        return queryset.order_by("-sequence")  # newest first, always

    @cached_property
    def columns(self) -> list[Column]:
        title_class = self._get_title_column_class(TitleColumn)
        return [
            title_class("sequence", label=_("no."), accessor="sequence", get_url=self.get_inspect_url),
            Column("created_at", label=_("time"), accessor=_local_time),
            Column("actor", label=_("user"), accessor=lambda e: e.actor_label or "—"),
            Column("action", label=_("action"), accessor="action"),
            Column("object_type", label=_("object type"), accessor="object_type"),
            Column("object_label", label=_("object"), accessor="object_label"),
        ]


class AuditEntryInspectView(generic.InspectView):
    any_permission_required = ["view"]
    fields = [
        "sequence",
        "created_at",
        "organization",
        "actor_label",
        "action",
        "object_type",
        "object_id",
        "object_label",
        "data",
        "prev_hash",
        "entry_hash",
    ]

    def get_object(self, queryset: QuerySet[AuditEntry] | None = None) -> AuditEntry:
        return get_object_or_404(
            audit_entries_visible_to(self.request).select_related("organization"), pk=unquote(str(self.pk))
        )

    def get_page_subtitle(self) -> str:
        return f"#{self.object.sequence} {self.object.action}"

    def get_created_at_display_value(self) -> str:
        return _local_time(self.object)

    def get_data_display_value(self) -> SafeString:
        text = json.dumps(self.object.data, indent=2, ensure_ascii=False, sort_keys=True)
        return format_html('<pre class="prongsai-audit-data">{}</pre>', text)


class AuditEntryViewSet(OrganizationScopedViewSet):
    model = AuditEntry
    icon = "history"
    menu_label = _("Audit log")
    menu_name = "audit_log"
    menu_hook = ORGANIZATION_MENU_HOOK  # a fifth entry in the "Organization" menu
    enabled_views = ("index", "index_results", "inspect")
    index_view_class = AuditEntryIndexView
    inspect_view_class = AuditEntryInspectView
    filterset_class = AuditEntryFilterSet
    list_per_page = PER_PAGE
    form_fields: list[str] = []  # never edited; the (unrouted) edit views still need a form
