"""Reads for the core app, always scoped to one organization."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from wagtail.models import Site

from .models import AuditEntry, Department, Membership, Organization, Position
from .roles import ROLES


def organization_for_site(site: Site | None) -> Organization | None:
    if site is not None:
        organization = Organization.objects.filter(site=site).select_related("emblem").first()
        if organization is not None:
            return organization
    return organization_default()


def organization_default() -> Organization | None:
    """The organization of a single-organization install (the default)."""
    queryset = Organization.objects.select_related("emblem")
    slug = settings.PRONGSAI_DEFAULT_ORGANIZATION
    if slug:
        return queryset.filter(slug=slug).first()
    return queryset.order_by("pk").first()


def organization_for_request(request: HttpRequest) -> Organization | None:
    return organization_for_site(Site.find_for_request(request))


def membership_for(*, user: Any, organization: Organization | None) -> Membership | None:
    if organization is None or not getattr(user, "is_authenticated", False):
        return None
    return (
        Membership.objects.filter(user=user, organization=organization, is_active=True)
        .select_related("department", "position")
        .first()
    )


def department_tree(*, organization: Organization) -> list[tuple[Department, int]]:
    """Departments in tree order with their depth (0 = สำนัก/กอง), in one query."""
    departments = list(Department.objects.filter(organization=organization).order_by("sort_order", "name"))
    children: dict[int | None, list[Department]] = {}
    for department in departments:
        children.setdefault(department.parent_id, []).append(department)
    ordered: list[tuple[Department, int]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for child in children.get(parent_id, []):
            ordered.append((child, depth))
            walk(child.pk, depth + 1)

    walk(None, 0)
    return ordered


def departments_for(*, organization: Organization) -> QuerySet[Department]:
    return Department.objects.filter(organization=organization)


def department_descendant_ids(*, department: Department) -> set[int]:
    """The ids of every department inside `department` (not itself), in one query."""
    rows = list(Department.objects.filter(organization_id=department.organization_id).values_list("pk", "parent_id"))
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in rows:
        children.setdefault(parent_id, []).append(pk)
    found: set[int] = set()
    stack = list(children.get(department.pk, []))
    while stack:
        pk = stack.pop()
        if pk not in found:
            found.add(pk)
            stack.extend(children.get(pk, []))
    return found


def positions_for(*, organization: Organization | None) -> QuerySet[Position]:
    return Position.objects.filter(organization=organization).order_by("name")


def memberships_for(*, organization: Organization | None) -> QuerySet[Membership]:
    """Staff of the organization with everything a staff list shows, in a constant number of queries."""
    return (
        Membership.objects.filter(organization=organization)
        .select_related("user", "organization", "department", "position")
        .prefetch_related("user__groups")
    )


def role_codes_for_user(user: Any) -> list[str]:
    """The role codes a user holds, in ROLES order (uses prefetched groups when present)."""
    names = {group.name for group in user.groups.all()}
    return [code for code, role in ROLES.items() if role.group_name in names]


def users_for(*, organization: Organization | None) -> QuerySet[Any]:
    """Accounts that are staff (active or not) of the organization."""
    return get_user_model()._default_manager.filter(memberships__organization=organization)


def audit_entries_for(*, organization: Organization | None, include_unscoped: bool = False) -> QuerySet[AuditEntry]:
    """The organization's audit entries, newest first; with `include_unscoped`, also those of no organization."""
    condition = Q(organization=organization) if organization is not None else Q(pk__in=[])
    if include_unscoped:
        condition |= Q(organization__isnull=True)
    return AuditEntry.objects.filter(condition).select_related("actor").order_by("-sequence")
