from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from wagtail.models import Collection, Page

from prongsai.core.models import Department, Organization
from prongsai.core.services import roles_grant_content_access
from prongsai.core.tests.factories import make_department, make_position, make_site_organization, make_staff

from .factories import make_page


@dataclass
class Town:
    organization: Organization
    departments: dict[str, Department]
    people: dict[str, Any] = field(default_factory=dict)  # label -> User
    pages: dict[str, Page] = field(default_factory=dict)


@pytest.fixture
def town(db) -> Town:
    """A municipality on the test client's host: departments, one person per role, a few pages."""
    organization = make_site_organization(hostname="testserver", name="เทศบาลตำบลทดสอบ")
    office = make_department(organization=organization, name="สำนักปลัดเทศบาล", kind="office")
    legal = make_department(organization=organization, name="งานนิติการ", kind="unit", parent=office)
    admin = make_department(organization=organization, name="งานธุรการ", kind="unit", parent=office)
    strategy = make_department(organization=organization, name="กองยุทธศาสตร์และงบประมาณ", kind="division")
    pr = make_department(
        organization=organization, name="ฝ่ายเผยแพร่วิชาการและประชาสัมพันธ์", kind="section", parent=strategy
    )
    finance = make_department(organization=organization, name="กองคลัง", kind="division")
    departments = {"office": office, "legal": legal, "admin": admin, "strategy": strategy, "pr": pr, "finance": finance}
    town = Town(organization=organization, departments=departments)
    mayor_position = make_position(organization=organization, name="นายกเทศมนตรีตำบลทดสอบ")
    for label, role, department, extra in (
        ("coordinator", "ita_coordinator", legal, {}),
        ("head", "department_head", strategy, {}),
        ("pr_staff", "staff", pr, {}),
        ("admin_staff", "staff", admin, {}),
        ("finance_staff", "staff", finance, {}),
        ("mayor", "executive", None, {"position": mayor_position}),
    ):
        membership = make_staff(
            organization=organization,
            roles=(role,),
            department=department,
            name_prefix="นาย",
            email=f"{label}@example.go.th",
            **extra,
        )
        town.people[label] = membership.user
    home = organization.site.root_page  # type: ignore[union-attr]
    town.pages["home"] = home
    roles_grant_content_access(organization=organization, root_page=home, collection=Collection.get_first_root_node())
    town.pages["about"] = make_page(parent=home, title="เกี่ยวกับเทศบาล", slug="about")
    town.pages["contact"] = make_page(parent=home, title="ติดต่อเทศบาล", slug="contact")
    town.pages["draft"] = make_page(parent=home, title="ร่างหน้าใหม่", slug="draft", live=False)
    return town


@pytest.fixture
def other_town(db) -> Town:
    organization = make_site_organization(hostname="other.example", name="เทศบาลตำบลอื่น")
    finance = make_department(organization=organization, name="กองคลัง", kind="division")
    town = Town(organization=organization, departments={"finance": finance})
    town.people["coordinator"] = make_staff(organization=organization, roles=("ita_coordinator",)).user
    return town


@pytest.fixture(autouse=True)
def _english():
    """Messages are English msgids in code; assert them in English (the Thai catalogue is another app's)."""
    from django.utils import translation

    with translation.override("en"):
        yield
