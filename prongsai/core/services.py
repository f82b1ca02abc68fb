"""Writes for the core app: organizations, departments, positions, staff and roles.

Every function is keyword-only, validates its input with the model's `full_clean`,
and records an audit entry for what it changed.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from .audit import audit_context, audit_record
from .models import Department, Membership, Organization, Position
from .roles import ROLES

User = get_user_model()


def _permission(codename: str) -> Permission | None:
    app_label, name = codename.split(".", 1)
    return Permission.objects.filter(content_type__app_label=app_label, codename=name).first()


@transaction.atomic
def roles_sync() -> dict[str, Group]:
    """Create each role's group and give it exactly the role's model permissions.

    Idempotent; runs after every migrate. Permissions that do not exist yet (an app
    not installed) are skipped.
    """
    groups: dict[str, Group] = {}
    for role in ROLES.values():
        group, _ = Group.objects.get_or_create(name=role.group_name)
        wanted = [p for p in (_permission(code) for code in sorted(role.permissions)) if p is not None]
        group.permissions.set(wanted)
        groups[role.code] = group
    return groups


@transaction.atomic
def roles_grant_content_access(*, organization: Organization, root_page: Page, collection: Collection) -> None:
    """Give each role its page permissions under `root_page` and media permissions in `collection`."""
    groups = roles_sync()
    for role in ROLES.values():
        group = groups[role.code]
        for perm in role.page_permissions:
            permission = _permission(f"wagtailcore.{perm}_page")
            if permission:
                GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=permission)
        for perm in role.collection_permissions:
            app = "wagtaildocs" if perm.endswith("document") else "wagtailimages"
            permission = _permission(f"{app}.{perm}")
            if permission:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=collection, permission=permission
                )
    audit_record(action="core.roles.grant_content_access", organization=organization, obj=root_page)


@transaction.atomic
def organization_create(*, actor: Any = None, **fields: Any) -> Organization:
    organization = Organization(**fields)
    organization.full_clean()
    organization.save()
    audit_record(action="core.organization.create", actor=actor, organization=organization, obj=organization)
    return organization


@transaction.atomic
def department_create(
    *,
    actor: Any = None,
    organization: Organization,
    name: str,
    kind: str,
    parent: Department | None = None,
    short_name: str = "",
    phone_extension: str = "",
    sort_order: int = 0,
) -> Department:
    department = Department(
        organization=organization,
        parent=parent,
        name=name,
        kind=kind,
        short_name=short_name,
        phone_extension=phone_extension,
        sort_order=sort_order,
    )
    department.full_clean()
    department.save()
    audit_record(action="core.department.create", actor=actor, organization=organization, obj=department)
    return department


@transaction.atomic
def position_get_or_create(*, actor: Any = None, organization: Organization, name: str) -> Position:
    position, created = Position.objects.get_or_create(organization=organization, name=name)
    if created:
        audit_record(action="core.position.create", actor=actor, organization=organization, obj=position)
    return position


@transaction.atomic
def staff_create(
    *,
    actor: Any = None,
    organization: Organization,
    username: str,
    password: str,
    first_name: str,
    last_name: str,
    email: str = "",
    name_prefix: str = "",
    department: Department | None = None,
    position: Position | None = None,
    roles: list[str] | tuple[str, ...] = (),
) -> Membership:
    """Create a staff account with its membership and roles. The password must pass the policy."""
    from django.contrib.auth.password_validation import validate_password

    user = User(username=username, first_name=first_name, last_name=last_name, email=email, is_active=True)
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    membership = Membership(
        user=user, organization=organization, department=department, position=position, name_prefix=name_prefix
    )
    membership.full_clean()
    membership.save()
    audit_record(action="core.staff.create", actor=actor, organization=organization, obj=membership)
    staff_set_roles(actor=actor, membership=membership, roles=roles)
    return membership


@transaction.atomic
def staff_set_roles(*, actor: Any = None, membership: Membership, roles: list[str] | tuple[str, ...]) -> None:
    """Replace a staff member's roles with `roles` (role codes).

    Each role added or removed is audited (``auth.roles.add`` / ``auth.roles.remove``)
    with `actor` and the membership's organization; nothing is written if the roles
    are unchanged.
    """
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"Unknown roles: {sorted(unknown)}")
    groups = roles_sync()
    role_groups = {groups[code] for code in ROLES}
    user = membership.user
    keep = [g for g in user.groups.all() if g not in role_groups]
    # The m2m receiver in core.receivers writes the entries; the context tells it who and where.
    with audit_context(actor=actor, organization=membership.organization):
        user.groups.set(keep + [groups[code] for code in roles])


def _value(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    return value


def _changes(before: models.Model | None, after: models.Model, fields: list[str]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields whose value changed (foreign keys by id)."""
    changed: dict[str, list[Any]] = {}
    for name in fields:
        field = after._meta.get_field(name)
        attname = field.attname  # type: ignore[union-attr]
        old = getattr(before, attname) if before is not None else None
        new = getattr(after, attname)
        if old != new:
            changed[name] = [_value(old), _value(new)]
    return changed


ORGANIZATION_EDITABLE_FIELDS = [
    "name",
    "name_en",
    "kind",
    "province",
    "district",
    "subdistrict",
    "address",
    "postcode",
    "phone",
    "email",
    "emblem",
    "document_number_prefix",
    "use_thai_digits",
]


