"""Who may do what in the OIT tracker.

Model permissions go to roles (registered in apps.py); the object rules live here: the ITA
coordinator assigns, reviews and edits every item; staff and heads of a responsible department
(or of a unit inside it, or of the division above it) add evidence and submit that item; everyone
else in the organization who can open the admin reads.
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

from .models import OitAssignment

VIEW = "disclosure.view_oitassignment"
REVIEW = "disclosure.change_oitassignment"
ADD_EVIDENCE = "disclosure.add_oitevidence"

_READ = {VIEW, "disclosure.view_oitevidence"}
_EVIDENCE = {ADD_EVIDENCE, "disclosure.delete_oitevidence"}

ROLE_PERMISSIONS: dict[str, set[str]] = {
    ITA_COORDINATOR: _READ | _EVIDENCE | {REVIEW, "disclosure.add_oitassignment"},
    DEPARTMENT_HEAD: _READ | _EVIDENCE,
    STAFF: _READ | _EVIDENCE,
    CHIEF_ADMINISTRATOR: set(_READ),
    EXECUTIVE: set(_READ),
    SYSTEM_ADMIN: set(_READ),
}


def _member(user: Any, organization: Organization) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return membership_for(user=user, organization=organization) is not None


def can_view(user: Any, organization: Organization | None) -> bool:
    if organization is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(user.has_perm(VIEW)) and _member(user, organization)


def is_coordinator(user: Any, organization: Organization | None) -> bool:
    if organization is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(user.has_perm(REVIEW)) and _member(user, organization)


def department_chain(department_id: int, parents: dict[int, int | None]) -> list[int]:
    """The department and every department above it."""
    chain = [department_id]
    parent_id = parents.get(department_id)
    while parent_id is not None and parent_id not in chain:
        chain.append(parent_id)
        parent_id = parents.get(parent_id)
    return chain


def department_parents(organization: Organization) -> dict[int, int | None]:
    """department id -> parent id for the whole organization, in one query."""
    return dict(Department.objects.filter(organization=organization).values_list("pk", "parent_id"))


def user_department_id(user: Any, organization: Organization) -> int | None:
    membership = membership_for(user=user, organization=organization)
    return membership.department_id if membership is not None else None


def department_answers(my_department_id: int | None, department_ids: list[int], parents: dict[int, int | None]) -> bool:
    """True when my department is responsible, inside a responsible department, or the division above one."""
    if my_department_id is None:
        return False
    mine = department_chain(my_department_id, parents)
    return any(owner in mine or my_department_id in department_chain(owner, parents) for owner in department_ids)


def can_edit_evidence(user: Any, assignment: OitAssignment) -> bool:
    """Add or remove evidence and submit: the coordinator, or staff of a responsible department."""
    organization = assignment.organization
    if is_coordinator(user, organization):
        return True
    if not (getattr(user, "is_authenticated", False) and user.has_perm(ADD_EVIDENCE)):
        return False
    department_ids = [department.pk for department in assignment.departments.all()]
    return department_answers(user_department_id(user, organization), department_ids, department_parents(organization))
