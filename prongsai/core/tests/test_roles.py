"""Roles: what each one may do, and that every change of roles is in the audit log."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from prongsai.core import services
from prongsai.core.models import AuditEntry, Membership
from prongsai.core.roles import ROLES
from prongsai.core.selectors import role_codes_for_user

from .admin_helpers import admin_client
from .factories import PASSWORD, make_organization, make_staff

pytestmark = pytest.mark.django_db

User = get_user_model()

# What each role may do with core's own models: the intent, written out by hand.
CORE_PERMISSIONS: dict[str, set[str]] = {
    "system_admin": {
        "change_organization",
        "view_organization",
        "add_department",
        "change_department",
        "delete_department",
        "view_department",
        "add_position",
        "change_position",
        "delete_position",
        "view_position",
        "add_membership",
        "change_membership",
        "delete_membership",
        "view_membership",
        "view_auditentry",
    },
    "executive": {"view_department", "view_position"},
    "chief_administrator": {"view_department", "view_position"},
    "department_head": {"view_department", "view_position"},
    "ita_coordinator": {"view_department", "view_position"},
    "complaint_officer": set(),
    "staff": set(),
}
USER_ADMIN = {"add_user", "change_user", "delete_user"}


def group_permissions(role: str, app_label: str) -> set[str]:
    group = Group.objects.get(name=ROLES[role].group_name)
    return set(group.permissions.filter(content_type__app_label=app_label).values_list("codename", flat=True))


@pytest.mark.parametrize("role", list(CORE_PERMISSIONS))
def test_each_role_has_exactly_its_intended_core_and_account_permissions(role):
    services.roles_sync()
    assert group_permissions(role, "core") == CORE_PERMISSIONS[role]
    assert group_permissions(role, "auth") == (USER_ADMIN if role == "system_admin" else set())
    admin_access = Group.objects.get(name=ROLES[role].group_name).permissions.filter(codename="access_admin")
    assert admin_access.exists(), "every role opens the admin"


def test_demo_accounts_can_do_what_their_role_allows(demo):
    accounts = {m.user.username: m.user for m in Membership.objects.filter(organization=demo).select_related("user")}
    head, mayor, staff, officer = accounts["head"], accounts["mayor"], accounts["staff"], accounts["officer"]
    admin = accounts["admin"]
    assert admin.has_perm("core.add_department") and admin.has_perm("core.view_auditentry")
    assert mayor.has_perm("core.view_department") and not mayor.has_perm("core.change_department")
    assert not mayor.has_perm("core.add_department")
    assert head.has_perm("core.view_department") and not head.has_perm("core.add_department")
    for user in (staff, officer):
        assert not user.has_perm("core.add_department")
        assert not user.has_perm("core.view_department")
        assert not user.has_perm("core.view_auditentry")
        assert not user.has_perm("auth.change_user")
    # Each demo account holds exactly its own role.
    expected = {
        "admin": ["system_admin"],
        "mayor": ["executive"],
        "palad": ["chief_administrator"],
        "head": ["department_head"],
        "nitikorn": ["ita_coordinator"],
        "officer": ["complaint_officer"],
        "staff": ["staff"],
    }
    assert {name: role_codes_for_user(accounts[name]) for name in expected} == expected


def test_system_admin_can_add_departments_staff_cannot_executive_only_views(db):
    organization = make_organization()
    sysadmin = make_staff(organization=organization, roles=("system_admin",)).user
    staff = make_staff(organization=organization, roles=("staff",)).user
    executive = make_staff(organization=organization, roles=("executive",)).user
    assert sysadmin.has_perm("core.add_department")
    assert not staff.has_perm("core.add_department")
    assert executive.has_perm("core.view_department")
    assert not executive.has_perm("core.change_department")
    assert not executive.has_perm("core.add_department")


def test_staff_set_roles_is_audited_with_who_and_where():
    organization = make_organization()
    sysadmin = make_staff(organization=organization, roles=("system_admin",)).user
    membership = make_staff(organization=organization, roles=("staff",))
    before = AuditEntry.objects.count()

    services.staff_set_roles(actor=sysadmin, membership=membership, roles=["staff", "ita_coordinator"])
    added = AuditEntry.objects.filter(sequence__gt=before).get()
    assert added.action == "auth.roles.add"
    assert (added.actor, added.organization) == (sysadmin, organization)
    assert added.object_id == str(membership.user.pk)
    assert added.data == {"groups": ["ผู้ประสานงาน ITA"]}

    services.staff_set_roles(actor=sysadmin, membership=membership, roles=["ita_coordinator"])
    removed = AuditEntry.objects.order_by("-sequence").first()
    assert removed is not None and removed.action == "auth.roles.remove"
    assert removed.data == {"groups": ["เจ้าหน้าที่"]}

    count = AuditEntry.objects.count()
    services.staff_set_roles(actor=sysadmin, membership=membership, roles=["ita_coordinator"])
    assert AuditEntry.objects.count() == count, "an unchanged set of roles writes nothing"


def test_staff_set_roles_keeps_groups_that_are_not_roles():
    organization = make_organization()
    membership = make_staff(organization=organization, roles=("staff",))
    other = Group.objects.create(name="คณะทำงานพิเศษ")
    membership.user.groups.add(other)
    services.staff_set_roles(membership=membership, roles=["executive"])
    assert set(membership.user.groups.values_list("name", flat=True)) == {"คณะทำงานพิเศษ", "ผู้บริหาร (นายก)"}
    with pytest.raises(ValueError):
        services.staff_set_roles(membership=membership, roles=["mayor-for-life"])


def user_form(user, **changes):
    data = {
        "username": user.username,
        "email": user.email or f"{user.username}@example.go.th",
        "first_name": user.first_name,
        "last_name": user.last_name,
        "is_active": "on",
        "password1": "",
        "password2": "",
        "groups": [group.pk for group in user.groups.all()],
    }
    data.update(changes)
    return data


def test_granting_a_role_in_the_users_screen_is_audited():
    organization = make_organization()
    sysadmin = make_staff(organization=organization, roles=("system_admin",)).user
    target = make_staff(organization=organization, roles=("staff",)).user
    client = admin_client(sysadmin)
    executive_group = Group.objects.get(name=ROLES["executive"].group_name)
    before = AuditEntry.objects.count()

    groups = [*target.groups.values_list("pk", flat=True), executive_group.pk]
    response = client.post(f"/admin/users/edit/{target.pk}/", user_form(target, groups=groups))
    assert response.status_code == 302, response.content.decode()[:500]
    assert role_codes_for_user(target) == ["executive", "staff"]
    entry = AuditEntry.objects.filter(sequence__gt=before, action="auth.roles.add").get()
    assert entry.actor == sysadmin
    assert entry.organization == organization
    assert entry.object_id == str(target.pk)
    assert entry.data == {"groups": ["ผู้บริหาร (นายก)"]}


def test_bulk_role_assignment_in_the_users_screen_is_audited():
    organization = make_organization()
    sysadmin = make_staff(organization=organization, roles=("system_admin",)).user
    target = make_staff(organization=organization, roles=("staff",)).user
    client = admin_client(sysadmin)
    group = Group.objects.get(name=ROLES["department_head"].group_name)
    response = client.post(f"/admin/bulk/auth/user/assign_role/?id={target.pk}", {"role": group.pk})
    assert response.status_code == 302
    assert "department_head" in role_codes_for_user(target)
    entry = AuditEntry.objects.filter(action="auth.roles.add").order_by("-sequence").first()
    assert entry is not None and entry.actor == sysadmin and entry.object_id == str(target.pk)


def test_a_system_admin_cannot_make_anyone_a_superuser():
    organization = make_organization()
    sysadmin = make_staff(organization=organization, roles=("system_admin",)).user
    target = make_staff(organization=organization, roles=("staff",)).user
    client = admin_client(sysadmin)
    page = client.get(f"/admin/users/edit/{target.pk}/").content.decode()
    assert 'name="is_superuser"' not in page
    client.post(f"/admin/users/edit/{target.pk}/", user_form(target, is_superuser="on"))
    target.refresh_from_db()
    assert not target.is_superuser


def test_a_system_admin_cannot_edit_a_superuser_account():
    organization = make_organization()
    sysadmin = make_staff(organization=organization, roles=("system_admin",)).user
    root = make_staff(organization=organization, roles=("system_admin",)).user
    root.is_superuser = True
    root.save()
    client = admin_client(sysadmin)
    assert client.get(f"/admin/users/edit/{root.pk}/").status_code == 404
    response = client.post(
        f"/admin/users/edit/{root.pk}/", user_form(root, password1=PASSWORD + "x", password2=PASSWORD + "x")
    )
    assert response.status_code == 404
    root.refresh_from_db()
    assert root.check_password(PASSWORD)


def test_an_account_created_in_the_users_screen_joins_the_organization():
    organization = make_organization()
    sysadmin = make_staff(organization=organization, roles=("system_admin",)).user
    client = admin_client(sysadmin)
    response = client.post(
        "/admin/users/new/",
        {
            "username": "newcomer",
            "email": "newcomer@example.go.th",
            "first_name": "สมใจ",
            "last_name": "มาใหม่",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "groups": [Group.objects.get(name=ROLES["staff"].group_name).pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    user = User.objects.get(username="newcomer")
    assert Membership.objects.filter(user=user, organization=organization).exists()
    assert "newcomer" in client.get("/admin/users/").content.decode()
    created = AuditEntry.objects.filter(action="core.staff.create").order_by("-sequence").first()
    assert created is not None and created.actor == sysadmin
