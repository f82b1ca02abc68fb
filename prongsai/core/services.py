"""Writes for the core app: organizations, departments, positions, staff and roles.

Every function is keyword-only, validates its input with the model's `full_clean`,
and records an audit entry for what it changed.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from .audit import audit_record
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
    """Replace a staff member's roles with `roles` (role codes)."""
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"Unknown roles: {sorted(unknown)}")
    groups = roles_sync()
    role_groups = {groups[code] for code in ROLES}
    user = membership.user
    keep = [g for g in user.groups.all() if g not in role_groups]
    # The m2m receiver in core.receivers audits the change itself.
    user.groups.set(keep + [groups[code] for code in roles])
