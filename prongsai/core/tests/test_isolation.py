"""Two organizations on one install: each sees only its own people, departments and log.

Organization A answers on a.test and B on b.test, each with its own Wagtail Site and
home page. Staff of A signed in on a.test must never see B's rows, B's ids are 404, and
B's admin is closed to them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory, override_settings
from wagtail.models import Site

from prongsai.core.audit import audit_record
from prongsai.core.models import AuditEntry, Department, Membership, Organization, Position
from prongsai.core.selectors import organization_for_request

from .admin_helpers import admin_client
from .factories import make_department, make_organization, make_position, make_site_organization, make_staff

pytestmark = pytest.mark.django_db

User = get_user_model()


@dataclass
class Side:
    organization: Organization
    department: Department
    position: Position
    admin: Membership
    clerk: Membership
    entry: AuditEntry


def build_side(*, hostname: str, name: str, letter: str) -> Side:
    organization = make_site_organization(hostname=hostname, name=name)
    division = make_department(organization=organization, name=f"กองคลัง{letter}")
    unit = make_department(organization=organization, name=f"งานการเงิน{letter}", parent=division)
    position = make_position(organization=organization, name=f"นักวิชาการเงินและบัญชี{letter}")
    admin = make_staff(
        organization=organization, roles=("system_admin",), username=f"admin_{letter}", first_name=f"ผู้ดูแล{letter}"
    )
    clerk = make_staff(
        organization=organization,
        roles=("staff",),
        username=f"clerk_{letter}",
        first_name=f"เสมียน{letter}",
        department=unit,
        position=position,
    )
    entry = audit_record(action=f"test.marker_{letter}", organization=organization, data={"side": letter})
    return Side(organization, unit, position, admin, clerk, entry)


@pytest.fixture
def a() -> Side:
    return build_side(hostname="a.test", name="เทศบาลตำบลอาคเนย์", letter="A")


@pytest.fixture
def b() -> Side:
    return build_side(hostname="b.test", name="เทศบาลตำบลบูรพา", letter="B")


@pytest.fixture
def client_a(a, b) -> Client:
    return admin_client(a.admin.user, host="a.test")


def test_request_organization_follows_the_host(a, b):
    factory = RequestFactory()
    assert organization_for_request(factory.get("/", HTTP_HOST="a.test")) == a.organization
    assert organization_for_request(factory.get("/", HTTP_HOST="b.test")) == b.organization
    assert organization_for_request(factory.get("/admin/", HTTP_HOST="b.test:80")) == b.organization


def test_public_pages_show_their_own_organization(a, b):
    page_b = Client(HTTP_HOST="b.test").get("/").content.decode()
    assert "เทศบาลตำบลบูรพา" in page_b
    assert "เทศบาลตำบลอาคเนย์" not in page_b
    page_a = Client(HTTP_HOST="a.test").get("/").content.decode()
    assert "เทศบาลตำบลอาคเนย์" in page_a
    assert "เทศบาลตำบลบูรพา" not in page_a


def test_admin_lists_on_a_show_only_as_rows(client_a, a, b):
    screens = {
        "/admin/organization/departments/": (a.department.name, b.department.name),
        "/admin/organization/positions/": (a.position.name, b.position.name),
        "/admin/organization/staff/": (a.clerk.user.username, b.clerk.user.username),
        "/admin/users/": (a.clerk.user.username, b.clerk.user.username),
        "/admin/audit-log/": ("test.marker_A", "test.marker_B"),
    }
    for url, (own, foreign) in screens.items():
        response = client_a.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert own in html, url
        assert foreign not in html, url
    # Searching does not reach across either.
    assert b.clerk.user.username not in client_a.get("/admin/users/", {"q": "clerk"}).content.decode()
    assert b.clerk.user.username not in client_a.get("/admin/organization/staff/", {"q": "clerk"}).content.decode()


def test_bs_object_urls_are_404_on_a(client_a, a, b):
    foreign_urls = [
        f"/admin/organization/settings/edit/{b.organization.pk}/",
        f"/admin/organization/departments/edit/{b.department.pk}/",
        f"/admin/organization/departments/inspect/{b.department.pk}/",
        f"/admin/organization/departments/delete/{b.department.pk}/",
        f"/admin/organization/positions/edit/{b.position.pk}/",
        f"/admin/organization/positions/inspect/{b.position.pk}/",
        f"/admin/organization/positions/delete/{b.position.pk}/",
        f"/admin/organization/staff/edit/{b.clerk.pk}/",
        f"/admin/organization/staff/inspect/{b.clerk.pk}/",
        f"/admin/users/edit/{b.clerk.user.pk}/",
        f"/admin/users/delete/{b.clerk.user.pk}/",
        f"/admin/audit-log/inspect/{b.entry.pk}/",
    ]
    for url in foreign_urls:
        assert client_a.get(url).status_code == 404, url
        assert client_a.post(url, {"name": "ถูกแก้"}).status_code == 404, url
    # The same screens open A's own rows.
    assert client_a.get(f"/admin/organization/departments/edit/{a.department.pk}/").status_code == 200
    assert client_a.get(f"/admin/users/edit/{a.clerk.user.pk}/").status_code == 200
    # Nothing of B's changed.
    assert Department.objects.get(pk=b.department.pk).name == b.department.name
    assert Position.objects.get(pk=b.position.pk).name == b.position.name
    assert User.objects.filter(pk=b.clerk.user.pk).exists()


def test_bulk_actions_on_users_do_not_reach_b(client_a, a, b):
    url = "/admin/bulk/auth/user/set_active_state/?id=all"
    response = client_a.post(url, {"mark_as_active": "False"})
    assert response.status_code == 302
    assert User.objects.get(pk=b.clerk.user.pk).is_active
    assert User.objects.get(pk=b.admin.user.pk).is_active
    assert not User.objects.get(pk=a.clerk.user.pk).is_active
    # Naming B's user explicitly does not work either.
    client_a.post(f"/admin/bulk/auth/user/delete/?id={b.clerk.user.pk}", {})
    assert User.objects.filter(pk=b.clerk.user.pk).exists()


def test_staff_of_a_are_refused_at_bs_admin(a, b):
    client = admin_client(a.admin.user, host="b.test")
    assert client.get("/admin/").status_code == 403
    assert client.get(f"/admin/organization/departments/edit/{b.department.pk}/").status_code == 403
    assert client.get("/admin/users/").status_code == 403
    # And B's own administrator gets in.
    assert admin_client(b.admin.user, host="b.test").get("/admin/").status_code == 200


def test_a_new_department_on_a_belongs_to_a(client_a, a, b):
    response = client_a.post(
        "/admin/organization/departments/new/", {"name": "กองช่าง", "kind": "division", "sort_order": 0}
    )
    assert response.status_code == 302
    assert Department.objects.get(name="กองช่าง").organization == a.organization


def test_the_organization_settings_menu_opens_the_hosts_organization(a, b):
    response = admin_client(b.admin.user, host="b.test").get("/admin/organization/settings/")
    assert response["Location"].endswith(f"/edit/{b.organization.pk}/")


# --- The default install: one organization, no Site link ----------------------------------------


def test_a_single_organization_without_a_site_link_serves_every_host():
    organization = make_organization(name="เทศบาลตำบลเดียว")
    factory = RequestFactory()
    assert Site.objects.filter(is_default_site=True).exists()
    for host in ("localhost", "testserver", "unknown.example"):
        assert organization_for_request(factory.get("/", HTTP_HOST=host)) == organization
    membership = make_staff(organization=organization, roles=("system_admin",))
    client = admin_client(membership.user, host="localhost")
    assert client.get("/admin/organization/settings/")["Location"].endswith(f"/edit/{organization.pk}/")


def test_the_first_organization_is_the_default_unless_settings_name_one():
    first = make_organization(name="เทศบาลแรก", slug="first")
    second = make_organization(name="เทศบาลที่สอง", slug="second")
    request = RequestFactory().get("/", HTTP_HOST="nowhere.test")
    assert organization_for_request(request) == first
    with override_settings(PRONGSAI_DEFAULT_ORGANIZATION="second"):
        assert organization_for_request(request) == second
