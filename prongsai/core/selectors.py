"""Reads for the core app, always scoped to one organization."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from wagtail.models import Site

from .models import Department, Membership, Organization


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
