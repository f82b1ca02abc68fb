"""The demo municipality, assembled from each app's `demo.py`.

`load_demo` discovers a `demo` module in every installed app (as Django discovers
`admin.py`); each registers a loader with an order. Core's loader runs first and
creates เทศบาลตำบลแม่สาย, its departments and one account per role; later apps add
their pages and domain data to the context it returns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.module_loading import autodiscover_modules

DEMO_PASSWORD = "maesai-demo-2566"


@dataclass
class DemoContext:
    organization: Any = None
    departments: dict[str, Any] = field(default_factory=dict)
    accounts: dict[str, Any] = field(default_factory=dict)  # role code -> Membership
    pages: dict[str, Any] = field(default_factory=dict)
    log: list[str] = field(default_factory=list)


_LOADERS: list[tuple[int, str, Callable[[DemoContext], None]]] = []


Loader = Callable[[DemoContext], None]


def register_demo_loader(order: int, name: str) -> Callable[[Loader], Loader]:
    def decorator(function: Loader) -> Loader:
        if all(existing != name for _, existing, _ in _LOADERS):
            _LOADERS.append((order, name, function))
        return function

    return decorator


def demo_loaders() -> list[tuple[int, str, Callable[[DemoContext], None]]]:
    autodiscover_modules("demo")
    return sorted(_LOADERS, key=lambda item: item[0])


# --- Core's part: the organization, its departments, positions and people -------------

# (name, kind, short name, children); names as the seed prints them.
DEMO_DEPARTMENTS: list[tuple[str, str, str, list[tuple[str, str, str]]]] = [
    (
        "สำนักปลัดเทศบาล",
        "office",
        "สำนักปลัดฯ",
        [
            ("งานธุรการ", "unit", ""),
            ("งานนิติการ", "unit", ""),
            ("งานการเจ้าหน้าที่", "unit", ""),
            ("งานป้องกันและบรรเทาสาธารณภัย", "unit", ""),
        ],
    ),
    (
        "กองยุทธศาสตร์และงบประมาณ",
        "division",
        "กองยุทธศาสตร์ฯ",
        [
            ("ฝ่ายเผยแพร่วิชาการและประชาสัมพันธ์", "section", "ฝ่ายเผยแพร่วิชาการฯ"),
            ("งานวิเคราะห์นโยบายและแผน", "unit", ""),
        ],
    ),
    ("กองคลัง", "division", "", [("งานการเงินและบัญชี", "unit", ""), ("งานพัฒนาและจัดเก็บรายได้", "unit", "")]),
    ("กองช่าง", "division", "", [("งานวิศวกรรม", "unit", ""), ("งานสาธารณูปโภค", "unit", "")]),
    ("กองสาธารณสุขและสิ่งแวดล้อม", "division", "กองสาธารณสุขฯ", [("งานรักษาความสะอาด", "unit", "")]),
    ("กองการศึกษา", "division", "", [("งานส่งเสริมการศึกษา ศาสนาและวัฒนธรรม", "unit", "")]),
]

# role -> (username, prefix, first, last, position, department, e-mail)
DEMO_ACCOUNTS: dict[str, tuple[str, str, str, str, str, str]] = {
    "system_admin": ("admin", "นาย", "ธนากร", "ใจดี", "นักวิชาการคอมพิวเตอร์ชำนาญการ", "งานธุรการ"),
    "executive": ("mayor", "นาย", "ชัยยนต์", "ศรีสมุทร", "นายกเทศมนตรีตำบลแม่สาย", ""),
    "chief_administrator": ("palad", "นาย", "สุระกิจ", "โยชมณเฑียร", "ปลัดเทศบาล", "สำนักปลัดเทศบาล"),
    "department_head": (
        "head",
        "นางสาว",
        "พรทิพย์",
        "คำแก้ว",
        "ผู้อำนวยการกองยุทธศาสตร์และงบประมาณ",
        "กองยุทธศาสตร์และงบประมาณ",
    ),
    "ita_coordinator": ("nitikorn", "นาย", "สุระกิจ", "ยอดมงคล", "นิติกรชำนาญการพิเศษ", "งานนิติการ"),
    "complaint_officer": ("officer", "นาง", "สุดารัตน์", "อินต๊ะ", "นิติกรชำนาญการ", "งานนิติการ"),
    "staff": ("staff", "นางสาว", "กนกวรรณ", "วงศ์ใหญ่", "เจ้าพนักงานธุรการชำนาญงาน", "งานธุรการ"),
}


@register_demo_loader(0, "core")
def load_core_demo(context: DemoContext) -> None:
    from . import services

    organization = services.organization_create(
        name="เทศบาลตำบลแม่สาย",
        name_en="Mae Sai Subdistrict Municipality",
        slug="maesai",
        kind="subdistrict_municipality",
        province="เชียงราย",
        district="แม่สาย",
        subdistrict="แม่สาย",
        address="เลขที่ ๑ ถนนพหลโยธิน ตำบลแม่สาย อำเภอแม่สาย จังหวัดเชียงราย ๕๗๑๓๐",
        postcode="57130",
        phone="0-5373-1288",
        email="saraban@maesai.go.th",
        document_number_prefix="ชร ๕๒๓๐๑",
        use_thai_digits=True,
    )
    context.organization = organization
    for order, (name, kind, short, children) in enumerate(DEMO_DEPARTMENTS):
        parent = services.department_create(
            organization=organization, name=name, kind=kind, short_name=short, sort_order=order
        )
        context.departments[name] = parent
        for child_order, (child_name, child_kind, child_short) in enumerate(children):
            context.departments[child_name] = services.department_create(
                organization=organization,
                name=child_name,
                kind=child_kind,
                short_name=child_short,
                parent=parent,
                sort_order=child_order,
            )
    for role, (username, prefix, first, last, position_name, department_name) in DEMO_ACCOUNTS.items():
        position = services.position_get_or_create(organization=organization, name=position_name)
        membership = services.staff_create(
            organization=organization,
            username=username,
            password=DEMO_PASSWORD,
            first_name=first,
            last_name=last,
            email=f"{username}@maesai.go.th",
            name_prefix=prefix,
            department=context.departments.get(department_name),
            position=position,
            roles=[role],
        )
        if role == "system_admin":
            membership.user.is_superuser = True
            membership.user.save(update_fields=["is_superuser"])
        context.accounts[role] = membership
    context.log.append(f"{organization.name}: {len(context.departments)} departments, {len(context.accounts)} accounts")
