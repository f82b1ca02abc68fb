"""Who may do what in ITA.

Model permissions go to roles (registered in apps.py); the object-level rules live here:
staff of an owner department (or of a unit above or below it) add results to that measure,
the ITA coordinator edits everything, the chief administrator gives opinions, the mayor orders,
and everyone else in the organization reads.
"""

from __future__ import annotations

from typing import Any

from prongsai.core.models import Department, Organization
from prongsai.core.roles import (
    CHIEF_ADMINISTRATOR,
    DEPARTMENT_HEAD,
    EXECUTIVE,
    ITA_COORDINATOR,
    STAFF,
    SYSTEM_ADMIN,
)
from prongsai.core.selectors import membership_for

from .models import Measure, ReportRound, RoundStatus

_READ = {
    "ita.view_framework",
    "ita.view_assessmentresult",
    "ita.view_measure",
    "ita.view_measureresult",
    "ita.view_reportround",
}

ROLE_PERMISSIONS: dict[str, set[str]] = {
    ITA_COORDINATOR: _READ
    | {
        "ita.add_assessmentresult",
        "ita.change_assessmentresult",
        "ita.delete_assessmentresult",
        "ita.add_measure",
        "ita.change_measure",
        "ita.delete_measure",
        "ita.add_measureresult",
        "ita.change_measureresult",
        "ita.delete_measureresult",
        "ita.add_reportround",
        "ita.change_reportround",
        "ita.submit_reportround",
        "ita.view_reporttemplate",
        "ita.change_reporttemplate",
        "ita.add_reporttemplate",
    },
    DEPARTMENT_HEAD: _READ | {"ita.add_measureresult"},
    STAFF: _READ | {"ita.add_measureresult"},
    CHIEF_ADMINISTRATOR: _READ | {"ita.opine_reportround"},
    EXECUTIVE: _READ | {"ita.order_reportround"},
    SYSTEM_ADMIN: _READ
    | {
        "ita.add_framework",
        "ita.change_framework",
        "ita.delete_framework",
        "ita.change_oititem",
        "ita.add_oititem",
        "ita.delete_oititem",
        "ita.view_oititem",
        "ita.change_gradeband",
        "ita.add_gradeband",
        "ita.view_gradeband",
    },
}


def _membership(user: Any, organization: Organization) -> Any:
    """The user's membership, looked up once per user object (one request) and organization."""
    cache = user.__dict__.setdefault("_ita_membership_cache", {})
    if organization.pk not in cache:
        cache[organization.pk] = membership_for(user=user, organization=organization)
    return cache[organization.pk]


def _departments(user: Any, organization: Organization) -> dict[int, Department]:
    cache = user.__dict__.setdefault("_ita_departments_cache", {})
    if organization.pk not in cache:
        cache[organization.pk] = {d.pk: d for d in Department.objects.filter(organization=organization)}
    return cache[organization.pk]  # type: ignore[no-any-return]


def _member(user: Any, organization: Organization) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return _membership(user, organization) is not None


def can_read(user: Any, organization: Organization) -> bool:
    return bool(user.has_perm("ita.view_measure")) and _member(user, organization)


def is_coordinator(user: Any, organization: Organization) -> bool:
    return bool(user.has_perm("ita.change_measure")) and _member(user, organization)


def can_edit_measure(user: Any, measure: Measure) -> bool:
    return is_coordinator(user, measure.organization)


def _ancestors(department: Department, by_id: dict[int, Department]) -> list[int]:
    chain = [department.pk]
    parent_id = department.parent_id
    while parent_id is not None and parent_id not in chain:
        chain.append(parent_id)
        parent = by_id.get(parent_id)
        parent_id = parent.parent_id if parent else None
    return chain


def owns_measure(user: Any, measure: Measure) -> bool:
    """The user's department is an owner, inside an owner, or the division above an owner."""
    if not getattr(user, "is_authenticated", False):
        return False
    membership = _membership(user, measure.organization)
    if membership is None or membership.department_id is None:
        return False
    by_id = _departments(user, measure.organization)
    mine = by_id.get(membership.department_id)
    if mine is None:
        return False
    my_chain = _ancestors(mine, by_id)
    for owner in measure.owners.all():
        owner_chain = _ancestors(by_id.get(owner.pk, owner), by_id)
        if owner.pk in my_chain or mine.pk in owner_chain:
            return True
    return False


def can_add_result(user: Any, measure: Measure) -> bool:
    if can_edit_measure(user, measure):
        return True
    return bool(user.has_perm("ita.add_measureresult")) and owns_measure(user, measure)


def can_manage_reports(user: Any, organization: Organization) -> bool:
    return bool(user.has_perm("ita.submit_reportround")) and _member(user, organization)


def can_submit(user: Any, report_round: ReportRound) -> bool:
    return report_round.status in (RoundStatus.DRAFT, RoundStatus.RETURNED) and can_manage_reports(
        user, report_round.organization
    )


def can_opine(user: Any, report_round: ReportRound) -> bool:
    return (
        report_round.status == RoundStatus.SUBMITTED
        and bool(user.has_perm("ita.opine_reportround"))
        and _member(user, report_round.organization)
    )


def can_order(user: Any, report_round: ReportRound) -> bool:
    return (
        report_round.status == RoundStatus.CHIEF_REVIEWED
        and bool(user.has_perm("ita.order_reportround"))
        and _member(user, report_round.organization)
    )


def can_return(user: Any, report_round: ReportRound) -> bool:
    return can_opine(user, report_round) or can_order(user, report_round)
