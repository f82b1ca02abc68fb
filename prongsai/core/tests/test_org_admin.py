"""The "Organization" screens of the admin: settings, departments, positions and staff."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prongsai.core.models import AuditEntry, Department, Membership, Organization, Position
from prongsai.core.selectors import role_codes_for_user

from .admin_helpers import admin_client, field_error, input_value, is_denied
from .factories import PASSWORD, make_department, make_organization, make_position, make_staff

pytestmark = pytest.mark.django_db

User = get_user_model()

SETTINGS = "/admin/organization/settings/"
DEPARTMENTS = "/admin/organization/departments/"
POSITIONS = "/admin/organization/positions/"
STAFF = "/admin/organization/staff/"


@pytest.fixture
def organization() -> Organization:
    # The only organization, no Site link: the default single-organization install.
    return make_organization(name="เทศบาลตำบลทดสอบ", phone="0-5373-1288")


@pytest.fixture
def sysadmin(organization):
    return make_staff(organization=organization, roles=("system_admin",)).user


@pytest.fixture
def client(sysadmin):
    return admin_client(sysadmin)


def last_entry(action: str) -> AuditEntry:
    entry = AuditEntry.objects.filter(action=action).order_by("-sequence").first()
    assert entry is not None, f"no {action} entry"
    return entry


def option_labels(html: str, field: str) -> list[str]:
    select = re.search(rf'<select[^>]*name="{field}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no <select> for {field}"
    return [unescape(label).strip() for label in re.findall(r"<option[^>]*>(.*?)</option>", select.group(1), re.S)]


def organization_form(organization: Organization, **changes: str) -> dict[str, str]:
    data = {
        "name": organization.name,
        "name_en": organization.name_en,
        "kind": organization.kind,
        "province": organization.province,
        "district": organization.district,
        "subdistrict": organization.subdistrict,
        "address": organization.address,
        "postcode": organization.postcode,
        "phone": organization.phone,
        "email": organization.email,
        "emblem": "",
        "document_number_prefix": organization.document_number_prefix,
        "use_thai_digits": "on" if organization.use_thai_digits else "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != "" or key in {"emblem"}}


# --- Organization settings -------------------------------------------------------------


def test_settings_menu_opens_the_request_organizations_own_form(client, organization):
    response = client.get(SETTINGS)
    assert response.status_code == 302
    assert response["Location"] == f"{SETTINGS}edit/{organization.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert input_value(page, "name") == "เทศบาลตำบลทดสอบ"
    assert input_value(page, "phone") == "0-5373-1288"


def test_system_admin_changes_settings_and_the_change_is_audited(client, sysadmin, organization):
    url = f"{SETTINGS}edit/{organization.pk}/"
    data = organization_form(
        organization,
        name="เทศบาลตำบลแม่สายใหม่",
        address="๑ ถนนพหลโยธิน",
        document_number_prefix="ชร ๕๒๓๐๑",
        use_thai_digits="",
        phone="053-731-288",
    )
    response = client.post(url, data)
    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.name == "เทศบาลตำบลแม่สายใหม่"
    assert organization.document_number_prefix == "ชร ๕๒๓๐๑"
    assert organization.use_thai_digits is False
    entry = last_entry("core.organization.update")
    assert entry.actor == sysadmin
    assert entry.organization == organization
    assert entry.data["changes"]["name"] == ["เทศบาลตำบลทดสอบ", "เทศบาลตำบลแม่สายใหม่"]
    assert entry.data["changes"]["use_thai_digits"] == [True, False]


def test_bad_settings_show_beside_the_field_keep_the_input_and_save_nothing(client, organization):
    url = f"{SETTINGS}edit/{organization.pk}/"
    before = AuditEntry.objects.count()
    response = client.post(url, organization_form(organization, name="ชื่อที่พิมพ์ไว้", phone="12345", postcode="571"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Thai phone number" in field_error(page, "phone")
    assert "five digits" in field_error(page, "postcode")
    assert input_value(page, "name") == "ชื่อที่พิมพ์ไว้"
    assert input_value(page, "phone") == "12345"
    organization.refresh_from_db()
    assert organization.name == "เทศบาลตำบลทดสอบ"
    assert AuditEntry.objects.count() == before


def test_emblem_is_chosen_with_the_image_chooser(client, organization):
    page = client.get(f"{SETTINGS}edit/{organization.pk}/").content.decode()
    assert 'data-controller="w-chooser"' in page or "image-chooser" in page


@pytest.mark.parametrize("role", ["staff", "executive", "department_head", "ita_coordinator"])
def test_only_the_system_admin_may_open_the_settings(organization, role):
    user = make_staff(organization=organization, roles=(role,)).user
    client = admin_client(user)
    assert is_denied(client.get(SETTINGS))
    assert is_denied(client.get(f"{SETTINGS}edit/{organization.pk}/"))


# --- Departments ----------------------------------------------------------------------------


def test_departments_are_listed_in_tree_order_indented(client, organization):
    finance = make_department(organization=organization, name="กองคลัง", sort_order=2)
    office = make_department(organization=organization, name="สำนักปลัดเทศบาล", kind="office", sort_order=1)
    make_department(organization=organization, name="งานการเงินและบัญชี", parent=finance)
    section = make_department(organization=organization, name="ฝ่ายอำนวยการ", parent=office, kind="section")
    make_department(organization=organization, name="งานธุรการ", parent=section)
    make_department(organization=organization, name="งานนิติการ", parent=office, sort_order=5)

    page = client.get(DEPARTMENTS).content.decode()
    rows = re.findall(r'data-depth="(\d)"[^>]*>.*?<a[^>]*>\s*([^<]+?)\s*</a>', page, re.S)
    assert [(int(depth), name) for depth, name in rows] == [
        (0, "สำนักปลัดเทศบาล"),
        (1, "ฝ่ายอำนวยการ"),
        (2, "งานธุรการ"),
        (1, "งานนิติการ"),
        (0, "กองคลัง"),
        (1, "งานการเงินและบัญชี"),
    ]


def test_department_list_takes_the_same_number_of_queries_for_more_departments(client, organization):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(DEPARTMENTS).status_code == 200
        return len(queries)

    parent = make_department(organization=organization)
    make_department(organization=organization, parent=parent)
    few = count()
    for _ in range(10):
        make_department(organization=organization, parent=make_department(organization=organization))
    assert count() == few


def test_system_admin_adds_a_unit_under_a_division_and_it_is_audited(client, sysadmin, organization):
    division = make_department(organization=organization, name="กองช่าง")
    page = client.get(f"{DEPARTMENTS}new/").content.decode()
    assert "กองช่าง" in option_labels(page, "parent")
    response = client.post(
        f"{DEPARTMENTS}new/",
        {"name": "งานวิศวกรรม", "kind": "unit", "parent": division.pk, "sort_order": 0, "short_name": ""},
    )
    assert response.status_code == 302
    unit = Department.objects.get(name="งานวิศวกรรม")
    assert unit.parent == division and unit.organization == organization
    entry = last_entry("core.department.create")
    assert entry.actor == sysadmin and entry.object_id == str(unit.pk)


def test_parent_chooser_offers_only_this_organizations_offices_divisions_and_sections(client, organization):
    other = make_organization()
    make_department(organization=other, name="กองของที่อื่น")
    division = make_department(organization=organization, name="กองคลัง")
    make_department(organization=organization, name="งานการเงิน", parent=division)
    labels = option_labels(client.get(f"{DEPARTMENTS}new/").content.decode(), "parent")
    assert "กองคลัง" in labels
    assert "กองของที่อื่น" not in labels
    assert not any("งานการเงิน" in label for label in labels)  # a unit cannot contain departments


def test_another_organizations_department_id_is_refused_as_parent(client, organization):
    other = make_organization()
    foreign = make_department(organization=other, name="กองของที่อื่น")
    response = client.post(
        f"{DEPARTMENTS}new/", {"name": "งานใหม่", "kind": "unit", "parent": foreign.pk, "sort_order": 0}
    )
    assert response.status_code == 200
    assert field_error(response.content.decode(), "parent")
    assert not Department.objects.filter(name="งานใหม่").exists()


def test_department_rules_show_beside_the_fields(client, organization):
    division = make_department(organization=organization, name="กองคลัง")
    make_department(organization=organization, name="งานการเงิน", parent=division)
    # A unit needs a parent.
    page = client.post(f"{DEPARTMENTS}new/", {"name": "งานลอย", "kind": "unit", "sort_order": 0}).content.decode()
    assert "must belong to an office or division" in field_error(page, "parent")
    assert input_value(page, "name") == "งานลอย"
    # The same name twice at one level.
    page = client.post(
        f"{DEPARTMENTS}new/", {"name": "งานการเงิน", "kind": "unit", "parent": division.pk, "sort_order": 0}
    ).content.decode()
    assert "already exists" in field_error(page, "name")
    assert Department.objects.filter(name="งานการเงิน").count() == 1


def test_a_department_cannot_be_moved_inside_itself(client, organization):
    office = make_department(organization=organization, name="สำนักปลัด", kind="office")
    section = make_department(organization=organization, name="ฝ่ายอำนวยการ", parent=office, kind="section")
    labels = option_labels(client.get(f"{DEPARTMENTS}edit/{office.pk}/").content.decode(), "parent")
    assert "สำนักปลัด" not in labels and not any("ฝ่ายอำนวยการ" in label for label in labels)
    response = client.post(
        f"{DEPARTMENTS}edit/{office.pk}/", {"name": "สำนักปลัด", "kind": "section", "parent": section.pk, "sort_order": 0}
    )
    assert response.status_code == 200
    office.refresh_from_db()
    assert office.parent is None


def test_editing_a_department_is_audited_with_what_changed(client, sysadmin, organization):
    division = make_department(organization=organization, name="กองคลัง")
    response = client.post(
        f"{DEPARTMENTS}edit/{division.pk}/",
        {"name": "กองคลัง", "kind": "division", "short_name": "คลัง", "phone_extension": "207", "sort_order": 3},
    )
    assert response.status_code == 302
    entry = last_entry("core.department.update")
    assert entry.actor == sysadmin
    assert entry.data["changes"] == {"short_name": ["", "คลัง"], "phone_extension": ["", "207"], "sort_order": [0, 3]}


def test_a_department_with_sub_departments_is_not_deleted(client, organization):
    division = make_department(organization=organization, name="กองคลัง")
    unit = make_department(organization=organization, name="งานการเงิน", parent=division)
    response = client.post(f"{DEPARTMENTS}delete/{division.pk}/", follow=True)
    assert "Move or delete the departments inside this one first." in response.content.decode()
    assert Department.objects.filter(pk=division.pk).exists()
    assert client.post(f"{DEPARTMENTS}delete/{unit.pk}/").status_code == 302
    assert not Department.objects.filter(pk=unit.pk).exists()
    assert last_entry("core.department.delete").object_label == "งานการเงิน"


def test_executive_views_departments_but_cannot_change_them(organization):
    division = make_department(organization=organization, name="กองคลัง")
    client = admin_client(make_staff(organization=organization, roles=("executive",)).user)
    page = client.get(DEPARTMENTS)
    assert page.status_code == 200 and "กองคลัง" in page.content.decode()
    assert f"{DEPARTMENTS}new/" not in page.content.decode()
    assert client.get(f"{DEPARTMENTS}inspect/{division.pk}/").status_code == 200
    assert is_denied(client.get(f"{DEPARTMENTS}new/"))
    assert is_denied(client.get(f"{DEPARTMENTS}edit/{division.pk}/"))
    assert is_denied(client.post(f"{DEPARTMENTS}delete/{division.pk}/"))
    assert Department.objects.filter(pk=division.pk).exists()


def test_plain_staff_do_not_see_the_organization_screens(organization):
    client = admin_client(make_staff(organization=organization, roles=("staff",)).user)
    for url in (DEPARTMENTS, POSITIONS, STAFF, SETTINGS):
        assert is_denied(client.get(url)), url
    assert "organization/departments/" not in client.get("/admin/").content.decode()


def test_the_menu_groups_the_screens_under_organization(client):
    page = unescape(client.get("/admin/").content.decode())
    menu = page[page.index('"label": "Organization"') :]
    for url in (SETTINGS, DEPARTMENTS, POSITIONS, STAFF, "/admin/audit-log/"):
        assert url in menu[:4000], url


# --- Positions ----------------------------------------------------------------------------------


def test_positions_are_added_renamed_and_deleted_through_services(client, sysadmin, organization):
    assert client.post(f"{POSITIONS}new/", {"name": "นิติกรชำนาญการ"}).status_code == 302
    position = Position.objects.get(organization=organization, name="นิติกรชำนาญการ")
    assert last_entry("core.position.create").actor == sysadmin
    page = client.post(f"{POSITIONS}new/", {"name": "นิติกรชำนาญการ"}).content.decode()
    assert "already has a position" in field_error(page, "name")
    assert client.post(f"{POSITIONS}edit/{position.pk}/", {"name": "นิติกรชำนาญการพิเศษ"}).status_code == 302
    assert last_entry("core.position.update").data["changes"] == {"name": ["นิติกรชำนาญการ", "นิติกรชำนาญการพิเศษ"]}
    assert client.post(f"{POSITIONS}delete/{position.pk}/").status_code == 302
    assert not Position.objects.filter(pk=position.pk).exists()
    assert last_entry("core.position.delete").object_label == "นิติกรชำนาญการพิเศษ"


def test_the_same_position_name_may_exist_in_another_organization(client, organization):
    make_position(organization=make_organization(), name="ปลัดเทศบาล")
    assert client.post(f"{POSITIONS}new/", {"name": "ปลัดเทศบาล"}).status_code == 302


# --- Staff -----------------------------------------------------------------------------------------


def staff_form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "username": "kanokwan",
        "name_prefix": "นางสาว",
        "first_name": "กนกวรรณ",
        "last_name": "วงศ์ใหญ่",
        "email": "kanokwan@example.go.th",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "roles": ["staff", "ita_coordinator"],
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_system_admin_adds_staff_with_roles_in_one_step(client, sysadmin, organization):
    unit = make_department(
        organization=organization, parent=make_department(organization=organization), name="งานธุรการ"
    )
    position = make_position(organization=organization, name="เจ้าพนักงานธุรการ")
    page = client.get(f"{STAFF}new/").content.decode()
    assert 'type="checkbox" name="roles" value="system_admin"' in page
    response = client.post(f"{STAFF}new/", staff_form(department=unit.pk, position=position.pk))
    assert response.status_code == 302, response.content.decode()[:300]
    membership = Membership.objects.get(user__username="kanokwan")
    assert membership.organization == organization
    assert (membership.department, membership.position, membership.name_prefix) == (unit, position, "นางสาว")
    assert membership.user.check_password(PASSWORD)
    assert role_codes_for_user(membership.user) == ["ita_coordinator", "staff"]
    assert last_entry("core.staff.create").actor == sysadmin
    roles_entry = last_entry("auth.roles.add")
    assert roles_entry.actor == sysadmin and roles_entry.organization == organization
    assert roles_entry.object_id == str(membership.user.pk)


def test_bad_staff_input_shows_beside_the_fields_and_keeps_what_was_typed(client, organization):
    make_staff(organization=organization, username="taken")
    response = client.post(
        f"{STAFF}new/", staff_form(username="taken", password1="short", password2="short", first_name="สมชาย")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "username is taken" in field_error(page, "username")
    assert field_error(page, "password1")  # the password policy says why
    assert input_value(page, "first_name") == "สมชาย"
    assert 'value="ita_coordinator" checked' in page or re.search(r'value="ita_coordinator"[^>]*checked', page)
    assert User.objects.filter(username="taken").count() == 1
    assert not User.objects.filter(first_name="สมชาย").exists()

    page = client.post(f"{STAFF}new/", staff_form(password2="something-else-2566")).content.decode()
    assert "differ" in field_error(page, "password2")


def test_staff_department_must_be_of_this_organization(client, organization):
    foreign = make_department(organization=make_organization(), name="กองของที่อื่น")
    page = client.get(f"{STAFF}new/").content.decode()
    assert "กองของที่อื่น" not in option_labels(page, "department")
    response = client.post(f"{STAFF}new/", staff_form(department=foreign.pk))
    assert response.status_code == 200
    assert field_error(response.content.decode(), "department")
    assert not User.objects.filter(username="kanokwan").exists()


def test_editing_staff_changes_place_and_roles_and_is_audited(client, sysadmin, organization):
    membership = make_staff(organization=organization, roles=("staff",), first_name="สมศรี", last_name="ใจงาม")
    division = make_department(organization=organization, name="กองคลัง")
    page = client.get(f"{STAFF}edit/{membership.pk}/").content.decode()
    assert input_value(page, "first_name") == "สมศรี"
    assert re.search(r'value="staff"[^>]*checked', page)
    response = client.post(
        f"{STAFF}edit/{membership.pk}/",
        {
            "first_name": "สมศรี",
            "last_name": "ใจงามยิ่ง",
            "email": "",
            "name_prefix": "นาง",
            "department": division.pk,
            "roles": ["department_head"],
            # "is_active" left out: the checkbox is cleared
        },
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.department == division and membership.is_active is False
    assert membership.user.last_name == "ใจงามยิ่ง"
    assert role_codes_for_user(membership.user) == ["department_head"]
    update = last_entry("core.staff.update")
    assert update.actor == sysadmin
    assert update.data["changes"]["last_name"] == ["ใจงาม", "ใจงามยิ่ง"]
    assert update.data["changes"]["is_active"] == [True, False]
    assert last_entry("auth.roles.remove").data["groups"] == ["เจ้าหน้าที่"]
    assert last_entry("auth.roles.add").data["groups"] == ["หัวหน้าส่วนราชการ"]


def test_staff_list_shows_people_with_roles_in_a_constant_number_of_queries(client, organization):
    def count() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(STAFF)
        assert response.status_code == 200
        return len(queries), response.content.decode()

    make_staff(organization=organization, roles=("executive",), first_name="ชัยยนต์", name_prefix="นาย")
    few, page = count()
    assert "นายชัยยนต์" in page and "ผู้บริหาร (นายก)" in page
    for _ in range(12):
        make_staff(organization=organization, roles=("staff", "ita_coordinator"))
    many, _page = count()
    assert many == few


def test_staff_list_can_be_searched_and_filtered_by_department(client, organization):
    division = make_department(organization=organization, name="กองคลัง")
    make_staff(organization=organization, first_name="มาลี", department=division)
    make_staff(organization=organization, first_name="ประยุทธ")
    page = client.get(STAFF, {"q": "มาลี"}).content.decode()
    assert "มาลี" in page and "ประยุทธ" not in page
    page = client.get(STAFF, {"department": division.pk}).content.decode()
    assert "มาลี" in page and "ประยุทธ" not in page


def test_staff_are_made_inactive_not_deleted(client, organization):
    membership = make_staff(organization=organization)
    assert client.post(f"{STAFF}delete/{membership.pk}/").status_code == 404


def test_settings_form_data_is_json_safe_in_the_log(client, organization):
    # Image and other foreign keys are logged by id, so the entry's JSON stays readable.
    client.post(f"{SETTINGS}edit/{organization.pk}/", organization_form(organization, name="ชื่อใหม่"))
    entry = last_entry("core.organization.update")
    assert json.loads(json.dumps(entry.data)) == entry.data
