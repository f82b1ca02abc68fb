from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from prongsai.core.models import Department, Organization
from prongsai.core.tests.factories import make_department, make_organization, make_staff


@dataclass
class Town:
    organization: Organization
    departments: dict[str, Department]
    people: dict[str, Any] = field(default_factory=dict)  # role or label -> User


@pytest.fixture
def town(db) -> Town:
    """A small municipality: two top-level departments with units, and one person per role."""
    organization = make_organization(name="เทศบาลตำบลทดสอบ", document_number_prefix="ชร 52399", phone="053731288")
    office = make_department(organization=organization, name="สำนักปลัดเทศบาล", kind="office")
    legal = make_department(organization=organization, name="งานนิติการ", kind="unit", parent=office)
    admin = make_department(organization=organization, name="งานธุรการ", kind="unit", parent=office)
    strategy = make_department(organization=organization, name="กองยุทธศาสตร์และงบประมาณ", kind="division")
    pr = make_department(
        organization=organization,
        name="ฝ่ายเผยแพร่วิชาการและประชาสัมพันธ์",
        kind="section",
        parent=strategy,
        short_name="ฝ่ายเผยแพร่วิชาการฯ",
    )
    departments = {"office": office, "legal": legal, "admin": admin, "strategy": strategy, "pr": pr}
    town = Town(organization=organization, departments=departments)
    for label, role, department in (
        ("coordinator", "ita_coordinator", legal),
        ("chief", "chief_administrator", office),
        ("mayor", "executive", None),
        ("head", "department_head", strategy),
        ("pr_staff", "staff", pr),
        ("admin_staff", "staff", admin),
    ):
        membership = make_staff(organization=organization, roles=(role,), department=department, name_prefix="นาย")
        town.people[label] = membership.user
    return town


@pytest.fixture
def other_town(db) -> Town:
    organization = make_organization(name="เทศบาลตำบลอื่น")
    division = make_department(organization=organization, name="กองคลัง", kind="division")
    town = Town(organization=organization, departments={"finance": division})
    town.people["coordinator"] = make_staff(organization=organization, roles=("ita_coordinator",)).user
    return town


@pytest.fixture(autouse=True)
def _english():
    """Messages are English msgids in code; assert them in English (the Thai catalogue is another app's)."""
    from django.utils import translation

    with translation.override("en"):
        yield