@transaction.atomic
def organization_update(*, actor: Any = None, organization: Organization, **fields: Any) -> Organization:
    """Change an organization's settings (any of ORGANIZATION_EDITABLE_FIELDS).

    Validates with `full_clean` (raises ValidationError, nothing saved) and audits the
    changed fields as ``core.organization.update``.
    """
    unknown = set(fields) - set(ORGANIZATION_EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    before = Organization.objects.get(pk=organization.pk)
    for name, value in fields.items():
        setattr(organization, name, value)
    organization.full_clean()
    organization.save()
    changes = _changes(before, organization, list(fields))
    if changes:
        audit_record(
            action="core.organization.update",
            actor=actor,
            organization=organization,
            obj=organization,
            data={"changes": changes},
        )
    return organization


DEPARTMENT_EDITABLE_FIELDS = ["name", "short_name", "kind", "parent", "phone_extension", "sort_order"]


@transaction.atomic
def department_update(*, actor: Any = None, department: Department, **fields: Any) -> Department:
    """Change a department (any of DEPARTMENT_EDITABLE_FIELDS); validated and audited.

    The parent must belong to the same organization and may not be the department itself
    or one of its descendants (ValidationError otherwise).
    """
    unknown = set(fields) - set(DEPARTMENT_EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    before = Department.objects.get(pk=department.pk)
    for name, value in fields.items():
        setattr(department, name, value)
    department.full_clean()
    department.save()
    changes = _changes(before, department, list(fields))
    if changes:
        audit_record(
            action="core.department.update",
            actor=actor,
            organization=department.organization,
            obj=department,
            data={"changes": changes},
        )
    return department


@transaction.atomic
def department_delete(*, actor: Any = None, department: Department) -> None:
    """Delete a department that has no sub-departments (ValidationError otherwise).

    Staff in it keep their membership, without a department.
    """
    if department.children.exists():
        raise ValidationError(gettext_lazy("Move or delete the departments inside this one first."))
    organization = department.organization
    audit_record(action="core.department.delete", actor=actor, organization=organization, obj=department)
    department.delete()


@transaction.atomic
def position_create(*, actor: Any = None, organization: Organization, name: str) -> Position:
    """Add a position; ValidationError if the organization already has one of that name."""
    position = Position(organization=organization, name=name)
    position.full_clean()
    position.save()
    audit_record(action="core.position.create", actor=actor, organization=organization, obj=position)
    return position


@transaction.atomic
def position_update(*, actor: Any = None, position: Position, name: str) -> Position:
    before = Position.objects.get(pk=position.pk)
    position.name = name
    position.full_clean()
    position.save()
    changes = _changes(before, position, ["name"])
    if changes:
        audit_record(
            action="core.position.update",
            actor=actor,
            organization=position.organization,
            obj=position,
            data={"changes": changes},
        )
    return position


@transaction.atomic
def position_delete(*, actor: Any = None, position: Position) -> None:
    """Delete a position; staff who held it keep their membership, without a position."""
    audit_record(action="core.position.delete", actor=actor, organization=position.organization, obj=position)
    position.delete()


@transaction.atomic
def membership_create(
    *,
    actor: Any = None,
    organization: Organization,
    user: Any,
    department: Department | None = None,
    position: Position | None = None,
    name_prefix: str = "",
) -> Membership:
    """Make an existing account staff of `organization` (validated; audited as ``core.staff.create``)."""
    membership = Membership(
        user=user, organization=organization, department=department, position=position, name_prefix=name_prefix
    )
    membership.full_clean()
    membership.save()
    audit_record(action="core.staff.create", actor=actor, organization=organization, obj=membership)
    return membership


@transaction.atomic
def staff_update(
    *,
    actor: Any = None,
    membership: Membership,
    first_name: str,
    last_name: str,
    email: str = "",
    name_prefix: str = "",
    department: Department | None = None,
    position: Position | None = None,
    is_active: bool = True,
    roles: list[str] | tuple[str, ...] | None = None,
) -> Membership:
    """Change a staff member's name, e-mail, place in the organization, active flag and roles.

    Department and position must belong to the membership's organization (ValidationError,
    nothing saved). Changes are audited as ``core.staff.update``; roles as in staff_set_roles.
    """
    user = membership.user
    user_before = User.objects.get(pk=user.pk)
    before = Membership.objects.get(pk=membership.pk)
    user.first_name = first_name
    user.last_name = last_name
    user.email = email
    membership.name_prefix = name_prefix
    membership.department = department
    membership.position = position
    membership.is_active = is_active
    user.full_clean()
    membership.full_clean()
    user.save(update_fields=["first_name", "last_name", "email"])
    membership.save()
    changes = _changes(user_before, user, ["first_name", "last_name", "email"])
    changes.update(_changes(before, membership, ["name_prefix", "department", "position", "is_active"]))
    if changes:
        audit_record(
            action="core.staff.update",
            actor=actor,
            organization=membership.organization,
            obj=membership,
            data={"changes": changes},
        )
    if roles is not None:
        staff_set_roles(actor=actor, membership=membership, roles=roles)
    return membership
