"""Roles are Django groups with a fixed code, a Thai name and a least-privilege set of permissions.

Domain apps add their permissions to a role by extending ROLE_PERMISSIONS in their
own AppConfig.ready() (`register_role_permissions`), so core never imports a domain.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Role:
    code: str
    group_name: str  # the Group's name, shown in the admin; Thai, as staff know the roles
    description: object
    requires_2fa: bool = False
    permissions: set[str] = field(default_factory=set)
    # Wagtail grants pages and collections per subtree, not per model:
    page_permissions: frozenset[str] = frozenset()  # "add", "change", "publish", ...
    collection_permissions: frozenset[str] = frozenset()  # "add_document", "choose_image", ...


SYSTEM_ADMIN = "system_admin"
EXECUTIVE = "executive"
CHIEF_ADMINISTRATOR = "chief_administrator"
DEPARTMENT_HEAD = "department_head"
ITA_COORDINATOR = "ita_coordinator"
COMPLAINT_OFFICER = "complaint_officer"
STAFF = "staff"

_CONTENT_EDITING = {"wagtailadmin.access_admin"}
_EDIT_PAGES = frozenset({"add", "change"})
_PUBLISH_PAGES = frozenset({"add", "change", "publish", "unpublish", "lock"})
_MEDIA = frozenset({"add_document", "change_document", "choose_document", "add_image", "change_image", "choose_image"})
_MEDIA_ADMIN = _MEDIA | {"delete_document", "delete_image"}

ROLES: dict[str, Role] = {
    SYSTEM_ADMIN: Role(
        SYSTEM_ADMIN,
        "ผู้ดูแลระบบ",
        _("Manages the organization, departments, staff accounts and roles; reads the audit log."),
        requires_2fa=True,
        permissions=_CONTENT_EDITING
        | {
            "auth.add_user",
            "auth.change_user",
            "auth.delete_user",
            "core.change_organization",
            "core.view_organization",
            "core.add_department",
            "core.change_department",
            "core.delete_department",
            "core.view_department",
            "core.add_position",
            "core.change_position",
            "core.delete_position",
            "core.view_position",
            "core.add_membership",
            "core.change_membership",
            "core.delete_membership",
            "core.view_membership",
            "core.view_auditentry",
        },
        page_permissions=_PUBLISH_PAGES | {"delete"},
        collection_permissions=_MEDIA_ADMIN,
    ),
    EXECUTIVE: Role(
        EXECUTIVE,
        "ผู้บริหาร (นายก)",
        _("The mayor: reads everything staff prepare and gives orders on documents sent up for approval."),
        permissions={"wagtailadmin.access_admin", "core.view_department", "core.view_position"},
    ),
    CHIEF_ADMINISTRATOR: Role(
        CHIEF_ADMINISTRATOR,
        "ปลัด",
        _("The chief administrator: gives opinions on documents before they reach the mayor."),
        permissions={"wagtailadmin.access_admin", "core.view_department", "core.view_position"},
    ),
    DEPARTMENT_HEAD: Role(
        DEPARTMENT_HEAD,
        "หัวหน้าส่วนราชการ",
        _("Head of an office or division: oversees the department's work and publishes its content."),
        permissions=_CONTENT_EDITING | {"core.view_department", "core.view_position"},
        page_permissions=_PUBLISH_PAGES,
        collection_permissions=_MEDIA,
    ),
    ITA_COORDINATOR: Role(
        ITA_COORDINATOR,
        "ผู้ประสานงาน ITA",
        _("Usually the legal unit: prepares ITA measures and reports and reviews disclosure evidence."),
        permissions=_CONTENT_EDITING | {"core.view_department", "core.view_position"},
        page_permissions=_PUBLISH_PAGES,
        collection_permissions=_MEDIA,
    ),
    COMPLAINT_OFFICER: Role(
        COMPLAINT_OFFICER,
        "เจ้าหน้าที่รับเรื่องร้องเรียน",
        _("Reads and handles corruption complaints; must use two-factor login."),
        requires_2fa=True,
        permissions={"wagtailadmin.access_admin"},
    ),
    STAFF: Role(
        STAFF,
        "เจ้าหน้าที่",
        _("Municipal staff: adds content and evidence for their own department."),
        permissions=_CONTENT_EDITING,
        page_permissions=_EDIT_PAGES,
        collection_permissions=_MEDIA,
    ),
}


def register_role_permissions(role_code: str, permissions: set[str]) -> None:
    """Let a domain app grant its own permissions to a role (call from AppConfig.ready)."""
    ROLES[role_code].permissions.update(permissions)


def role_for_group_name(name: str) -> Role | None:
    return next((role for role in ROLES.values() if role.group_name == name), None)


def user_role_codes(user: object) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    names = {group.name for group in user.groups.all()}  # type: ignore[attr-defined]
    return {role.code for role in ROLES.values() if role.group_name in names}


def user_requires_2fa(user: object) -> bool:
    from django.conf import settings

    if getattr(user, "is_superuser", False):
        return True
    return bool(user_role_codes(user) & set(settings.PRONGSAI_ROLES_REQUIRING_2FA))
